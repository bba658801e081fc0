"""Print a syntax tree back to expression text.

``parse(to_text(tree)) == tree`` for every tree the parser can produce:
brackets are added exactly where precedence needs them.
"""

from __future__ import annotations

from decimal import Decimal

from testimonio.forms.expr.ast import (
    PRECEDENCE,
    UNARY_PRECEDENCE,
    Binary,
    Call,
    Expr,
    FilterPath,
    Literal,
    Number,
    Path,
    Ref,
    Unary,
)

_ATOM = 10


def to_text(expr: Expr) -> str:
    """The expression as text, parseable back into an equal tree."""
    if isinstance(expr, Literal):
        quote = "'" if "'" not in expr.value else '"'
        return f"{quote}{expr.value}{quote}"
    if isinstance(expr, Number):
        return _number(expr.value)
    if isinstance(expr, Ref):
        return "${" + expr.name + "}"
    if isinstance(expr, Path):
        body = "/".join(expr.steps)
        return "/" + body if expr.absolute else body
    if isinstance(expr, Call):
        return f"{expr.name}({', '.join(to_text(a) for a in expr.args)})"
    if isinstance(expr, FilterPath):
        steps = "".join(
            "/" + step.name + "".join(f"[{to_text(p)}]" for p in step.predicates) for step in expr.steps)
        return to_text(expr.base) + steps
    if isinstance(expr, Unary):
        inner = to_text(expr.operand)
        if _strength(expr.operand) < UNARY_PRECEDENCE:
            inner = f"({inner})"
        return f"-{inner}"
    prec = PRECEDENCE[expr.op]
    left = to_text(expr.left)
    right = to_text(expr.right)
    if _strength(expr.left) < prec:
        left = f"({left})"
    # Operators are left-associative: an equal-strength right side needs brackets.
    if _strength(expr.right) <= prec:
        right = f"({right})"
    return f"{left} {expr.op} {right}"


def _strength(expr: Expr) -> int:
    if isinstance(expr, Binary):
        return PRECEDENCE[expr.op]
    if isinstance(expr, Unary):
        return UNARY_PRECEDENCE
    return _ATOM


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
