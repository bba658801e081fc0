"""Evaluate a syntax tree against a :class:`Context`.

The tree is compiled once into closures (``forms.expr.compiler``) and the
compiled function is cached per tree, so ``evaluate`` is cheap to call again.
Only :class:`ExpressionError` leaves this module.
"""

from __future__ import annotations

from testimonio.errors import ExpressionError
from testimonio.forms.expr.ast import Expr
from testimonio.forms.expr.compiler import Compiled, compile_expr
from testimonio.forms.expr.context import Context
from testimonio.forms.expr.ops import arithmetic, compare
from testimonio.forms.expr.values import Value

__all__ = ["arithmetic", "compare", "evaluate", "run"]


def evaluate(expr: Expr, context: Context) -> Value:
    """The value of ``expr`` at ``context.here``."""
    return run(compile_expr(expr), context)


def run(fn: Compiled, context: Context) -> Value:
    """Call a compiled expression, turning any failure into an ExpressionError."""
    try:
        return fn(context)
    except ExpressionError:
        raise
    except RecursionError as exc:
        raise ExpressionError("The expression is nested too deeply to evaluate.") from exc
    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError) as exc:
        # Arithmetic that Python refuses but XPath defines is handled where it
        # happens; this only guards against a case we did not foresee.
        raise ExpressionError(f"The expression could not be computed ({exc}).") from exc
