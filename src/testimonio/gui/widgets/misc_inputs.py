"""Inputs for acknowledge and geopoint questions, and a read-only display."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from testimonio.forms.model import AnswerValue, Question
from testimonio.gui.widgets.question_widgets import QuestionInput

_COORD_RE = r"-?\d{0,3}([.,]\d{0,8})?"
_METRES_RE = r"-?\d{0,6}([.,]\d{0,2})?"


class AcknowledgeInput(QuestionInput):
    """A check box; checked is the answer ``"OK"``."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(self.tr("OK"), self)
        self.box.clicked.connect(lambda _c: self._emit_committed())
        self._watch(self.box)
        layout.addWidget(self.box)
        layout.addStretch(1)

    def value(self) -> AnswerValue:
        return "OK" if self.box.isChecked() else None

    def set_value(self, value: AnswerValue) -> None:
        self.box.setChecked(value == "OK")


def _number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


class GeopointInput(QuestionInput):
    """A place typed as coordinates: latitude, longitude, and optionally
    altitude and accuracy in metres (no GPS is used, nothing goes online)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fields: list[QLineEdit] = []
        parts = (
            (self.tr("latitude"), _COORD_RE),
            (self.tr("longitude"), _COORD_RE),
            (self.tr("altitude (m)"), _METRES_RE),
            (self.tr("accuracy (m)"), _METRES_RE),
        )
        for name, pattern in parts:
            edit = QLineEdit(self)
            edit.setPlaceholderText(name)
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))
            edit.setMaximumWidth(120)
            edit.textEdited.connect(self._emit_edited)
            self._watch(edit, name)
            layout.addWidget(edit)
            self.fields.append(edit)
        layout.addStretch(1)

    def value(self) -> AnswerValue:
        numbers = [_number(edit.text()) for edit in self.fields]
        lat, lon = numbers[0], numbers[1]
        if lat is None or lon is None or not -90 <= lat <= 90 or not -180 <= lon <= 180:
            return None
        rest = [n if n is not None else 0.0 for n in numbers[2:]]
        return " ".join(_fmt(n) for n in (lat, lon, *rest))

    def input_problem(self) -> str | None:
        if any(edit.text().strip() for edit in self.fields) and self.value() is None:
            return self.tr("Not saved: enter a latitude (-90 to 90) and a longitude (-180 to 180).")
        return None

    def set_value(self, value: AnswerValue) -> None:
        parts = str(value).split() if value else []
        for i, edit in enumerate(self.fields):
            edit.setText(parts[i] if i < len(parts) else "")


def _fmt(number: float) -> str:
    return str(int(number)) if number.is_integer() else repr(number)


class ReadOnlyInput(QuestionInput):
    """Shows a value the interviewer does not type (metadata, calculations)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        layout.addWidget(self.label)
        self._value: AnswerValue = None

    def value(self) -> AnswerValue:
        return self._value

    def set_value(self, value: AnswerValue) -> None:
        self._value = value
        if isinstance(value, list):
            self.label.setText(", ".join(value))
        else:
            self.label.setText("" if value is None else str(value))
