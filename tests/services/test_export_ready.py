"""Records worked out when interviews are completed (services/export_ready.py).

A kept record must give exactly the bundle the export would work out, and
must never be taken once anything it was worked out from has changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from exchange_world import (
    CANARY_NAME,
    CANARY_STORY,
    FORM,
    P,
    Side,
    border_answers,
    photo_form,
    small_form,
    team_of,
)

from testimonio.services import export_ready
from testimonio.services.export_plan import ExportPlan
from testimonio.services.export_reader import PlanReader
from testimonio.services.retention import RetentionService
from testimonio.vault import repo_export, repo_settings
from testimonio.vault import repo_interviews as repo

SRC = Path(export_ready.__file__).resolve().parents[2]

# RULES -> sha256 of the sources records are worked out by (see test_rules_follow_the_code).
PINNED = {"2": "57d3e90d56aea81ea8cc8f0fe08160eb3a8600d8c30f2256eb32b25f732a0e7d"}


def _border(n: int, **kw: object) -> dict[str, object]:
    """A border testimony as the program stores it: with the metadata it fills in
    when the interview starts and ends (the export reads ``interview_date``)."""
    return {**border_answers(n, **kw), P["start"]: "2019-11-20T10:00:00-05:00",  # type: ignore[arg-type]
            P["interview_date"]: "2019-11-20", P["end"]: "2019-11-20T11:00:00-05:00"}


def _kept(side: Side) -> dict[str, int]:
    with side.vault.read() as db:
        return {str(i): int(r) for i, r in db.execute("SELECT interview_id, revision FROM export_ready")}


def _forget_kept(side: Side) -> None:
    with side.vault.transaction() as db:
        repo_export.drop_ready(db, list(_kept(side)))


def _summary(plan: ExportPlan) -> list[tuple[object, ...]]:
    return [(p.interview_id, p.revision, p.export_id, p.form, p.quasi_values, p.held, p.left_out)
            for p in plan.records]


def _worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The interview ids the export works out (not taken from what was kept), as they are."""
    seen: list[str] = []
    plan = PlanReader._plan

    def counting(self: PlanReader, ids: list[str], read: object) -> object:
        seen.extend(ids)
        return plan(self, ids, read)  # type: ignore[arg-type]

    monkeypatch.setattr(PlanReader, "_plan", counting)
    return seen


def _varied(r: Side) -> list[str]:
    """Interviews that exercise what an export decides: quasi bands, reviewed and
    flagged texts, a repeat, other answers."""
    ids = [r.add(_border(n, age=20 + 7 * n, gender=("female", "male")[n % 2], visa=n % 3 == 0,
                                decision=("rejected_verbal", "admitted")[n % 2]))
           for n in range(6)]
    r.export.review(ids[1], P["account"], True)  # the story leaves
    flagged = _border(9)
    flagged[P["account"]] = f"{CANARY_NAME} told us to wait at the bridge"
    ids.append(r.add(flagged))
    r.export.review(ids[-1], P["account"], True)  # exported, but the safety net holds it back
    return ids


