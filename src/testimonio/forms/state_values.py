"""Answer values for the form-state engine: coercion, type checks, messages.

Values follow ``forms.model``: integer is ``int``, decimal ``float``,
select_multiple and rank ``list[str]``, everything else ``str``; empty is
None. Text typed into a number field is coerced when it reads as one and
flagged as a type problem when it does not, so the interviewer sees a
sentence instead of losing what they typed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Collection

from testimonio.forms.expr import Value, to_string
from testimonio.forms.expr.values import NodeSet, parse_date
from testimonio.forms.model import AnswerValue, Question

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER_TEXT = re.compile(r"\s*-?\d{1,18}\s*")
# An integer answer has at most 18 digits, as typed ones (_INTEGER_TEXT): one
# that came another way (JSON) is held to it too, and SQLite keeps it in 64 bits.
_INTEGER_LIMIT = 10**18
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "required": "This question needs an answer.",
        "constraint": "This answer is not allowed.",
        "integer": "Enter a whole number.",
        "decimal": "Enter a number.",
        "date": "Enter a date as YYYY-MM-DD.",
        "time": "Enter a time as HH:MM.",
        "dateTime": "Enter a date and time as YYYY-MM-DDTHH:MM.",
        "choice": "Choose among the options shown.",
        "geopoint": "Enter coordinates as latitude and longitude, e.g. -3.5 -80.2.",
        "acknowledge": "Confirm with OK.",
        "text": "This answer must be text.",
        "range": "Choose a value on the scale shown.",
    },
    "es": {
        "required": "Esta pregunta necesita una respuesta.",
        "constraint": "Esta respuesta no está permitida.",
        "integer": "Escriba un número entero.",
        "decimal": "Escriba un número.",
        "date": "Escriba una fecha como AAAA-MM-DD.",
        "time": "Escriba una hora como HH:MM.",
        "dateTime": "Escriba fecha y hora como AAAA-MM-DDTHH:MM.",
        "choice": "Elija entre las opciones que se muestran.",
        "geopoint": "Escriba las coordenadas como latitud y longitud, p. ej. -3.5 -80.2.",
        "acknowledge": "Confirme con OK.",
        "text": "Esta respuesta debe ser texto.",
        "range": "Elija un valor de la escala que se muestra.",
    },
}


def message(kind: str, language: str) -> str:
    """A default sentence for ``kind`` in Spanish or English."""
    lang = "es" if language.lower().startswith(("es", "spa")) or "español" in language.lower() else "en"
    return MESSAGES[lang].get(kind, MESSAGES[lang]["constraint"])


def is_empty(value: AnswerValue) -> bool:
    return value is None or value == "" or value == []


def normalize(question: Question, value: object) -> AnswerValue:
    """The value to store: empty becomes None; numbers typed as text are read.

    Anything that cannot be read for the question's type is kept as given
    (as text) so :func:`type_problem` can name the problem.
    """
    if value is None or value == "" or value == []:
        return None
    return _NORMALIZERS.get(question.type, _as_text)(value)


def _normalize_choices(value: object) -> AnswerValue:
    """select_multiple/rank: a space-separated string or a list of names."""
    if isinstance(value, str):
        return value.split() or None
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value) or None
    return str(value)


def _normalize_integer(value: object) -> AnswerValue:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value):
        return int(value)
    return _as_text(value)


def _normalize_decimal(value: object) -> AnswerValue:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        return _decimal_from_text(value)
    return _as_text(value)


def _decimal_from_text(value: str) -> AnswerValue:
    """A number typed as text (a comma as decimal mark too); kept as text if it is none."""
    try:
        number = float(value.strip().replace(",", ".")) if value.strip() else math.nan
    except ValueError:
        return value
    return number if math.isfinite(number) else value


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, float):
        return to_string(value)
    return str(value)


_NORMALIZERS: dict[str, Callable[[object], AnswerValue]] = {
    "select_multiple": _normalize_choices, "rank": _normalize_choices,
    "integer": _normalize_integer, "decimal": _normalize_decimal,
}


def type_problem(question: Question, value: AnswerValue, choices: Collection[str]) -> str | None:
    """The kind of type problem of a stored value (a MESSAGES key), or None."""
    if is_empty(value):
        return None
    kind = question.type
    typed = _TYPED_CHECKS.get(kind)
    if typed is not None:
        return typed(question, value, choices)
    if not isinstance(value, str):
        return "text"  # every other type stores text
    check = _TEXT_CHECKS.get(kind)
    return check(question, value, choices) if check is not None else None


def _integer_problem(question: Question, value: AnswerValue, _choices: Collection[str]) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool) or not -_INTEGER_LIMIT < value < _INTEGER_LIMIT:
        return "integer"
    return _off_range(question, value)


def _decimal_problem(question: Question, value: AnswerValue, _choices: Collection[str]) -> str | None:
    return _off_range(question, value) if isinstance(value, float) and math.isfinite(value) else "decimal"


def _choices_problem(question: Question, value: AnswerValue, choices: Collection[str]) -> str | None:
    """select_multiple/rank: a list of distinct offered names."""
    if not isinstance(value, list):
        return "choice"
    if len(set(value)) != len(value) or any(not _allowed(question, v, choices) for v in value):
        return "choice"
    return None


def _choice_problem(question: Question, value: str, choices: Collection[str]) -> str | None:
    return None if _allowed(question, value, choices) else "choice"


def _date_problem(_question: Question, value: str, _choices: Collection[str]) -> str | None:
    return None if _DATE.fullmatch(value) and parse_date(value) else "date"


def _time_problem(_question: Question, value: str, _choices: Collection[str]) -> str | None:
    return None if _TIME.match(value) and _valid_time(value) else "time"


def _datetime_problem(_question: Question, value: str, _choices: Collection[str]) -> str | None:
    return None if "T" in value and isinstance(parse_date(value), dt.datetime) else "dateTime"


def _geopoint_problem(_question: Question, value: str, _choices: Collection[str]) -> str | None:
    return None if _valid_geopoint(value) else "geopoint"


def _acknowledge_problem(_question: Question, value: str, _choices: Collection[str]) -> str | None:
    return None if value == "OK" else "acknowledge"


#: Types whose stored value is not text: each checks the value's Python type itself.
_TYPED_CHECKS: dict[str, Callable[[Question, AnswerValue, Collection[str]], str | None]] = {
    "integer": _integer_problem, "decimal": _decimal_problem,
    "select_multiple": _choices_problem, "rank": _choices_problem,
}
#: Text types with a format; any other type takes any text.
_TEXT_CHECKS: dict[str, Callable[[Question, str, Collection[str]], str | None]] = {
    "select_one": _choice_problem,
    "date": _date_problem, "today": _date_problem,
    "time": _time_problem,
    "dateTime": _datetime_problem, "start": _datetime_problem, "end": _datetime_problem,
    "geopoint": _geopoint_problem,
    "acknowledge": _acknowledge_problem,
}


def takes_any_text(question: Question) -> bool:
    """Whether every text is a valid stored value of ``question``: its type stores
    text and has no format to check (type_problem gives None for any string)."""
    return question.type not in _TYPED_CHECKS and question.type not in _TEXT_CHECKS


def _off_range(question: Question, value: float) -> str | None:
    """"range" if a range question's value is off its scale (outside, or between steps)."""
    if question.range is None:
        return None
    start, end, step = question.range
    low, high = min(start, end), max(start, end)
    steps = (value - start) / step
    if not low <= value <= high or abs(steps - round(steps)) > 1e-9:
        return "range"
    return None


