"""Inputs for select_one, select_multiple and rank questions.

Short lists are radio buttons or check boxes (one keystroke away); long
lists (more than eight choices, or the ``search`` appearance) are a list
with a search field, so a country or a document type is found by typing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from testimonio.forms.model import AnswerValue, Question
from testimonio.gui.widgets.question_widgets import ChoiceItem, QuestionInput

_FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1  # a choice's label as the search compares it


def folded(text: str) -> str:
    """``text`` as the choice search compares it: accents off, case folded,
    spaces at either end dropped ("cedula " finds "Cédula")."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _as_list(value: AnswerValue) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value).split()


def keep_room(widget: QWidget) -> None:
    """Keep ``widget``'s space in its layout while it is hidden."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class SelectOneRadio(QuestionInput):
    """One choice among a few: radio buttons and a "Clear" button."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        # The choices in a column, "Clear" beside its foot: clearing takes
        # no line of its own, and its room is kept when it is hidden.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._layout = QVBoxLayout()
        self._layout.setSpacing(2)
        outer.addLayout(self._layout)
        self._group = QButtonGroup(self)
        self._group.buttonClicked.connect(lambda _b: self._emit_committed())
        self._buttons: dict[str, QRadioButton] = {}
        self._choices: tuple[ChoiceItem, ...] = ()
        self._clear = QPushButton(self.tr("Clear"), self)
        self._clear.setFlat(True)
        self._clear.setToolTip(self.tr("Remove this answer (Delete)"))
        # Tab goes from the choices to the next question; Delete clears.
        self._clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._clear.clicked.connect(self._cleared)
        outer.addWidget(self._clear, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addStretch(1)
        # Its room is kept while hidden: a choice made or cleared must not
        # move anything (the next click would land on another answer).
        keep_room(self._clear)
        self._clear.hide()

    def set_choices(self, choices: Sequence[ChoiceItem]) -> None:
        choices = tuple(choices)
        if choices == self._choices:
            return
        current = self.value()
        for button in self._buttons.values():
            self._group.removeButton(button)
            self._focus_widgets.remove(button)
            button.deleteLater()
        self._buttons.clear()
        self._choices = choices
        for row, (name, label) in enumerate(choices):
            button = QRadioButton(label, self)
            button.setProperty("choice", name)
            self._group.addButton(button)
            self._layout.insertWidget(row, button, 0, Qt.AlignmentFlag.AlignLeft)
            self._buttons[name] = button
            self._watch(button, label)
            button.setEnabled(not self.is_read_only())
        self.set_value(current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Arrow keys pick the next or previous choice, as in a browser or ODK
        # (Qt only moves the focus when nothing is chosen yet).
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and watched in self._buttons.values() and not self.is_read_only()
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1,
                    Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}.get(Qt.Key(event.key()))
            if step is not None:
                self._step(watched, step)
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._cleared()
                return True
        return super().eventFilter(watched, event)

    def _step(self, current: QObject, step: int) -> None:
        buttons = list(self._buttons.values())
        position = buttons.index(current) + step  # type: ignore[arg-type]
        if 0 <= position < len(buttons):
            target = buttons[position]
            target.setFocus(Qt.FocusReason.TabFocusReason)
            target.setChecked(True)
            self._emit_committed()

    def buttons(self) -> dict[str, QRadioButton]:
        """The radio button of each choice name."""
        return dict(self._buttons)

    def _cleared(self) -> None:
        self.set_value(None)
        self._emit_committed()

    def value(self) -> AnswerValue:
        checked = self._group.checkedButton()
        return None if checked is None else str(checked.property("choice"))

    def set_value(self, value: AnswerValue) -> None:
        # Unchecking needs a non-exclusive group for a moment.
        self._group.setExclusive(False)
        for name, button in self._buttons.items():
            button.setChecked(name == value)
        self._group.setExclusive(True)
        self._clear.setVisible(value is not None and not self.is_read_only())

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._clear.setVisible(self.value() is not None and not read_only)

    def _emit_committed(self) -> None:
        self._clear.setVisible(self.value() is not None and not self.is_read_only())
        super()._emit_committed()


class SelectMultipleChecks(QuestionInput):
    """Any number of choices among a few: check boxes."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._boxes: dict[str, QCheckBox] = {}
        self._choices: tuple[ChoiceItem, ...] = ()

    def set_choices(self, choices: Sequence[ChoiceItem]) -> None:
        choices = tuple(choices)
        if choices == self._choices:
            return
        current = self.value()
        for box in self._boxes.values():
            self._focus_widgets.remove(box)
            box.deleteLater()
        self._boxes.clear()
        self._choices = choices
        for name, label in choices:
            box = QCheckBox(label, self)
            box.clicked.connect(lambda _c: self._emit_committed())
            self._layout.addWidget(box, 0, Qt.AlignmentFlag.AlignLeft)
            self._boxes[name] = box
            self._watch(box, label)
            box.setEnabled(not self.is_read_only())
        self.set_value(current)

    def boxes(self) -> dict[str, QCheckBox]:
        """The check box of each choice name."""
        return dict(self._boxes)

    def value(self) -> AnswerValue:
        picked = [name for name, box in self._boxes.items() if box.isChecked()]
        return picked or None

    def set_value(self, value: AnswerValue) -> None:
        chosen = set(_as_list(value))
        for name, box in self._boxes.items():
            box.setChecked(name in chosen)


class _SearchableList(QuestionInput):
    """A search field over a list of choices (shared by the long selects)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type to search the choices"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(_FOLDED_ROLE)
        self.search.textChanged.connect(lambda text: self.proxy.setFilterFixedString(folded(text)))
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setMaximumHeight(170)
        self.view.setUniformItemSizes(True)
        layout.addWidget(self.search)
        layout.addWidget(self.view)
        self._watch(self.search, self.tr("search"))
        self._watch(self.view)
        self._choices: tuple[ChoiceItem, ...] = ()

    def set_choices(self, choices: Sequence[ChoiceItem]) -> None:
        choices = tuple(choices)
        if choices == self._choices:
            return
        current = self.value()
        self._choices = choices
        self.model.blockSignals(True)
        self.model.clear()
        for name, label in choices:
            item = QStandardItem(label)
            item.setData(name, Qt.ItemDataRole.UserRole)
            item.setData(folded(label), _FOLDED_ROLE)
            item.setEditable(False)
            self._prepare(item)
            self.model.appendRow(item)
        self.model.blockSignals(False)
        self.proxy.invalidate()
        self.set_value(current)

    def _prepare(self, item: QStandardItem) -> None:
        """Hook for subclasses (check boxes)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Down in the search goes to the choices it left (the first one under
        # the cursor, not chosen); Up on the first choice goes back to the search.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if watched is self.search and event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                current = self.view.currentIndex()
                if not current.isValid():
                    self.view.selectionModel().setCurrentIndex(
                        self.proxy.index(0, 0), self.view.selectionModel().SelectionFlag.NoUpdate)
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if watched is self.view and event.key() == Qt.Key.Key_Up and self.view.currentIndex().row() == 0:
                self.search.setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def row_of(self, name: str) -> int:
        for row in range(self.model.rowCount()):
            if self.model.item(row).data(Qt.ItemDataRole.UserRole) == name:
                return row
        return -1

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.search.setEnabled(True)  # searching a read-only list is harmless
        self.view.setEnabled(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(
            QAbstractItemView.SelectionMode.NoSelection if read_only
            else self._selection_mode())

    def _selection_mode(self) -> QAbstractItemView.SelectionMode:
        return QAbstractItemView.SelectionMode.SingleSelection


class SelectOneList(_SearchableList):
    """One choice among many: a searchable list."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._selected: str | None = None
        self.view.clicked.connect(self._picked)
        self.view.activated.connect(self._picked)

    def _picked(self, index: QModelIndex) -> None:
        if self.is_read_only() or not index.isValid():
            return
        self._selected = str(index.data(Qt.ItemDataRole.UserRole))
        self._emit_committed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Enter picks the highlighted choice (or the only one the search left)
        # before moving on to the next question.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not self.is_read_only()):
            if watched is self.view and self.view.currentIndex().isValid():
                self._selected = str(self.view.currentIndex().data(Qt.ItemDataRole.UserRole))
            elif watched is self.search and self.proxy.rowCount() == 1:
                self._selected = str(self.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole))
                self.set_value(self._selected)
        return super().eventFilter(watched, event)

    def value(self) -> AnswerValue:
        return self._selected

    def set_value(self, value: AnswerValue) -> None:
        self._selected = None if value is None else str(value)
        row = self.row_of(self._selected) if self._selected else -1
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        selection.select(index, selection.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)


