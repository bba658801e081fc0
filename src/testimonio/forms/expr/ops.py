"""Operators on XPath values: comparison (§3.4), arithmetic and union.

Comparisons follow XPath 1.0 §3.4 (node-sets compare node by node, numbers
beat strings, booleans beat both for ``=``), extended as ODK does: dates and
date strings compare and subtract as days since 1970-01-01T00:00Z, and two
numbers are equal when they differ by less than 1e-12, as in JavaRosa (so
``6.1 - 7.8 = -1.7`` holds).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable
from typing import Any

from testimonio.errors import ExpressionError
from testimonio.forms.expr.values import (
    NAN,
    NodeSet,
    Value,
    node_number,
    to_boolean,
    to_number,
    to_string,
)

#: JavaRosa's tolerance for numeric equality (XPathEqExpr).
EPSILON = 1e-12


def _num_eq(a: float, b: float) -> bool:
    return a == b or abs(a - b) < EPSILON


def _num_ne(a: float, b: float) -> bool:
    return not _num_eq(a, b)


_NUM: dict[str, Callable[[float, float], bool]] = {
    "=": _num_eq,
    "!=": _num_ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_ANY: dict[str, Callable[[Any, Any], bool]] = {"=": operator.eq, "!=": operator.ne}
_FLIP = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
CMP_OPS = frozenset(_NUM)


def arithmetic(op: str, a: float, b: float) -> float:
    """``+ - * div mod`` on numbers, with IEEE results for division by zero."""
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "div":
        if b == 0:
            if a == 0 or math.isnan(a):
                return NAN
            return math.copysign(math.inf, a) * math.copysign(1.0, b)
        return a / b
    if op == "mod":
        if b == 0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
            return NAN
        return a if math.isinf(b) else math.fmod(a, b)
    raise ExpressionError(f"Unknown operator {op!r}.")


def union(left: Value, right: Value) -> Value:
    """``a | b``: the nodes of both, in order, without repeats."""
    if not (isinstance(left, NodeSet) and isinstance(right, NodeSet)):
        raise ExpressionError("'|' joins questions or groups, not values.")
    merged = dict(zip(left.paths, left.values, strict=True))
    for p, v in zip(right.paths, right.values, strict=True):
        merged.setdefault(p, v)
    return NodeSet(tuple(merged), tuple(merged.values()))


def compare(op: str, a: Value, b: Value) -> bool:
    """XPath 1.0 comparison of two values (§3.4), dates as days."""
    if isinstance(a, NodeSet) or isinstance(b, NodeSet):
        if isinstance(a, NodeSet):
            return _compare_nodes(op, a, b)
        assert isinstance(b, NodeSet)  # noqa: S101 - narrows the type for mypy
        return _compare_nodes(_FLIP[op], b, a)
    if op in _ANY:
        if isinstance(a, bool) or isinstance(b, bool):
            return _ANY[op](to_boolean(a), to_boolean(b))
        if isinstance(a, (float, dt.date)) or isinstance(b, (float, dt.date)):
            return _NUM[op](to_number(a), to_number(b))
        return _ANY[op](to_string(a), to_string(b))
    return _NUM[op](to_number(a), to_number(b))


def _compare_nodes(op: str, a: NodeSet, b: Value) -> bool:
    if isinstance(b, NodeSet):
        if op == "=":
            right = set(b.strings())
            return any(x in right for x in a.strings())
        if op == "!=":
            return any(x != y for x in a.strings() for y in b.strings())
        rnums = [node_number(v) for v in b.values]
        cmp = _NUM[op]
        return any(cmp(node_number(x), y) for x in a.values for y in rnums)
    if isinstance(b, bool):
        if op in _ANY:
            return _ANY[op](to_boolean(a), b)
        return _NUM[op](to_number(to_boolean(a)), to_number(b))
    if isinstance(b, str) and op in _ANY:
        cmp_s = _ANY[op]
        return any(cmp_s(s, b) for s in a.strings())
    y = to_number(b)
    cmp = _NUM[op]
    return any(cmp(node_number(x), y) for x in a.values)
