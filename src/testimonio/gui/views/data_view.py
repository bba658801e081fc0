"""The lead's data view: the answers of one questionnaire as a table.

One row per complete interview, columns named as the report names them;
below, the rows of a repeat for the selected interview. Filters (researcher,
site, the day taken, the answer to any select question) and a search in the
alias narrow the table at once: each change is a count and one page read
from the vault (services/data_view.py). Columns can be hidden; the choice is
remembered per questionnaire, inside the vault. Enter or a double-click
opens the interview.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.models.data_table_model import DataTableModel, RepeatTableModel
from testimonio.gui.widgets.form_choices import add_questionnaires
from testimonio.gui.widgets.headers import fit_path_columns, path_header
from testimonio.services.data_view import (
    OWN,
    DataColumn,
    DataFilter,
    repeat_instances,
    repeat_withheld,
)

_ANY_DAY = QDate(2000, 1, 1)  # the date fields' "any" (their minimum, shown as a word)


def _combo(parent: QWidget, name: str) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(10)
    return box


def _date(parent: QWidget, name: str, any_text: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_ANY_DAY)
    edit.setSpecialValueText(any_text)
    edit.setDate(_ANY_DAY)
    return edit


class DataView(QWidget):
    """Answers of the lead's vault, per questionnaire, filtered and paged."""

    open_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.service = context.data_view
        self.lang = self._language()
        self.q: Any = None
        self.columns: list[DataColumn] = []
        self.model = DataTableModel(self.service, self)
        self.repeat_model = RepeatTableModel(self)
        self._loading = False
        self._build()
        self.load()

    # --- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.form = _combo(self, self.tr("Questionnaire"))
        # As wide as its longest questionnaire's title, within bounds (the id and
        # version were clipped at 1024 pixels); the other two share the rest of the row.
        self.form.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.form.setMaximumWidth(self.fontMetrics().averageCharWidth() * 56)  # a title of any length
        self.researcher = _combo(self, self.tr("Researcher"))
        self.site = _combo(self, self.tr("Site"))
        self.date_from = _date(self, self.tr("Taken from"), self.tr("any day"))
        self.date_to = _date(self, self.tr("Taken until"), self.tr("any day"))
        self.question = _combo(self, self.tr("Question to filter by"))
        self.choice = _combo(self, self.tr("Answer to filter by"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search the alias…"))
        self.search.setAccessibleName(self.tr("Search the alias"))
        self.search.setClearButtonEnabled(True)
        self.columns_button = QPushButton(self.tr("&Columns…"), self)
        self.columns_menu = QMenu(self)
        self.columns_button.setMenu(self.columns_menu)
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)  # may show an error sentence
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Answers, one row per interview"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # "…/gender" says more than "person/gen…" or "…son/gender".
        path_header(self.table)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_repeat())
        self.repeat = _combo(self, self.tr("Repeat to show"))
        self.repeat_table = QTableView(self)
        self.repeat_table.setModel(self.repeat_model)
        path_header(self.repeat_table)
        self.repeat_table.setAccessibleName(self.tr("Rows of the repeat for the selected interview"))
        self.repeat_table.setTabKeyNavigation(False)
        self.repeat_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.repeat_label = QLabel(self.tr("Re&peat:"), self)
        self.repeat_label.setBuddy(self.repeat)
        self._lay_out()
        for box in (self.researcher, self.site, self.choice):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        self.form.currentIndexChanged.connect(lambda _i: self._form_changed())
        self.question.currentIndexChanged.connect(lambda _i: self._question_changed())
        self.search.returnPressed.connect(self.apply_filters)
        self.search.textChanged.connect(lambda text: None if text else self.apply_filters())
        self.repeat.currentIndexChanged.connect(lambda _i: self._show_repeat())

    def _lay_out(self) -> None:
        def labelled(text: str, widget: QWidget) -> QLabel:
            label = QLabel(text, self)
            label.setBuddy(widget)
            return label

        # Three short rows rather than two long ones: the window must fit a
        # 1024-pixel screen in Spanish too.
        first, second, third = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        for row, text, widget in (
                (first, self.tr("&Questionnaire:"), self.form),
                (first, self.tr("&Researcher:"), self.researcher),
                (first, self.tr("Sit&e:"), self.site),
                (second, self.tr("Fro&m:"), self.date_from),
                (second, self.tr("&Until:"), self.date_to),
                (second, self.tr("&Where:"), self.question),
                (second, self.tr("i&s:"), self.choice)):
            row.addWidget(labelled(text, widget))
            row.addWidget(widget, 0 if widget in (self.date_from, self.date_to, self.form) else 1)
        third.addWidget(self.search, 2)
        third.addWidget(self.columns_button)
        third.addWidget(self.count_label, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        repeat_row = QHBoxLayout()
        repeat_row.addWidget(self.repeat_label)
        repeat_row.addWidget(self.repeat, 1)
        repeat_row.addStretch(2)
        lower_layout.addLayout(repeat_row)
        lower_layout.addWidget(self.repeat_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        for row in (first, second, third):
            layout.addLayout(row)
        layout.addWidget(split, 1)

    def _language(self) -> str | None:
        from testimonio.gui.views.summary_view import interface_language

        return interface_language(self.context)

    # --- loading -------------------------------------------------------------------
    def load(self) -> None:
        """Fill the questionnaire, researcher and site choices, then the table."""
        self._loading = True
        try:
            current = self.form.currentData()
            self.form.clear()
            add_questionnaires(self.form, self.service.newest())
            self.researcher.clear()
            self.researcher.addItem(self.tr("Every researcher"), None)
            for key_id, name in self.service.researchers():
                self.researcher.addItem(name, key_id)
            self.researcher.addItem(self.tr("Taken in this vault"), OWN)
            if current is not None and self.form.findData(current) >= 0:
                self.form.setCurrentIndex(self.form.findData(current))
        except TestimonioError as error:
            self.count_label.setText(str(error))
        finally:
            self._loading = False
        self._form_changed()

    def _form_changed(self) -> None:
        if self._loading:
            return
        form_id = self.form.currentData()
        self._loading = True
        try:
            self.site.clear()
            self.site.addItem(self.tr("Every site"), None)
            self.question.clear()
            self.question.addItem(self.tr("any question"), None)
            self.repeat.clear()
            if form_id is None:
                self.q, self.columns = None, []
                self.model.set_table([], self.lang, "")
                return
            self.q = self.service.questionnaire(form_id)
            self.columns = self.service.columns(self.q, self.lang)
            for site in self.service.sites(form_id):
                self.site.addItem(site, site)
            for column in self.columns:
                if column.is_select:
                    self.question.addItem(f"{column.label} ({column.name})", column.name)
            for group, _columns in self.service.repeats(self.q, self.lang):
                self.repeat.addItem(group.path, group.path)
            self.model.set_table(self.columns, self.lang, self.q.default_language)
            fit_path_columns(self.table)
        except TestimonioError as error:
            self.count_label.setText(str(error))
        finally:
            self._loading = False
        self._question_changed()
        self._build_columns_menu()

    def _question_changed(self) -> None:
        if self._loading:
            return
        self._loading = True
        self.choice.clear()
        self.choice.addItem(self.tr("any answer"), None)
        column = next((c for c in self.columns if c.name == self.question.currentData()), None)
        if column is not None and column.question is not None:
            for c in column.question.choices:
                self.choice.addItem(c.label.get(self.lang, self.q.default_language) or c.name, c.name)
        self.choice.setEnabled(column is not None)
        self._loading = False
        self.apply_filters()

    # --- filtering -----------------------------------------------------------------
    def current_filter(self) -> DataFilter | None:
        """The filter the controls say (None without a questionnaire)."""
        form_id = self.form.currentData()
        if form_id is None:
            return None

        def day(edit: QDateEdit) -> str | None:
            return None if edit.date() == _ANY_DAY else edit.date().toString("yyyy-MM-dd")

        question, choice = self.question.currentData(), self.choice.currentData()
        return DataFilter(form_id, researcher=self.researcher.currentData(), site=self.site.currentData(),
                          date_from=day(self.date_from), date_to=day(self.date_to),
                          choices=((question, choice),) if question and choice else (),
                          search=self.search.text().strip() or None)

    def apply_filters(self) -> None:
        """Count and show the first page for the current filters."""
        if self._loading:
            return
        try:
            self.model.set_filter(self.current_filter())
        except TestimonioError as error:
            self.count_label.setText(str(error))
            return
        self._apply_hidden()
        total = self.model.rowCount()
        self.count_label.setText(self.tr("%n interview(s)", "", total))
        if total:
            self.table.selectRow(0)
        self._show_repeat()

    # --- columns -------------------------------------------------------------------
    def _hidden_key(self) -> str:
        return f"pref.data_view.hidden.{self.form.currentData()}"

    def hidden_columns(self) -> set[str]:
        """Names of the columns hidden for this questionnaire (remembered in the vault)."""
        try:
            found = self.context.settings_store.get_json(self._hidden_key(), [])
        except TestimonioError:
            return set()
        return {str(n) for n in found} if isinstance(found, list) else set()

    def set_column_shown(self, name: str, shown: bool) -> None:
        """Show or hide a column and remember it."""
        hidden = self.hidden_columns()
        hidden = hidden - {name} if shown else hidden | {name}
        try:
            self.context.settings_store.set_json(self._hidden_key(), sorted(hidden))
        except TestimonioError as error:
            self.count_label.setText(str(error))
        self._apply_hidden()

    def _apply_hidden(self) -> None:
        hidden = self.hidden_columns()
        for n, column in enumerate(self.columns):
            self.table.setColumnHidden(n, column.name in hidden)

    def _build_columns_menu(self) -> None:
        self.columns_menu.clear()
        hidden = self.hidden_columns()
        for column in self.columns:
            action = QAction(f"{column.name} — {column.label}", self.columns_menu)
            action.setCheckable(True)
            action.setChecked(column.name not in hidden)
            action.toggled.connect(lambda on, name=column.name: self.set_column_shown(name, on))
            self.columns_menu.addAction(action)
        self._apply_hidden()

    # --- the selected interview ------------------------------------------------------
    def _show_repeat(self) -> None:
        row = self.model.row(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        path = self.repeat.currentData()
        if row is None or path is None or self.q is None:
            self.repeat_model.set_rows([], [], False, self.lang, "")
            return
        for group, columns in self.service.repeats(self.q, self.lang):
            if group.path == path:
                self.repeat_model.set_rows(columns, repeat_instances(self.q, group, row.answers),
                                           row.imported, self.lang, self.q.default_language,
                                           repeat_withheld(self.q, group, row))
                fit_path_columns(self.repeat_table)
                return

    def _open(self, row: int) -> None:
        interview_id = self.model.interview_id(row)
        if interview_id:
            self.open_requested.emit(interview_id)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Shown again after an import: the table must be current.
        if not event.spontaneous():
            self.load()
        super().showEvent(event)

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self.model.clear()
        self.repeat_model.set_rows([], [], False, None, "")
