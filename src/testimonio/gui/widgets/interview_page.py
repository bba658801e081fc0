"""One page of an interview: the rows of its questions, its sections and
repeats, kept in step with the form state by :meth:`InterviewPage.refresh`.

Only the page on screen exists as widgets (opening a 300-question form
builds one page). The page never writes answers: it reports ``edited`` and
``committed`` (path, value) and structural requests to the view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from testimonio.forms.model import AnswerValue, Group, Node, Question
from testimonio.gui.views.page_list import Page, is_shown
from testimonio.gui.widgets.question_row import QuestionRow
from testimonio.gui.widgets.question_widgets import ChoiceItem, QuestionInput
from testimonio.gui.widgets.repeat_widget import RepeatWidget

#: Makes the input of a question at an answer path (None for notes).
MakeInput = Callable[[Question, str], "QuestionInput | None"]


def child_path(prefix: str, node: Node) -> str:
    """The answer path of ``node`` inside the answer path ``prefix``."""
    return f"{prefix}/{node.name}" if prefix else node.name


def is_empty(value: AnswerValue) -> bool:
    return value is None or value == "" or value == []


class InterviewPage(QWidget):
    """The widgets of one :class:`Page` over a form state."""

    edited = Signal(str, object)
    committed = Signal(str, object)
    advance = Signal(str)
    add_instance = Signal(str)  # repeat answer path
    remove_instance = Signal(str, int)  # repeat answer path, 1-based index

    def __init__(self, page: Page, state: Any, make_input: MakeInput,
                 choice_items: Callable[[str], list[ChoiceItem]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self._state = state
        self._make_input = make_input
        self._choice_items = choice_items
        self.rows: dict[str, QuestionRow] = {}
        self.sections: dict[str, QWidget] = {}
        self.repeats: dict[str, RepeatWidget] = {}
        self.read_only = False
        #: False for an imported, pseudonymised copy (bands and months are no errors).
        self.show_problems = True
        #: For an imported copy: the note under an answer saying why it is missing or
        #: coarser than asked (question, answer path, value -> text, "" for none).
        self.note_for: Callable[[Question, str, AnswerValue], str] | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 8, 16, 8)
        # Long lines are hard to read; keep the questions to a column.
        self.setMaximumWidth(860)
        self._build_nodes(self._layout, page.nodes, self._prefix_of(page))
        self._layout.addStretch(1)

    @staticmethod
    def _prefix_of(page: Page) -> str:
        if page.group is not None and not page.group.repeat:
            return page.group.path
        return ""

    # --- building -----------------------------------------------------------
    def _build_nodes(self, layout: QVBoxLayout, nodes: tuple[Node, ...], prefix: str) -> None:
        for node in nodes:
            if not is_shown(node):
                continue
            path = child_path(prefix, node)
            if isinstance(node, Group) and node.repeat:
                self._build_repeat(layout, node, path)
            elif isinstance(node, Group):
                box = QGroupBox(self._state.label(path) or node.name, self)
                box.setObjectName("section")
                inner = QVBoxLayout(box)
                self._build_nodes(inner, node.children, path)
                self.sections[path] = box
                layout.addWidget(box)
            else:
                assert isinstance(node, Question)
                self._build_row(layout, node, path)

    def _build_row(self, layout: QVBoxLayout, question: Question, path: str) -> None:
        widget = self._make_input(question, path)
        row = QuestionRow(question, path, widget, self)
        if widget is not None:
            widget.edited.connect(lambda v, p=path: self.edited.emit(p, v))
            widget.committed.connect(lambda v, p=path: self.committed.emit(p, v))
            widget.advance.connect(lambda p=path: self.advance.emit(p))
            choices = self._choice_items(path) if question.choices else []
            if choices:
                widget.set_choices(choices)
            widget.set_value(self._state.value(path))
        self.rows[path] = row
        layout.addWidget(row)

    def _build_repeat(self, layout: QVBoxLayout, group: Group, path: str) -> None:
        title = self._state.label(path) or group.label.get(None) or group.name

        def build(inner: QVBoxLayout, instance_path: str, _index: int) -> None:
            self._build_nodes(inner, group.children, instance_path)

        repeat = RepeatWidget(group, path, title, build, self)
        repeat.add_requested.connect(lambda p=path: self.add_instance.emit(p))
        repeat.remove_requested.connect(lambda i, p=path: self.remove_instance.emit(p, i))
        self.repeats[path] = repeat
        repeat.set_count(instance_count(self._state, path))
        layout.addWidget(repeat)

    def _drop_below(self, path: str) -> None:
        """Forget rows, sections and repeats inside a repeat being rebuilt."""
        prefix = path + "["
        for table in (self.rows, self.sections, self.repeats):
            for key in [k for k in table if k.startswith(prefix)]:
                widget = table.pop(key)
                # A focused input would commit on focus-out as it dies.
                widget.blockSignals(True)
                if isinstance(widget, QuestionRow) and widget.input is not None:
                    widget.input.blockSignals(True)

    # --- keeping in step ----------------------------------------------------
    def refresh(self, show_required: bool, touched: set[str], editing: str | None = None) -> None:
        """Bring relevance, labels, values, choices and messages up to date."""
        state = self._state
        for path, repeat in list(self.repeats.items()):
            if path not in self.repeats:
                continue  # dropped by an outer rebuild
            count = instance_count(state, path)
            if count != repeat.count():
                if count < repeat.count():
                    self._drop_below(path)
                repeat.set_count(count)
                repeat.set_read_only(self.read_only)
                for row_path, row in self.rows.items():
                    if row_path.startswith(path + "[") and row.input is not None:
                        row.input.set_read_only(self.read_only or state.is_read_only(row_path))
            repeat.setVisible(state.is_relevant(path))
            repeat.set_read_only(self.read_only)
        for path, section in self.sections.items():
            section.setVisible(state.is_relevant(path))
        for path, row in self.rows.items():
            self._refresh_row(path, row, show_required, touched, editing)

    def _refresh_row(self, path: str, row: QuestionRow, show_required: bool,
                     touched: set[str], editing: str | None) -> None:
        state = self._state
        relevant = bool(state.is_relevant(path))
        row.setVisible(relevant)
        if not relevant:
            return
        required = bool(state.is_required(path))
        row.set_label(state.label(path), required)
        row.set_hint(state.hint(path))
        if row.input is None:
            return
        widget = row.input
        widget.set_read_only(self.read_only or bool(state.is_read_only(path)))
        if row.question.choices:
            widget.set_choices(self._choice_items(path))
        value = state.value(path)
        # Only when they differ: a half-typed date must stay on screen.
        if path != editing and widget.value() != value:
            widget.set_value(value)
        if not self.show_problems:
            row.set_note(self.note_for(row.question, path, value) if self.note_for else None)
            return
        local = widget.input_problem() if path != editing else None
        if local:
            row.set_error(local)
            return
        message = state.error(path)
        shown = row.error_text()
        if message and path == editing and not shown:
            message = None  # no scolding while the interviewer is still typing
        elif message and is_empty(value) and not (show_required or path in touched):
            message = None
        row.set_error(message)

    # --- keyboard -----------------------------------------------------------
    def visible_rows(self) -> list[QuestionRow]:
        """Rows with an input that are shown, in form order."""
        return [row for row in self._ordered_rows()
                if row.input is not None and row.isVisibleTo(self)]

    def _ordered_rows(self) -> list[QuestionRow]:
        """Rows in form order, repeat instances included."""
        found: list[QuestionRow] = []

        def walk(nodes: tuple[Node, ...], prefix: str) -> None:
            for node in nodes:
                if not is_shown(node):
                    continue
                path = child_path(prefix, node)
                if isinstance(node, Group) and node.repeat:
                    repeat = self.repeats.get(path)
                    for index in range(1, (repeat.count() if repeat else 0) + 1):
                        walk(node.children, f"{path}[{index}]")
                elif isinstance(node, Group):
                    walk(node.children, path)
                elif path in self.rows:
                    found.append(self.rows[path])

        walk(self.page.nodes, self._prefix_of(self.page))
        return found

    def focus_row(self, path: str) -> bool:
        row = self.rows.get(path)
        if row is None or row.input is None:
            return False
        row.input.focus_input()
        return True

    def next_row_after(self, path: str) -> QuestionRow | None:
        rows = self.visible_rows()
        paths = [r.path for r in rows]
        if path not in paths:
            return rows[0] if rows else None
        position = paths.index(path) + 1
        return rows[position] if position < len(rows) else None

    def focus_chain(self) -> list[QWidget]:
        """Every focusable part of the page in form order: the questions'
        inputs, and each repeat's remove and add buttons after its instances."""
        chain: list[QWidget] = []

        def walk(nodes: tuple[Node, ...], prefix: str) -> None:
            for node in nodes:
                if not is_shown(node):
                    continue
                path = child_path(prefix, node)
                if isinstance(node, Group) and node.repeat:
                    repeat = self.repeats.get(path)
                    if repeat is None:
                        continue
                    for index in range(1, repeat.count() + 1):
                        walk(node.children, f"{path}[{index}]")
                        chain.extend(repeat.remove_buttons()[index - 1:index])
                    chain.append(repeat.add_button)
                elif isinstance(node, Group):
                    walk(node.children, path)
                elif path in self.rows and self.rows[path].input is not None:
                    chain.extend(self.rows[path].input.focus_widgets())  # type: ignore[union-attr]

        walk(self.page.nodes, self._prefix_of(self.page))
        return chain

    def fix_tab_order(self) -> None:
        """Tab follows the form, including rebuilt repeats."""
        chain = self.focus_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def first_focus(self) -> QWidget | None:
        """Where the keyboard goes when the page opens: the first question
        shown, else (an empty repeat page) the first "Add" button."""
        for widget in self.focus_chain():
            if widget.isVisibleTo(self) and widget.isEnabled():
                return widget
        return None

    def current_path(self) -> str | None:
        """The answer path of the question that has the keyboard."""
        for path, row in self.rows.items():
            if row.input is not None and row.input.has_focus_within():
                return path
        return None


def instance_count(state: Any, path: str) -> int:
    """How many instances a repeat has (the state may answer a count or a list)."""
    found = state.instances(path)
    return found if isinstance(found, int) else len(found)
