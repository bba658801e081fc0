"""Item models of the lead's data view: answers a page at a time, repeat rows.

:class:`DataTableModel` knows how many interviews the filter lets through
and reads only the pages the view asks for (100 rows each, a few kept), as
the interview list does. A cell whose answer the researcher's export
withheld (its bundle says so, and why) shows "withheld", one that may have
been withheld (an older bundle did not say) or never leaves "not sent", an
unanswered one stays empty; the reason is on hover. A value that left
generalised (a band, a month) says so on hover too. The rules are
:func:`testimonio.services.data_view.cell_reason`; this model only words them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from testimonio.forms.model import AnswerValue
from testimonio.gui.withheld_words import reason_text
from testimonio.services.data_view import (
    GENERALISED,
    GENERALISED_FURTHER,
    NOT_SENT_REASONS,
    WITHHELD_REASONS,
    DataColumn,
    DataFilter,
    DataRow,
    cell_reason,
)

PAGE = 100
_PAGES_KEPT = 6
_WITHHELD = QColor("#6A5D00")
_GENERALISED = QColor("#0B4F8A")
Index = QModelIndex | QPersistentModelIndex


class _Cells(QAbstractTableModel):
    """What the main and the repeat tables share: columns, labels, cell words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[DataColumn] = []
        self.lang: str | None = None
        self.default_language = ""
        self._italic = QFont()
        self._italic.setItalic(True)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 - Qt's names
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.name  # as the report's column is named
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.label
        return None

    def text(self, column: DataColumn, value: AnswerValue) -> str:
        """A value as the lead reads it: choice labels in the chosen language."""
        q = column.question
        if q is not None and q.choices:
            labels = {c.name: c.label.get(self.lang, self.default_language) or c.name for c in q.choices}
            if isinstance(value, list):
                return "; ".join(labels.get(v, v) for v in value)
            if isinstance(value, str):
                return labels.get(value, value)
        if isinstance(value, list):
            return " ".join(map(str, value))
        return "" if value is None else str(value)

    def reason_text(self, reason: str) -> str:
        """Why a cell looks as it does, in words (the tooltip)."""
        return reason_text(reason)

    def cell(self, column: DataColumn, value: AnswerValue, imported: bool, role: int,
             withheld: dict[str, str] | None = None) -> Any:
        """The data of one cell for ``role`` (``withheld``: what its export said it withheld,
        None when its bundle did not say). The rules are :func:`cell_reason`'s."""
        handler = _CELL_ROLES.get(int(role))
        if handler is None:
            return None
        reason = cell_reason(column, value, imported, withheld)
        not_sent = imported and (reason in WITHHELD_REASONS or reason in NOT_SENT_REASONS)
        coarse = imported and reason in (GENERALISED, GENERALISED_FURTHER)
        return handler(self, column, value, _Look(reason, not_sent, coarse))

    def _display(self, column: DataColumn, value: AnswerValue, look: _Look) -> Any:
        if look.withheld and look.reason in WITHHELD_REASONS:  # the bundle said so, and why
            return QCoreApplication.translate("DataTableModel", "withheld")
        return QCoreApplication.translate("DataTableModel", "not sent") if look.withheld else self.text(column, value)

    def _tooltip(self, column: DataColumn, value: AnswerValue, look: _Look) -> Any:
        if look.withheld or look.generalised:
            return self.reason_text(look.reason)
        return self.text(column, value) or None

    def _foreground(self, _column: DataColumn, _value: AnswerValue, look: _Look) -> Any:
        if look.withheld:
            return _WITHHELD
        return _GENERALISED if look.generalised else None

    def _font(self, _column: DataColumn, _value: AnswerValue, look: _Look) -> Any:
        return self._italic if look.withheld else None

    def _description(self, _column: DataColumn, _value: AnswerValue, look: _Look) -> Any:
        # Read aloud for any generalised value, imported or not (the reason is the column's).
        spoken = look.withheld or look.generalised or look.reason == GENERALISED
        return self.reason_text(look.reason) if spoken else None


