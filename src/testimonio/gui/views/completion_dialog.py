"""The completion check: every problem that stops an interview from being
complete, each with a link that jumps to its question."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from testimonio.gui.widgets.headers import steady_header

ModelIndex = QModelIndex | QPersistentModelIndex

#: (page title, question label) of an answer path.
Describe = Callable[[str], tuple[str, str]]


class ProblemsModel(QAbstractTableModel):
    """Rows are problems: page, question, what is wrong."""

    PathRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, problems: Sequence[tuple[str, str]], describe: Describe,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [(path, *describe(path), message) for path, message in problems]
        self._headers = (self.tr("Page"), self.tr("Question"), self.tr("Problem"))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def path(self, row: int) -> str:
        return self._rows[row][0]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        path, page, question, message = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (page, question, message)[column] if 0 <= column < 3 else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor("#0b57d0"))  # looks like the link it is
        if role == Qt.ItemDataRole.FontRole and column == 1:
            font = QFont()
            font.setUnderline(True)
            return font
        if role == self.PathRole:
            return path
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < 3):
            return self._headers[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class CompletionDialog(QDialog):
    """Lists the problems; ``go_to(path)`` when the interviewer picks one."""

    go_to = Signal(str)

    def __init__(self, problems: Sequence[tuple[str, str]], describe: Describe,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Not ready to complete"))
        self.resize(1000, 420)  # a netbook's width at most (the screen fit clamps it)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("%n problem(s) must be fixed before the interview can be "
                               "completed. Pick one to go to its question.", "", len(problems)), self)
        intro.setWordWrap(True)
        self.model = ProblemsModel(problems, describe, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("Problems"))
        steady_header(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._picked)
        self.table.activated.connect(self._picked)
        if self.model.rowCount():
            self.table.selectRow(0)
        buttons = QDialogButtonBox(self)
        self.go_button = QPushButton(self.tr("&Go to question"), self)
        self.go_button.setDefault(True)
        self.go_button.clicked.connect(lambda: self._picked(self.table.currentIndex()))
        buttons.addButton(self.go_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus()

    def _picked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        path = self.model.path(index.row())
        self.accept()
        self.go_to.emit(path)

    def pick(self, row: int) -> None:
        """Go to the question of problem ``row`` (as a click would)."""
        self._picked(self.model.index(row, 1))
