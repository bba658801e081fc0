"""The lead's data view and filtered summary over imported interviews (real vaults, real bundles)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from exchange_world import BORDER, FORM, P, Side, border_answers, team_of

from smallk import lower_k
from testimonio.services.data_view import (
    MAYBE_SUPPRESSED,
    MAYBE_WITHHELD,
    OWN,
    UNANSWERED,
    DataFilter,
    DataViewService,
    repeat_instances,
)
from testimonio.services.report import ReportService
from testimonio.services.settings import SettingsService
from testimonio.services.summary_query import SummaryQuery
from testimonio.vault.records import InterviewQuery


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Side, list[Side]]:
    tmp = tmp_path_factory.mktemp("data-view")
    lead, people = team_of(tmp, researchers=2)
    for n, side in enumerate(people):
        lower_k(SettingsService(side.vault), 1)
        for i in range(4):
            answers = border_answers(10 * n + i, gender="male" if i % 2 else "female", visa=i < 2,
                                     decision="pending" if i == 3 else "rejected_verbal")
            side.add(answers, site="Tumbes" if i % 2 else "CEBAF Peru")
        side.export.write(tmp / f"{n}.tbundle")
        lead.import_.import_file(tmp / f"{n}.tbundle")
    return lead, people


def test_the_questionnaire_is_named_with_its_newest_version(tmp_path: Path) -> None:
    """The list names the version whose columns the table shows: the newest installed
    (the oldest was named, with a second version installed)."""
    import openpyxl

    from testimonio.services.questionnaires import QuestionnaireService

    lead, (side,) = team_of(tmp_path, researchers=1)
    lower_k(SettingsService(side.vault), 1)
    side.add(border_answers(1), site="Tumbes")
    side.export.write(tmp_path / "one.tbundle")
    lead.import_.import_file(tmp_path / "one.tbundle")
    book = openpyxl.load_workbook(BORDER)
    sheet = book["settings"]
    column = [c.value for c in sheet[1]].index("version") + 1
    sheet.cell(row=2, column=column, value=str(int(FORM.version) + 1))
    book.save(tmp_path / "newer.xlsx")
    forms = QuestionnaireService(lead.vault)
    forms.install(tmp_path / "newer.xlsx")
    service = DataViewService(lead.vault)
    assert service.questionnaires() == [(FORM.form_id, str(int(FORM.version) + 1))]
    assert service.questionnaire(FORM.form_id).version == str(int(FORM.version) + 1)


def test_columns_are_named_as_the_report_names_them(world: tuple[Side, list[Side]]) -> None:
    lead, _ = world
    service = DataViewService(lead.vault)
    assert service.questionnaires() == [(FORM.form_id, FORM.version)]
    q = service.questionnaire(FORM.form_id)
    columns = service.columns(q, "es")
    names = [c.name for c in columns]
    table = next(t for t in ReportService(lead.vault).tables() if t.name == FORM.form_id)
    assert [n for n in names if not n.startswith("_")] == [
        c for c in table.columns if not c.startswith("_") and c.count("/") <= 1
        and not any(c.startswith(s + "/") for s in names if s != c)][: len(names) - 4]
    assert names[-4:] == ["_submission_time", "_submitted_by", "_site", "_uuid"]
    assert P["real_name"] not in names  # identifiers never left: no column
    by_name = {c.name: c for c in columns}
    assert by_name[P["gender"]].empty_reason() == MAYBE_SUPPRESSED
    assert by_name[P["account"]].empty_reason() == MAYBE_WITHHELD
    assert by_name[P["entry_result"]].empty_reason() == UNANSWERED
    assert by_name[P["gender"]].label == "Género" or by_name[P["gender"]].label


def test_filters_count_and_page_in_sql(world: tuple[Side, list[Side]]) -> None:
    lead, _ = world
    service = DataViewService(lead.vault)
    everything = DataFilter(FORM.form_id)
    assert service.count(everything) == 8
    (first, second) = service.researchers()
    assert service.count(DataFilter(FORM.form_id, researcher=first[0])) == 4
    assert service.count(DataFilter(FORM.form_id, researcher=OWN)) == 0
    assert service.count(DataFilter(FORM.form_id, site="Tumbes")) == 4
    female = DataFilter(FORM.form_id, choices=((P["gender"], "female"),))
    assert service.count(female) == 4
    visa = DataFilter(FORM.form_id, choices=((P["documents_held"], "visa_peru"),), site="Tumbes")
    assert service.count(visa) == 2
    assert service.count(DataFilter(FORM.form_id, search="Alias1")) == 5  # Alias1, Alias10..13
    assert service.count(DataFilter(FORM.form_id, date_from="2000-01-01", date_to="2999-12-31")) == 8
    assert service.count(DataFilter(FORM.form_id, date_to="2000-01-01")) == 0
    rows = service.page(female, 0, 3)
    assert len(rows) == 3 and all(r.answers[P["gender"]] == "female" for r in rows)
    assert {r.meta["_submitted_by"] for r in service.page(everything)} == {"Researcher 1", "Researcher 2"}
    assert service.page(everything, 6, 100)[-1].interview_id == service.ids(everything)[-1]


def test_the_date_shown_is_the_month_that_was_sent_not_its_first_day(world: tuple[Side, list[Side]]) -> None:
    """Bundles send the month an interview was last changed (the default): the data
    view and the CSV and XLSX of the report say that month, the same in both, not
    a made-up first day."""
    lead, people = world
    sent = {i.updated_at[:7] for side in people for i in side.interviews.page(InterviewQuery())}
    shown = {r.meta["_submission_time"] for r in DataViewService(lead.vault).page(DataFilter(FORM.form_id))}
    assert shown == sent and all(len(month) == 7 for month in sent)
    table = next(t for t in ReportService(lead.vault).tables() if t.name == FORM.form_id)
    at = table.columns.index("_submission_time")
    assert {row[at] for row in table.rows} == sent


def test_a_day_filter_keeps_the_interviews_whose_month_overlaps_it(world: tuple[Side, list[Side]]) -> None:
    """An interview sent as taken in "2026-12" may have been taken on any day of it:
    a filter from the 20th keeps it; one that ends before the month, or starts
    after it, does not."""
    lead, people = world
    service = DataViewService(lead.vault)
    every = service.count(DataFilter(FORM.form_id))
    # Made at the turn of a month, the interviews may span two: each counted apart.
    months = Counter(i.created_at[:7] for side in people
                     for i in side.interviews.page(InterviewQuery()))
    assert sum(months.values()) == every > 0 and len(months) <= 2
    for month, taken in months.items():
        assert service.count(DataFilter(FORM.form_id, date_from=f"{month}-20",
                                        date_to=f"{month}-28")) == taken
        assert service.count(DataFilter(FORM.form_id, date_to=f"{month}-01")) == sum(
            n for m, n in months.items() if m <= month)
    first = dt.date.fromisoformat(min(months) + "-01")
    before = first - dt.timedelta(days=1)
    after = (dt.date.fromisoformat(max(months) + "-01") + dt.timedelta(days=31)).replace(day=1)
    assert service.count(DataFilter(FORM.form_id, date_to=before.isoformat())) == 0
    assert service.count(DataFilter(FORM.form_id, date_from=after.isoformat())) == 0


def test_repeat_instances_follow_their_interview(world: tuple[Side, list[Side]]) -> None:
    lead, _ = world
    service = DataViewService(lead.vault)
    q = service.questionnaire(FORM.form_id)
    row = service.page(DataFilter(FORM.form_id))[0]
    quotes = next(g for g, _ in service.repeats(q) if g.name == "quotes")
    instances = repeat_instances(q, quotes, row.answers)
    # The quote's text is free text the researcher did not release: it did not leave.
    assert instances == [{"quotes/quote_citable": "yes"}]


def test_the_filtered_summary_matches_the_report_services(world: tuple[Side, list[Side]]) -> None:
    lead, _ = world
    hidden = SummaryQuery(lead.vault).summary(DataFilter(""), "es")  # k = 5: cells under it hidden
    assert hidden.masked and hidden.masked == ReportService(lead.vault).summary("es").masked
    SettingsService(lead.vault).set("pref.small_counts", "exact")  # the two counts compared exactly
    fast = SummaryQuery(lead.vault).summary(DataFilter(""), "es")
    slow = ReportService(lead.vault).summary("es")
    assert fast.testimonies == slow.testimonies == 8
    assert (fast.visa_held, fast.visa_held_refused) == (slow.visa_held, slow.visa_held_refused) == (4, 4)
    assert (fast.exception_met, fast.exception_met_refused) == (slow.exception_met,
                                                                slow.exception_met_refused)
    assert set(fast.asylum_outcomes) == set(slow.asylum_outcomes) and fast.asylum_claims == slow.asylum_claims
    assert set(fast.entry_results) == set(slow.entry_results)
    assert fast.days_waited_by_site == slow.days_waited_by_site
    assert fast.days_waited_by_gender == slow.days_waited_by_gender
    tumbes = SummaryQuery(lead.vault).summary(DataFilter(FORM.form_id, site="Tumbes"), "es")
    assert tumbes.testimonies == 4 and [c.key for c in tumbes.sites] == ["Tumbes"]


def test_a_path_is_needed_for_each_table(tmp_path: Path) -> None:
    lead, _ = team_of(tmp_path)
    assert DataViewService(lead.vault).questionnaires() == []
    assert SummaryQuery(lead.vault).summary(DataFilter(""), None).testimonies == 0


def test_the_summary_is_the_same_whichever_set_of_interviews_it_keeps(tmp_path: Path) -> None:
    # The summary keeps the interviews the filter lets through, or the ones it keeps
    # out (here the lead's own draft), or none; each way the figures are the same.
    lead, (person,) = team_of(tmp_path)
    lower_k(SettingsService(person.vault), 1)
    for i in range(4):
        person.add(border_answers(i, gender="male" if i % 2 else "female", visa=i < 2,
                                  decision="rejected_verbal"), site="Tumbes")
    person.export.write(tmp_path / "one.tbundle")
    lead.import_.import_file(tmp_path / "one.tbundle")
    SettingsService(lead.vault).set("pref.small_counts", "exact")
    query = SummaryQuery(lead.vault)
    everyone = query.summary(DataFilter(FORM.form_id), "es")  # nothing kept out: no set
    lead.add(border_answers(9, gender="female"), complete=False)
    with_draft = query.summary(DataFilter(FORM.form_id), "es")  # the draft kept out: NOT IN
    assert with_draft == everyone and everyone.testimonies == 4
    assert with_draft == ReportService(lead.vault).summary("es")
    key = DataViewService(lead.vault).researchers()[0][0]
    assert query.summary(DataFilter(FORM.form_id, researcher=key), "es") == everyone
    assert query.summary(DataFilter(FORM.form_id, researcher=OWN), "es").testimonies == 0
    women = query.summary(DataFilter(FORM.form_id, choices=(("person/gender", "female"),)), "es")
    assert (women.testimonies, women.visa_held) == (2, 1)  # interviews 0 and 2; visa only in 0
    assert sum(c.count for c in women.entry_results) == 2
