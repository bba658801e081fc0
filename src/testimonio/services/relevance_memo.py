"""Which expressions of export relevance give the same result for the same
answers, and those results, remembered across interviews.

An expression is *pure* when it reads only ``${names}`` of questions in no
repeat, with functions whose result depends on nothing but their arguments:
its result is remembered by what those questions hold (None where
irrelevant), so ``${consent} = 'yes'`` on a dozen groups of 10 000
interviews is computed twice. An expression that would be pure but for
``${names}`` in repeats (``count(${companions})``, ``sum(${is_child})``) is
pure *while those repeats have no instances*; its results are kept apart.

Bounded: MAX_SHARED results per questionnaire, MAX_SHARED_EACH per
expression (one that reads dates would otherwise keep a result per
interview exported).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from testimonio.forms.deps import DependencyGraph
from testimonio.forms.expr import (
    Binary,
    Call,
    Compiled,
    Expr,
    Literal,
    Number,
    Ref,
    Unary,
    Value,
    ref_names,
)
from testimonio.forms.expr.functions import FUNCTIONS
from testimonio.forms.model import AnswerValue, Questionnaire

MAX_SHARED = 50_000  # remembered results of pure expressions per form (a few MB at most)
# ... and per expression: one that reads dates (days_waited) would otherwise
# keep one result per interview exported, until the form's bound.
MAX_SHARED_EACH = 2_048
_MISS = object()

# What a pure expression's result is remembered by, from an interview's answers
# and relevance (a path is in ``rel`` only when irrelevant).
Key = Callable[[dict[str, AnswerValue], dict[str, bool]], object]

# Functions whose result depends on more than their arguments.
_CONTEXT_FUNCTIONS = frozenset({"string", "string-length", "normalize-space", "position", "jr:choice-name",
                                "random", "uuid", "today", "now", "once", "indexed-repeat", "randomize",
                                "current", "jr:itext", "decimal-time", "count-non-empty"})


class Remembered:
    """The pure expressions of one questionnaire and the results kept of them."""

    def __init__(self, q: Questionnaire, graph: DependencyGraph, compiled: Mapping[tuple[str, str], Compiled],
                 chain: Mapping[str, tuple[str, ...]], static_names: Mapping[str, str]) -> None:
        # Relevance expressions, and calculations of questions in no repeat,
        # that are pure: fn -> the answer paths they read.
        self.pure: dict[Compiled, tuple[str, ...]] = {}
        # Those of static nodes and outermost repeats pure while the repeats they
        # read have no instances: fn -> those outermost repeats.
        self.when_empty: dict[Compiled, tuple[str, ...]] = {}
        names = {n.name: n.path for n in q.walk()}
        keys: dict[Compiled, Key] = {}
        for (model, column), expr in graph.exprs.items():
            if (column == "relevant" or (column == "calculation" and not chain.get(model))) \
                    and pure(expr, static_names):
                fn = compiled[(model, column)]
                self.pure[fn] = tuple(sorted({static_names[n] for n in ref_names(expr)}))
                keys[fn] = keyer(self.pure[fn])
        for (model, column), expr in graph.exprs.items():
            fn = compiled[(model, column)]
            if fn not in self.pure and column in {"relevant", "calculation"} \
                    and chain.get(model, (model,)) in {(), (model,)} and pure(expr, names):
                read = ref_names(expr)
                self.when_empty[fn] = tuple(sorted({chain[names[n]][0] for n in read if chain[names[n]]}))
                keys[fn] = keyer(tuple(sorted({static_names[n] for n in read if n in static_names})))
        # Results remembered, per expression: key (what its ${names} hold) -> result.
        self.shared: dict[Compiled, dict[object, Value | None]] = {fn: {} for fn in self.pure}
        self.shared_empty: dict[Compiled, dict[object, Value | None]] = {fn: {} for fn in self.when_empty}
        self._by_fn = {fn: (keys[fn], {**self.shared, **self.shared_empty}[fn]) for fn in keys}
        self._remembered = 0  # in all of them (bounded by MAX_SHARED)

    def knows(self, fn: Compiled | None) -> bool:
        """Whether ``fn`` is none, pure, or pure while its repeats are empty."""
        return fn is None or fn in self._by_fn

    def entry(self, fn: Compiled | None) -> tuple[Key, dict[object, Value | None]]:
        """What ``fn``'s results are remembered by, and those results (for a
        caller that looks them up itself); for no or an unknown expression, a
        key of nothing and no results."""
        found = self._by_fn.get(fn) if fn is not None else None
        return found if found is not None else (_no_key, {})

    def remember(self, fn: Compiled, key: object, result: Value | None) -> Value | None:
        """Keep ``result`` as ``fn``'s for ``key`` (while within the bounds); returns it."""
        results = self._by_fn[fn][1]
        if len(results) < MAX_SHARED_EACH and self._remembered < MAX_SHARED:
            results[key] = result
            self._remembered += 1
        return result

    def look(self, fn: Compiled, answers: dict[str, AnswerValue], rel: dict[str, bool],
             compute: Callable[[], Value | None]) -> Value | None:
        """``fn``'s result for these answers: remembered, or ``compute()`` (then remembered)."""
        key_of, results = self._by_fn[fn]
        key = key_of(answers, rel)
        result = results.get(key, _MISS)
        if result is _MISS:
            result = self.remember(fn, key, compute())
        return result  # type: ignore[return-value]


def _no_key(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> object:
    return None


def pure(expr: Expr, names: Mapping[str, str]) -> bool:
    """Whether ``expr`` reads only these ``${names}``, and nothing else."""
    if isinstance(expr, Ref):
        return expr.name in names
    if isinstance(expr, (Literal, Number)):
        return True
    if isinstance(expr, Unary):
        return pure(expr.operand, names)
    if isinstance(expr, Binary):
        return pure(expr.left, names) and pure(expr.right, names)
    if isinstance(expr, Call):
        if expr.name in _CONTEXT_FUNCTIONS or (expr.name not in FUNCTIONS and expr.name != "if"):
            return False
        return all(pure(a, names) for a in expr.args)
    return False  # paths (relative, absolute), instance() and anything new


def keyer(paths: tuple[str, ...]) -> Key:
    """What a pure expression reading ``paths`` is remembered by: their values
    (None where irrelevant), types kept; one path's key is its value's."""
    if len(paths) == 1:
        (only,) = paths

        def one(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> object:
            value = None if only in rel else answers.get(only)
            return value if type(value) is str else frozen(value)

        return one

    def many(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> object:
        return tuple([frozen(None if p in rel else answers.get(p)) for p in paths])

    return many


def frozen(v: AnswerValue) -> object:
    """A hashable key of one value; types kept (1, 1.0 and True differ)."""
    if type(v) is str:
        return v
    if isinstance(v, list):
        return (list, tuple((type(x), x) for x in v))
    return (type(v), v)
