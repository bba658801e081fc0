"""Inputs for date, time and dateTime questions.

Typed as text because an interviewer types faster than she clicks, and
because an empty answer must stay empty — a ``QDateEdit`` always shows some
date. A date is typed and shown as the interface's locale writes it
(``DD/MM/AAAA`` in Spanish, ``YYYY-MM-DD`` in English); either form is
accepted in either language, so are eight digits without separators, and
nothing typed is ever silently dropped.
The calendar (▾ or Alt+Down) has full weekday names, a year box, and greys
out the days the question's constraint refuses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QRegularExpression, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QRegularExpressionValidator,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from testimonio.forms.expr.values import in_local_time, with_local_offset
from testimonio.forms.model import AnswerValue, Question
from testimonio.gui.widgets.question_widgets import QuestionInput

# Digits and the separators of both forms; the length of each part is
# checked when the text is read, so a typed "/" is never refused.
_DATE_RE = r"[0-9/.\-]{0,10}"
_TIME_RE = r"\d{0,2}(:\d{0,2}(:\d{0,2})?)?"
_PARTS = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$")

#: Whether a day (``YYYY-MM-DD``) may be answered; None checks nothing.
DayCheck = Callable[[str], bool]


def day_first() -> bool:
    """Whether dates are written day first (DD/MM/AAAA) in the interface."""
    return QLocale().language() != QLocale.Language.English


def parse_date(text: str) -> str | None:
    """``YYYY-MM-DD`` if ``text`` is a real date written ``YYYY-MM-DD`` or
    ``DD/MM/YYYY`` (``-`` or ``.`` also separate), or as eight digits
    (``DDMMYYYY`` or ``YYYYMMDD``, typed on a number pad), else None."""
    text = text.strip()
    if len(text) == 8 and text.isascii() and text.isdigit():
        return _eight_digits(text)
    found = _PARTS.match(text)
    if found is None:
        return None
    first, month, last = found.groups()
    if len(first) == 4:
        year, day = first, last
        if len(month) != 2 or len(day) != 2:
            return None  # "2019-11-3" is half of "2019-11-30"
    elif len(last) == 4 and len(first) <= 2:
        year, day = last, first
    else:
        return None
    if len(day) > 2:
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _eight_digits(text: str) -> str | None:
    """A date typed without separators. With a year from 1900 to 2099 at most
    one reading is a real date: ``DDMMYYYY`` puts 19 or 20 where
    ``YYYYMMDD`` wants a month."""
    for year, month, day in ((text[4:], text[2:4], text[:2]), (text[:4], text[4:6], text[6:])):
        if 1900 <= int(year) <= 2099:
            try:
                return date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                continue
    return None


def show_date(iso: str) -> str:
    """A stored ``YYYY-MM-DD`` as the interface writes it."""
    if day_first() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"
    return iso


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
        self.day_check: DayCheck | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.format_hint())
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(_DATE_RE), self.edit))
        self.edit.setMaximumWidth(150)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setAccessibleName(self.tr("Calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Tab goes from date to the next answer; Alt+Down opens the calendar.
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setToolTip(self.tr("Pick the date on a calendar (Alt+Down)"))
        self.edit.installEventFilter(self)
        self.menu = QMenu(self.button)
        self.menu.addAction(self._calendar_action(self.menu))
        self.menu.aboutToShow.connect(self._sync_calendar)
        self.menu.aboutToShow.connect(self.calendar.setFocus)
        self.calendar.clicked.connect(self._maybe_close)
        self.calendar.activated.connect(self._maybe_close)
        self.button.setMenu(self.menu)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)

    def format_hint(self) -> str:
        return self.tr("DD/MM/YYYY") if day_first() else self.tr("YYYY-MM-DD")

    def _calendar_action(self, menu: QMenu) -> QWidgetAction:
        box = QWidget(menu)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        year_row = QHBoxLayout()
        self.year = QSpinBox(box)
        self.year.setRange(1900, 2100)
        self.year.setAccessibleName(self.tr("Year"))
        year_label = QLabel(self.tr("&Year:"), box)
        year_label.setBuddy(self.year)
        year_row.addWidget(year_label)
        year_row.addWidget(self.year)
        year_row.addStretch(1)
        self.calendar = QCalendarWidget(box)
        self.calendar.setGridVisible(True)
        self.calendar.setLocale(QLocale())
        self.calendar.setHorizontalHeaderFormat(
            QCalendarWidget.HorizontalHeaderFormat.LongDayNames)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)

        self.calendar.currentPageChanged.connect(self._page_changed)
        self.year.valueChanged.connect(
            lambda y: self.calendar.setCurrentPage(y, self.calendar.monthShown()))
        self.refused = QLabel(self.tr("Days in grey are not accepted by this question."), box)
        self.refused.setWordWrap(True)
        self.refused.hide()
        layout.addLayout(year_row)
        layout.addWidget(self.calendar)
        layout.addWidget(self.refused)
        action = QWidgetAction(menu)
        action.setDefaultWidget(box)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.button.showMenu()
            return True
        return super().eventFilter(watched, event)

    def allowed(self, day: QDate) -> bool:
        """Whether the question accepts ``day``."""
        return self.day_check is None or self.day_check(day.toString("yyyy-MM-dd"))

    def _maybe_close(self, day: QDate) -> None:
        if self.allowed(day):
            self.menu.close()

    def _sync_calendar(self) -> None:
        # Room for the longest weekday name in full ("miércoles"), seven times,
        # measured now that the style sheet's font is applied (headers are bold).
        font = self.calendar.font()
        font.setBold(True)
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(self.calendar.locale().dayName(day))
                     for day in range(1, 8))
        self.calendar.setMinimumWidth(7 * (widest + 24))
        parsed = parse_date(self.edit.text())
        if parsed:
            self.calendar.setSelectedDate(QDate.fromString(parsed, "yyyy-MM-dd"))
        self._page_changed(self.calendar.yearShown(), self.calendar.monthShown())

    def _page_changed(self, year: int, month: int) -> None:
        self.year.blockSignals(True)
        self.year.setValue(year)
        self.year.blockSignals(False)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # forget the old marks
        if self.day_check is None:
            return
        grey = QTextCharFormat()
        grey.setForeground(QColor("#9a9a9a"))
        grey.setFontStrikeOut(True)
        first = QDate(year, month, 1).addDays(-7)
        any_refused = False
        for offset in range(7 * 7):
            day = first.addDays(offset)
            if not self.allowed(day):
                self.calendar.setDateTextFormat(day, grey)
                any_refused = True
        self.refused.setVisible(any_refused)


class DateInput(QuestionInput):
    """A date, typed ``DD/MM/AAAA`` or ``YYYY-MM-DD``, with a calendar."""

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

    def set_day_check(self, check: DayCheck | None) -> None:
        """Grey out (and refuse) the calendar's days ``check`` rejects."""
        self._field.day_check = check

    def _picked(self, day: QDate) -> None:
        if self.is_read_only() or not self._field.allowed(day):
            return
        self._field.edit.setText(show_date(day.toString("yyyy-MM-dd")))
        self._emit_committed()

    def text(self) -> str:
        """What is typed, even when it is not yet a date."""
        return self._field.edit.text()

    def value(self) -> AnswerValue:
        return parse_date(self._field.edit.text())

    def _emit_committed(self) -> None:
        typed = self._field.edit.text().strip()
        day = parse_date(typed) if typed.isdigit() and not self.is_read_only() else None
        if day is not None:  # digits alone, once left, are shown as the date they are
            self._field.edit.setText(show_date(day))
        super()._emit_committed()

    def input_problem(self) -> str | None:
        if self._field.edit.text().strip() and self.value() is None:
            return self.tr("Not saved: enter a date as %1.").replace("%1", self._field.format_hint())
        return None

    def set_value(self, value: AnswerValue) -> None:
        if value is not None and parse_date(self._field.edit.text()) == str(value)[:10]:
            return  # the same day, as typed: leave the interviewer's text alone
        text = "" if value is None else show_date(str(value)[:10])
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
            self._date.edit.setText(show_date(day.toString("yyyy-MM-dd")))
            self._emit_committed()

    def value(self) -> AnswerValue:
        day = parse_date(self._date.edit.text())
        if day is None:
            return None
        clock = parse_time(self._time.text()) or "00:00"
        # Typed in local time; stored with the offset it was recorded with.
        return with_local_offset(f"{day}T{clock}")

    def input_problem(self) -> str | None:
        typed_day = self._date.edit.text().strip()
        typed_time = self._time.text().strip()
        if (typed_day or typed_time) and (parse_date(typed_day) is None
                                          or (typed_time and parse_time(typed_time) is None)):
            return self.tr("Not saved: enter a date as %1 and a time as HH:MM.").replace(
                "%1", self._date.format_hint())
        return None

    def set_value(self, value: AnswerValue) -> None:
        text = "" if value is None else in_local_time(str(value))  # shown in local time
        day, _, clock = text.partition("T")
        self._date.edit.setText(show_date(day[:10]))
        self._time.setText(clock[:5])
