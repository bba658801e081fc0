"""A bundle bringing most of the lead's interviews: the answers' index is made once, at the end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from exchange_world import P, Side, border_answers, team_of

from smallk import lower_k
from testimonio import errors
from testimonio.exchange.bundle import write_bundle
from testimonio.services.keys import KeyService
from testimonio.services.settings import SettingsService
from testimonio.vault import repo_imports

RECORDS = repo_imports.BULK_RECORDS + 200


def _records(r: Side, first: int) -> list[dict[str, Any]]:
    """RECORDS records made from one the researcher's export wrote, each its own interview."""
    lower_k(SettingsService(r.vault), 2)
    r.add(border_answers(1))
    good = dict(r.export.plan().records[0].record)
    return [dict(good, export_id=f"{n:032x}",
                 answers={**good["answers"], P["interview_minutes"]: 10 + n % 50})
            for n in range(first, first + RECORDS)]


def _indexed_counts(lead: Side) -> tuple[list[Any], list[Any], Any, Any]:
    """(path, value) counts read through the index and from the table, the index's
    definition, and the database's own check."""
    sql = "SELECT path, value, count(*) FROM answers {} GROUP BY path, value ORDER BY 1, 2"
    with lead.vault.read() as db:
        return (db.execute(sql.format("INDEXED BY answers_path_value")).fetchall(),
                db.execute(sql.format("NOT INDEXED")).fetchall(),
                db.execute("SELECT sql FROM sqlite_master WHERE name = 'answers_path_value'")
                .fetchone(),
                db.execute("PRAGMA integrity_check").fetchone())


def _state(lead: Side) -> str:
    with lead.vault.read() as db:
        return "\n".join(repr(r) for t in ("interviews", "answers", "imported_origin", "import_log")
                         for r in db.execute(f"SELECT * FROM {t} ORDER BY 1"))


def test_a_large_first_bundle_is_merged_with_the_index_made_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lead, (r,) = team_of(tmp_path)
    records = _records(r, 0)
    keys, lead_key = KeyService(r.vault).ensure(), KeyService(lead.vault).public()
    write_bundle(tmp_path / "big.tmb", sender=keys, recipient=lead_key, sequence=1,
                 records=records, attachments=[])
    _, _, made, _ = _indexed_counts(lead)
    seen: list[object] = []
    add = repo_imports.add_interviews

    def spy(db: Any, *args: Any) -> None:
        seen.append(db.execute("SELECT 1 FROM sqlite_master WHERE name = 'answers_path_value'")
                    .fetchone())
        add(db, *args)

    monkeypatch.setattr(repo_imports, "add_interviews", spy)
    assert lead.import_.import_file(tmp_path / "big.tmb").added == RECORDS
    assert len(seen) > 1 and set(seen) == {None}  # every batch merged without the index
    through_index, from_table, after, check = _indexed_counts(lead)
    assert after == made and check == ("ok",)
    assert through_index == from_table
    assert sum(n for path, _, n in through_index if path == P["interview_minutes"]) == RECORDS

    # A refused bundle as large: nothing changes, and the index is there.
    monkeypatch.setattr(repo_imports, "add_interviews", add)
    before = _state(lead)
    more = _records(r, RECORDS)
    more.append(dict(more[0], export_id="ef" * 16,
                     answers={**more[0]["answers"], "person/real_name": "Someone"}))
    write_bundle(tmp_path / "bad.tmb", sender=keys, recipient=lead_key, sequence=2,
                 records=more, attachments=[])
    with pytest.raises(errors.BundleError):
        lead.import_.import_file(tmp_path / "bad.tmb")
    assert _state(lead) == before
    assert _indexed_counts(lead) == (through_index, from_table, made, ("ok",))
