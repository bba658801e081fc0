"""The lead's roster and import log as tables: researchers, and their bundles.

Both models take plain rows (built by the researchers view from the team and
import services), so they can be tested without a vault.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from testimonio.exchange.manifest import gap_text

Index = QModelIndex | QPersistentModelIndex
_WARN = QColor("#B00020")


def format_gaps(gaps: Sequence[tuple[int, int]]) -> str:
    """Runs of missing sequence numbers as text: ``[(3, 5), (9, 9)]`` → ``"3–5, 9"``."""
    return gap_text(gaps)


@dataclass(frozen=True)
class ResearcherRow:
    """One researcher on the lead's roster."""

    name: str
    key_id: str
    fingerprint: str  # in read-aloud groups
    bundles: int = 0
    last_sequence: int | None = None
    last_import: str = ""  # date and time, as text
    gaps: tuple[tuple[int, int], ...] = ()  # runs of missing numbers, first and last


@dataclass(frozen=True)
class BundleRow:
    """One bundle in the import log."""

    sequence: int
    bundle_id: str
    created: str
    imported: str
    interviews: int
    outcome: str  # "imported", "already imported", or the refusal sentence


class _Table(QAbstractTableModel):
    """A read-only table of frozen rows with translated headers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def _headers(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _cell(self, row: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        return self._cell(row, index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = self._headers()
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(headers):
            return headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ResearchersModel(_Table):
    """Researchers with fingerprints, bundle counts and missing bundles."""

    NAME, FINGERPRINT, BUNDLES, LAST, MISSING = range(5)

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Researcher"), self.tr("Fingerprint"), self.tr("Bundles"),
                self.tr("Last bundle"), self.tr("Missing bundles"))

    def _cell(self, row: ResearcherRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return row.name
            if column == self.FINGERPRINT:
                return row.fingerprint
            if column == self.BUNDLES:
                return row.bundles
            if column == self.LAST:
                if row.last_sequence is None:
                    return self.tr("none yet")
                return self.tr("no. %1, %2").replace("%1", str(row.last_sequence)).replace(
                    "%2", row.last_import)
            if column == self.MISSING:
                return format_gaps(row.gaps) if row.gaps else self.tr("none")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.MISSING and row.gaps:
            return self.tr("Bundles with these numbers were made but have not been imported: "
                           "ask the researcher for them.")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.MISSING and row.gaps:
            return _WARN
        if role == Qt.ItemDataRole.FontRole and column == self.FINGERPRINT:
            return QFont("monospace")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.BUNDLES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BundlesModel(_Table):
    """The bundles of one researcher, from the import log."""

    SEQUENCE, CREATED, IMPORTED, INTERVIEWS, OUTCOME = range(5)

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("No."), self.tr("Made"), self.tr("Imported"), self.tr("Interviews"),
                self.tr("Result"))

    def _cell(self, row: BundleRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.sequence, row.created, row.imported, row.interviews,
                    self._outcome(row.outcome))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SEQUENCE:
            return row.bundle_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SEQUENCE, self.INTERVIEWS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _outcome(self, stored: str) -> str:
        # The import log keeps a fixed English word; the table shows it translated.
        shown = {"imported": self.tr("Imported"), "already imported": self.tr("Already imported")}
        return shown.get(stored, stored)
