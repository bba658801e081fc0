"""The recomputing core behind :class:`~testimonio.forms.state.FormState`.

Two kinds of work per node instance: *driving* (relevance, calculation,
repeat count: a change spreads to what reads it) and *shown* (required,
read-only, constraint and type errors, filtered choices: a change stops
there). A change is spread in the dependency graph's topological order with a
heap, so every node is recomputed once, after everything it reads.
"""

from __future__ import annotations

import datetime as dt
import heapq
import logging
import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from testimonio.errors import AnswersInvalid, ExpressionError
from testimonio.forms.deps import DependencyGraph
from testimonio.forms.expr import Value, run, to_boolean, to_number
from testimonio.forms.model import AnswerValue, Choice, Group, Node, Question, Questionnaire
from testimonio.forms.state_paths import (
    MAX_INSTANCES,
    Instances,
    StateContext,
    choice_names,
    infer_counts,
    model_path,
    stored_count,
    well_formed,
)
from testimonio.forms.state_plan import KnownInstances, Plan, RepeatPlan
from testimonio.forms.state_values import from_expression, is_empty, normalize, type_problem

log = logging.getLogger(__name__)

_LABEL_REF = re.compile(r"\$\{\s*([^}\s]*)\s*\}")
Snapshot = dict[str, tuple[object, ...]]


# One plan per dependency graph (the graph holds the questionnaire); a few
# live at a time, so the dict is simply emptied when it grows.
_PLANS: dict[int, Plan] = {}
_MAX_KNOWN_PATHS = 100_000


