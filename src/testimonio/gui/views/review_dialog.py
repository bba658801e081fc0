"""The last step of an interview: every answer, page by page, with its
problems; a problem (or any answer) opens its question, and "Complete"
marks the interview complete once nothing is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from testimonio.gui.dialog_size import fit_to_screen

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ReviewLine:
    """One question in the review: where it is and what it holds."""

    path: str
    label: str
    answer: str
    problem: str = ""


@dataclass(frozen=True)
class ReviewPage:
    """The answers of one page, in form order."""

    title: str
    lines: tuple[ReviewLine, ...]


class ReviewDialog(QDialog):
    """Answers by page; ``go_to(path)`` when one is picked; accepted means
    "complete it now" (only possible when no line has a problem)."""

    go_to = Signal(str)

    def __init__(self, pages: Sequence[ReviewPage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review and complete"))
        problems = sum(1 for page in pages for line in page.lines if line.problem)
        layout = QVBoxLayout(self)
        if problems:
            text = self.tr("%n problem(s) must be fixed before the interview can be completed. "
                           "Pick one to go to its question.", "", problems)
        else:
            text = self.tr("Every answer is in order. Check them, then complete the interview: "
                           "it becomes read-only until reopened.")
        self.intro = QLabel(text, self)
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Question"), self.tr("Answer"), self.tr("Problem")])
        self.tree.setAccessibleName(self.tr("Answers by page"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        # The question gets the room; answer and problem the width they need.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 160)
        bold = QFont(self.font())
        bold.setBold(True)
        first_problem: QTreeWidgetItem | None = None
        for page in pages:
            top = QTreeWidgetItem(self.tree, [page.title])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(True)
            for line in page.lines:
                item = QTreeWidgetItem(top, [line.label, line.answer or "—", line.problem])
                item.setData(0, PATH_ROLE, line.path)
                item.setToolTip(0, line.label)
                item.setToolTip(1, line.answer)
                if line.problem:
                    item.setForeground(2, QBrush(QColor("#b00020")))
                    item.setForeground(0, QBrush(QColor("#0b57d0")))
                    if first_problem is None:
                        first_problem = item
            top.setExpanded(True)
        self.tree.itemActivated.connect(self._picked)
        self.tree.itemDoubleClicked.connect(self._picked)
        buttons = QDialogButtonBox(self)
        self.go_button = QPushButton(self.tr("&Go to question"), self)
        self.go_button.clicked.connect(lambda: self._picked(self.tree.currentItem()))
        self.complete_button = QPushButton(self.tr("&Complete"), self)
        self.complete_button.setEnabled(problems == 0)
        self.complete_button.clicked.connect(self.accept)
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.complete_button, QDialogButtonBox.ButtonRole.AcceptRole)
        back = buttons.addButton(self.tr("&Keep editing"), QDialogButtonBox.ButtonRole.RejectRole)
        back.clicked.connect(self.reject)
        (self.complete_button if problems == 0 else self.go_button).setDefault(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        # As wide as a netbook allows (the screen fit clamps it): questions stay whole.
        self.resize(1000, 560)
        fit_to_screen(self)
        if first_problem is not None:
            self.tree.setCurrentItem(first_problem)
        elif (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        self.tree.setFocus()

    def problem_paths(self) -> list[str]:
        """The answer paths listed with a problem, in order."""
        found = []
        for top in range(self.tree.topLevelItemCount()):
            page = self.tree.topLevelItem(top)
            for child in range(page.childCount() if page is not None else 0):
                item = page.child(child) if page is not None else None
                if item is not None and item.text(2):
                    found.append(str(item.data(0, PATH_ROLE)))
        return found

    def _picked(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE) if item is not None else None
        if not path:
            return
        self.done(QDialog.DialogCode.Rejected)
        self.go_to.emit(str(path))