def _allowed(question: Question, value: str, choices: Collection[str]) -> bool:
    return value in choices or (question.or_other and value == "other")


def _valid_time(value: str) -> bool:
    hours, minutes = int(value[:2]), int(value[3:5])
    seconds = int(value[6:8]) if len(value) >= 8 and value[5] == ":" else 0
    return hours < 24 and minutes < 60 and seconds < 60


def _valid_geopoint(value: str) -> bool:
    parts = value.split()
    if not 2 <= len(parts) <= 4:
        return False
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return False
    if not all(math.isfinite(n) for n in numbers):
        return False
    return -90 <= numbers[0] <= 90 and -180 <= numbers[1] <= 180


def from_expression(question: Question, value: Value) -> AnswerValue:
    """A calculation's result stored as an answer of the question's type.

    NaN (an empty input in arithmetic) stores as empty; calculate questions
    store text, as they travel in XForms.
    """
    if isinstance(value, NodeSet):
        value = to_string(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if question.type in ("integer", "decimal"):
        if isinstance(value, (dt.date, str)):
            return normalize(question, to_string(value))
        number = float(value)
        if not math.isfinite(number):
            return None
        # JavaRosa truncates a calculated value bound to an integer.
        return int(number) if question.type == "integer" else number
    return normalize(question, to_string(value))