def test_kept_records_give_the_bundle_worked_out_at_export(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    lead, (r,) = team_of(tmp_path)
    ids = _varied(r)
    assert _kept(r) == {i: r.interviews.get(i).revision for i in ids}  # each as it is now
    worked_out = _worked_out(monkeypatch)
    warm = r.export.plan(all_=True)
    assert worked_out == []  # every record was taken as kept
    _forget_kept(r)
    cold = r.export.plan(all_=True)
    assert sorted(worked_out) == sorted(ids)
    assert warm.encoded is not None and cold.encoded is not None
    assert warm.encoded.blob == cold.encoded.blob  # byte for byte
    assert _summary(warm) == _summary(cold)
    assert any(p.held for p in warm.records)  # the flagged text is held back in both
    assert warm.to_json() == cold.to_json()
    rows = [[(v.path, v.value, v.how) for v in p.values] for p in warm.loaded(values=True)]
    assert rows == [[(v.path, v.value, v.how) for v in p.values] for p in cold.loaded(values=True)]
    result = r.export.write(tmp_path / "b.tmb", plan=warm, accept_risk=True)
    assert lead.import_.import_file(tmp_path / "b.tmb").added == result.interviews == len(ids)


def _canary_kept(side: Side, interview_id: str) -> None:
    """Put a canary into a kept record, as if it had been worked out so."""
    with side.vault.transaction() as db:
        (line,) = db.execute("SELECT line FROM export_ready WHERE interview_id = ?",
                             (interview_id,)).fetchone()
        record = json.loads(line)
        record["answers"][P["occupation"]] = "KEPTCANARY"
        db.execute("UPDATE export_ready SET line = ? WHERE interview_id = ?",
                   (json.dumps(record, sort_keys=True, separators=(",", ":")).encode() + b"\n",
                    interview_id))


def _leaves(side: Side) -> str:
    plan = side.export.plan(all_=True)
    return json.dumps([p.record for p in plan.loaded()])


def test_the_kept_record_is_what_leaves_while_it_is_current(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    iid = r.add(_border(1))
    _canary_kept(r, iid)
    assert "KEPTCANARY" in _leaves(r)  # so the checks below can fail


@pytest.mark.parametrize("change", ["revision", "export id", "rules", "picture side", "status"])
def test_a_kept_record_is_not_taken_once_what_it_came_from_changed(tmp_path: Path, change: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _, (r,) = team_of(tmp_path)
    iid, other = r.add(_border(1)), r.add(_border(2))
    _canary_kept(r, iid)
    with r.vault.transaction() as db:
        if change == "revision":  # any change that did not work the record out again
            repo.touch(db, iid, "2019-12-01T00:00:00.000Z")
        elif change == "export id":
            db.execute("UPDATE pseudonyms SET export_id = ? WHERE interview_id = ?", ("ab" * 16, iid))
        elif change == "picture side":
            repo_settings.put(db, "picture_max_side", "1200")
        elif change == "status":
            repo.set_status(db, iid, "draft")
    if change == "rules":
        monkeypatch.setattr(export_ready, "RULES", "a newer program")
    worked_out = _worked_out(monkeypatch)
    leaves = _leaves(r)
    assert "KEPTCANARY" not in leaves
    if change == "status":  # a draft does not leave at all
        assert worked_out == [] and [p.interview_id for p in r.export.plan(all_=True).records] == [other]
    elif change in ("picture side", "rules"):  # every record of the form is worked out again
        assert sorted(worked_out) == sorted([iid, other]) and CANARY_NAME not in leaves
    else:
        assert worked_out == [iid] and CANARY_NAME not in leaves


def test_completing_again_after_a_change_keeps_the_new_revision(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    iid = r.add(_border(1))
    first = _kept(r)[iid]
    r.interviews.reopen(iid, "a date was wrong", r.name)
    r.interviews.set_answer(iid, P["occupation"], "agriculture", r.name)
    assert _kept(r)[iid] == first  # stale, and not taken (the interview is a draft)
    r.interviews.complete(iid, r.name)
    assert _kept(r)[iid] == r.interviews.get(iid).revision > first
    assert '"agriculture"' in _leaves(r)


def test_a_review_decision_is_worked_out_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, (r,) = team_of(tmp_path)
    iid = r.add(_border(1))
    r.export.review(iid, P["account"], True)
    assert _kept(r)[iid] == r.interviews.get(iid).revision
    worked_out = _worked_out(monkeypatch)
    assert CANARY_STORY in _leaves(r) and worked_out == []


def test_nothing_is_kept_of_interviews_with_attachments_or_of_forms_that_read_the_clock(
        tmp_path: Path) -> None:
    clock = small_form(tmp_path / "clock.xlsx", "clock", [
        ("text", "alias", "Alias", "safe"), ("integer", "age", "Age", "quasi")])
    from openpyxl import load_workbook

    wb = load_workbook(clock)
    wb["survey"].append(["calculate", "asked_on", "", "", ])
    wb["survey"]["E1"] = "calculation"
    wb["survey"]["E4"] = "today()"
    wb.save(clock)
    photos = photo_form(tmp_path / "photos.xlsx")
    _, (r,) = team_of(tmp_path, forms=(clock, photos))
    svc = r.interviews
    timed = svc.add_interview("clock", "1", "CEBAF Peru", r.name, "en",
                              [("alias", "Rosa"), ("age", 30)], complete=True)
    from io import BytesIO

    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (40, 30), "white").save(buf, "PNG")
    pictured = svc.start("photos", "1", "CEBAF Peru", r.name, "en")
    svc.set_answer(pictured, "alias", "Rosa", r.name)
    att = svc.add_attachment(pictured, "place", buf.getvalue(), "image/png", who=r.name)
    svc.set_answer(pictured, "place", att, r.name)
    r.export.set_attachment_export(att, True, r.name)
    svc.complete(pictured, r.name)
    plain = r.add(_border(1))
    undated = r.add(border_answers(2))  # the export would read the clock for its interview_date
    assert set(_kept(r)) == {plain}
    assert export_ready.stored_first(r.export.forms.get("clock", "1"), r.export.relevance) is None
    assert export_ready.stored_first(FORM, r.export.relevance) == {P["interview_date"]}
    plan = r.export.plan(all_=True)
    assert {p.interview_id for p in plan.records} == {timed, pictured, plain, undated}
    assert [p.interview_id for p in plan.records if p.attachments] == [pictured]


def test_a_kept_record_goes_with_its_interview(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    gone, purged, deleted = (r.add(_border(n)) for n in range(3))
    r.interviews.reopen(deleted, "entered twice", r.name)
    r.interviews.delete_draft(deleted)
    assert deleted not in _kept(r)
    with r.vault.transaction() as db:
        from testimonio.vault import repo_retention

        repo_retention.purge_interview(db, gone, "2019-12-01T00:00:00.000Z")
        repo_retention.purge_identifiers(db, purged, {P["real_name"]}, "2019-12-01T00:00:00.000Z",
                                         clear_alias=True, reason="received")
    assert _kept(r) == {}
    assert RetentionService  # the service's purges call these (tests/services/test_purge_canary.py)


def _record_sources() -> dict[str, str]:
    """Module name -> file, of the project's code an export works records out with
    (what services/export_ready.py imports, in forms/, exchange/ and services/)."""
    code = ("import sys, testimonio.services.export_ready as m\n"
            "print('\\n'.join(f'{n} {s.__file__}' for n, s in sorted(sys.modules.items())\n"
            "      if n.startswith(('testimonio.forms', 'testimonio.exchange', 'testimonio.services'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC)}).stdout
    return dict(line.split(" ", 1) for line in out.splitlines())


def test_rules_follow_the_code() -> None:
    """RULES is raised whenever the code records are worked out by changes: else records
    kept by the older code would leave instead of what this code works out."""
    digest = hashlib.sha256()
    for name, file in sorted(_record_sources().items()):
        text = Path(file).read_bytes()
        if name == export_ready.__name__:  # its own RULES line aside: raising it changes no record
            text = re.sub(rb"(?m)^RULES = .*$", b"", text)
        digest.update(name.encode() + b"\0" + text + b"\0")
    assert PINNED.get(export_ready.RULES) == digest.hexdigest(), (
        "The code that works out exported records changed. Raise RULES in "
        "src/testimonio/services/export_ready.py (records kept by the older code are then "
        "worked out again: always safe) and pin it here: "
        f"PINNED = {{{export_ready.RULES!r}: {digest.hexdigest()!r}}} with the new RULES.")


def test_only_a_researchers_vault_keeps_records(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lead.add(_border(1))  # the lead's own interview: a lead's vault never exports
    r.add(_border(2))
    assert _kept(lead) == {} and len(_kept(r)) == 1
    with lead.vault.read() as db:
        assert db.execute("SELECT COUNT(*) FROM pseudonyms").fetchone()[0] == 0
