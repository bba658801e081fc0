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

from testimonio.gui.safety_words import how_text
from testimonio.services.planned_record import HELD_HOW

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
    #: What the researcher reads instead of codes: the interview's alias (it
    #: never leaves), the questionnaire's title, the choice labels.
    shown_interview: str = ""
    shown_questionnaire: str = ""
    shown_value: str = ""


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
            return self._text(row, col, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return self._colour(row, col, role)

    def _text(self, row: PreviewRow, col: int, *, tooltip: bool) -> str:
        """A cell's words, or its tooltip's."""
        if col == self.QUESTION and tooltip:
            return row.path
        if col == self.INTERVIEW:
            if not tooltip:
                return row.shown_interview or row.interview[:8]
            return self.tr("%1 (leaves as %2)").replace(
                "%1", row.shown_interview or row.interview).replace("%2", row.interview)
        if col == self.VALUE and row.shown_value and row.shown_value != row.value:
            if tooltip:
                return self.tr("%1 (in the bundle: %2)").replace(
                    "%1", row.shown_value).replace("%2", row.value)
            return row.shown_value
        if col == self.HOW:
            return self.how_text(row.how)
        return (row.interview, row.shown_questionnaire or row.questionnaire,
                row.label or row.path, row.value, row.how)[col]

    def _colour(self, row: PreviewRow, col: int, role: int) -> QColor | None:
        """A value the safety net keeps back is marked; how a value leaves is greyed."""
        held = row.how.startswith(HELD_HOW)  # the safety net keeps it back: marked, not leaving
        if held and col in (self.VALUE, self.HOW):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor("#FFE08A")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#000000")
        if role == Qt.ItemDataRole.ForegroundRole and col == self.HOW and row.how:
            return QColor("#555555")
        return None

    def how_text(self, how: str) -> str:
        """How a value leaves, in the interface language."""
        return how_text(how)

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


@dataclass(frozen=True)
class ReviewRow:
    """A free-text answer that leaves only if the researcher says so.

    ``identifiers`` are the interview's identifier answers as (label, text),
    shown highlighted beside the answer so the researcher sees what to look
    for; they never leave themselves.
    """

    interview_id: str  # vault id: decisions are recorded against it
    interview: str  # what the researcher knows it by (alias, date)
    path: str  # answer path
    label: str
    text: str
    identifiers: tuple[tuple[str, str], ...] = ()
    # What the safety net found: (start, end, kind); such a text leaves only if kept.
    findings: tuple[tuple[int, int, str], ...] = ()


class ReviewModel(QAbstractTableModel):
    """The answers to review, with a checkable "leaves" column (default: withheld)."""

    INTERVIEW, QUESTION, ANSWER, DECISION = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReviewRow] = []
        self._keep: list[bool] = []

    def _headers(self) -> tuple[str, ...]:
        return (self.tr("Interview"), self.tr("Question"), self.tr("Answer"), self.tr("Decision"))

    def set_rows(self, rows: Sequence[ReviewRow], kept: Sequence[tuple[str, str]] = ()) -> None:
        """Replace the rows; ``kept`` holds (interview_id, path) already approved."""
        approved = set(kept)
        self.beginResetModel()
        self._rows = list(rows)
        self._keep = [(r.interview_id, r.path) in approved for r in self._rows]
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def row_at(self, row: int) -> ReviewRow:
        return self._rows[row]

    def is_kept(self, row: int) -> bool:
        return self._keep[row]

    def set_kept(self, row: int, keep: bool) -> None:
        """Record the researcher's decision for one answer."""
        if self._keep[row] != keep:
            self._keep[row] = keep
            first, last = self.index(row, 0), self.index(row, self.DECISION)
            self.dataChanged.emit(first, last)

    def decisions(self) -> dict[tuple[str, str], bool]:
        """(interview_id, path) → whether it leaves."""
        return {(r.interview_id, r.path): k for r, k in zip(self._rows, self._keep, strict=True)}

    def kept(self) -> list[tuple[str, str]]:
        return [key for key, keep in self.decisions().items() if keep]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, keep, col = self._rows[index.row()], self._keep[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.DECISION:
                return self.tr("Leaves") if keep else self.tr("Withheld")
            if col == self.ANSWER:
                return " ".join(row.text.split())[:80]
            return (row.interview, row.label or row.path)[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == self.DECISION:
            return Qt.CheckState.Checked if keep else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and col == self.DECISION and not keep:
            return QColor("#8A4B00")
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != self.DECISION or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        self.set_kept(index.row(), state == Qt.CheckState.Checked.value)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 4:
            return self._headers()[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.DECISION:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


@dataclass(frozen=True)
class AttachmentRow:
    """An attachment of an interview being exported; leaves only when ticked."""

    attachment_id: str
    interview: str
    question: str
    name: str
    media_type: str
    size: int


class AttachmentsModel(QAbstractTableModel):
    """Attachments with a tick box each: ticked ones leave (metadata removed)."""

    NAME, INTERVIEW, QUESTION, SIZE = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AttachmentRow] = []
        self._ticked: list[bool] = []

    def set_rows(self, rows: Sequence[AttachmentRow], ticked: Sequence[str] = ()) -> None:
        chosen = set(ticked)
        self.beginResetModel()
        self._rows = list(rows)
        self._ticked = [r.attachment_id in chosen for r in self._rows]
        self.endResetModel()

    def ticked(self) -> list[str]:
        """The ids of the attachments ticked for export."""
        return [r.attachment_id for r, t in zip(self._rows, self._ticked, strict=True) if t]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            size = self.tr("%1 KB").replace("%1", str(max(1, round(row.size / 1024))))
            return (row.name, row.interview, row.question, size)[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == self.NAME:
            return Qt.CheckState.Checked if self._ticked[index.row()] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != self.NAME or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else value
        self._ticked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index)
        return True

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 4:
            return (self.tr("Attachment"), self.tr("Interview"), self.tr("Question"),
                    self.tr("Size"))[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
