"""Inputs for date, time and dateTime questions.

Typed as text (``YYYY-MM-DD``, ``HH:MM``) because an interviewer types
faster than she clicks, and because an empty answer must stay empty — a
``QDateEdit`` always shows some date. A calendar button offers a picker.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from testimonio.forms.model import AnswerValue, Question
from testimonio.gui.widgets.question_widgets import QuestionInput

_DATE_RE = r"\d{0,4}(-\d{0,2}(-\d{0,2})?)?"
_TIME_RE = r"\d{0,2}(:\d{0,2}(:\d{0,2})?)?"


def parse_date(text: str) -> str | None:
    """``YYYY-MM-DD`` if ``text`` is a real date, else None."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return None


def parse_time(text: str) -> str | None:
    """``HH:MM`` (or ``HH:MM:SS``) if ``text`` is a real time, else None."""
    text = text.strip()
    try:
        parsed = time.fromisoformat(text if len(text) != 4 else "0" + text)
    except ValueError:
        return None
    return parsed.isoformat("seconds" if parsed.second else "minutes")


class _DateField(QWidget):
    """A date line edit with a calendar button beside it."""

    def __init__(self, owner: QuestionInput) -> None:
        super().__init__(owner)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(_DATE_RE), self.edit))
        self.edit.setMaximumWidth(130)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setAccessibleName(self.tr("Calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Tab goes from date to the next answer; Alt+Down opens the calendar.
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setToolTip(self.tr("Pick the date on a calendar (Alt+Down)"))
        self.edit.installEventFilter(self)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.calendar.clicked.connect(menu.close)
        menu.aboutToShow.connect(self.calendar.setFocus)
        self.calendar.activated.connect(menu.close)
        self.button.setMenu(menu)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.button.showMenu()
            return True
        return super().eventFilter(watched, event)

    def _sync_calendar(self) -> None:
        parsed = parse_date(self.edit.text())
        if parsed:
            self.calendar.setSelectedDate(QDate.fromString(parsed, "yyyy-MM-dd"))


class DateInput(QuestionInput):
    """A date as ``YYYY-MM-DD`` with a calendar."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._field = _DateField(self)
        self._field.edit.textEdited.connect(self._emit_edited)
        self._field.calendar.clicked.connect(self._picked)
        self._field.calendar.activated.connect(self._picked)
        self._watch(self._field.edit)
        layout.addWidget(self._field)

    def _picked(self, day: QDate) -> None:
        if self.is_read_only():
            return
        self._field.edit.setText(day.toString("yyyy-MM-dd"))
        self._emit_committed()

    def text(self) -> str:
        """What is typed, even when it is not yet a date."""
        return self._field.edit.text()

    def value(self) -> AnswerValue:
        return parse_date(self._field.edit.text())

    def input_problem(self) -> str | None:
        if self._field.edit.text().strip() and self.value() is None:
            return self.tr("Not saved: enter a date as YYYY-MM-DD.")
        return None

    def set_value(self, value: AnswerValue) -> None:
        text = "" if value is None else str(value)[:10]
        if self._field.edit.text() != text:
            self._field.edit.setText(text)


class TimeInput(QuestionInput):
    """A time as ``HH:MM``."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._edit = QLineEdit(self)
        self._edit.setPlaceholderText(self.tr("HH:MM"))
        self._edit.setValidator(QRegularExpressionValidator(QRegularExpression(_TIME_RE), self._edit))
        self._edit.setMaximumWidth(90)
        self._edit.textEdited.connect(self._emit_edited)
        self._watch(self._edit)
        layout.addWidget(self._edit)
        layout.addStretch(1)

    def value(self) -> AnswerValue:
        return parse_time(self._edit.text())

    def input_problem(self) -> str | None:
        if self._edit.text().strip() and self.value() is None:
            return self.tr("Not saved: enter a time as HH:MM.")
        return None

    def set_value(self, value: AnswerValue) -> None:
        text = "" if value is None else str(value)[:8]
        if self._edit.text() != text:
            self._edit.setText(text)


class DateTimeInput(QuestionInput):
    """A date and a time; the answer is ISO 8601 ``YYYY-MM-DDTHH:MM``."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._date = _DateField(self)
        self._time = QLineEdit(self)
        self._time.setPlaceholderText(self.tr("HH:MM"))
        self._time.setValidator(QRegularExpressionValidator(QRegularExpression(_TIME_RE), self._time))
        self._time.setMaximumWidth(90)
        self._date.edit.textEdited.connect(self._emit_edited)
        self._time.textEdited.connect(self._emit_edited)
        self._date.calendar.clicked.connect(self._picked)
        self._watch(self._date.edit, self.tr("date"))
        self._watch(self._time, self.tr("time"))
        layout.addWidget(self._date)
        layout.addWidget(self._time)
        layout.addStretch(1)

    def _picked(self, day: QDate) -> None:
        if not self.is_read_only():
            self._date.edit.setText(day.toString("yyyy-MM-dd"))
            self._emit_committed()

    def value(self) -> AnswerValue:
        day = parse_date(self._date.edit.text())
        if day is None:
            return None
        clock = parse_time(self._time.text()) or "00:00"
        return f"{day}T{clock}"

    def input_problem(self) -> str | None:
        typed_day = self._date.edit.text().strip()
        typed_time = self._time.text().strip()
        if (typed_day or typed_time) and (parse_date(typed_day) is None
                                          or (typed_time and parse_time(typed_time) is None)):
            return self.tr("Not saved: enter a date as YYYY-MM-DD and a time as HH:MM.")
        return None

    def set_value(self, value: AnswerValue) -> None:
        text = "" if value is None else str(value)
        day, _, clock = text.partition("T")
        self._date.edit.setText(day[:10])
        self._time.setText(clock[:5])
