"""The lead's summary page: the figures of the domain brief, as charts.

Humanitarian visa held and still refused, humanitarian exceptions met (and
still refused), asylum outcomes, entry results, and days waited by site, by
gender and by both. The figures come from ``services.summary`` as plain data
(:class:`~testimonio.services.summary.Summary`); this view only draws them.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.plain import plain_label
from testimonio.gui.widgets.chart_files import save_png, save_svg
from testimonio.gui.widgets.charts import (
    Bar,
    BarChart,
    Distribution,
    DistributionChart,
    Segment,
    WaffleChart,
)
from testimonio.gui.widgets.form_choices import add_questionnaires
from testimonio.services.data_view import (
    HELD,
    NOT_EXPORTED,
    NOT_REVIEWED,
    OWN,
    SUPPRESSED,
    DataFilter,
)
from testimonio.services.summary import (
    AT_LEAST,
    FEWER,
    NOT_GIVEN,
    NOT_SHOWN,
    WITHHELD_GROUP,
    Count,
    Summary,
    share_base,
)

_ANY_DAY = QDate(2000, 1, 1)

log = logging.getLogger(__name__)


def interface_language(context: AppContext) -> str | None:
    """The interface language ("es", "en"): choice labels are shown in it."""
    from PySide6.QtCore import QCoreApplication

    from testimonio.gui.i18n import languages, resolve_language

    app = QCoreApplication.instance()
    if app is not None and languages(app).current in ("es", "en"):
        return languages(app).current  # the language the program is shown in now
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
        self.headline = plain_label(self)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.headline.setFont(font)
        # Answers the figures lack: withheld by the researchers' exports, or never given.
        self.blanks = plain_label(self)
        self.blanks.setWordWrap(True)
        self.blanks.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_all)
        self._build_filters()
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
        top.addLayout(self.period_row)
        top.addWidget(self.headline, 1)
        top.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters_row)
        layout.addLayout(top)
        layout.addWidget(self.blanks)
        layout.addWidget(scroll, 1)
        for chart in self.charts():
            # Right-click (or the menu key) on a chart saves it for the team's report.
            chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            chart.customContextMenuRequested.connect(
                lambda point, c=chart: self._chart_menu(c, point))
        self.retranslate()
        self._fill_filters()

    # --- filters ---------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.form = QComboBox(self)
        self.site = QComboBox(self)
        self.researcher = QComboBox(self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        self.filter_labels = [QLabel(self) for _ in range(5)]
        # The choices on one row, the period on the next (beside the headline):
        # one row of five would not fit a 1024-pixel screen in Spanish.
        self.filters_row, self.period_row = QHBoxLayout(), QHBoxLayout()
        widgets: tuple[QWidget, ...] = (self.form, self.site, self.researcher, self.date_from,
                                        self.date_to)
        for label, widget in zip(self.filter_labels, widgets, strict=True):
            label.setBuddy(widget)
            row = self.filters_row if isinstance(widget, QComboBox) else self.period_row
            row.addWidget(label)
            # The questionnaire's title is the longest choice: it takes the room
            # the site and the researcher (as wide as their choices) leave.
            row.addWidget(widget, 1 if widget is self.form else 0)
        for box in (self.form, self.site, self.researcher):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.currentIndexChanged.connect(lambda _i: self._filter_changed())
        for box in (self.site, self.researcher):  # names of any length: within bounds
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 34)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(_ANY_DAY)
            edit.setDate(_ANY_DAY)
            edit.dateChanged.connect(lambda _d: self._filter_changed())
        self._filling = False

    def _fill_filters(self) -> None:
        """The questionnaires, sites and researchers the lead can choose from."""
        if self.context is None or not getattr(self.context, "is_open", False):
            return
        self._filling = True
        try:
            service = self.context.data_view
            keep = (self.form.currentData(), self.site.currentData(), self.researcher.currentData())
            for box in (self.form, self.site, self.researcher):
                box.clear()
            self.form.addItem(self.tr("Every questionnaire"), "")
            forms = service.newest()
            add_questionnaires(self.form, forms)  # by title, as the data view lists them
            self.site.addItem(self.tr("Every site"), None)
            for site in sorted({s for form in forms for s in service.sites(form.form_id)}):
                self.site.addItem(site, site)
            self.researcher.addItem(self.tr("Every researcher"), None)
            for key_id, name in service.researchers():
                self.researcher.addItem(name, key_id)
            self.researcher.addItem(self.tr("Taken in this vault"), OWN)
            for box, value in zip((self.form, self.site, self.researcher), keep, strict=True):
                found = box.findData(value)
                box.setCurrentIndex(max(found, 0))
        except TestimonioError as error:
            self.headline.setText(str(error))
        finally:
            self._filling = False

    def current_filter(self) -> DataFilter:
        """The filter every chart is drawn under."""
        def day(edit: QDateEdit) -> str | None:
            return None if edit.date() == _ANY_DAY else edit.date().toString("yyyy-MM-dd")

        return DataFilter(self.form.currentData() or "", researcher=self.researcher.currentData(),
                          site=self.site.currentData(), date_from=day(self.date_from),
                          date_to=day(self.date_to))

    def _filter_changed(self) -> None:
        if not self._filling:
            self.refresh()

    # --- saving ------------------------------------------------------------------------
    def _chart_menu(self, chart: Any, point: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Save as &PNG (print resolution)…"), lambda: self.save_chart(chart, "png"))
        menu.addAction(self.tr("Save as &SVG…"), lambda: self.save_chart(chart, "svg"))
        menu.exec(chart.mapToGlobal(point))
        menu.deleteLater()

    def save_chart(self, chart: Any, kind: str, path: str | None = None) -> bool:
        """Save one chart as PNG (300 dpi) or SVG; asks where when ``path`` is None."""
        from pathlib import Path

        from testimonio.gui.file_dialogs import last_folder, remember_folder, save_file

        if path is None:
            proposed = str(Path(last_folder("chart")) / f"{_slug(chart.title())}.{kind}")
            path = save_file(self, self.tr("Save the chart as"), proposed,
                             self.tr("PNG pictures (*.png)") if kind == "png" else
                             self.tr("SVG drawings (*.svg)"))
            if not path:
                return False
            remember_folder("chart", path)
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        ok = save_png(chart, path) if kind == "png" else save_svg(chart, path, chart.title())
        self.headline.setText(self.tr("The chart is saved as %1.").replace("%1", path) if ok else
                              self.tr("The chart could not be saved as %1.").replace("%1", path))
        return ok

    def save_all(self, folder: str | None = None) -> list[str]:
        """Save every chart as PNG and SVG into a folder (asked for when None)."""
        from pathlib import Path

        from testimonio.gui.file_dialogs import choose_folder

        if not folder:
            folder = choose_folder(self, self.tr("Choose the folder for the charts"), "chart")
            if not folder:
                return []
        written = []
        Path(folder).mkdir(parents=True, exist_ok=True)
        for chart in self.charts():
            base = Path(folder) / _slug(chart.title())
            if save_png(chart, f"{base}.png") and save_svg(chart, f"{base}.svg", chart.title()):
                written += [f"{base}.png", f"{base}.svg"]
        self.headline.setText(self.tr("%n file(s) saved in %1.", "", len(written))
                              .replace("%1", str(folder)))
        return written

    def charts(self) -> list[Any]:
        return [self.visa_chart, self.exception_chart, self.outcomes_chart, self.entry_chart,
                self.days_site_chart, self.days_gender_chart, self.days_both_chart]

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.refresh_button.setText(self.tr("&Refresh"))
        self.save_button.setText(self.tr("Save the ch&arts…"))
        self.save_button.setToolTip(self.tr(
            "Save every chart as PNG (print resolution) and SVG, for the team's report. "
            "Right-click a chart to save it alone."))
        for label, text in zip(self.filter_labels, (
                self.tr("&Questionnaire:"), self.tr("Sit&e:"), self.tr("Re&searcher:"),
                self.tr("Fro&m:"), self.tr("&Until:")), strict=True):
            label.setText(text)
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any day"))
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
        """Reload the figures from the vault, under the filters."""
        if self.context is None:
            return
        self._fill_filters()
        try:
            self.set_summary(self.context.summary_query.summary(
                self.current_filter(), interface_language(self.context)))
        except TestimonioError as error:
            self.headline.setText(str(error))

    def clear(self) -> None:
        """Forget every figure (on lock)."""
        self.set_summary(Summary())

    def set_summary(self, s: Summary) -> None:
        """Draw the figures of ``s`` (cells under k say "fewer than k", never a number)."""
        self.summary = s
        fewer = self.tr("fewer than %1").replace("%1", str(s.k))
        # What is said of a figure not shown (the rules: services/summary.fewer_than_k).
        words = {FEWER: fewer, AT_LEAST: self.tr("at least %1").replace("%1", str(s.k)),
                 NOT_SHOWN: self.tr("not shown")}

        def shown(name: str) -> str:
            count, status = s.cell(name)
            return words[status] if status else str(count)

        def segment(label: str, name: str, colour: int) -> Segment:
            count, status = s.cell(name)
            return Segment(label, count, colour, words.get(status, ""))

        def rest(name: str) -> int | str:
            count, status = s.cell(name)
            return words[status] if status else count

        if not s.testimonies and "testimonies" not in s.masked:
            self.headline.setText(self.tr(
                "No testimonies yet. Import the researchers' bundles to see the figures."))
        else:
            text = (self.tr("%1 testimonies from %2. %3 of them held a humanitarian visa; "
                            "%4 of those were still refused.")
                    .replace("%1", shown("testimonies")).replace("%2", self.tr("%n site(s)", "", len(s.sites)))
                    .replace("%3", shown("visa_held")).replace("%4", shown("visa_held_refused")))
            text = text[:1].upper() + text[1:]  # "Fewer than 5 testimonies…" opens the sentence
            if not s.k:
                text += " " + self.tr("Exact counts, small groups included: for internal use only.")
            self.headline.setText(text)
        self.blanks.setText(self._blanks_text(s, fewer))
        self.blanks.setVisible(bool(self.blanks.text()))
        self.visa_chart.set_data(s.testimonies, [
            segment(self.tr("held one and were still refused"), "visa_held_refused", 1),
            segment(self.tr("held one and were not refused"), "visa_not_refused", 2),
        ], self.tr("held none"), rest("visa_none"))
        self.exception_chart.set_data(s.testimonies, [
            segment(self.tr("met an exception and were still refused"), "exception_met_refused", 1),
            segment(self.tr("met an exception and were not refused"), "exception_not_refused", 2),
        ], self.tr("met none"), rest("exception_none"))

        def bar(c: Count) -> Bar:
            return Bar(c.label, c.count, shown=fewer if c.fewer else words[NOT_SHOWN] if c.hidden else "")

        self.outcomes_chart.set_data([bar(c) for c in s.asylum_outcomes],
                                     total=share_base(s.asylum_outcomes, s.asylum_claims))
        self.entry_chart.set_data([bar(c) for c in s.entry_results],
                                  total=share_base(s.entry_results, sum(c.count for c in s.entry_results)),
                                  colour=3)
        for chart, groups in ((self.days_site_chart, s.days_waited_by_site),
                              (self.days_gender_chart, s.days_waited_by_gender),
                              (self.days_both_chart, s.days_waited_by_site_gender)):
            chart.set_data([Distribution(self._group_label(g.group) + (
                f" ({fewer})" if g.fewer else f" ({words[NOT_SHOWN]})" if g.hidden else ""), g.values)
                for g in groups])

    def _group_label(self, group: str) -> str:
        # The service marks a gender withheld by an export with "⊘" and its reason,
        # one never given (or from an older bundle that did not say) with a dash.
        for reason in (SUPPRESSED, NOT_REVIEWED, HELD, NOT_EXPORTED):
            group = group.replace(WITHHELD_GROUP + reason, self.tr("gender %1").replace(
                "%1", self._withheld_words(reason)))
        return group.replace(NOT_GIVEN, self.tr("gender not given"))

    def _withheld_words(self, reason: str) -> str:
        """Why an export withheld answers, as the summary says it."""
        return {SUPPRESSED: self.tr("withheld by k-anonymity"),
                NOT_REVIEWED: self.tr("withheld: text not released"),
                HELD: self.tr("withheld by the safety net"),
                NOT_EXPORTED: self.tr("withheld: not exported")}.get(reason, self.tr("withheld"))

    def _blanks_text(self, s: Summary, fewer: str) -> str:
        """One sentence on the answers the figures lack, withheld told apart from not given."""
        parts: dict[str, list[str]] = {}
        labels: dict[str, str] = {}

        def count(c: Any) -> str:
            return fewer if c.fewer else str(c.count)

        # The figures' own words for their questions (a calculation has no label of its own).
        words = {"gender": self.tr("gender"), "days_waited": self.tr("days waited")}
        for c in s.withheld:
            name, _, reason = c.key.partition(":")
            labels[name] = words.get(name, c.label)
            parts.setdefault(name, []).append(f"{self._withheld_words(reason)} (n={count(c)})")
        for c in s.not_given:
            labels[c.key] = words.get(c.key, c.label)
            parts.setdefault(c.key, []).append(self.tr("not given (n=%1)").replace("%1", count(c)))
        if not parts:
            return ""
        listed = "; ".join(f"{labels[name]}: {', '.join(said)}" for name, said in parts.items())
        text = self.tr("Answers the figures lack: %1.").replace("%1", listed)
        if s.unsure and s.not_given:
            text += " " + self.tr("Some interviews came in bundles of older programs, which do not "
                                  "say what they withheld: some counted as not given may have "
                                  "been withheld.")
        return text


def _slug(title: str) -> str:
    """A file name from a chart's title (letters, digits and dashes)."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "chart"