class SelectMultipleList(_SearchableList):
    """Any number of choices among many: a searchable checklist."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.model.itemChanged.connect(lambda _i: self._emit_committed())

    def _prepare(self, item: QStandardItem) -> None:
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Unchecked)

    def _selection_mode(self) -> QAbstractItemView.SelectionMode:
        return QAbstractItemView.SelectionMode.NoSelection

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for row in range(self.model.rowCount()):
            self.model.item(row).setCheckable(not read_only)

    def value(self) -> AnswerValue:
        picked = [str(self.model.item(row).data(Qt.ItemDataRole.UserRole))
                  for row in range(self.model.rowCount())
                  if self.model.item(row).checkState() == Qt.CheckState.Checked]
        return picked or None

    def set_value(self, value: AnswerValue) -> None:
        chosen = set(_as_list(value))
        self.model.blockSignals(True)
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            state = (Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen
                     else Qt.CheckState.Unchecked)
            item.setCheckState(state)
        self.model.blockSignals(False)
        self.view.viewport().update()


class RankInput(QuestionInput):
    """Put the choices in order: a list with "Up" and "Down" buttons.

    The answer stays empty until the interviewer moves something (or presses
    "Keep this order"), so an untouched list is not taken as a ranking.
    """

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = QStandardItemModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setMaximumHeight(170)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QVBoxLayout()
        self.up = QPushButton(self.tr("Up"), self)
        self.up.setShortcut("Alt+Up")
        self.up.setToolTip(self.tr("Move up (Alt+Up)"))
        self.down = QPushButton(self.tr("Down"), self)
        self.down.setShortcut("Alt+Down")
        self.down.setToolTip(self.tr("Move down (Alt+Down)"))
        self.keep = QPushButton(self.tr("Keep this order"), self)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.keep.clicked.connect(self._keep)
        for button in (self.up, self.down, self.keep):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._watch(self.view)
        for button in (self.up, self.down, self.keep):
            self._watch(button, button.text(), enter_advances=False)
        self._ranked = False
        self._choices: tuple[ChoiceItem, ...] = ()

    def set_choices(self, choices: Sequence[ChoiceItem]) -> None:
        choices = tuple(choices)
        if choices == self._choices:
            return
        current = self.value()
        self._choices = choices
        self.model.clear()
        for name, label in choices:
            item = QStandardItem(label)
            item.setData(name, Qt.ItemDataRole.UserRole)
            self.model.appendRow(item)
        self.set_value(current)

    def _order(self) -> list[str]:
        return [str(self.model.item(r).data(Qt.ItemDataRole.UserRole))
                for r in range(self.model.rowCount())]

    def _move(self, step: int) -> None:
        row = self.view.currentIndex().row()
        target = row + step
        if self.is_read_only() or row < 0 or not 0 <= target < self.model.rowCount():
            return
        items = self.model.takeRow(row)
        self.model.insertRow(target, items)
        self.view.setCurrentIndex(self.model.index(target, 0))
        self._keep()

    def _keep(self) -> None:
        self._ranked = True
        self._emit_committed()

    def value(self) -> AnswerValue:
        return self._order() if self._ranked and self.model.rowCount() else None

    def set_value(self, value: AnswerValue) -> None:
        order = _as_list(value)
        self._ranked = bool(order)
        position = {name: i for i, name in enumerate(order)}
        names = sorted(self._order(), key=lambda n: position.get(n, len(position)))
        labels = dict(self._choices)
        self.model.clear()
        for name in names:
            item = QStandardItem(labels.get(name, name))
            item.setData(name, Qt.ItemDataRole.UserRole)
            self.model.appendRow(item)