class StateEngine:
    """Stored answers and everything computed from them."""

    # A subclass that never shows anything (an export's relevance check)
    # sets this to False: required, read-only, errors and choices are skipped.
    _shows = True

    def __init__(
        self,
        questionnaire: Questionnaire,
        graph: DependencyGraph,
        language: str,
        today: dt.date | None,
        now: dt.datetime | None,
    ) -> None:
        self.q = questionnaire
        self.graph = graph
        self._language = language
        self._answers: dict[str, AnswerValue] = {}
        self._rel: dict[str, bool] = {}  # only False is stored
        self._req: dict[str, bool] = {}
        self._ro: dict[str, bool] = {}
        self._err: dict[str, str] = {}
        self._allowed: dict[str, tuple[str, ...]] = {}
        plan = _PLANS.get(id(graph))
        if plan is None or plan.graph is not graph:
            self._inst = Instances(questionnaire, self._count)
            if len(_PLANS) > 64:
                _PLANS.clear()
            plan = _PLANS[id(graph)] = Plan(questionnaire, graph, self._inst.repeat_chain)
        else:
            self._inst = KnownInstances(questionnaire, self._count, plan.chain)
        self._plan = plan
        self._ctx = StateContext(questionnaire, self._inst, self._effective, lambda: self._language, today, now)

    # -- small helpers ------------------------------------------------------

    def _node(self, path: str) -> Node:
        # The checks depend on the path and the questionnaire only: a path
        # that passed once passes again (the same paths come back per interview).
        known = self._plan.nodes.get(path) if isinstance(path, str) else None
        if known is not None:
            return known
        node = self._checked_node(path)
        if len(self._plan.nodes) < _MAX_KNOWN_PATHS:
            self._plan.nodes[path] = node
        return node

    def _checked_node(self, path: str) -> Node:
        if not isinstance(path, str) or not well_formed(path):
            raise AnswersInvalid([f"{path!r} is not an answer path."])
        model = model_path(path)
        if not self.q.has_path(model):
            raise AnswersInvalid([f"{path}: this questionnaire has no such question."])
        if "[" in path or self._inst.repeat_chain[model]:
            self._check_instances(path)
        return self.q.node(model)

    def _check_instances(self, path: str) -> None:
        """Every repeat segment but a trailing one needs [n]; nothing else may have one."""
        segments = path.split("/")
        prefix = ""
        for i, segment in enumerate(segments):
            name, _, index = segment.partition("[")
            prefix = f"{prefix}/{name}" if prefix else name
            node = self.q.node(prefix)
            repeat = isinstance(node, Group) and node.repeat
            if (index and not repeat) or (repeat and not index and i < len(segments) - 1):
                raise AnswersInvalid([f"{path}: repeat instances are written name[n] on repeats only."])

    def _count(self, own_path: str) -> int:
        return stored_count(self._answers, own_path)

    def _effective(self, path: str) -> AnswerValue:
        return self._answers.get(path) if self._rel.get(path, True) else None

    def _store(self, path: str, value: AnswerValue) -> None:
        if value is None:
            self._answers.pop(path, None)
        else:
            self._answers[path] = value

    def _eval(self, model: str, column: str, path: str) -> Value | None:
        fn = self._plan.compiled.get((model, column))
        if fn is None:
            return None
        self._ctx.here = path
        try:
            return run(fn, self._ctx)
        except ExpressionError:
            # A form that loaded can still compute nonsense on some answers
            # (count() of a value, a bad regex); the result is empty. The reason
            # is not logged: it can quote an answer (a regex() pattern or a value
            # taken from the answers), and no answer goes to the log.
            log.warning("%s of %s could not be computed", column, model)
            return None

    def _flag(self, model: str, column: str, path: str) -> bool:
        result = self._eval(model, column, path)
        return False if result is None else to_boolean(result)

    def _substitute(self, text: str, path: str) -> str:
        if "${" not in text:
            return text

        def fill(m: re.Match[str]) -> str:
            self._ctx.here = path
            try:
                nodes = self._ctx.lookup(m.group(1))
            except ExpressionError:
                return m.group(0)
            return ", ".join(s for s in nodes.strings() if s)

        return _LABEL_REF.sub(fill, text)

    # -- loading ------------------------------------------------------------

    def _load(self, answers: Mapping[str, AnswerValue]) -> None:
        problems: list[str] = []
        for path, raw in answers.items():
            try:
                node = self._node(path)
            except AnswersInvalid as exc:
                problems.extend(exc.problems)
                continue
            if isinstance(node, Group):
                if node.repeat and not path.endswith("]"):  # the repeat's own path: its count
                    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= MAX_INSTANCES:
                        self._store(path, raw or None)
                        continue
                    problems.append(f"{path}: the number of instances must be a whole number.")
                else:
                    problems.append(f"{path}: a group has no answer of its own.")
                continue
            self._store(path, normalize(node, raw))
        if problems:
            raise AnswersInvalid(problems)
        infer_counts(self.q, self._answers)

    def _fill_metadata(self, new: bool) -> None:
        now = self._ctx.now()
        # Only top-level start, today and questions with a default (the plan's
        # list): those inside a repeat are filled when an instance is made.
        for question in self._plan.metadata:
            path = question.path
            if path in self._answers:
                continue
            if question.type == "start":
                self._answers[path] = now.isoformat(timespec="seconds")
            elif question.type == "today":
                self._answers[path] = self._ctx.today().isoformat()
            elif new and question.default:
                self._apply_default(question, path)

    def _apply_default(self, question: Question, path: str) -> None:
        if (question.path, "default") in self.graph.exprs:
            result = self._eval(question.path, "default", path)
            value = None if result is None else from_expression(question, result)
        else:
            value = normalize(question, question.default)
        self._store(path, value)

    # -- structure ----------------------------------------------------------

    def _set_count(self, own: str, count: int) -> None:
        old = self._count(own)
        self._store(own, count or None)
        if count <= old:
            return
        repeat = self.q.node(model_path(own))
        assert isinstance(repeat, Group)  # noqa: S101 - narrows the type
        for i in range(old + 1, count + 1):
            base = f"{own}[{i}]"
            for node in repeat.walk():
                if isinstance(node, Question) and node.default and self._inst.repeat_chain[node.path][-1] == repeat.path:
                    path = base + node.path[len(repeat.path):]
                    if path not in self._answers:
                        self._apply_default(node, path)

    def _restructure(self, change: Callable[[], None]) -> set[str]:
        before = self._snapshot()
        change()
        self._recompute_all()
        after = self._snapshot()
        return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}

    def _snapshot(self) -> Snapshot:
        keys = self._answers.keys() | self._rel.keys() | self._req.keys() | self._ro.keys() | self._err.keys()
        return {
            p: (self._answers.get(p), self._rel.get(p, True), self._req.get(p, False), self._ro.get(p, False),
                self._err.get(p), self._allowed.get(p))
            for p in keys | self._allowed.keys()
        }

    # -- recomputing --------------------------------------------------------

    def _recompute_all(self) -> None:
        for table in (self._rel, self._req, self._ro, self._err, self._allowed):
            table.clear()
        self._inst.clear()
        plain = self._plan.plain
        rel = self._rel
        for n, (model, node, repeat, static) in enumerate(self._plan.order):
            if n in plain:
                # What _drive does for such a node, without the calls.
                parent = plain[n][1]
                if parent and not rel.get(parent, True):
                    rel[model] = False
                else:
                    rel.pop(model, None)
                continue
            if repeat:
                assert isinstance(node, Group)  # noqa: S101 - narrows the type
                self._drive_repeat(node)
            if static:
                self._drive(node, model)
                continue
            for path in self._inst.expand(model):
                self._drive(node, path)
        if not self._shows:
            return
        for model, node, _, static in self._plan.questions:
            assert isinstance(node, Question)  # noqa: S101 - narrows the type
            for path in (model,) if static else self._inst.expand(model):
                self._show(node, path)

    def _drive_repeat(self, repeat: Group, changed: set[str] | None = None) -> list[tuple[str, int, int]]:
        """Relevance and count at each of the repeat's own paths.

        Returns the counts that changed as (own path, old, new); own paths
        whose relevance changed are added to ``changed``.
        """
        counts: list[tuple[str, int, int]] = []
        for own in self._inst.own_paths(repeat.path):
            if self._drive(repeat, own) and changed is not None:
                changed.add(own)
            if repeat.repeat_count:
                result = self._eval(repeat.path, "repeat_count", own)
                number = to_number(result) if result is not None else math.nan
                count = int(number) if math.isfinite(number) and number > 0 else 0
                count = min(count, MAX_INSTANCES)
                old = self._count(own)
                if count != old:
                    self._set_count(own, count)
                    counts.append((own, old, count))
        if counts:
            self._inst.clear()
        return counts

    def _change_count(self, own: str, count: int) -> set[str]:
        """Set a hand-made repeat's number of instances, recomputing what that touches."""
        old = self._count(own)
        if count == old:
            return set()
        self._set_count(own, count)
        repeat = self.q.node(model_path(own))
        assert isinstance(repeat, Group)  # noqa: S101 - narrows the type
        return {own} | self._recount(repeat, [(own, old, count)])

    def _recount(self, repeat: Group, counts: list[tuple[str, int, int]]) -> set[str]:
        """After the counts of ``repeat`` changed (already stored): new instances
        computed, removed ones forgotten, then what reads the repeat; linear in
        the instances added or removed, not in the form's size."""
        rplan = self._plan.repeat(repeat.path)
        if rplan is None:
            return self._restructure(lambda: None)
        self._inst.clear()
        out: set[str] = set()
        for own, old, new in counts:
            for k in range(old + 1, new + 1):
                self._add_instance(repeat, rplan, f"{own}[{k}]", out)
            for k in range(new + 1, old + 1):
                self._forget_instance(repeat, rplan, f"{own}[{k}]", out)
        changed = self._rerun_readers(rplan, out)
        return out | self._spread(changed) if changed else out

    def _add_instance(self, repeat: Group, rplan: RepeatPlan, base: str, out: set[str]) -> None:
        """Compute a new instance ``base`` of ``repeat``: its nodes, then what they show."""
        self._drive(repeat, base)
        out.add(base)
        cut = len(repeat.path)
        paths = [(base + model[cut:], node) for model, node in rplan.inner]
        for path, node in paths:
            self._drive(node, path)
            out.add(path)
        if self._shows:
            for path, node in paths:
                if isinstance(node, Question):
                    self._show(node, path)

    def _forget_instance(self, repeat: Group, rplan: RepeatPlan, base: str, out: set[str]) -> None:
        """Drop what was kept about a removed instance ``base`` and its nodes."""
        cut = len(repeat.path)
        for path in [base, *(base + model[cut:] for model, _ in rplan.inner)]:
            for table in (self._rel, self._req, self._ro, self._err, self._allowed):
                table.pop(path, None)
            out.add(path)

    def _rerun_readers(self, rplan: RepeatPlan, out: set[str]) -> dict[str, set[str]]:
        """Recompute the nodes that read the repeat (e.g. count()); the changed ones by model path."""
        changed: dict[str, set[str]] = {}
        labels = self.graph.label_refs
        for model in rplan.readers:
            node = self.q.node(model)
            has_label = (model, "label") in labels or (model, "hint") in labels
            for path in self._inst.expand(model):
                if self._drive(node, path):
                    changed.setdefault(model, set()).add(path)
                    out.add(path)
                if self._shows and isinstance(node, Question) and self._show(node, path) or has_label:
                    out.add(path)
        return changed

    def _drive(self, node: Node, path: str) -> bool:
        """Recompute relevance and calculation; True if either changed."""
        parent = path.rpartition("/")[0]
        relevant = self._rel.get(parent, True) if parent else True
        if relevant and node.relevant is not None:
            relevant = self._flag(node.path, "relevant", path)
        changed = self._rel.get(path, True) != relevant
        if relevant:
            self._rel.pop(path, None)
        else:
            self._rel[path] = False
        if relevant and isinstance(node, Question) and node.calculation:
            result = self._eval(node.path, "calculation", path)
            new = None if result is None else from_expression(node, result)
            if new != self._answers.get(path):
                self._store(path, new)
                changed = True
        return changed

    def _show(self, node: Question, path: str) -> bool:
        """Recompute required, read-only, choices and error; True if any changed."""
        model = node.path
        old = (self._req.get(path, False), self._ro.get(path, False), self._err.get(path), self._allowed.get(path))
        relevant = self._rel.get(path, True)
        required = relevant and node.required is not None and self._flag(model, "required", path)
        read_only = relevant and node.read_only is not None and self._flag(model, "read_only", path)
        allowed = None
        if node.choice_filter and relevant:
            allowed = tuple(c.name for c in node.choices if self._offered(node, c, path))
        self._put(self._req, path, required or None)
        self._put(self._ro, path, read_only or None)
        self._put(self._allowed, path, allowed)
        error = None
        value = self._answers.get(path)
        if relevant and not is_empty(value):
            error = type_problem(node, value, choice_names(node, self._allowed, path))
            if error is None and node.constraint and not self._flag(model, "constraint", path):
                error = "constraint"
        self._put(self._err, path, error)
        return old != (self._req.get(path, False), self._ro.get(path, False), self._err.get(path),
                       self._allowed.get(path))

    @staticmethod
    def _put(table: dict[str, Any], path: str, value: object) -> None:
        if value is None:
            table.pop(path, None)
        else:
            table[path] = value

    def _offered(self, node: Question, choice: Choice, path: str) -> bool:
        self._ctx.choice = choice
        try:
            return self._flag(node.path, "choice_filter", path)
        finally:
            self._ctx.choice = None

    def _targets(self, model: str, sources: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for source in sources:
            out.update(self._inst.related(model, source))
        return out

    def _propagate(self, start: str, paths: set[str]) -> set[str]:
        """Spread a change of ``paths`` (instances of node ``start``)."""
        return self._spread({start: set(paths)})

    def _spread(self, changed: dict[str, set[str]]) -> set[str]:
        """Spread changes (model path -> its changed answer paths) in dependency order."""
        rank = self.graph.rank
        out = set().union(*changed.values())
        heap = [(rank[model], model) for model in changed]
        heapq.heapify(heap)
        shown: dict[str, set[str]] = {}
        while heap:
            _, model = heapq.heappop(heap)
            sources = changed[model]
            shown.setdefault(model, set()).update(sources)
            for dep in self.graph.driving_dependents.get(model, ()):
                node = self.q.node(dep)
                if isinstance(node, Group) and node.repeat:
                    counts = self._drive_repeat(node, out)
                    if counts:
                        out |= self._recount(node, counts)
                    if node.relevant is None and dep.rpartition("/")[0] != model:
                        continue  # only its count read the change: its instances' relevance stands
                for path in self._targets(dep, sources):
                    if self._drive(node, path):
                        if dep not in changed:
                            changed[dep] = set()
                            heapq.heappush(heap, (rank[dep], dep))
                        changed[dep].add(path)
                        out.add(path)
            for dep in self.graph.shown_dependents.get(model, ()):
                shown.setdefault(dep, set()).update(self._targets(dep, sources))
        labels = self.graph.label_refs
        for model, targets in shown.items():
            node = self.q.node(model)
            has_label = (model, "label") in labels or (model, "hint") in labels
            for path in targets:
                if isinstance(node, Question) and self._show(node, path):
                    out.add(path)
                if has_label:
                    out.add(path)
        return out
