"""The lead's figures over the shipped border questionnaire."""

from __future__ import annotations

from testimonio.forms.loader import load_questionnaire
from testimonio.paths import shipped_forms_dir
from testimonio.services.summary import SummaryInput, summarise


def test_figures_of_the_domain_brief() -> None:
    q = load_questionnaire(shipped_forms_dir() / "border_testimony.xlsx")
    p = {n.name: n.path for n in q.walk()}

    def item(site: str, gender: str, held: list[str], entry: str, decision: str | None,
             days: int | None, exception: str | None) -> SummaryInput:
        answers = {p["gender"]: gender, p["documents_held"]: held, p["entry_result"]: entry}
        if decision:
            answers[p["decision"]] = decision
        if days is not None:
            answers[p["days_waited"]] = days
        if exception:
            answers[p["exception_met"]] = exception
        return SummaryInput(q, site, answers)

    items = [
        item("CEBAF Peru", "female", ["passport", "visa_peru"], "refused", "rejected_verbal", 40, "yes"),
        item("CEBAF Peru", "male", ["visa_peru"], "refused", "pending", 70, None),
        item("Tumbes", "female", ["visa_peru"], "allowed", None, None, "yes"),
        item("Tumbes", "male", ["id_card"], "refused", "admitted", 30, None),
    ]
    s = summarise(items, lang="en")
    assert (s.testimonies, s.visa_held, s.visa_held_refused) == (4, 3, 2)
    assert (s.exception_met, s.exception_met_refused, s.asylum_claims) == (2, 1, 3)
    assert sorted((c.key, c.count) for c in s.asylum_outcomes) == [
        ("admitted", 1), ("pending", 1), ("rejected_verbal", 1)]
    assert all(c.label and c.label != c.key for c in s.asylum_outcomes)
    assert [(d.group, d.values) for d in s.days_waited_by_site] == [
        ("CEBAF Peru", (40.0, 70.0)), ("Tumbes", (30.0,))]
    assert len(s.days_waited_by_gender) == 2 and len(s.days_waited_by_site_gender) == 3
    assert summarise([]).testimonies == 0
