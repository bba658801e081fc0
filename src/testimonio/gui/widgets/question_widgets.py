"""The input widget of one question, and the factory that picks it by type.

Every input speaks the same small protocol (:class:`QuestionInput`):
``edited`` while the interviewer types (saved after a pause), ``committed``
when an answer is final (a click, leaving the field: saved at once), and
``advance`` when Enter asks for the next question. Values follow
``forms.model`` (str, int, float, list[str] or None).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from testimonio.forms.model import AnswerValue, Question

#: A choice as the inputs see it: (name, label in the current language).
ChoiceItem = tuple[str, str]

#: Above this many choices a select becomes a searchable list.
LONG_LIST = 8


class QuestionInput(QWidget):
    """Base of every question input. Subclasses build their widgets and call
    :meth:`_watch` on each focusable child so Enter and focus-out work."""

    edited = Signal(object)
    committed = Signal(object)
    advance = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self._read_only = False
        self._focus_widgets: list[QWidget] = []
        self._accessible_name = ""

    # --- protocol ---------------------------------------------------------
    def value(self) -> AnswerValue:
        """The answer shown, in the model's value type; None when empty."""
        raise NotImplementedError

    def set_value(self, value: AnswerValue) -> None:
        """Show an answer without emitting ``edited`` or ``committed``."""
        raise NotImplementedError

    def input_problem(self) -> str | None:
        """A sentence when what is typed is not yet an answer (half a date),
        so the interviewer is not left thinking it was saved."""
        return None

    def set_read_only(self, read_only: bool) -> None:
        """Let the answer be seen but not changed."""
        self._read_only = read_only
        for widget in self._focus_widgets:
            _set_widget_read_only(widget, read_only)

    def is_read_only(self) -> bool:
        return self._read_only

    def set_choices(self, choices: Sequence[ChoiceItem]) -> None:
        """Replace the choices shown (choice filters, a language switch)."""

    def set_accessible_name(self, name: str) -> None:
        """Name every focusable part after the question's label."""
        self._accessible_name = name
        for widget in self._focus_widgets:
            extra = widget.property("accessiblePart")
            widget.setAccessibleName(f"{name} — {extra}" if extra else name)

    def focus_widgets(self) -> list[QWidget]:
        """The focusable parts, in tab order."""
        return list(self._focus_widgets)

    def focus_input(self) -> None:
        """Give the keyboard to the first part."""
        if self._focus_widgets:
            self._focus_widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def has_focus_within(self) -> bool:
        return any(w.hasFocus() for w in self._focus_widgets)

    # --- helpers for subclasses --------------------------------------------
    def _watch(self, widget: QWidget, part: str = "", enter_advances: bool = True) -> None:
        """Register a focusable part: Enter moves on, leaving it commits."""
        if part:
            widget.setProperty("accessiblePart", part)
        widget.setProperty("enterAdvances", enter_advances)
        widget.installEventFilter(self)
        self._focus_widgets.append(widget)
        if self._accessible_name:
            self.set_accessible_name(self._accessible_name)

    def _emit_committed(self) -> None:
        if not self._read_only:
            self.committed.emit(self.value())

    def _emit_edited(self) -> None:
        if not self._read_only:
            self.edited.emit(self.value())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched.property("enterAdvances"):
                if not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                    self._emit_committed()
                    self.advance.emit()
                    return True
        elif event.type() == QEvent.Type.FocusOut:
            # Leaving the whole question (not moving between its parts) commits.
            if isinstance(watched, QWidget) and not self._focus_moves_inside():
                self._emit_committed()
        return super().eventFilter(watched, event)

    def _focus_moves_inside(self) -> bool:
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        return focus is not None and focus in self._focus_widgets


def _set_widget_read_only(widget: QWidget, read_only: bool) -> None:
    setter: Any = getattr(widget, "setReadOnly", None)
    if setter is not None:
        if bool(widget.property("shownReadOnly")) != read_only:
            setter(read_only)
            # A read-only field must not look like one waiting for typing.
            widget.setStyleSheet("background: #ececec; color: #303030;" if read_only else "")
            widget.setProperty("shownReadOnly", read_only)
    else:
        # Buttons and lists have no read-only mode; disabling them still
        # shows the answer and keeps them in the accessibility tree.
        widget.setEnabled(not read_only)
