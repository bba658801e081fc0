"""Evaluate a syntax tree against a :class:`Context` with XPath 1.0 semantics.

Comparisons follow XPath 1.0 §3.4 (node-sets compare node by node, numbers
beat strings, booleans beat both for ``=``), extended as ODK does: dates and
date strings compare and subtract as days. Only :class:`ExpressionError`
leaves this module.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable
from typing import Any

from testimonio.errors import ExpressionError
from testimonio.forms.expr.ast import Binary, Call, Expr, Literal, Number, Path, Ref, Unary
from testimonio.forms.expr.context import Context
from testimonio.forms.expr.functions import FUNCTIONS
from testimonio.forms.expr.values import (
    EMPTY,
    NAN,
    NodeSet,
    Value,
    node_number,
    node_string,
    to_boolean,
    to_number,
    to_string,
)

_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_FLIP = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


def evaluate(expr: Expr, context: Context) -> Value:
    """The value of ``expr`` at ``context.here``."""
    try:
        return _eval(expr, context)
    except RecursionError as exc:
        raise ExpressionError("The expression is nested too deeply to evaluate.") from exc
    except (ArithmeticError, ValueError) as exc:
        # Arithmetic that Python refuses but XPath defines is handled where it
        # happens; this only guards against a case we did not foresee.
        raise ExpressionError(f"The expression could not be computed ({exc}).") from exc


def _eval(e: Expr, c: Context) -> Value:
    if isinstance(e, Ref):
        return c.lookup(e.name)
    if isinstance(e, Binary):
        return _binary(e, c)
    if isinstance(e, Literal):
        return e.value
    if isinstance(e, Number):
        return e.value
    if isinstance(e, Call):
        return _call(e, c)
    if isinstance(e, Path):
        return _path(e, c)
    if isinstance(e, Unary):
        return -to_number(_eval(e.operand, c))
    raise ExpressionError("The expression contains something that cannot be evaluated.")


def _call(e: Call, c: Context) -> Value:
    if e.name == "if":  # only the chosen branch is evaluated
        branch = e.args[1] if to_boolean(_eval(e.args[0], c)) else e.args[2]
        return _eval(branch, c)
    if e.name == "indexed-repeat":
        return _indexed_repeat(e, c)
    entry = FUNCTIONS.get(e.name)
    if entry is None:
        raise ExpressionError(f"Unknown function {e.name}().")
    low, high, fn = entry
    if len(e.args) < low or (high is not None and len(e.args) > high):
        raise ExpressionError(f"{e.name}() called with {len(e.args)} argument(s).")
    return fn(c, [_eval(a, c) for a in e.args])


def _indexed_repeat(e: Call, c: Context) -> Value:
    """ODK's indexed-repeat: the node in the i-th instance of a repeat.

    The target and repeats are read from the top of the form (every instance),
    wherever the expression sits; the indexes are read where it sits.
    """
    if len(e.args) % 2 == 0:
        raise ExpressionError("indexed-repeat() takes a name, then pairs of a repeat and a position.")
    here = c.here
    try:
        c.here = ""
        target = _eval(e.args[0], c)
        repeats = [_eval(a, c) for a in e.args[1::2]]
    finally:
        c.here = here
    indexes = [to_number(_eval(a, c)) for a in e.args[2::2]]
    prefix = ""
    for repeat, index in zip(repeats, indexes, strict=True):
        if not isinstance(repeat, NodeSet) or not isinstance(target, NodeSet):
            raise ExpressionError("indexed-repeat() needs ${name} references to a question and its repeats.")
        inside = [p for p in repeat.paths if not prefix or p.startswith(prefix + "/")]
        if math.isnan(index) or not 1 <= index <= len(inside):
            return EMPTY
        prefix = inside[int(index) - 1]
    assert isinstance(target, NodeSet)  # noqa: S101 - checked in the loop (there is at least one pair)
    keep = [i for i, p in enumerate(target.paths) if p.startswith(prefix + "/")]
    return NodeSet(tuple(target.paths[i] for i in keep), tuple(target.values[i] for i in keep))


def _path(e: Path, c: Context) -> Value:
    steps = e.steps
    if not e.absolute and steps and steps[0] not in (".", ".."):
        column = c.choice_column(steps[0])
        if column is not None and len(steps) == 1:
            return NodeSet((f"#choice/{steps[0]}",), (column,))
    if e.absolute:
        paths: list[str] = [""]
        steps = steps[1:]  # the first step names the form's root element
    else:
        paths = [c.here]
    for step in steps:
        nxt: list[str] = []
        for p in paths:
            if step == ".":
                nxt.append(p)
            elif step == "..":
                parent = c.parent(p)
                if parent is not None:
                    nxt.append(parent)
            else:
                nxt.extend(c.children(p, step).paths)
        paths = list(dict.fromkeys(nxt))  # keep document order, drop repeats
    if not paths:
        return EMPTY
    return NodeSet(tuple(paths), tuple(c.value_at(p) for p in paths))


def _binary(e: Binary, c: Context) -> Value:
    op = e.op
    if op == "or":
        return to_boolean(_eval(e.left, c)) or to_boolean(_eval(e.right, c))
    if op == "and":
        return to_boolean(_eval(e.left, c)) and to_boolean(_eval(e.right, c))
    left = _eval(e.left, c)
    right = _eval(e.right, c)
    if op in _CMP:
        return compare(op, left, right)
    if op == "|":
        if not (isinstance(left, NodeSet) and isinstance(right, NodeSet)):
            raise ExpressionError("'|' joins questions or groups, not values.")
        merged = dict(zip(left.paths, left.values, strict=True))
        for p, v in zip(right.paths, right.values, strict=True):
            merged.setdefault(p, v)
        return NodeSet(tuple(merged), tuple(merged.values()))
    return arithmetic(op, to_number(left), to_number(right))


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


def compare(op: str, a: Value, b: Value) -> bool:
    """XPath 1.0 comparison of two values (§3.4), dates as days."""
    cmp = _CMP[op]
    if isinstance(a, NodeSet) or isinstance(b, NodeSet):
        if isinstance(a, NodeSet):
            return _compare_nodes(op, cmp, a, b)
        flipped = _FLIP[op]
        assert isinstance(b, NodeSet)  # noqa: S101 - narrows the type for mypy
        return _compare_nodes(flipped, _CMP[flipped], b, a)
    if op in ("=", "!="):
        if isinstance(a, bool) or isinstance(b, bool):
            return cmp(to_boolean(a), to_boolean(b))
        if isinstance(a, (float, dt.date)) or isinstance(b, (float, dt.date)):
            return cmp(to_number(a), to_number(b))
        return cmp(to_string(a), to_string(b))
    return cmp(to_number(a), to_number(b))


def _compare_nodes(op: str, cmp: Callable[[Any, Any], bool], a: NodeSet, b: Value) -> bool:
    if isinstance(b, NodeSet):
        if op == "=":
            right = set(b.strings())
            return any(x in right for x in a.strings())
        if op == "!=":
            return any(x != y for x in a.strings() for y in b.strings())
        rnums = [node_number(v) for v in b.values]
        return any(cmp(node_number(x), y) for x in a.values for y in rnums)
    if isinstance(b, bool):
        return cmp(to_boolean(a), b) if op in ("=", "!=") else cmp(to_number(to_boolean(a)), to_number(b))
    if isinstance(b, str) and op in ("=", "!="):
        return any(cmp(node_string(x), b) for x in a.values)
    y = to_number(b)
    return any(cmp(node_number(x), y) for x in a.values)
