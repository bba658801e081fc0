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
from collections.abc import Collection

from testimonio.forms.expr import Value, to_string
from testimonio.forms.expr.values import NodeSet, parse_date
from testimonio.forms.model import AnswerValue, Question

_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_MULTI = frozenset({"select_multiple", "rank"})

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
    kind = question.type
    if kind in _MULTI:
        if isinstance(value, str):
            return value.split() or None
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value) or None
        return str(value)
    if kind == "integer":
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,18}\s*", value):
            return int(value)
        return _as_text(value)
    if kind == "decimal":
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float)) and math.isfinite(value):
            return float(value)
        if isinstance(value, str):
            try:
                number = float(value.strip().replace(",", ".")) if value.strip() else math.nan
            except ValueError:
                return value
            return number if math.isfinite(number) else value
        return _as_text(value)
    return _as_text(value)


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, float):
        return to_string(value)
    return str(value)


def type_problem(question: Question, value: AnswerValue, choices: Collection[str]) -> str | None:
    """The kind of type problem of a stored value (a MESSAGES key), or None."""
    if is_empty(value):
        return None
    kind = question.type
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return "integer"
        return _off_range(question, value)
    if kind == "decimal":
        return _off_range(question, value) if isinstance(value, float) else "decimal"
    if kind in _MULTI:
        if not isinstance(value, list):
            return "choice"
        if len(set(value)) != len(value) or any(not _allowed(question, v, choices) for v in value):
            return "choice"
        return None
    if not isinstance(value, str):
        return "text"
    if kind == "select_one":
        return None if _allowed(question, value, choices) else "choice"
    if kind in ("date", "today"):
        return None if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and parse_date(value) else "date"
    if kind == "time":
        return None if _TIME.match(value) and _valid_time(value) else "time"
    if kind in ("dateTime", "start", "end"):
        return None if "T" in value and isinstance(parse_date(value), dt.datetime) else "dateTime"
    if kind == "geopoint":
        return None if _valid_geopoint(value) else "geopoint"
    if kind == "acknowledge":
        return None if value == "OK" else "acknowledge"
    return None


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
