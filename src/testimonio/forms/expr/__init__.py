"""Our own XPath expression engine for XLSForm (no ``eval``, ever).

``parse(text)`` gives an immutable tree (cached by text), ``to_text(tree)``
prints it back, ``references(tree)`` lists what it reads and
``evaluate(tree, context)`` computes it with XPath 1.0 semantics as ODK
applies them. Only :class:`testimonio.errors.ExpressionError` is raised.

To compute the same expression many times, compile it once:
``compile_expr(tree)`` gives a function of a :class:`Context`;
``compile_answers(text)`` gives a function of a plain
``{answer path: value}`` mapping (see :class:`MappingContext`), e.g. to
decide relevance for an export without building a form state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from testimonio.forms.expr.ast import (
    Binary,
    Call,
    Expr,
    FilterPath,
    Literal,
    Number,
    Path,
    Ref,
    Step,
    Unary,
    children,
)
from testimonio.forms.expr.compiler import Compiled, compile_expr
from testimonio.forms.expr.context import Context, MappingContext
from testimonio.forms.expr.evaluator import compare, evaluate, run
from testimonio.forms.expr.parser import MAX_DEPTH, parse
from testimonio.forms.expr.printer import to_text
from testimonio.forms.expr.values import NodeSet, Value, to_boolean, to_number, to_string
from testimonio.forms.model import AnswerValue
from testimonio.forms.secondary import SecondaryInstance

__all__ = [
    "MAX_DEPTH",
    "Binary",
    "Call",
    "Compiled",
    "Context",
    "Expr",
    "FilterPath",
    "Literal",
    "MappingContext",
    "NodeSet",
    "Number",
    "Path",
    "Ref",
    "SecondaryInstance",
    "Step",
    "Unary",
    "Value",
    "compare",
    "compile_answers",
    "compile_expr",
    "compile_text",
    "evaluate",
    "parse",
    "ref_names",
    "references",
    "run",
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
    # (node, inside a predicate over a secondary instance)
    stack: list[tuple[Expr, bool]] = [(expr, False)]
    while stack:
        node, in_item = stack.pop()
        if isinstance(node, Ref):
            found.add(node)
        elif isinstance(node, Path):
            if not (in_item and not node.absolute and node.steps[:1] not in ((".",), ("..",))):
                found.add(node)  # a bare name in a predicate is a field of the item
        elif isinstance(node, FilterPath):
            if node.base.name == "current":
                # current()/../x reads what the same relative path reads.
                found.add(Path(tuple(step.name for step in node.steps)))
            stack.extend((a, in_item) for a in node.base.args)
            stack.extend((p, True) for step in node.steps for p in step.predicates)
            continue
        stack.extend((child, in_item) for child in children(node))
    return found


def ref_names(expr: Expr) -> set[str]:
    """Just the names of the ``${name}`` references in an expression."""
    return {r.name for r in references(expr) if isinstance(r, Ref)}


def compile_text(text: str) -> Compiled:
    """Parse and compile an expression; a function of a :class:`Context`.

    Raises ExpressionError for malformed text. Calling the result may raise
    anything the expression's arithmetic does; wrap it with :func:`run` to
    get only ExpressionError.
    """
    return compile_expr(parse(text))


def compile_answers(
    text: str, *, instances: Mapping[str, SecondaryInstance] | None = None
) -> Callable[[Mapping[str, AnswerValue], str], Value]:
    """Compile ``text`` into ``f(answers, here="")`` over a plain answers mapping.

    ``answers`` maps answer paths (``"companions[2]/age"``) to stored values;
    ``${name}`` reads every answer path whose last segment is ``name`` (see
    :class:`MappingContext`). Only ExpressionError is raised.
    """
    fn = compile_text(text)

    def call(answers: Mapping[str, AnswerValue], here: str = "") -> Value:
        return run(fn, MappingContext(answers, here, instances=instances))

    return call
