"""The lead's summary page: the figures of the domain brief, as charts.

Humanitarian visa held and still refused, humanitarian exceptions met (and
still refused), asylum outcomes, entry results, and days waited by site, by
gender and by both. The figures come from ``services.summary`` as plain data
(:class:`~testimonio.services.summary.Summary`); this view only draws them.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.widgets.charts import (
    Bar,
    BarChart,
    Distribution,
    DistributionChart,
    Segment,
    WaffleChart,
)
from testimonio.services.summary import Summary

log = logging.getLogger(__name__)


def load_summary(context: AppContext, lang: str | None = None) -> Summary:
    """The figures over the lead's vault, from the report service."""
    report = context.report
    for name in ("summary", "summarise", "figures"):
        fn = getattr(report, name, None)
        if callable(fn):
            result: Summary = fn(lang=lang)
            return result
    raise TestimonioError("The summary is not available in this version.")


def interface_language(context: AppContext) -> str | None:
    """The interface language ("es", "en"): choice labels are shown in it."""
    from testimonio.gui.i18n import resolve_language

    try:
        return resolve_language(str(context.preferences.language))
    except Exception:  # noqa: BLE001 - labels fall back to the form's default language
        return None


class SummaryView(QWidget):
    """Charts of the merged testimonies; :meth:`refresh` reloads them."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.summary = Summary()
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.headline.setFont(font)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.visa_chart = WaffleChart(parent=self)
        self.exception_chart = WaffleChart(parent=self)
        self.outcomes_chart = BarChart(parent=self)
        self.entry_chart = BarChart(parent=self)
        self.days_site_chart = DistributionChart(parent=self)
        self.days_gender_chart = DistributionChart(parent=self)
        self.days_both_chart = DistributionChart(parent=self)

        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        top_align = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.visa_chart, 0, 0, top_align)
        grid.addWidget(self.exception_chart, 0, 1, top_align)
        grid.addWidget(self.outcomes_chart, 1, 0, top_align)
        grid.addWidget(self.entry_chart, 1, 1, top_align)
        grid.addWidget(self.days_site_chart, 2, 0, top_align)
        grid.addWidget(self.days_gender_chart, 2, 1, top_align)
        grid.addWidget(self.days_both_chart, 3, 0, 1, 2, top_align)
        grid.setRowStretch(4, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.retranslate()

    def charts(self) -> list[Any]:
        return [self.visa_chart, self.exception_chart, self.outcomes_chart, self.entry_chart,
                self.days_site_chart, self.days_gender_chart, self.days_both_chart]

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.refresh_button.setText(self.tr("&Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the figures"))
        self.visa_chart.set_title(self.tr("Humanitarian visa"))
        self.exception_chart.set_title(self.tr("Humanitarian exceptions"))
        self.outcomes_chart.set_title(self.tr("Asylum claims: outcome"))
        self.entry_chart.set_title(self.tr("At migration control"))
        self.days_site_chart.set_title(self.tr("Days waited for a decision, by site"))
        self.days_gender_chart.set_title(self.tr("Days waited for a decision, by gender"))
        self.days_both_chart.set_title(self.tr("Days waited, by site and gender"))
        for chart in self.charts():
            chart.set_empty_text(self.tr("No data yet."))
        for chart in (self.days_site_chart, self.days_gender_chart, self.days_both_chart):
            chart.set_unit(self.tr("days"))
        self.set_summary(self.summary)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Shown again after an import or an unlock: the figures must be current.
        if self.context is not None and not event.spontaneous():
            self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Reload the figures from the vault."""
        try:
            self.set_summary(load_summary(self.context, interface_language(self.context)))
        except TestimonioError as error:
            self.headline.setText(str(error))

    def clear(self) -> None:
        """Forget every figure (on lock)."""
        self.set_summary(Summary())

    def set_summary(self, s: Summary) -> None:
        """Draw the figures of ``s``."""
        self.summary = s
        if not s.testimonies:
            self.headline.setText(self.tr(
                "No testimonies yet. Import the researchers' bundles to see the figures."))
        else:
            self.headline.setText(
                self.tr("%1 testimonies from %2 site(s). %3 of them held a humanitarian visa; "
                        "%4 of those were still refused.")
                .replace("%1", str(s.testimonies)).replace("%2", str(len(s.sites)))
                .replace("%3", str(s.visa_held)).replace("%4", str(s.visa_held_refused)))
        self.visa_chart.set_data(s.testimonies, [
            Segment(self.tr("held one and were still refused"), s.visa_held_refused, 1),
            Segment(self.tr("held one and were not refused"), s.visa_held - s.visa_held_refused, 2),
        ], self.tr("held none"))
        self.exception_chart.set_data(s.testimonies, [
            Segment(self.tr("met an exception and were still refused"), s.exception_met_refused, 1),
            Segment(self.tr("met an exception and were not refused"),
                    s.exception_met - s.exception_met_refused, 2),
        ], self.tr("met none"))
        self.outcomes_chart.set_data([Bar(c.label, c.count) for c in s.asylum_outcomes],
                                     total=s.asylum_claims)
        self.entry_chart.set_data([Bar(c.label, c.count) for c in s.entry_results],
                                  total=sum(c.count for c in s.entry_results), colour=3)
        for chart, groups in ((self.days_site_chart, s.days_waited_by_site),
                              (self.days_gender_chart, s.days_waited_by_gender),
                              (self.days_both_chart, s.days_waited_by_site_gender)):
            chart.set_data([Distribution(self._group_label(g.group), g.values) for g in groups])

    def _group_label(self, group: str) -> str:
        # The service marks a blank gender (not asked, or blanked for privacy) with a dash.
        return group.replace("—", self.tr("gender not given"))
