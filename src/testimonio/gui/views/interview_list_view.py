"""The interview list: search, filters, and a table read a page at a time.

Filtering and sorting go to the vault's query (see
:class:`~testimonio.gui.models.interview_table_model.InterviewTableModel`).
Search waits for a short pause in typing so that a query does not run for
each key.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedLayout,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.models.interview_table_model import STATUS_ROLE, InterviewTableModel
from testimonio.gui.widgets.headers import steady_header

log = logging.getLogger(__name__)

SEARCH_PAUSE_MS = 200


class _LetWindowShortcuts(QObject):
    """Lets the window's shortcuts through a line edit that would take them
    (QLineEdit moves to the end of the line on Ctrl+E, which is Export)."""

    KEYS = (QKeySequence("Ctrl+E"),)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                   for key in self.KEYS):
                event.ignore()
                return True
        return False


class _Table(QTableView):
    """A table that opens the row on Enter and never copies to the clipboard."""

    activated_by_key = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated_by_key.emit()
            return
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Cut):
            event.accept()  # nothing readable may reach the clipboard
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        # The keyboard arriving with nothing selected selects the row it lands
        # on: the row Enter opens is the one the toolbar's Open acts on.
        super().focusInEvent(event)
        model, selection = self.model(), self.selectionModel()
        if (event.reason() != Qt.FocusReason.MouseFocusReason and model is not None
                and selection is not None and model.rowCount() > 0 and not selection.hasSelection()):
            current = self.currentIndex()
            self.selectRow(current.row() if current.isValid() else 0)


class InterviewListView(QWidget):
    """Lists interviews; says ``open_requested(id)`` on Enter or double-click."""

    open_requested = Signal(str)
    selection_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model = InterviewTableModel(None, self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Alias or the start of the interview id"))
        self.search.setAccessibleName(self.tr("Search interviews"))
        self.search.setClearButtonEnabled(True)
        self.site = QComboBox(self)
        self.site.setAccessibleName(self.tr("Filter by site"))
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Filter by status"))
        self.form = QComboBox(self)
        self.form.setAccessibleName(self.tr("Filter by questionnaire"))
        # Shown only where interviews come from more than one person (the lead's vault).
        self.researcher = QComboBox(self)
        self.researcher.setAccessibleName(self.tr("Filter by researcher"))
        for combo in (self.site, self.status, self.form, self.researcher):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(10)

        bar = QHBoxLayout()
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search)
        bar.addWidget(search_label)
        bar.addWidget(self.search, 2)
        # The search gives way first on a narrow screen (its placeholder may
        # be cut, the filters' shown choice never is).
        self.search.setMinimumWidth(90)
        # Alt+I is the Interview menu and Alt+T the Team menu: not these.
        for text, combo in ((self.tr("Sit&e:"), self.site), (self.tr("Stat&us:"), self.status),
                            (self.tr("&Questionnaire:"), self.form),
                            (self.tr("&Researcher:"), self.researcher)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo, 1)
        self.researcher_label = label

        self.table = steady_header(_Table(self))
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Interviews"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        # 100 000 rows: fixed row heights keep the view from measuring each one.
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        vertical.hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The questionnaire's title is the long text: it takes the room a wide
        # screen has (an alias stretched over 500 px while titles were cut).
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(5, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((170, 160, 280, 110, 110, 150)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.model.modelReset.connect(self._after_reset)
        self.table.activated_by_key.connect(self.open_current)

        self.empty = QLabel(self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(self._stack, 1)

        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._pause.start)
        self.search.returnPressed.connect(self._search_entered)
        self._shortcuts = _LetWindowShortcuts(self)
        self.search.installEventFilter(self._shortcuts)
        self.site.activated.connect(self.apply_filters)
        self.status.activated.connect(self.apply_filters)
        self.form.activated.connect(self.apply_filters)
        self.researcher.activated.connect(self.apply_filters)
        self.setTabOrder(self.search, self.site)
        self.setTabOrder(self.site, self.status)
        self.setTabOrder(self.status, self.form)
        self.setTabOrder(self.form, self.researcher)
        self.setTabOrder(self.researcher, self.table)

    # --- loading -------------------------------------------------------------
    def load(self) -> None:
        """Fill filters and the first rows from the open vault."""
        self._fill_filters()
        self.model.received_source = self._context.receipts.received_dates
        self.model.set_service(self._context.interviews)

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self._pause.stop()
        self.model.clear()
        self.search.clear()
        for combo in (self.site, self.form, self.status, self.researcher):
            combo.clear()

    def refresh(self) -> None:
        """Read the list again, keeping the filters (after a change)."""
        self.model.refresh()

    def _fill_filters(self) -> None:
        sites: list[str] = []
        try:
            sites = list(self._context.interviews.sites(include_inactive=True))
        except (TestimonioError, AttributeError):
            log.debug("no site list from the interviews service", exc_info=True)
        try:
            for site in self._context.preferences.sites:
                if site not in sites:
                    sites.append(site)
        except TestimonioError:
            pass
        self.site.clear()
        self.site.addItem(self.tr("All sites"), "")
        for site in sorted(sites, key=str.casefold):
            self.site.addItem(site, site)
        self.status.clear()
        self.status.addItem(self.tr("Any status"), "")
        self.status.addItem(self.tr("Draft"), "draft")
        self.status.addItem(self.tr("Complete"), "complete")
        self.form.clear()
        self.form.addItem(self.tr("All questionnaires"), "")
        titles: dict[str, str] = {}
        try:
            for item in self._context.questionnaires.list():
                form_id = str(getattr(item, "form_id", None) or item)
                title = getattr(item, "title", "")
                titles.setdefault(form_id, title if isinstance(title, str) and title else form_id)
        except TestimonioError:
            log.debug("no questionnaire list", exc_info=True)
        for form_id, title in titles.items():
            self.form.addItem(title, form_id)
        self.model.titles = titles
        self._fill_researchers()
        for combo in (self.site, self.status, self.form):
            _keep_first_item_whole(combo)

    def _leads_a_team(self) -> bool:
        """Whether this vault leads a team (its list fills by importing, not by interviewing)."""
        if not self._context.is_open:
            return False
        try:
            return self._context.team.role() == "lead"
        except TestimonioError:
            return False

    def _fill_researchers(self) -> None:
        self.researcher.clear()
        self.researcher.addItem(self.tr("Everyone"), "")
        try:
            people = self._context.interviews.interviewers()
        except TestimonioError:
            people = []
        for name in people:
            self.researcher.addItem(name, name)
        _keep_first_item_whole(self.researcher)
        for widget in (self.researcher, self.researcher_label):
            widget.setVisible(len(people) > 1)
        from testimonio.gui.models.interview_table_model import COLUMNS

        self.table.setColumnHidden([c[0] for c in COLUMNS].index("interviewer"), len(people) <= 1)

    # --- filtering -----------------------------------------------------------
    def apply_search(self) -> None:
        """Run the typed search now."""
        self._pause.stop()
        if self.model.filter.search != self.search.text().strip():
            self.model.set_filter(search=self.search.text().strip())

    def apply_filters(self) -> None:
        """Use the chosen site, status and questionnaire."""
        self.model.set_filter(
            site=self.site.currentData() or None,
            status=self.status.currentData() or None,
            form_id=self.form.currentData() or None,
            interviewer=self.researcher.currentData() or None,
            search=self.search.text().strip(),
        )

    def _after_reset(self) -> None:
        if self.model.rowCount() == 0 and self.model._service is not None:
            filtered = any((self.model.filter.site, self.model.filter.status,
                            self.model.filter.form_id, self.model.filter.search))
            if filtered:
                text = self.tr("No interview matches the search or filters.")
            elif self._leads_a_team():
                text = self.tr("No interviews yet.\nImport your researchers' bundles with "
                               "Team → Import bundles (Ctrl+I).")
            else:
                text = self.tr("No interviews yet.\nStart one with Interview → New (Ctrl+N).")
            self.empty.setText(text)
            self._stack.setCurrentWidget(self.empty)
        else:
            self._stack.setCurrentWidget(self.table)
        self.selection_changed.emit()

    # --- selection -----------------------------------------------------------
    def current_id(self) -> str | None:
        """The id of the selected interview, if any."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.interview_id(index.row())

    def current_status(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        status = self.model.data(index, STATUS_ROLE)
        return None if status is None else str(status)

    def select_id(self, interview_id: str) -> bool:
        """Select the interview if it is among the rows read so far."""
        row = self.model.row_of(interview_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def open_current(self) -> None:
        """Open the selected interview, or the first one when none is selected."""
        interview_id = self.current_id()
        if interview_id is None and self.model.rowCount() > 0:
            interview_id = self.model.interview_id(0)
        if interview_id:
            self.open_requested.emit(interview_id)

    def _search_entered(self) -> None:
        # Enter in the search: search now and put the keyboard on the first
        # match, so a second Enter opens it.
        self.apply_search()
        if self.model.rowCount() > 0:
            self.table.selectRow(0)
            self.table.setFocus()

    def current_description(self) -> str:
        """The selected interview as a person names it: alias, site, start date."""
        index = self.table.currentIndex()
        if not index.isValid():
            return ""
        row = index.row()
        alias = str(self.model.data(self.model.index(row, 0)) or "").strip()
        site = str(self.model.data(self.model.index(row, 1)) or "").strip()
        started = str(self.model.data(self.model.index(row, 3)) or "").strip()
        shown = alias or self.tr("(no alias)")
        details = ", ".join(part for part in (site, started) if part)
        return f"“{shown}” ({details})" if details else f"“{shown}”"

    def _activated(self, index: QModelIndex) -> None:
        interview_id = self.model.interview_id(index.row())
        if interview_id:
            self.open_requested.emit(interview_id)


def _keep_first_item_whole(combo: QComboBox) -> None:
    """At least as wide as its first entry ("All sites"…), which shows until a
    filter is chosen: a 1024 px screen in Spanish squeezed it to "Todos los lugare"."""
    if not combo.count():
        return
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = QSize(metrics.horizontalAdvance(combo.itemText(0)) + 4, metrics.height())
    size = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, combo)
    combo.setMinimumWidth(size.width())
