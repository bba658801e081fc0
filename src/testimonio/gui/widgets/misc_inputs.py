"""Inputs for acknowledge, geopoint and range questions, and a read-only display."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QSpinBox,
    QWidget,
)

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


class RangeInput(QuestionInput):
    """A ``range`` question: a slider (unless the appearance is ``picker``) and a
    spin box bound to the form's start, end and step. The spin box's lowest
    position, one step below the start, shows a dash: no answer yet."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        start, end, step = question.range or (1.0, 10.0, 1.0)
        self._low, self._high, self._step = min(start, end), max(start, end), abs(step)
        self._whole = question.type == "integer"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        steps = round((self._high - self._low) / self._step)
        self.slider: QSlider | None = None
        if "picker" not in question.appearance and steps <= 1000:
            self.slider = QSlider(Qt.Orientation.Horizontal, self)
            self.slider.setRange(0, steps)
            self.slider.valueChanged.connect(self._from_slider)
            self.slider.sliderReleased.connect(self._emit_committed)
            self._watch(self.slider)
            layout.addWidget(self.slider, 1)
        self.spin: QSpinBox | QDoubleSpinBox
        if self._whole:
            self.spin = QSpinBox(self)
            self.spin.setRange(int(self._low - self._step), int(self._high))
            self.spin.setSingleStep(int(self._step))
        else:
            self.spin = QDoubleSpinBox(self)
            decimals = max(0, -Decimal(repr(self._step)).normalize().as_tuple().exponent)  # type: ignore[operator]
            self.spin.setDecimals(min(int(decimals), 6))
            self.spin.setRange(self._low - self._step, self._high)
            self.spin.setSingleStep(self._step)
        self.spin.setSpecialValueText("—")
        self._set_spin(self.spin.minimum())
        self.spin.valueChanged.connect(self._from_spin)
        self._watch(self.spin)
        layout.addWidget(self.spin)
        if self.slider is None:
            layout.addStretch(1)

    def value(self) -> AnswerValue:
        number = self.spin.value()
        if number < self._low:
            return None
        return int(number) if self._whole else float(number)

    def set_value(self, value: AnswerValue) -> None:
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        self.spin.blockSignals(True)
        self._set_spin(self.spin.minimum() if number is None else number)
        self.spin.blockSignals(False)
        self._sync_slider()

    def _sync_slider(self) -> None:
        if self.slider is None:
            return
        self.slider.blockSignals(True)
        self.slider.setValue(max(0, round((self.spin.value() - self._low) / self._step)))
        self.slider.blockSignals(False)

    def _set_spin(self, number: float) -> None:
        if isinstance(self.spin, QSpinBox):
            self.spin.setValue(round(number))
        else:
            self.spin.setValue(number)

    def _from_slider(self, index: int) -> None:
        self._set_spin(self._low + index * self._step)

    def _from_spin(self, _number: float) -> None:
        self._sync_slider()
        self._emit_edited()
