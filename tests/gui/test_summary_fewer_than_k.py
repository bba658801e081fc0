"""Summary cells of fewer than k interviews say so on screen instead of a number."""

from __future__ import annotations

from testimonio.gui.views.summary_view import SummaryView
from testimonio.services.summary import Count, Distribution, Summary, fewer_than_k

FIGURES = Summary(testimonies=12, visa_held=3, visa_held_refused=2, asylum_claims=12,
                  asylum_outcomes=(Count("rejected", "Rejected", 10), Count("granted", "Granted", 2)),
                  days_waited_by_site=(Distribution("Tumbes", (3.0, 40.0)),
                                       Distribution("CEBAF", tuple(float(d) for d in range(10)))),
                  sites=(Count("Tumbes", "Tumbes", 2), Count("CEBAF", "CEBAF", 10)))


def test_small_cells_show_fewer_than_k(qtbot) -> None:
    masked = fewer_than_k(FIGURES, 5)
    assert masked.masked == {"visa_held", "visa_held_refused"}
    assert [c.count for c in masked.asylum_outcomes] == [10, 0]
    assert masked.days_waited_by_site[0].values == () and masked.days_waited_by_site[1].values
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(masked)
    assert "fewer than 5" in view.headline.text() and "12 testimonies" in view.headline.text()
    assert " 3 of them" not in view.headline.text()


def test_control_exact_counts_are_marked_internal(qtbot) -> None:
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(FIGURES)  # k = 0: the lead chose exact counts
    assert "3 of them" in view.headline.text() and "internal use only" in view.headline.text()


def test_fewer_than_k_testimonies_opens_the_headline_as_a_sentence(qtbot) -> None:
    few = fewer_than_k(Summary(testimonies=3, sites=(Count("Tumbes", "Tumbes", 3),)), 5)
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(few)
    assert view.headline.text().startswith("Fewer than 5 testimonies from 1 site.")
