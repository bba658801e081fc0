"""The export preview as a table: one row per value that will leave the vault.

The model takes plain :class:`PreviewRow` values (built from the export
service's preview by the export dialog), so it knows nothing of services and
can be tested alone. A long table — interview, question, value — shows
exactly what leaves whatever the questionnaire, and sorts and filters with a
``QSortFilterProxyModel``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class PreviewRow:
    """One value as it will leave: under its export id, never the vault id."""

    interview: str  # export id (random), e.g. "x-3f9a…"
    questionnaire: str
    path: str  # answer path, e.g. "companions[2]/age"
    label: str  # the question's label in the interface language
    value: str  # the value exactly as written into the bundle
    how: str = ""  # "as entered", "generalised", "reviewed", "attachment", "blanked"


class PreviewModel(QAbstractTableModel):
    """Read-only table of :class:`PreviewRow`."""

    INTERVIEW, QUESTIONNAIRE, QUESTION, VALUE, HOW = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Interview"), self.tr("Questionnaire"), self.tr("Question"),
                self.tr("Value that leaves"), self.tr("How"))

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row (on lock, on close)."""
        self.set_rows([])

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def interviews(self) -> list[str]:
        """The export ids in the preview, in order of first appearance."""
        return list(dict.fromkeys(r.interview for r in self._rows))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.QUESTION and role == Qt.ItemDataRole.ToolTipRole:
                return row.path
            return (row.interview, row.questionnaire, row.label or row.path, row.value, row.how)[col]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and col == self.HOW and row.how:
            return QColor("#555555")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 5:
            return self._headers()[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