class _Look(NamedTuple):
    """Why a cell looks as it does: its reason, and whether it was withheld or left generalised."""

    reason: str
    withheld: bool  # imported, empty, and withheld or never sent (maybe, for older bundles)
    generalised: bool  # imported, and left as a band or a month (or one step coarser)


# Cell data by role; any other role has none.
_CELL_ROLES: dict[int, Callable[[_Cells, DataColumn, AnswerValue, _Look], Any]] = {
    int(Qt.ItemDataRole.DisplayRole): _Cells._display,
    int(Qt.ItemDataRole.ToolTipRole): _Cells._tooltip,
    int(Qt.ItemDataRole.ForegroundRole): _Cells._foreground,
    int(Qt.ItemDataRole.FontRole): _Cells._font,
    int(Qt.ItemDataRole.AccessibleDescriptionRole): _Cells._description,
}


class DataTableModel(_Cells):
    """One row per interview of the filter, read from the service a page at a time."""

    def __init__(self, service: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.filter: DataFilter | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[DataRow]] = OrderedDict()

    def set_table(self, columns: list[DataColumn], lang: str | None, default_language: str) -> None:
        """New columns (another questionnaire)."""
        self.beginResetModel()
        self.columns, self.lang, self.default_language = list(columns), lang, default_language
        self._pages.clear()
        self.endResetModel()

    def set_filter(self, f: DataFilter | None) -> None:
        """Show the interviews ``f`` lets through (None: nothing)."""
        self.beginResetModel()
        self.filter = f
        self._pages.clear()
        self._count = 0
        if f is not None:
            # The first page is read at once; when it is not full it is the whole
            # answer and the count query is skipped (as the interview list does).
            first = self.service.page(f, 0, PAGE)
            self._pages[0] = first
            self._count = len(first) if len(first) < PAGE else self.service.count(f)
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (on lock)."""
        self.beginResetModel()
        self.filter, self._count, self.columns = None, 0, []
        self._pages.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 - Qt's names
        return 0 if parent.isValid() else self._count

    def row(self, n: int) -> DataRow | None:
        """The interview at row ``n`` (its page is read if needed)."""
        if self.filter is None or not 0 <= n < self._count:
            return None
        number = n // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self.service.page(self.filter, number * PAGE, PAGE)
            self._pages[number] = page
            while len(self._pages) > _PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        offset = n - number * PAGE
        return page[offset] if offset < len(page) else None

    def interview_id(self, n: int) -> str | None:
        found = self.row(n)
        return found.interview_id if found is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.columns):
            return None
        found = self.row(index.row())
        if found is None:
            return None
        column = self.columns[index.column()]
        if column.question is None:
            value: AnswerValue = found.meta.get(column.name, "")
            return value if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) else None
        if role == Qt.ItemDataRole.UserRole:
            return found.interview_id
        return self.cell(column, found.answers.get(column.name), found.imported, role, found.withheld)


class RepeatTableModel(_Cells):
    """The instances of one repeat in the selected interview, one row each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, AnswerValue]] = []
        self.imported = False
        self.withheld: list[dict[str, str] | None] = []

    def set_rows(self, columns: list[DataColumn], rows: list[dict[str, AnswerValue]], imported: bool,
                 lang: str | None, default_language: str,
                 withheld: list[dict[str, str] | None] | None = None) -> None:
        """The instances (``withheld``: each one's withheld answers, None if not said)."""
        self.beginResetModel()
        self.columns, self.rows, self.imported = list(columns), list(rows), imported
        self.withheld = list(withheld) if withheld is not None else [None] * len(self.rows)
        self.lang, self.default_language = lang, default_language
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 - Qt's names
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        found = self.withheld[index.row()] if index.row() < len(self.withheld) else None
        return self.cell(column, self.rows[index.row()].get(column.name), self.imported, role, found)
