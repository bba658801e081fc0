"""The XPath and ODK functions expressions may call.

Each function takes the context and its already evaluated arguments; ``if``
is evaluated lazily by the evaluator itself. ``ARITY`` is what the parser
checks, so an unknown function or a wrong argument count is refused when the
form loads rather than in the middle of an interview.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from testimonio.errors import ExpressionError
from testimonio.forms.expr.context import Context
from testimonio.forms.expr.functions_odk import (
    nodes_arg,
    odk_area,
    odk_base64_decode,
    odk_checklist,
    odk_decimal_time,
    odk_digest,
    odk_distance,
    odk_instance,
    odk_pulldata,
    odk_randomize,
    odk_uuid,
    odk_weighted_checklist,
    to_int,
)
from testimonio.forms.expr.values import (
    EMPTY,
    NAN,
    NodeSet,
    Value,
    date_to_days,
    local,
    node_number,
    node_string,
    to_boolean,
    to_date,
    to_day,
    to_number,
    to_string,
)

Fn = Callable[[Context, Sequence[Value]], Value]


def _flat_strings(args: Sequence[Value]) -> list[str]:
    out: list[str] = []
    for a in args:
        out.extend(a.strings() if isinstance(a, NodeSet) else [to_string(a)])
    return out


def _flat_numbers(args: Sequence[Value]) -> list[float]:
    out: list[float] = []
    for a in args:
        out.extend((node_number(v) for v in a.values) if isinstance(a, NodeSet) else [to_number(a)])
    return out


def _safe(f: Callable[..., float]) -> Callable[..., float]:
    """Math domain and range errors give NaN / Infinity, as in Java."""

    def wrapped(*xs: float) -> float:
        try:
            return f(*xs)
        except ValueError:
            return NAN
        except OverflowError:
            return math.inf

    return wrapped


def _round(_c: Context, a: Sequence[Value]) -> Value:
    x = to_number(a[0])
    if math.isnan(x) or math.isinf(x):
        return x
    if len(a) == 1:
        return float(math.floor(x + 0.5))
    digits = max(-400, min(400, to_int(a[1])))
    # XPath round(): a half goes towards positive infinity, with or without
    # a number of decimals (round(-2.5) = round(-2.5, 0) = -2).
    mode = ROUND_HALF_UP if x >= 0 else ROUND_HALF_DOWN
    try:
        q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=mode)
    except InvalidOperation:
        return x
    return float(q)


def _int_fn(_c: Context, a: Sequence[Value]) -> Value:
    x = to_number(a[0])
    return x if math.isnan(x) or math.isinf(x) else float(math.trunc(x))


def _regex(_c: Context, a: Sequence[Value]) -> Value:
    pattern = to_string(a[1])
    try:
        compiled = re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        raise ExpressionError(f"The pattern {pattern!r} of regex() is not valid.") from exc
    return compiled.search(to_string(a[0])) is not None


def _substr(_c: Context, a: Sequence[Value]) -> Value:
    s = to_string(a[0])
    start = to_int(a[1])
    end = to_int(a[2]) if len(a) > 2 else len(s)
    return s[start:end]  # Java's substring with negative indexes counted from the end


def _substring(_c: Context, a: Sequence[Value]) -> Value:
    # XPath 1.0 substring(): 1-based, rounded positions.
    s = to_string(a[0])
    start = to_number(a[1])
    length = to_number(a[2]) if len(a) > 2 else math.inf
    first = _xround(start)
    last = first + _xround(length)  # -inf + inf is NaN: nothing, as §4.2 says
    if math.isnan(first) or math.isnan(last) or first == math.inf or last == -math.inf:
        return ""
    low = max(1, math.ceil(first)) if first > -math.inf else 1
    high = min(len(s) + 1, math.ceil(last)) if last < math.inf else len(s) + 1
    return s[low - 1 : high - 1] if high > low else ""


def _xround(x: float) -> float:
    """XPath round() on floats (infinities and NaN stay)."""
    return float(math.floor(x + 0.5)) if math.isfinite(x) else x


def _selected(_c: Context, a: Sequence[Value]) -> Value:
    return to_string(a[1]).strip() in to_string(a[0]).split()


def _selected_at(_c: Context, a: Sequence[Value]) -> Value:
    items = to_string(a[0]).split()
    i = to_int(a[1])
    return items[i] if 0 <= i < len(items) else ""


def _sum(_c: Context, a: Sequence[Value]) -> Value:
    return math.fsum(node_number(v) for v in nodes_arg("sum", a[0]).values) if a else 0.0


def _minmax(pick: Callable[[list[float]], float]) -> Fn:
    def fn(_c: Context, a: Sequence[Value]) -> Value:
        xs = _flat_numbers(a)
        if not xs or any(math.isnan(x) for x in xs):
            return NAN
        return pick(xs)

    return fn


def _coalesce(_c: Context, a: Sequence[Value]) -> Value:
    first = to_string(a[0])
    return first if first != "" else to_string(a[1])


def _position(c: Context, a: Sequence[Value]) -> Value:
    if not a and c.item is not None:  # in a predicate: the item's position
        return float(c.item_position)
    if not a:
        return float(c.position(c.here))
    ns = nodes_arg("position", a[0])
    return float(c.position(ns.paths[0])) if ns.paths else NAN


def _date(_c: Context, a: Sequence[Value]) -> Value:
    d = to_day(a[0])
    return "" if d is None else d


def _date_time(_c: Context, a: Sequence[Value]) -> Value:
    d = to_date(a[0])
    return "" if d is None else d


def _decimal_date_time(_c: Context, a: Sequence[Value]) -> Value:
    d = to_date(a[0])
    return NAN if d is None else date_to_days(d)


_FORMATS: dict[str, Callable[[dt.datetime], str]] = {
    "Y": lambda d: f"{d.year:04d}",
    "y": lambda d: f"{d.year % 100:02d}",
    "m": lambda d: f"{d.month:02d}",
    "n": lambda d: str(d.month),
    "d": lambda d: f"{d.day:02d}",
    "e": lambda d: str(d.day),
    "H": lambda d: f"{d.hour:02d}",
    "h": lambda d: str(d.hour),
    "M": lambda d: f"{d.minute:02d}",
    "S": lambda d: f"{d.second:02d}",
    "3": lambda d: f"{d.microsecond // 1000:03d}",
    "a": lambda d: d.strftime("%a"),
    "b": lambda d: d.strftime("%b"),
}


def _format_date(_c: Context, a: Sequence[Value]) -> Value:
    d = to_date(a[0])
    if d is None:
        return ""
    if isinstance(d, dt.datetime):
        when = local(d) if d.tzinfo is not None else d  # shown in local time
    else:
        when = dt.datetime(d.year, d.month, d.day)
    fmt = to_string(a[1])
    out: list[str] = []
    i = 0
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt):
            f = _FORMATS.get(fmt[i + 1])
            out.append(f(when) if f else fmt[i + 1])
            i += 2
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)


def _once(c: Context, a: Sequence[Value]) -> Value:
    current = node_string(c.value_at(c.here))
    return current if current != "" else a[0]


def _translate(_c: Context, a: Sequence[Value]) -> Value:
    s, src, dst = (to_string(x) for x in a)
    table = {ord(ch): (dst[i] if i < len(dst) else None) for i, ch in reversed(list(enumerate(src)))}
    return s.translate(table)


_XPATH_SPACE = re.compile(r"[ \t\r\n]+")


def _normalize_space(c: Context, a: Sequence[Value]) -> Value:
    # XPath whitespace only (#x20 #x9 #xD #xA): a non-breaking space stays.
    return _XPATH_SPACE.sub(" ", _context_string(c, a)).strip(" \t\r\n")


def _substring_before(_c: Context, a: Sequence[Value]) -> Value:
    s, t = to_string(a[0]), to_string(a[1])
    at = s.find(t)
    return s[:at] if at >= 0 else ""


def _substring_after(_c: Context, a: Sequence[Value]) -> Value:
    s, t = to_string(a[0]), to_string(a[1])
    at = s.find(t)
    return s[at + len(t):] if at >= 0 else ""


def _num1(f: Callable[[float], float]) -> Fn:
    g = _safe(f)
    return lambda _c, a: g(to_number(a[0]))


def _num2(f: Callable[[float, float], float]) -> Fn:
    g = _safe(f)
    return lambda _c, a: g(to_number(a[0]), to_number(a[1]))


def _pow(x: float, y: float) -> float:
    try:
        return math.pow(x, y)
    except ValueError:
        return NAN
    except OverflowError:
        return math.inf if x > 0 or y % 2 == 0 else -math.inf


def _log(x: float) -> float:
    return -math.inf if x == 0 else math.log(x)


def _log10(x: float) -> float:
    return -math.inf if x == 0 else math.log10(x)


def _str_fn(f: Callable[..., Value]) -> Fn:
    return lambda _c, a: f(*(to_string(x) for x in a))


def _context_string(c: Context, a: Sequence[Value]) -> str:
    return to_string(a[0]) if a else node_string(c.value_at(c.here))


def _floor_ceil(f: Callable[[float], int]) -> Fn:
    def fn(_c: Context, a: Sequence[Value]) -> Value:
        x = to_number(a[0])
        return x if math.isnan(x) or math.isinf(x) else float(f(x))

    return fn


# name -> (fewest args, most args or None for any, implementation)
FUNCTIONS: dict[str, tuple[int, int | None, Fn]] = {
    "true": (0, 0, lambda _c, a: True),
    "false": (0, 0, lambda _c, a: False),
    "not": (1, 1, lambda _c, a: not to_boolean(a[0])),
    "boolean": (1, 1, lambda _c, a: to_boolean(a[0])),
    "number": (1, 1, lambda _c, a: to_number(a[0])),
    "string": (0, 1, lambda c, a: _context_string(c, a)),
    "boolean-from-string": (1, 1, lambda _c, a: to_string(a[0]) in ("true", "1")),
    "if": (3, 3, lambda _c, a: a[1] if to_boolean(a[0]) else a[2]),  # lazy in evaluator
    # indexed-repeat(${name}, ${repeat}, i [, ${inner}, j ...]): in the evaluator,
    # which reads the references from the top of the form.
    "indexed-repeat": (3, 7, lambda _c, a: EMPTY),
    "coalesce": (2, 2, _coalesce),
    "concat": (0, None, lambda _c, a: "".join(_flat_strings(a))),
    "join": (1, None, lambda _c, a: to_string(a[0]).join(_flat_strings(a[1:]))),
    "string-length": (0, 1, lambda c, a: float(len(_context_string(c, a)))),
    "normalize-space": (0, 1, _normalize_space),
    "substr": (2, 3, _substr),
    "substring": (2, 3, _substring),
    "substring-before": (2, 2, _substring_before),
    "substring-after": (2, 2, _substring_after),
    "contains": (2, 2, _str_fn(lambda s, t: t in s)),
    "starts-with": (2, 2, _str_fn(lambda s, t: s.startswith(t))),
    "ends-with": (2, 2, _str_fn(lambda s, t: s.endswith(t))),
    "translate": (3, 3, _translate),
    "regex": (2, 2, _regex),
    "selected": (2, 2, _selected),
    "count-selected": (1, 1, lambda _c, a: float(len(to_string(a[0]).split()))),
    "selected-at": (2, 2, _selected_at),
    "jr:choice-name": (2, 2, lambda c, a: c.choice_label(to_string(a[0]), to_string(a[1]))),
    "count": (1, 1, lambda _c, a: float(len(nodes_arg("count", a[0])))),
    "count-non-empty": (1, 1, lambda _c, a: float(sum(1 for s in nodes_arg("count-non-empty", a[0]).strings() if s))),
    "sum": (1, 1, _sum),
    "min": (1, None, _minmax(min)),
    "max": (1, None, _minmax(max)),
    "position": (0, 1, _position),
    "round": (1, 2, _round),
    "int": (1, 1, _int_fn),
    "floor": (1, 1, _floor_ceil(math.floor)),
    "ceiling": (1, 1, _floor_ceil(math.ceil)),
    "abs": (1, 1, _num1(abs)),
    "pow": (2, 2, _num2(_pow)),
    "sqrt": (1, 1, _num1(math.sqrt)),
    "exp": (1, 1, _num1(math.exp)),
    "exp10": (1, 1, _num1(lambda x: _pow(10.0, x))),
    "log": (1, 1, _num1(_log)),
    "log10": (1, 1, _num1(_log10)),
    "sin": (1, 1, _num1(math.sin)),
    "cos": (1, 1, _num1(math.cos)),
    "tan": (1, 1, _num1(math.tan)),
    "asin": (1, 1, _num1(math.asin)),
    "acos": (1, 1, _num1(math.acos)),
    "atan": (1, 1, _num1(math.atan)),
    "atan2": (2, 2, _num2(math.atan2)),
    "pi": (0, 0, lambda _c, a: math.pi),
    "random": (0, 0, lambda _c, a: random.random()),  # noqa: S311 - not for secrets
    "uuid": (0, 1, odk_uuid),
    "digest": (2, 3, odk_digest),
    "base64-decode": (1, 1, odk_base64_decode),
    "checklist": (2, None, odk_checklist),
    "weighted-checklist": (2, None, odk_weighted_checklist),
    "randomize": (1, 2, odk_randomize),
    "instance": (1, 1, odk_instance),
    # current(): in the compiler, which knows the question being computed.
    "current": (0, 0, lambda c, a: NodeSet((c.here,), (c.value_at(c.here),))),
    "pulldata": (4, 4, odk_pulldata),
    "jr:itext": (1, 1, lambda c, a: c.itext(to_string(a[0]))),
    "decimal-time": (1, 1, odk_decimal_time),
    "area": (1, None, odk_area),
    "distance": (1, None, odk_distance),
    "today": (0, 0, lambda c, a: c.today()),
    "now": (0, 0, lambda c, a: c.now()),
    "date": (1, 1, _date),
    "date-time": (1, 1, _date_time),
    "decimal-date-time": (1, 1, _decimal_date_time),
    "decimal-date": (1, 1, _decimal_date_time),
    "format-date": (2, 2, _format_date),
    "format-date-time": (2, 2, _format_date),
    "once": (1, 1, _once),
}
