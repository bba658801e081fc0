"""The lead's import: authenticate, validate, merge once; refusals change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_world import BORDER, P, Side, border_answers, new_side, team_of

from smallk import lower_k
from testimonio.errors import BundleError, NotForThisVault, UnknownSigner
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.settings import SettingsService
from testimonio.vault.records import InterviewQuery


def _low_k(side: Side) -> None:
    lower_k(SettingsService(side.vault), 2)


def _state(side: Side) -> str:
    """Everything the merge may touch (the import log aside)."""
    out = []
    with side.vault.read() as db:
        for table in ("interviews", "answers", "attachments", "imported_origin"):
            out.extend(repr(r) for r in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"))
    return "\n".join(out)


def _full_state(side: Side) -> str:
    with side.vault.read() as db:
        return _state(side) + repr(db.execute("SELECT * FROM import_log").fetchall())


def test_import_twice_and_out_of_order(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    _low_k(r)
    iid = r.add(border_answers(1))
    r.add(border_answers(2))
    r.export.write(tmp_path / "1.tmb")
    r.interviews.reopen(iid, "more detail", r.name)
    r.interviews.set_answer(iid, P["interview_minutes"], 12, r.name)
    r.interviews.complete(iid, r.name)
    r.add(border_answers(3))
    r.export.write(tmp_path / "2.tmb")

    second = lead.import_.import_file(tmp_path / "2.tmb")
    assert (second.added, second.replaced, second.ignored, second.gaps) == (2, 0, 0, ((1, 1),))
    assert "Missing bundles" in second.sentence()
    first = lead.import_.import_file(tmp_path / "1.tmb")
    assert (first.added, first.replaced, first.ignored, first.gaps) == (1, 0, 1, ())
    before = _state(lead)
    again = lead.import_.import_file(tmp_path / "2.tmb")
    assert again.already_imported and _state(lead) == before
    lead.import_.import_file(tmp_path / "1.tmb")
    assert _state(lead) == before
    listed = lead.interviews.page(InterviewQuery())
    assert sorted(i.alias for i in listed) == ["Alias1", "Alias2", "Alias3"]
    with lead.vault.read() as db:
        minutes = db.execute("SELECT a.value FROM answers a JOIN interviews i ON i.id = a.interview_id "
                             "WHERE i.alias = 'Alias1' AND a.path = ?", (P["interview_minutes"],)).fetchone()
    assert minutes[0] == "12"  # the newer revision won although it came first
    assert [e.outcome for e in lead.import_.log()][:2] == ["already imported", "already imported"]


def test_refusals_write_nothing(tmp_path: Path) -> None:
    lead, (r, stranger) = team_of(tmp_path, researchers=2)
    _low_k(r)
    _low_k(stranger)
    r.add(border_answers(1))
    good = r.export.write(tmp_path / "good.tmb", accept_risk=True).path
    # Not on the roster: the stranger's key is removed.
    with lead.vault.transaction() as db:
        db.execute("DELETE FROM roster WHERE name = 'Researcher 2'")
    stranger.add(border_answers(2))
    unknown = stranger.export.write(tmp_path / "unknown.tmb", accept_risk=True).path
    other_lead = new_side(tmp_path, "otherlead")
    QuestionnaireService(other_lead.vault).install(BORDER)
    other_lead.team.create("Another study", tmp_path / "other.tmt")
    before = _full_state(lead)
    with pytest.raises(UnknownSigner):
        lead.import_.import_file(unknown)
    data = good.read_bytes()
    for i, mutate in enumerate((
        lambda b: b[:100] + bytes([b[100] ^ 1]) + b[101:],     # wrapped key
        lambda b: b[:-5] + bytes([b[-5] ^ 1]) + b[-4:],         # last chunk
        lambda b: b[: len(b) // 2],                              # truncated
        lambda b: b + b"extra",                                  # extended
        lambda b: b"",                                           # empty
        lambda b: b"not a bundle at all" * 10,                   # not a bundle
    )):
        bad = tmp_path / f"bad{i}.tmb"
        bad.write_bytes(mutate(data))
        with pytest.raises(BundleError) as caught:
            lead.import_.import_file(bad)
        assert caught.value.exit_code == 3, caught.value
        message = str(caught.value)
        assert message.endswith(".") or "\n" in message, message  # a sentence, or a list
    assert _full_state(lead) == before
    from testimonio.services.import_ import ImportService

    with pytest.raises(NotForThisVault):
        ImportService(other_lead.vault).import_file(good)


def test_a_form_without_version_travels_from_team_file_to_bundle_to_import(tmp_path: Path) -> None:
    from openpyxl import Workbook

    form = tmp_path / "no_version.xlsx"
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy"])
    survey.append(["text", "alias", "Alias", "safe"])
    survey.append(["integer", "household", "People in the household", ""])
    settings = wb.create_sheet("settings")
    settings.append(["form_id"])
    settings.append(["household_count"])
    wb.save(form)
    lead, (r,) = team_of(tmp_path, forms=(form,))
    version = QuestionnaireService(lead.vault).get("household_count").version
    assert version.startswith("sha256-")
    assert QuestionnaireService(r.vault).versions("household_count") == [version]  # from the team file
    _low_k(r)
    svc = r.interviews
    for n in range(3):
        iid = svc.start("household_count", version, "CEBAF Peru", r.name, "en")
        svc.set_answer(iid, "alias", f"H{n}", r.name)
        svc.set_answer(iid, "household", 4 + n, r.name)
        svc.complete(iid, r.name)
    r.export.write(tmp_path / "1.tmb")
    result = lead.import_.import_file(tmp_path / "1.tmb")
    assert result.added == 3
    listed = lead.interviews.page(InterviewQuery())
    assert sorted(i.alias for i in listed) == ["H0", "H1", "H2"]
    assert {(i.form_id, i.form_version) for i in listed} == {("household_count", version)}


def test_an_imported_interview_is_the_researchers_record_and_is_never_reopened(tmp_path: Path) -> None:
    from testimonio.errors import BadInput

    lead, (r,) = team_of(tmp_path)
    _low_k(r)
    own = r.add(border_answers(1))
    r.export.write(tmp_path / "1.tmb", accept_risk=True)
    lead.import_.import_file(tmp_path / "1.tmb")
    (copy,) = lead.interviews.page(InterviewQuery())
    assert lead.interviews.imported_from(copy.id) == "Researcher 1"
    assert r.interviews.imported_from(own) is None
    before = _state(lead)
    with pytest.raises(BadInput, match="new bundle"):
        lead.interviews.reopen(copy.id, "the age looks wrong", "lead")
    with pytest.raises(BadInput):
        lead.interviews.set_answer(copy.id, P["alias"], "Changed", "lead")
    assert _state(lead) == before


def test_one_bundles_interviews_get_consecutive_ids_and_each_bundle_its_own_prefix(tmp_path: Path) -> None:
    # Consecutive ids keep an import's answers together in the answers table (issue 17);
    # a random prefix per import keeps them apart from every earlier import's.
    lead, (r,) = team_of(tmp_path)
    _low_k(r)
    for n in (1, 2, 3):
        r.add(border_answers(n))
    r.export.write(tmp_path / "1.tmb")
    r.add(border_answers(4))
    r.export.write(tmp_path / "2.tmb")
    lead.import_.import_file(tmp_path / "1.tmb")
    lead.import_.import_file(tmp_path / "2.tmb")
    with lead.vault.read() as db:
        ids = [str(i) for (i,) in db.execute("SELECT interview_id FROM imported_origin o "
                                             "JOIN import_log l ON l.bundle_id = o.bundle_id ORDER BY l.id")]
    first, second = ids[:3], ids[3:]
    assert len(second) == 1 and all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert len({i[:16] for i in first}) == 1 and second[0][:16] != first[0][:16]
    assert sorted(int(i[16:], 16) for i in first) == [1, 2, 3]


def test_imported_answers_are_stored_as_canonical_json_texts(tmp_path: Path) -> None:
    # The merge writes an int's text without the JSON encoder and remembers short
    # strings' texts: the stored texts must be what the encoder writes (issue 17).
    import json

    lead, (r,) = team_of(tmp_path)
    _low_k(r)
    for n in (1, 2):
        r.add(border_answers(n))
    r.export.write(tmp_path / "1.tmb")
    lead.import_.import_file(tmp_path / "1.tmb")
    with lead.vault.read() as db:
        rows = [(str(p), str(v)) for p, v in db.execute("SELECT path, value FROM answers")]
    assert rows
    for _, text in rows:
        assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    stored = dict(rows)
    assert stored[P["interview_minutes"]] == "5"  # an integer, not a text or a boolean
    assert stored[P["alias"]] in ('"Alias1"', '"Alias2"')
