"""Inputs for text, integer and decimal questions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from testimonio.forms.model import AnswerValue, Question
from testimonio.gui.widgets.question_widgets import QuestionInput


def _no_margins(layout: QVBoxLayout) -> QVBoxLayout:
    layout.setContentsMargins(0, 0, 0, 0)
    return layout


class TextInput(QuestionInput):
    """Free text: one line, or several with the ``multiline`` appearance
    (there Enter starts a new line and Ctrl+Enter moves on)."""

    def __init__(self, question: Question, multiline: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = _no_margins(QVBoxLayout(self))
        self._multiline = multiline
        if multiline:
            self._edit: QLineEdit | QPlainTextEdit = QPlainTextEdit(self)
            self._edit.setTabChangesFocus(True)
            self._edit.setFixedHeight(90)
            self._edit.textChanged.connect(self._emit_edited)
            self._watch(self._edit, enter_advances=False)
        else:
            self._edit = QLineEdit(self)
            self._edit.textEdited.connect(self._emit_edited)
            self._watch(self._edit)
        layout.addWidget(self._edit)

    def value(self) -> AnswerValue:
        if isinstance(self._edit, QPlainTextEdit):
            text = self._edit.toPlainText()
        else:
            text = self._edit.text()
        return text if text.strip() else None

    def set_value(self, value: AnswerValue) -> None:
        text = "" if value is None else str(value)
        if isinstance(self._edit, QPlainTextEdit):
            if self._edit.toPlainText() != text:
                self._edit.blockSignals(True)
                self._edit.setPlainText(text)
                self._edit.blockSignals(False)
        elif self._edit.text() != text:
            self._edit.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (self._multiline and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self._emit_committed()
            self.advance.emit()
            return True
        return super().eventFilter(watched, event)


class _NumberInput(QuestionInput):
    """A line edit that only accepts a number's characters."""

    _pattern = ""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = _no_margins(QVBoxLayout(self))
        self._edit = QLineEdit(self)
        self._edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(self._pattern), self._edit))
        self._edit.setMaximumWidth(180)
        self._edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._edit.textEdited.connect(self._emit_edited)
        self._watch(self._edit)
        layout.addWidget(self._edit)

    def input_problem(self) -> str | None:
        if self._edit.text().strip() and self.value() is None:
            return self.tr("Not saved: enter a number.")
        return None

    def set_value(self, value: AnswerValue) -> None:
        text = "" if value is None else _number_text(value)
        if self._edit.text() != text:
            self._edit.setText(text)


def _number_text(value: AnswerValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


class IntegerInput(_NumberInput):
    """Whole numbers; anything else cannot be typed."""

    _pattern = r"-?\d{0,12}"

    def value(self) -> AnswerValue:
        text = self._edit.text().strip()
        try:
            return int(text)
        except ValueError:
            return None


class DecimalInput(_NumberInput):
    """Decimal numbers; a comma is taken as the decimal point (Spanish)."""

    _pattern = r"-?\d{0,12}([.,]\d{0,9})?"

    def value(self) -> AnswerValue:
        text = self._edit.text().strip().replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return None
