"""XPath values and the conversions between them, as ODK applies them.

A value is a ``str``, a ``float``, a ``bool``, a :class:`NodeSet`, or a date
(``datetime.date``) / date-time (``datetime.datetime``). Dates count as days
since 1970-01-01 when a number is needed, as in ODK (JavaRosa); a string that
looks like a date is converted the same way when compared or subtracted.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from testimonio.forms.model import AnswerValue

EPOCH = dt.date(1970, 1, 1)
NAN = math.nan


@dataclass(frozen=True, slots=True)
class NodeSet:
    """Nodes in document order: their answer paths and typed answer values."""

    paths: tuple[str, ...]
    values: tuple[AnswerValue, ...]

    def __len__(self) -> int:
        return len(self.paths)

    def strings(self) -> list[str]:
        """The string-value of each node."""
        return [node_string(v) for v in self.values]


Value = str | float | bool | NodeSet | dt.date | dt.datetime

EMPTY = NodeSet((), ())

_NUMBER = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$")
_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_DATETIME = re.compile(r"\s*\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def node_string(value: AnswerValue) -> str:
    """The XPath string-value of a stored answer (select_multiple joined by spaces)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_to_string(float(value))
    return " ".join(str(v) for v in value)


def node_number(value: AnswerValue) -> float:
    """The number an answer converts to."""
    if value is None:  # an empty answer: the most common case over large repeats
        return NAN
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    return string_to_number(node_string(value))


def number_to_string(x: float) -> str:
    """XPath number → string: integers without '.0', no exponent, NaN/Infinity."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    text = repr(x)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text


def string_to_number(s: str) -> float:
    """XPath string → number, extended as ODK does to date strings (days)."""
    if not s:
        return NAN
    if _NUMBER.match(s):
        return float(s)
    d = parse_date(s)
    if d is not None:
        return date_to_days(d)
    return NAN


def parse_date(s: str) -> dt.date | dt.datetime | None:
    """A date ('2024-05-01') or date-time (ISO 8601) in a string, else None.

    A date-time keeps the offset it was written with (``…-05:00``, ``…Z``);
    one written without an offset is naive and read in the local zone.
    """
    m = _DATE.match(s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if _DATETIME.match(s):
        try:
            return dt.datetime.fromisoformat(s.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


#: The zone "local time" means (None: the computer's). Tests set it.
LOCAL_ZONE: dt.tzinfo | None = None
_UTC_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def local(d: dt.datetime) -> dt.datetime:
    """``d`` as an aware date-time in the local zone (naive ``d`` is local already)."""
    if d.tzinfo is None:
        if LOCAL_ZONE is None:
            return d.astimezone()
        return d.replace(tzinfo=LOCAL_ZONE)
    return d.astimezone(LOCAL_ZONE) if LOCAL_ZONE is not None else d.astimezone()


def with_local_offset(text: str) -> str:
    """A date-time typed in local wall-clock time, with the local offset of that moment.

    ``2024-03-10T03:30`` in New York becomes ``2024-03-10T03:30-04:00``: the
    answer keeps the offset it was recorded with, as ODK Collect's do.
    """
    parsed = parse_date(text)
    if not isinstance(parsed, dt.datetime):
        return text
    stamped = local(parsed)
    spec = "seconds" if stamped.second or stamped.microsecond else "minutes"
    return stamped.isoformat(timespec=spec)


def in_local_time(text: str) -> str:
    """A stored date-time as local wall-clock time (``YYYY-MM-DDTHH:MM[:SS]``), to show."""
    parsed = parse_date(text)
    if not isinstance(parsed, dt.datetime) or parsed.tzinfo is None:
        return text
    shown = local(parsed).replace(tzinfo=None)
    return shown.isoformat(timespec="seconds" if shown.second else "minutes")


def date_to_days(d: dt.date) -> float:
    """Days since 1970-01-01T00:00Z (ODK XForms' ``decimal-date-time``).

    A date-time is taken at its own offset and counted in UTC, so values
    recorded in different zones compare and subtract correctly. A date is a
    whole number of days.
    """
    if isinstance(d, dt.datetime):
        return (local(d) - _UTC_EPOCH).total_seconds() / 86400.0
    return float((d - EPOCH).days)


def days_to_date(x: float) -> dt.date | None:
    """The date ``x`` days after 1970-01-01 (fractions dropped), or None."""
    if math.isnan(x) or math.isinf(x):
        return None
    try:
        return EPOCH + dt.timedelta(days=math.floor(x))
    except OverflowError:
        return None


def days_to_datetime(x: float) -> dt.datetime | None:
    """The instant ``x`` days after 1970-01-01T00:00Z, in local time, or None."""
    if math.isnan(x) or math.isinf(x):
        return None
    try:
        return local(_UTC_EPOCH + dt.timedelta(days=x))
    except (OverflowError, ValueError):
        return None


def to_string(v: Value) -> str:
    """XPath string(): a node-set gives its first node's value."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return number_to_string(v)
    if isinstance(v, NodeSet):
        return node_string(v.values[0]) if v.values else ""
    if isinstance(v, dt.datetime):
        return v.isoformat(timespec="milliseconds")
    return v.isoformat()


def to_number(v: Value) -> float:
    """XPath number(), with dates as days."""
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, float):
        return v
    if isinstance(v, str):
        return string_to_number(v)
    if isinstance(v, NodeSet):
        return node_number(v.values[0]) if v.values else NAN
    return date_to_days(v)


def to_boolean(v: Value) -> bool:
    """boolean(): as ODK, a single node converts through its value.

    XPath 1.0 calls every non-empty node-set true; JavaRosa unpacks a
    one-node set to its value first, so an empty answer is false. Forms
    written for ODK (``if(${x}, ...)``) rely on that.
    """
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        return not (v == 0 or math.isnan(v))
    if isinstance(v, str):
        return v != ""
    if isinstance(v, NodeSet):
        if len(v.values) != 1:
            return len(v.values) > 1
        one = v.values[0]
        if isinstance(one, (int, float)) and not isinstance(one, bool):
            return to_boolean(float(one))
        return node_string(one) != ""
    return True


def to_date(v: Value) -> dt.date | dt.datetime | None:
    """A date or date-time from a date, a string or a number of days; None if none.

    A number gives a date when it is whole and a date-time otherwise (see
    :func:`to_day` for ``date()``, which always gives a date).
    """
    if isinstance(v, (dt.date, dt.datetime)):
        return v
    if isinstance(v, NodeSet):
        v = to_string(v) if v.values and isinstance(v.values[0], str) else to_number(v)
    if isinstance(v, str):
        parsed = parse_date(v)
        if parsed is not None:
            return parsed
        v = string_to_number(v)
    if isinstance(v, bool) or math.isnan(v) or math.isinf(v):
        return None
    return days_to_date(v) if v == math.floor(v) else days_to_datetime(v)


def to_day(v: Value) -> dt.date | None:
    """``date()``: the (local) calendar day of a value; a fraction of a day is dropped."""
    d = to_date(v)
    if isinstance(d, dt.datetime):
        return (local(d) if d.tzinfo is not None else d).date()
    return d
