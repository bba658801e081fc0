"""Summary cells of fewer than k interviews say so on screen instead of a number."""

from __future__ import annotations

from testimonio.gui.views.summary_view import SummaryView
from testimonio.services.summary import Count, Distribution, Summary, fewer_than_k

# Each test takes ``app``: the English translation installed (its plurals:
# "1 site", not "1 site(s)"), whichever test ran before.
FIGURES = Summary(testimonies=12, visa_held=3, visa_held_refused=2, asylum_claims=12,
                  asylum_outcomes=(Count("rejected", "Rejected", 10), Count("granted", "Granted", 2)),
                  days_waited_by_site=(Distribution("Tumbes", (3.0, 40.0)),
                                       Distribution("CEBAF", tuple(float(d) for d in range(10)))),
                  sites=(Count("Tumbes", "Tumbes", 2), Count("CEBAF", "CEBAF", 10)))


def test_small_cells_show_fewer_than_k(app, qtbot) -> None:
    masked = fewer_than_k(FIGURES, 5)
    # The 3 with a visa, 2 of them refused, and so the 1 not refused; the 9
    # without a visa would tell the 3 (12 - 9): not shown either.
    assert masked.masked == {"visa_held", "visa_held_refused", "visa_not_refused"}
    assert masked.hidden == {"visa_none"}
    # Granted 2 of 12 claims: the 10 rejected would tell them; hidden too.
    assert [(c.count, c.fewer, c.hidden) for c in masked.asylum_outcomes] == [(0, False, True), (0, True, False)]
    # Tumbes has 2 values; CEBAF's 10, shown beside the total, would tell them.
    tumbes, cebaf = masked.days_waited_by_site
    assert tumbes.fewer and not tumbes.values and cebaf.hidden and not cebaf.values
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(masked)
    assert "fewer than 5" in view.headline.text() and "12 testimonies" in view.headline.text()
    assert " 3 of them" not in view.headline.text()
    # The charts say so too, never "0 (0%)" for a count not shown, nor "12 (100%)
    # held none" (3 held one), nor shares of what is left when a count is hidden.
    visa = view.visa_chart.summary_text()
    assert "fewer than 5 of 12: held one and were still refused" in visa
    assert "fewer than 5 of 12: held one and were not refused" in visa
    legend = [text for _label, text, _colour in view.visa_chart._entries()]
    assert legend == ["fewer than 5", "fewer than 5", "not shown"]
    assert view.outcomes_chart.summary_text() == "Rejected: not shown; Granted: fewer than 5."
    # Groups not shown are listed as such, not drawn (nor "no data yet").
    assert view.days_site_chart.summary_text() == "Not shown: Tumbes (fewer than 5); CEBAF (not shown)."
    assert not view.days_site_chart.is_empty() or view.days_site_chart.left_out_text()
    assert not view.days_site_chart.grab().isNull()
    assert not view.outcomes_chart.is_empty()


def test_a_figure_hidden_for_a_small_difference_says_at_least_k(app, qtbot) -> None:
    """7 with a visa, 5 of them refused: the 2 not refused are a small cell, so the 5
    are not shown either, and said as what they are: at least 5."""
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(fewer_than_k(Summary(testimonies=20, visa_held=7, visa_held_refused=5,
                                          sites=(Count("Tumbes", "Tumbes", 20),)), 5))
    assert "7 of them held a humanitarian visa; at least 5 of those were still refused" in \
        view.headline.text()
    legend = [text for _label, text, _colour in view.visa_chart._entries()]
    assert legend == ["at least 5", "fewer than 5", "13 (65%)"]
    assert view.visa_chart._rest_count() == 13  # 13 grey squares; 7 outlined, their split not shown


def test_control_exact_counts_are_marked_internal(app, qtbot) -> None:
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(FIGURES)  # k = 0: the lead chose exact counts
    assert "3 of them" in view.headline.text() and "internal use only" in view.headline.text()


def test_fewer_than_k_testimonies_opens_the_headline_as_a_sentence(app, qtbot) -> None:
    few = fewer_than_k(Summary(testimonies=3, sites=(Count("Tumbes", "Tumbes", 3),)), 5)
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(few)
    assert view.headline.text().startswith("Fewer than 5 testimonies from 1 site.")


def test_a_chart_beside_a_hidden_count_gives_no_shares(app, qtbot) -> None:
    """Three outcomes, one small: the smallest other is hidden with it, and the
    third is shown without a share (a share would tell the total)."""
    figures = Summary(testimonies=40, asylum_claims=40, sites=(Count("Tumbes", "Tumbes", 40),),
                      asylum_outcomes=(Count("rejected", "Rejected", 25), Count("pending", "Pending", 12),
                                       Count("granted", "Granted", 3)))
    view = SummaryView(context=None)
    qtbot.addWidget(view)
    view.set_summary(fewer_than_k(figures, 5))
    assert view.outcomes_chart.summary_text() == "Rejected: 25; Pending: not shown; Granted: fewer than 5."
    assert view.outcomes_chart._value_text(view.outcomes_chart.bars()[0]) == "25"
    view.set_summary(figures)  # exact counts: shares of the claims
    assert view.outcomes_chart._value_text(view.outcomes_chart.bars()[0]) == "25 (62%)"
