"""Our own XPath expression engine for XLSForm (no ``eval``, ever).

``parse(text)`` gives an immutable tree (cached by text), ``to_text(tree)``
prints it back, ``references(tree)`` lists what it reads and
``evaluate(tree, context)`` computes it with XPath 1.0 semantics as ODK
applies them. Only :class:`testimonio.errors.ExpressionError` is raised.
"""

from __future__ import annotations

from testimonio.forms.expr.ast import (
    Binary,
    Call,
    Expr,
    Literal,
    Number,
    Path,
    Ref,
    Unary,
    children,
)
from testimonio.forms.expr.context import Context, MappingContext
from testimonio.forms.expr.evaluator import compare, evaluate
from testimonio.forms.expr.parser import MAX_DEPTH, parse
from testimonio.forms.expr.printer import to_text
from testimonio.forms.expr.values import NodeSet, Value, to_boolean, to_number, to_string

__all__ = [
    "MAX_DEPTH",
    "Binary",
    "Call",
    "Context",
    "Expr",
    "Literal",
    "MappingContext",
    "NodeSet",
    "Number",
    "Path",
    "Ref",
    "Unary",
    "Value",
    "compare",
    "evaluate",
    "parse",
    "ref_names",
    "references",
    "to_boolean",
    "to_number",
    "to_string",
    "to_text",
]


def references(expr: Expr) -> set[Ref | Path]:
    """What an expression reads: its ``${name}`` references and relative paths.

    ``.`` alone is included (as ``Path(('.',))``) because it reads the node
    the expression belongs to.
    """
    found: set[Ref | Path] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, (Ref, Path)):
            found.add(node)
        stack.extend(children(node))
    return found


def ref_names(expr: Expr) -> set[str]:
    """Just the names of the ``${name}`` references in an expression."""
    return {r.name for r in references(expr) if isinstance(r, Ref)}
