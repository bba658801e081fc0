"""The lead's summary page draws the brief's figures as charts."""

from __future__ import annotations

import random

from testimonio.forms.loader import load_questionnaire
from testimonio.gui.views.summary_view import SummaryView
from testimonio.paths import shipped_forms_dir
from testimonio.services.summary import SummaryInput, summarise


def _reference_trip() -> list[SummaryInput]:
    """35 testimonies shaped like the reference trip: 4 held a visa, 3 still refused."""
    q = load_questionnaire(shipped_forms_dir() / "border_testimony.xlsx")
    p = {n.name: n.path for n in q.walk()}
    rng = random.Random(7)
    items = []
    for i in range(35):
        held = ["passport", "visa_peru"] if i < 4 else ["id_card"]
        entry = "allowed" if i == 3 else "refused"
        answers = {p["gender"]: "female" if i % 2 else "male", p["documents_held"]: held,
                   p["entry_result"]: entry, p["decision"]: rng.choice(
                       ["rejected_verbal", "rejected_written", "pending", "admitted"]),
                   p["days_waited"]: rng.randint(30, 70)}
        if i % 5 == 0:
            answers[p["exception_met"]] = "yes"
        items.append(SummaryInput(q, ["CEBAF Peru", "CEBAF Ecuador", "Tumbes"][i % 3], answers))
    return items


def test_summary_view_draws_every_figure(qtbot, tmp_path) -> None:
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    assert all(chart.is_empty() for chart in view.charts())
    view.set_summary(summarise(_reference_trip(), lang="en"))
    assert "35 testimonies" in view.headline.text()
    assert not any(chart.is_empty() for chart in view.charts())
    assert "3 of 35: held one and were still refused" in view.visa_chart.accessibleDescription()
    assert [g.label for g in view.days_site_chart.groups()] == ["CEBAF Ecuador", "CEBAF Peru", "Tumbes"]
    view.resize(1100, 900)
    view.show()
    assert view.grab().save(str(tmp_path / "summary.png"))
    view.clear()
    assert all(chart.is_empty() for chart in view.charts())
    assert "No testimonies yet" in view.headline.text()
