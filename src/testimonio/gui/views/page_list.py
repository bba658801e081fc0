"""The pages of an interview and the side list that shows their progress.

A page is a top-level group (or repeat); questions outside any group are
gathered into pages of their own, so the consent questions at the top of a
form make a first page. :class:`PageListModel` is the item model of the side
list: title, answered/total, and the number of problems per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from testimonio.forms.model import METADATA_TYPES, Group, Node, Question, Questionnaire

#: Types that are never shown as a question on a page.
HIDDEN_TYPES = frozenset({"calculate", "hidden"}) | METADATA_TYPES

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Page:
    """One page: a top-level group, or a run of top-level questions."""

    key: str  # the group's path, or "#n" for a run of loose questions
    group: Group | None
    nodes: tuple[Node, ...]  # what the page shows, in form order

    def top_names(self) -> frozenset[str]:
        """First path segments of everything on this page."""
        return frozenset(node.path.split("/", 1)[0] for node in self.nodes)


def is_shown(node: Node) -> bool:
    """Whether a node appears on a page (groups always; questions unless hidden)."""
    return isinstance(node, Group) or node.type not in HIDDEN_TYPES


def pages_of(questionnaire: Questionnaire) -> list[Page]:
    """Split a questionnaire into pages, in form order."""
    pages: list[Page] = []
    loose: list[Node] = []

    def close_loose() -> None:
        if any(is_shown(n) for n in loose):
            pages.append(Page(f"#{len(pages)}", None, tuple(loose)))
        loose.clear()

    for node in questionnaire.root.children:
        if isinstance(node, Group):
            close_loose()
            nodes = (node,) if node.repeat else node.children
            pages.append(Page(node.path, node, tuple(nodes)))
        else:
            loose.append(node)
    close_loose()
    return pages


def input_questions(nodes: Sequence[Node]) -> list[Question]:
    """Questions an interviewer answers, below ``nodes`` (repeats included)."""
    found: list[Question] = []
    for node in nodes:
        if isinstance(node, Group):
            found.extend(input_questions(node.children))
        elif node.takes_input and node.type not in HIDDEN_TYPES:
            found.append(node)
    return found


@dataclass(frozen=True)
class PageSummary:
    """What the side list says about one page."""

    title: str
    answered: int = 0
    total: int = 0
    problems: int = 0
    relevant: bool = True


class PageListModel(QAbstractListModel):
    """Rows are pages; display is "Title  (answered/total)"."""

    ProblemsRole = Qt.ItemDataRole.UserRole + 1
    ProgressRole = Qt.ItemDataRole.UserRole + 2
    RelevantRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PageSummary] = []

    def set_summaries(self, summaries: Sequence[PageSummary]) -> None:
        """Replace every row, or update in place when the count is unchanged."""
        summaries = list(summaries)
        if len(summaries) != len(self._rows):
            self.beginResetModel()
            self._rows = summaries
            self.endResetModel()
            return
        changed = [i for i, (a, b) in enumerate(zip(self._rows, summaries, strict=True)) if a != b]
        self._rows = summaries
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 0))

    def summary(self, row: int) -> PageSummary:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if not row.relevant:
                return row.title
            text = f"{row.title}\n{row.answered}/{row.total}"
            if row.problems:
                text += "   " + self.tr("⚠ %n problem(s)", "", row.problems)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.relevant:
                return self.tr("Not asked in this interview")
            return self.tr("%1 of %2 answered").replace("%1", str(row.answered)).replace(
                "%2", str(row.total))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.relevant:
                return QBrush(QColor("#8a8a8a"))
            if row.problems:
                return QBrush(QColor("#b00020"))
            return None
        if role == self.ProblemsRole:
            return row.problems
        if role == self.ProgressRole:
            return (row.answered, row.total)
        if role == self.RelevantRole:
            return row.relevant
        return None
