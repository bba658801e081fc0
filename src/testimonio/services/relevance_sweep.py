"""Export relevance in one sweep over plain answers, without a form state.

:class:`Sweep` does for one interview what ``FormState(q, answers)`` followed
by ``exportable_answers()`` does, with the export's shortcuts: nothing shown
is computed (required, constraints, choices), every expression is the
form-state plan's compiled closure, and a ``${name}`` of a question in no
repeat is read straight from the answers instead of being resolved through
the repeat instances. The semantics are the engine's own: the sweep walks the
plan's dependency order, copies a parent's irrelevance, computes relevance
and calculations with the engine's context class, counts repeat instances as
the engine does (``Instances``) and writes calculated values with
``from_expression``.

Whenever an interview leaves the well-trodden path (an answer path the engine
has not yet checked, a repeat count its expression would change), :meth:`Sweep.run` returns None and the caller
asks the form-state engine itself. tests/services/test_export_relevance.py
compares the two on the shipped questionnaires and on generated ones. How the
steps are grouped and the walk cut is :mod:`testimonio.services.relevance_shape`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import time
from collections.abc import Mapping
from typing import Any

from testimonio.errors import ExpressionError
from testimonio.forms.deps import DependencyGraph
from testimonio.forms.expr import Compiled, NodeSet, Value, run, to_boolean, to_number
from testimonio.forms.model import AnswerValue, Group, Node, Question, Questionnaire
from testimonio.forms.state_paths import (
    MAX_INSTANCES,
    Instances,
    StateContext,
    model_path,
)
from testimonio.forms.state_paths import stored_count as _count
from testimonio.forms.state_plan import KnownInstances, Plan
from testimonio.forms.state_values import from_expression, is_empty
from testimonio.services import relevance_shape as shape
from testimonio.services.relevance_load import CheckedPaths
from testimonio.services.relevance_memo import Remembered
from testimonio.services.relevance_shape import Run

log = logging.getLogger(__name__)

_MISS = object()
CLOCK_S = 1.0  # the clock metadata a sweep fills in is read again after this long

# One step of the sweep: (kind, model path, node, parent, relevance,
# calculation or repeat_count). Kinds: "plain" (copy the parent's relevance),
# "static" (a node in no repeat with an expression), "repeat" and "inner" (a
# node inside a repeat; there ``parent`` is the outermost repeat).
_Step = tuple[str, str, Node, str, Compiled | None, Compiled | None]


class _Context(StateContext):
    """The engine's context, with ``${name}`` of a question in no repeat read directly.

    One per sweep, given each interview's answers by :meth:`start`.
    """

    def __init__(self, sweep: Sweep) -> None:
        super().__init__(sweep.q, KnownInstances(sweep.q, lambda _: 0, sweep.chain), self._effective,
                         lambda: sweep.q.default_language, None, None)
        self._static = sweep.static_names
        self.answers: dict[str, AnswerValue] = {}
        self.rel: dict[str, bool] = {}
        self.memo: dict[Compiled, Value | None] = {}

    def start(self, answers: dict[str, AnswerValue], rel: dict[str, bool], instances: KnownInstances,
              clock: tuple[dt.date, dt.datetime]) -> None:
        """Work on this interview's answers and relevance, with this clock."""
        self.answers, self.rel, self.instances = answers, rel, instances
        self._today, self._now = clock
        self.here, self.choice = "", None

    def _effective(self, path: str) -> AnswerValue:
        return self.answers.get(path) if self.rel.get(path, True) else None

    def lookup(self, name: str) -> NodeSet:
        path = self._static.get(name)
        if path is None:
            return super().lookup(name)
        value = self.answers.get(path) if self.rel.get(path, True) else None
        return NodeSet((path,), (value,))


