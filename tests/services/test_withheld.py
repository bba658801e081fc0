"""Issue 11: withheld answers are told from unanswered ones, from the export to the lead's tables.

Real vaults, the shipped border questionnaire, real bundles: one researcher
exports with k = 1 (nothing suppressed; one interview leaves ``occupation``
unanswered, free text unreviewed), another with k = 5 and
``--suppress-small-groups`` (three interviews blanked); a third bundle is
written as a program from before the field wrote it (no ``withheld``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from exchange_world import CANARY_STORY, FORM, P, Side, border_answers, photo_form, team_of

from smallk import lower_k
from testimonio.exchange.bundle import write_bundle
from testimonio.services.data_view import (
    MAYBE_SUPPRESSED,
    MAYBE_WITHHELD,
    NOT_REVIEWED,
    SUPPRESSED,
    UNANSWERED,
    DataFilter,
    DataViewService,
    cell_reason,
    repeat_withheld,
)
from testimonio.services.keys import KeyService
from testimonio.services.report import ReportService
from testimonio.services.settings import SettingsService
from testimonio.services.summary_query import SummaryQuery

QUASI_TOP = ("age", "gender", "occupation", "left_venezuela_date", "arrival_border_date",
             "claim_date", "decision_date", "days_waited")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Side, Side, Side, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("withheld")
    lead, (open_, small) = team_of(tmp, researchers=2)
    lower_k(SettingsService(open_.vault), 1)
    open_.add(border_answers(1))
    unanswered = border_answers(2)
    del unanswered[P["occupation"]]
    open_.add(unanswered)
    open_.export.write(tmp / "open.tmb")
    SettingsService(small.vault).set("pref.k_anonymity", "5")
    for n in range(3):
        small.add(border_answers(10 + n, age=61))
    plan = small.export.plan()
    plan.suppress_small_groups()
    planned = plan.to_json()
    small.export.write(tmp / "small.tmb", suppress_small_groups=True)
    older = border_answers(20)
    del older[P["occupation"]], older[P["decision_date"]]  # so no days waited either
    open_.add(older, site="Tumbes")
    records = [r.record for r in open_.export.plan().records]
    assert len(records) == 1
    del records[0]["withheld"]
    write_bundle(tmp / "older.tmb", sender=KeyService(open_.vault).ensure(),
                 recipient=KeyService(lead.vault).public(), sequence=2, records=records)
    for name in ("open.tmb", "small.tmb", "older.tmb"):
        lead.import_.import_file(tmp / name)
    SettingsService(lead.vault).set("pref.small_counts", "exact")
    return lead, open_, small, planned


def test_the_export_lists_paths_and_reasons_never_values(world: tuple[Side, Side, Side, dict[str, Any]]) -> None:
    _, _, _, planned = world
    for record in planned["records"]:
        withheld = record["withheld"]
        assert {withheld[P[name]] for name in QUASI_TOP} == {"suppressed"}
        assert withheld[P["account"]] == "not-reviewed"
        assert P["real_name"] not in withheld  # the form says identifiers never leave
        for path, reason in withheld.items():
            assert reason == "generalised" or path not in record["answers"]
        assert "CANARY" not in json.dumps(withheld) and "61" not in json.dumps(withheld)
    assert len(planned["blanked"]) == 3


def test_the_lead_stores_what_was_withheld_and_why(world: tuple[Side, Side, Side, dict[str, Any]]) -> None:
    lead = world[0]
    with lead.vault.read() as db:
        rows = db.execute("SELECT o.researcher, w.path, w.reason FROM withheld_answers w "
                          "JOIN imported_origin o ON o.interview_id = w.interview_id").fetchall()
        known = {int(r[0]) for r in db.execute("SELECT withheld_known FROM imported_origin")}
    assert known == {0, 1}
    gender = [r for r in rows if r[1] == P["gender"]]
    assert len(gender) == 3 and {r[2] for r in gender} == {"suppressed"}
    assert len({r[0] for r in gender}) == 1  # all from the researcher with k = 5
    assert sum(1 for r in rows if r[1] == P["occupation"]) == 3  # not the one never answered
    assert sum(1 for r in rows if r[1] == P["account"] and r[2] == "not-reviewed") == 5
    assert CANARY_STORY not in lead.database_text()


def _rows(lead: Side) -> list[Any]:
    service = DataViewService(lead.vault)
    f = DataFilter(FORM.form_id)
    return service.page(f, 0, 100)


def test_the_data_view_tells_withheld_from_unanswered(world: tuple[Side, Side, Side, dict[str, Any]]) -> None:
    lead = world[0]
    service = DataViewService(lead.vault)
    q = service.questionnaire(FORM.form_id)
    columns = {c.name: c for c in service.columns(q)}
    gender, occupation, account = columns[P["gender"]], columns[P["occupation"]], columns[P["account"]]
    rows = _rows(lead)
    assert len(rows) == 6
    said = [r for r in rows if r.withheld is not None]
    suppressed = [r for r in said if r.withheld and r.withheld.get(P["gender"]) == "suppressed"]
    assert len(said) == 5 and len(suppressed) == 3
    for row in suppressed:
        assert cell_reason(gender, row.answers.get(P["gender"]), True, row.withheld) == SUPPRESSED
        assert cell_reason(occupation, None, True, row.withheld) == SUPPRESSED
    never = [r for r in said if r not in suppressed and P["occupation"] not in r.answers]
    assert len(never) == 1  # the one interview whose occupation was never given
    assert cell_reason(occupation, None, True, never[0].withheld) == UNANSWERED
    assert cell_reason(account, None, True, never[0].withheld) == NOT_REVIEWED
    older = next(r for r in rows if r.withheld is None)  # its bundle did not say
    assert cell_reason(occupation, None, True, older.withheld) == MAYBE_SUPPRESSED
    assert cell_reason(account, None, True, older.withheld) == MAYBE_WITHHELD
    quotes = next(g for g, _ in service.repeats(q) if g.name == "quotes")
    assert repeat_withheld(q, quotes, never[0]) == [{"quotes/quote_text": "not-reviewed"}]
    assert repeat_withheld(q, quotes, older) == [None]


def test_the_summary_counts_withheld_apart_from_not_given(world: tuple[Side, Side, Side, dict[str, Any]]) -> None:
    lead = world[0]
    s = SummaryQuery(lead.vault).summary(DataFilter(FORM.form_id))
    assert s.testimonies == 6
    assert {c.key: c.count for c in s.withheld} == {"gender:suppressed": 3, "days_waited:suppressed": 3}
    # Gender is required; the older bundle's interview has no days waited, and that bundle
    # did not say what it withheld: "not given" there is unsure.
    assert {c.key: c.count for c in s.not_given} == {"days_waited": 1} and s.unsure
    by_gender = {d.group: len(d.values) for d in s.days_waited_by_gender}
    assert "—" not in by_gender and sum(by_gender.values()) == 2  # the suppressed have no days either
    # The same figures from the in-memory path (the report's summary).
    memory = ReportService(lead.vault).summary()
    assert {c.key: c.count for c in memory.withheld} == {c.key: c.count for c in s.withheld}
    assert memory.not_given == s.not_given and memory.unsure
    # Only the interviews whose bundles said: nothing unsure.
    said = SummaryQuery(lead.vault).summary(DataFilter(FORM.form_id, site="CEBAF Peru"))
    assert not said.unsure and said.testimonies == 5


def test_the_report_lists_withheld_answers_in_a_column_of_its_own(
        world: tuple[Side, Side, Side, dict[str, Any]]) -> None:
    lead = world[0]
    tables = {t.name: t for t in ReportService(lead.vault).tables()}
    main = tables[FORM.form_id]
    assert main.columns[-1] == "_withheld" and main.columns[-8:-1] == [
        "_id", "_uuid", "_submission_time", "_submitted_by", "_site", "__version__", "_index"]
    gender, cells = main.columns.index(P["gender"]), [r[-1] for r in main.rows]
    assert cells.count("unknown") == 1
    suppressed = [r for r in main.rows if f"{P['gender']}:suppressed" in str(r[-1]).split()]
    assert len(suppressed) == 3 and all(r[gender] is None for r in suppressed)
    answered = [r for r in main.rows if r[gender] is not None]
    assert len(answered) == 3
    assert all(f"{P['account']}:not-reviewed" in str(r[-1]).split() for r in main.rows
               if r[-1] != "unknown")
    quotes = tables[f"{FORM.form_id}_quotes"]
    assert quotes.columns[-1] == "_withheld"
    assert sorted(r[-1] for r in quotes.rows) == ["quotes/quote_text:not-reviewed"] * 5 + ["unknown"]


def test_coarsened_and_held_values_are_marked_through_a_real_import(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    SettingsService(r.vault).set("pref.k_anonymity", "5")
    for n in range(5):  # four aged 30-39 and one 20-29: saved by one more step (20-39)
        answers = border_answers(n, age=34 if n < 4 else 25)
        if n == 0:
            answers[P["alias"]] = "Rosa 0412-555-0101"  # safe text, but the safety net holds it
        r.add(answers)
    r.export.write(tmp_path / "1.tmb", suppress_small_groups=True)
    lead.import_.import_file(tmp_path / "1.tmb")
    rows = _rows(lead)
    assert {r_.answers[P["age"]] for r_ in rows} == {"20-39"}
    for row in rows:
        assert row.withheld is not None and row.withheld[P["age"]] == "generalised"
        assert "suppressed" not in row.withheld.values()  # saved from suppression
        assert row.answers[P["claim_date"]] == "2019"  # a year: the lead accepts it too
    held = [row for row in rows if row.withheld and row.withheld.get(P["alias"]) == "held"]
    assert len(held) == 1 and P["alias"] not in held[0].answers
    assert "0412" not in json.dumps([row.withheld for row in rows])
    main = next(t for t in ReportService(lead.vault).tables() if t.name == FORM.form_id)
    assert all(f"{P['age']}:generalised" in str(row[-1]).split() for row in main.rows)


def test_an_attachment_left_unticked_is_marked_not_exported(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path, forms=(photo_form(tmp_path / "photos.xlsx"),))
    lower_k(SettingsService(r.vault), 1)
    svc = r.interviews
    iid = svc.start("photos", "1", "CEBAF Peru", r.name, "es")
    svc.set_answer(iid, "alias", "Luz", r.name)
    svc.set_answer(iid, "full_name", "CANARYNAME", r.name)
    place = svc.add_attachment(iid, "place", b"\xff\xd8not really a picture", "image/jpeg")
    svc.set_answer(iid, "place", place, r.name)  # never ticked for export
    svc.complete(iid, r.name)
    (planned,) = r.export.plan().records
    assert planned.record["withheld"] == {"place": "not-exported"}  # full_name: the form says so
    r.export.write(tmp_path / "p.tmb")
    lead.import_.import_file(tmp_path / "p.tmb")
    with lead.vault.read() as db:
        assert db.execute("SELECT path, reason FROM withheld_answers").fetchall() == [
            ("place", "not-exported")]


def test_a_newer_revision_replaces_what_was_withheld(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 1)
    iid = r.add(border_answers(1))
    r.export.write(tmp_path / "1.tmb")
    lead.import_.import_file(tmp_path / "1.tmb")

    def reasons() -> dict[str, str]:
        with lead.vault.read() as db:
            return {str(p): str(w) for p, w in db.execute("SELECT path, reason FROM withheld_answers")}

    assert reasons()[P["account"]] == "not-reviewed"
    r.export.review(iid, P["account"], True)  # released now: leaves in a new revision
    r.export.write(tmp_path / "2.tmb")
    assert lead.import_.import_file(tmp_path / "2.tmb").replaced == 1
    assert P["account"] not in reasons() and reasons()["quotes[1]/quote_text"] == "not-reviewed"
    assert CANARY_STORY in lead.database_text()  # control: the released text arrived
