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
import uuid
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from testimonio.errors import ExpressionError
from testimonio.forms.expr.context import Context
from testimonio.forms.expr.values import (
    EMPTY,
    NAN,
    NodeSet,
    Value,
    date_to_days,
    node_number,
    node_string,
    to_boolean,
    to_date,
    to_number,
    to_string,
)

Fn = Callable[[Context, Sequence[Value]], Value]


def _nodes(fname: str, v: Value) -> NodeSet:
    if not isinstance(v, NodeSet):
        raise ExpressionError(f"{fname}() needs a question or group such as ${{name}}, not a value.")
    return v


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


def _int(v: Value) -> int:
    x = to_number(v)
    if math.isnan(x):
        return 0
    if math.isinf(x):
        return 2**31 if x > 0 else -(2**31)
    return int(x)


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
    digits = _int(a[1])
    try:
        q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
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
    start = _int(a[1])
    end = _int(a[2]) if len(a) > 2 else len(s)
    return s[start:end]  # Java's substring with negative indexes counted from the end


def _substring(_c: Context, a: Sequence[Value]) -> Value:
    # XPath 1.0 substring(): 1-based, rounded positions.
    s = to_string(a[0])
    start = to_number(a[1])
    length = to_number(a[2]) if len(a) > 2 else math.inf
    if math.isnan(start) or math.isnan(length):
        return ""
    first = math.floor(start + 0.5)
    last = first + math.floor(length + 0.5) if not math.isinf(length) else math.inf
    return "".join(c for i, c in enumerate(s, 1) if first <= i < last)


def _selected(_c: Context, a: Sequence[Value]) -> Value:
    return to_string(a[1]).strip() in to_string(a[0]).split()


def _selected_at(_c: Context, a: Sequence[Value]) -> Value:
    items = to_string(a[0]).split()
    i = _int(a[1])
    return items[i] if 0 <= i < len(items) else ""


def _sum(_c: Context, a: Sequence[Value]) -> Value:
    return math.fsum(node_number(v) for v in _nodes("sum", a[0]).values) if a else 0.0


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
    if not a:
        return float(c.position(c.here))
    ns = _nodes("position", a[0])
    return float(c.position(ns.paths[0])) if ns.paths else NAN


def _date(_c: Context, a: Sequence[Value]) -> Value:
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
    when = d if isinstance(d, dt.datetime) else dt.datetime(d.year, d.month, d.day)
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
    "normalize-space": (0, 1, lambda c, a: " ".join(_context_string(c, a).split())),
    "substr": (2, 3, _substr),
    "substring": (2, 3, _substring),
    "substring-before": (2, 2, _str_fn(lambda s, t: s.split(t, 1)[0] if t in s else "")),
    "substring-after": (2, 2, _str_fn(lambda s, t: s.split(t, 1)[1] if t in s else "")),
    "contains": (2, 2, _str_fn(lambda s, t: t in s)),
    "starts-with": (2, 2, _str_fn(lambda s, t: s.startswith(t))),
    "ends-with": (2, 2, _str_fn(lambda s, t: s.endswith(t))),
    "translate": (3, 3, _translate),
    "regex": (2, 2, _regex),
    "selected": (2, 2, _selected),
    "count-selected": (1, 1, lambda _c, a: float(len(to_string(a[0]).split()))),
    "selected-at": (2, 2, _selected_at),
    "jr:choice-name": (2, 2, lambda c, a: c.choice_label(to_string(a[0]), to_string(a[1]))),
    "count": (1, 1, lambda _c, a: float(len(_nodes("count", a[0])))),
    "count-non-empty": (1, 1, lambda _c, a: float(sum(1 for s in _nodes("count-non-empty", a[0]).strings() if s))),
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
    "uuid": (0, 1, lambda _c, a: str(uuid.uuid4())),
    "today": (0, 0, lambda c, a: c.today()),
    "now": (0, 0, lambda c, a: c.now()),
    "date": (1, 1, _date),
    "date-time": (1, 1, _date),
    "decimal-date-time": (1, 1, _decimal_date_time),
    "decimal-date": (1, 1, _decimal_date_time),
    "format-date": (2, 2, _format_date),
    "format-date-time": (2, 2, _format_date),
    "once": (1, 1, _once),
}