class Sweep:
    """One questionnaire's export relevance, worked out once (see the module docstring)."""

    def __init__(self, q: Questionnaire, graph: DependencyGraph, *, only_names: bool = True) -> None:

        self.q = q
        chain = Instances(q, lambda _: 0).repeat_chain
        self.chain = chain
        self.plan = Plan(q, graph, chain)
        # Answer paths the engine has checked, and how a value stored there is read.
        self.paths = CheckedPaths(q)
        # ${name} of a node in no repeat: its one answer path, wherever it is read.
        self.static_names: dict[str, str] = {}
        for name in {n.name for n in q.walk()}:
            found = q.by_name(name)
            if not chain[found.path]:
                self.static_names[name] = found.path
        # Pure expressions and their results, remembered across interviews.
        self.memo = Remembered(q, graph, self.plan.compiled, chain, self.static_names)
        self.steps = [self._step(n, model, node, repeat, static)
                      for n, (model, node, repeat, static) in enumerate(self.plan.order)]
        self.segments = shape.segments(self._walk_order())
        # Metadata the engine fills in with the clock (start, today) when an
        # interview lacks it: the sweep fills in those an expression reads.
        # ``only_names``: every expression reads answers by ${name} only (else
        # any of them may reach one by a path the graph does not name).
        self.clock_read = [m for m in self.plan.metadata if m.type in {"start", "today"}
                           and (not only_names or any(m.path in graph.reads(o[0]) for o in self.plan.order))]
        self._clock_until = -math.inf  # the first _clock() reads it
        self._clock_at = (dt.date.min, dt.datetime.min)
        self._ctx = _Context(self)
        # A static node found irrelevant -> itself and every node below it in no
        # repeat, all irrelevant at once (the engine copies a parent's irrelevance
        # down, node by node).
        self.below = shape.below(self.plan.order)
        self.program = self._program(only_names)

    def _step(self, n: int, model: str, node: Node, repeat: bool, static: bool) -> _Step:
        """The sweep's step for the ``n``-th node of the plan's order (see _Step)."""
        compiled = self.plan.compiled
        parent = model.rpartition("/")[0]
        rel = compiled.get((model, "relevant"))
        calc = compiled.get((model, "calculation")) if isinstance(node, Question) else None
        if n in self.plan.plain:
            return ("plain", model, node, parent, None, None)
        if repeat:
            return ("repeat", model, node, self.chain[model][0], rel, compiled.get((model, "repeat_count")))
        if static:
            return ("static", model, node, parent, rel, calc)
        return ("inner", model, node, self.chain[model][0], rel, calc)

    def _program(self, only_names: bool) -> list[Run]:
        """The steps :meth:`run` takes, one closure each (False: ask the engine).

        With every expression reading answers by ``${name}``: a static node
        whose expressions are pure looks their results up by what their
        ${names} hold (:meth:`_fast_step`), and so does one whose expressions
        also read repeats, while those have no instances; plain static nodes
        need no step (an irrelevant node makes everything below it
        irrelevant: ``below``). Else the engine's way, node by node: an
        expression may reach a node below an irrelevant group before the
        engine copied that irrelevance down to it.
        """
        program: list[tuple[str, Run]] = []  # (outermost repeat of an "inner" step, or "", step)
        for step in self.steps:
            kind, model, node, parent, rel_fn, other = step
            if not only_names:
                taken = self._engine_step(step, {})
            elif kind == "plain":
                continue
            elif kind == "static" and self.memo.knows(rel_fn) and self.memo.knows(other):
                taken = self._fast_step(step)
            elif kind == "repeat" and self.chain[model] == (model,) and other is None and self.memo.knows(rel_fn):
                taken = self._fast_step(step)  # while it has no instances
            else:
                taken = self._engine_step(step, self.below.get(model, {}))
            program.append((parent if kind == "inner" else "", taken))
        return shape.grouped(program)

    def _engine_step(self, step: _Step, below: dict[str, bool]) -> Run:
        """One step as the engine takes it (:meth:`_drive`, :meth:`_repeat_step`)."""
        kind, model, node, parent, rel_fn, other = step
        ctx = self._ctx
        if kind == "plain":
            def plain(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> bool:
                if parent and parent in rel:
                    rel[model] = False
                return True

            return plain
        if kind == "static":
            def static(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> bool:
                if parent and parent in rel:
                    rel[model] = False  # what _drive gives below an irrelevant group, without the call
                    return True
                self._drive(ctx, answers, rel, node, model, parent, rel_fn, other, ctx.memo)
                if below and model in rel:
                    rel.update(below)
                return True

            return static

        def repeated(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> bool:
            if kind == "inner" and not _count(answers, parent):
                return True  # in a repeat without instances: nothing below exists (as _repeat_step)
            return self._repeat_step(ctx, answers, rel, ctx.instances, step, ctx.memo)

        return repeated

    def _fast_step(self, step: _Step) -> Run:
        """A static node, or an outermost repeat, whose expressions read only ${names},
        as a closure: each result looked up by what its ${names} hold (computed,
        and remembered, the first time). While a repeat it reads (or is) has
        instances, the engine's step."""
        kind, model, node, parent, rel_fn, calc = step
        engine = self._engine_step(step, self.below.get(model, {}))
        if kind == "repeat":
            parent = model.rpartition("/")[0]
            below = {model: False}
        else:
            below = self.below[model]
        ctx, when_empty, remembered = self._ctx, self.memo.when_empty, self.memo
        kept = ctx.memo  # this interview's results of pure expressions (cleared by run)
        rel_pure, calc_pure = rel_fn in self.memo.pure, calc in self.memo.pure
        rel_key, rel_results = self.memo.entry(rel_fn)
        calc_key, calc_results = self.memo.entry(calc)
        repeats = tuple(sorted({*when_empty.get(rel_fn, ()), *when_empty.get(calc, ())}))  # type: ignore[arg-type]
        is_repeat = kind == "repeat"
        if is_repeat:
            repeats = (model, *repeats)

        def relevance() -> Value | None:
            return _eval(ctx, rel_fn, model, model, "relevant")  # type: ignore[arg-type]

        def calculation() -> Value | None:
            return _eval(ctx, calc, model, model, "calculation")  # type: ignore[arg-type]

        # The lookups below are Remembered.look written out (this runs for every
        # node of every exported interview): a pure expression's result is kept
        # for the rest of the interview, as _drive keeps it (${consent} = 'yes'
        # guards a dozen groups); any result is looked up by what its ${names} hold.
        def fast(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> bool:
            result: Any  # a Value, None or _MISS
            for outer in repeats:
                if outer in answers and _count(answers, outer):  # (most interviews: not in them)
                    return engine(answers, rel)
            if parent in rel:
                if is_repeat:
                    rel[model] = False
                return True  # a static node: made irrelevant with its parent (``below``)
            if rel_fn is not None:
                result = kept.get(rel_fn, _MISS) if rel_pure else _MISS
                if result is _MISS:
                    key = rel_key(answers, rel)
                    result = rel_results.get(key, _MISS)
                    if result is _MISS:
                        result = remembered.remember(rel_fn, key, relevance())
                    if rel_pure:
                        kept[rel_fn] = result
                if result is not True and (result is None or result is False or not to_boolean(result)):
                    rel.update(below)
                    return True
            if calc is not None:
                result = kept.get(calc, _MISS) if calc_pure else _MISS
                if result is _MISS:
                    key = calc_key(answers, rel)
                    result = calc_results.get(key, _MISS)
                    if result is _MISS:
                        result = remembered.remember(calc, key, calculation())
                    if calc_pure:
                        kept[calc] = result
                new = None if result is None else from_expression(node, result)  # type: ignore[arg-type]
                if new is None:
                    answers.pop(model, None)
                else:
                    answers[model] = new
            return True

        return fast

    def _walk_order(self) -> list[tuple[str, str, str]]:
        """Questionnaire order, as exportable_answers walks it: ("q", path, "") a
        question in no repeat, ("i", model, outermost repeat) one in a repeat,
        ("r", model, outermost repeat) a repeat."""
        walk: list[tuple[str, str, str]] = []
        for node, static in self.plan.walk:
            if isinstance(node, Group):
                if node.repeat:
                    walk.append(("r", node.path, self.chain[node.path][0]))
            elif node.type != "note":
                walk.append(("q", node.path, "") if static else ("i", node.path, self.chain[node.path][0]))
        return walk

    def run(self, values: Mapping[str, AnswerValue]) -> dict[str, AnswerValue] | None:
        """The exportable answers (as ``FormState.exportable_answers``), or None: ask the engine."""
        answers = self.paths.load(values)
        if answers is None:
            return None
        rel: dict[str, bool] = {}
        inst = KnownInstances(self.q, functools.partial(_count, answers), self.chain)
        ctx = self._ctx
        ctx.start(answers, rel, inst, self._clock())
        self._fill_clock(ctx, answers)
        ctx.memo.clear()  # results of this interview's pure expressions (see _drive)
        for step in self.program:  # runs for every node of every exported interview
            if not step(answers, rel):
                return None
        return self._exportable(answers, rel, inst)

    def _clock(self) -> tuple[dt.date, dt.datetime]:
        """Today and now, read again at most every CLOCK_S (an export asks for them per interview)."""
        moment = time.monotonic()
        if self._clock_until <= moment:
            now = dt.datetime.now().astimezone()
            self._clock_at, self._clock_until = (now.date(), now), moment + CLOCK_S
        return self._clock_at

    def _fill_clock(self, ctx: _Context, answers: dict[str, AnswerValue]) -> None:
        """The clock metadata an expression reads, when the interview lacks it (the engine's _fill_metadata)."""
        for question in self.clock_read:
            if question.path not in answers:
                answers[question.path] = (ctx.now().isoformat(timespec="seconds") if question.type == "start"
                                          else ctx.today().isoformat())

    def _repeat_step(self, ctx: _Context, answers: dict[str, AnswerValue], rel: dict[str, bool],
                     inst: Instances, step: _Step, memo: dict[Compiled, Value | None]) -> bool:
        """A "repeat" or "inner" step over every instance; False when a repeat_count
        would change the stored count (then the engine must be asked)."""
        kind, model, node, parent, rel_fn, other = step
        # In a repeat, ``parent`` is the outermost repeat: without instances, nothing below exists.
        empty = not _count(answers, parent)
        if kind == "repeat":
            if empty and parent != model:
                return True
            for own in inst.own_paths(model):
                self._drive(ctx, answers, rel, node, own, own.rpartition("/")[0], rel_fn, None, memo)
                if other is not None and self._count_changes(ctx, answers, own, other):
                    return False
            other = None  # then each instance, as any node in a repeat (the engine does both)
        if not empty:
            for path in inst.expand(model):
                self._drive(ctx, answers, rel, node, path, path.rpartition("/")[0], rel_fn, other, memo)
        return True

    def _drive(self, ctx: _Context, answers: dict[str, AnswerValue], rel: dict[str, bool], node: Node, path: str,
               parent: str, rel_fn: Compiled | None, calc: Compiled | None,
               memo: dict[Compiled, Value | None] | None = None) -> None:
        """The engine's ``_drive`` (relevance, then the calculation if relevant).

        ``memo``: results of this interview's expressions that read only
        questions in no repeat (by then computed: the order is the graph's),
        so ``${consent} = 'yes'`` on a dozen groups is computed once.
        """
        relevant = rel.get(parent, True) if parent else True
        if relevant and rel_fn is not None:
            if memo is not None and rel_fn in self.memo.pure:
                result = memo[rel_fn] if rel_fn in memo else self._pure_eval(ctx, memo, rel_fn, node.path)
            else:
                result = _eval(ctx, rel_fn, path, node.path, "relevant")
            relevant = False if result is None else to_boolean(result)
        if not relevant:
            rel[path] = False
            return
        if calc is not None:
            assert isinstance(node, Question)  # noqa: S101 - narrows the type
            if memo is not None and calc in self.memo.pure:
                result = memo[calc] if calc in memo else self._pure_eval(ctx, memo, calc, node.path, "calculation")
            else:
                result = _eval(ctx, calc, path, node.path, "calculation")
            new = None if result is None else from_expression(node, result)
            if new is None:
                answers.pop(path, None)
            else:
                answers[path] = new

    def _pure_eval(self, ctx: _Context, memo: dict[Compiled, Value | None], fn: Compiled,
                   model: str, column: str = "relevant") -> Value | None:
        """A pure expression's result, remembered by what its ${names} hold."""
        result = self.memo.look(fn, ctx.answers, ctx.rel, lambda: _eval(ctx, fn, model, model, column))
        memo[fn] = result
        return result

    @staticmethod
    def _count_changes(ctx: _Context, answers: Mapping[str, AnswerValue], own: str, fn: Compiled) -> bool:
        """Whether the repeat_count at ``own`` differs from the stored count."""
        result = _eval(ctx, fn, own, model_path(own), "repeat_count")
        number = to_number(result) if result is not None else math.nan
        count = min(int(number) if math.isfinite(number) and number > 0 else 0, MAX_INSTANCES)
        return count != _count(answers, own)

    def _exportable(self, answers: dict[str, AnswerValue], rel: dict[str, bool],
                    inst: Instances) -> dict[str, AnswerValue]:
        """``FormState.exportable_answers`` over the sweep's answers and relevance."""
        out: dict[str, AnswerValue] = {}
        for outer, part in self.segments:
            if not outer:  # questions in no repeat
                for model in part:
                    value = answers.get(model)
                    if value is not None and value != "" and value != [] and model not in rel:
                        out[model] = list(value) if type(value) is list else value
            elif _count(answers, outer):  # else: a repeat without instances, nothing below exists
                self._exportable_repeat(answers, rel, inst, part, out)
        return out

    @staticmethod
    def _exportable_repeat(answers: dict[str, AnswerValue], rel: dict[str, bool], inst: Instances,
                           part: tuple[tuple[str, str], ...], out: dict[str, AnswerValue]) -> None:
        """The exportable answers of one outermost repeat that has instances."""
        for kind, model in part:
            if kind == "r":
                for own in inst.own_paths(model):
                    count = _count(answers, own)
                    if count and rel.get(own, True):
                        out[own] = count
            else:
                for path in inst.expand(model):
                    value = answers.get(path)
                    if rel.get(path, True) and not is_empty(value):
                        out[path] = list(value) if isinstance(value, list) else value


def _eval(ctx: _Context, fn: Compiled, path: str, model: str, column: str) -> Value | None:
    ctx.here = path
    try:
        return run(fn, ctx)
    except ExpressionError:
        # As the engine: the reason could quote an answer; it is not logged.
        log.warning("%s of %s could not be computed", column, model)
        return None
