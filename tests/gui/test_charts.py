"""The QPainter charts of the summary page: data in, pixels and sentences out."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from testimonio.gui.widgets.chart_scale import nice_max, quantile
from testimonio.gui.widgets.charts import (
    PALETTE,
    Bar,
    BarChart,
    Distribution,
    DistributionChart,
    Segment,
    WaffleChart,
)


def _colours(image: QImage) -> set[str]:
    found = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            found.add(QColor(image.pixel(x, y)).name())
    return found


def test_axis_and_quantiles() -> None:
    assert nice_max(70) == 80
    assert nice_max(7) == 8
    assert nice_max(0) == 1
    assert quantile([30, 40, 50, 60], 0.5) == 45
    assert quantile([5], 0.25) == 5


def test_waffle_draws_one_square_per_person_and_describes_itself(qtbot) -> None:
    chart = WaffleChart("Humanitarian visa")
    qtbot.addWidget(chart)
    chart.set_data(35, [Segment("still refused", 3, 1), Segment("let in", 1, 2)], "no visa")
    chart.resize(400, chart.sizeHint().height())
    image = chart.grab().toImage()
    colours = _colours(image)
    assert PALETTE[1].name() in colours and PALETTE[2].name() in colours
    assert "3 of 35: still refused" in chart.accessibleDescription()
    assert chart.accessibleName() == "Humanitarian visa"


def test_bar_chart_bars_scale_with_values(qtbot) -> None:
    chart = BarChart("Outcomes")
    qtbot.addWidget(chart)
    chart.set_data([Bar("Admitted", 2), Bar("Rejected", 8)], total=10)
    chart.resize(500, chart.sizeHint().height())
    image = chart.grab().toImage()
    blue = PALETTE[0].name()
    per_line = [sum(1 for x in range(image.width()) if QColor(image.pixel(x, y)).name() == blue)
                for y in range(image.height())]
    runs: list[int] = []  # longest blue line of each bar, top to bottom
    for y, count in enumerate(per_line):
        if count and (y == 0 or not per_line[y - 1]):
            runs.append(0)
        if count:
            runs[-1] = max(runs[-1], count)
    assert len(runs) == 2
    short, long = runs
    assert short > 0 and long > 3 * short
    assert "Rejected: 8" in chart.summary_text()


def test_empty_charts_say_so(qtbot) -> None:
    for chart in (BarChart("a"), DistributionChart("b"), WaffleChart("c")):
        qtbot.addWidget(chart)
        assert chart.is_empty()
        assert chart.summary_text() == "No data yet."
        chart.resize(300, 120)
        chart.grab()  # paints without data


@pytest.mark.parametrize("values", [(30.0,), (30.0, 45.0, 70.0, 70.0)])
def test_distribution_summary_and_paint(qtbot, values) -> None:
    chart = DistributionChart("Days waited", "days")
    qtbot.addWidget(chart)
    chart.set_data([Distribution("CEBAF Peru", values), Distribution("empty", ())])
    assert [g.label for g in chart.groups()] == ["CEBAF Peru"]  # empty groups are dropped
    assert f"{len(values)} people" in chart.summary_text()
    chart.resize(500, chart.sizeHint().height())
    assert PALETTE[0].name() in _colours(chart.grab().toImage())
