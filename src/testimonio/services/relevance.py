"""Which stored answers may be exported at all: those of relevant questions.

The form-state engine (``forms.state.FormState``) decides relevance and
computes calculations; an export asks it for 10 000 interviews, which is
most of an export's time. Two savings, neither changing the result:

- the display half of the engine (required, constraints, choice filters) is
  skipped: an export never shows anything;
- relevance and calculations depend only on the *driver* answers, the
  questions that ``relevant``, ``calculation`` and ``repeat_count``
  expressions name with ``${...}`` (and the repeat counts). The engine runs
  once per distinct set of driver answers and every interview sharing it
  reuses the verdict. A questionnaire whose expressions reach answers any
  other way (relative or absolute paths, ``position(..)``, ``current()``)
  gets the engine for every interview.

- most interviews still differ in some driver (a date, a multiple choice),
  so each relevance or calculation expression is also remembered on its own,
  keyed by what it reads: the answer paths and values of its ``${...}``
  references. Only expressions that read nothing else qualify (no relative
  paths, ``position()``, ``now()``, ``random()``, labels of choices...).

tests/services/test_export_relevance.py checks the shortcut against the
engine on the shipped forms.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from testimonio.errors import ExpressionError
from testimonio.forms.expr import Binary, Call, Expr, Literal, NodeSet, Number, Ref, Unary, evaluate
from testimonio.forms.expr.functions import FUNCTIONS
from testimonio.forms.model import METADATA_TYPES, AnswerValue, Group, Questionnaire
from testimonio.forms.state_paths import model_path

_REF = re.compile(r"\$\{([^}]+)\}")
_OTHER_REFERENCE = re.compile(r"(^|[^\w$])(\.\.|/[A-Za-z_]|position\s*\(|current\s*\()")
_INSTANCE = re.compile(r"^(.*?)\[(\d+)\]")
MAX_CACHED = 20_000
MAX_MEMO = 50_000  # remembered expression results per form (a few MB at most)
_KEYED_TRIAL = 1_000  # interviews before the whole-interview cache may be given up
# Functions whose result depends on more than their arguments.
_CONTEXT_FUNCTIONS = frozenset({"string", "string-length", "normalize-space", "position", "jr:choice-name",
                                "random", "uuid", "today", "now", "once", "indexed-repeat",
                                # ODK's: random order, the current node, language, local time.
                                "randomize", "current", "jr:itext", "decimal-time"})
_MISS = object()


def _memo_refs(expr: Expr) -> tuple[str, ...] | None:
    """The ``${...}`` names ``expr`` reads, or None if it reads anything else."""
    names: list[str] = []

    def visit(e: Expr) -> bool:
        if isinstance(e, Ref):
            names.append(e.name)
            return True
        if isinstance(e, (Literal, Number)):
            return True
        if isinstance(e, Unary):
            return visit(e.operand)
        if isinstance(e, Binary):
            return visit(e.left) and visit(e.right)
        if isinstance(e, Call):
            if e.name in _CONTEXT_FUNCTIONS or e.name not in FUNCTIONS and e.name != "if":
                return False
            return all(visit(a) for a in e.args)
        return False  # paths (relative, absolute) and anything new

    return tuple(dict.fromkeys(names)) if visit(expr) else None


def _frozen_one(v: AnswerValue) -> object:
    """A hashable key of one value; types kept (1, 1.0 and True differ)."""
    if type(v) is str:
        return v
    if isinstance(v, list):
        return (list, tuple((type(x), x) for x in v))
    return (type(v), v)


def _frozen(nodes: NodeSet) -> tuple[object, ...]:
    """A hashable key of what a reference read: its paths and values."""
    return (nodes.paths, tuple(_frozen_one(v) for v in nodes.values))


class _FormFacts:
    """What the shortcut needs to know of one questionnaire."""

    def __init__(self, q: Questionnaire) -> None:
        from testimonio.forms.deps import DependencyGraph

        self.q = q
        self.graph = DependencyGraph.build(q)
        self.drivers: set[str] = set()
        self.repeats: set[str] = set()
        self.calculated: set[str] = set()
        self.notes: set[str] = set()
        self.metadata: set[str] = set()
        self.shortcut = True
        for node in q.walk():
            exprs = [node.relevant]
            if isinstance(node, Group):
                exprs.append(node.repeat_count)
                if node.repeat:
                    self.repeats.add(node.path)
            else:
                exprs.append(node.calculation)
                if node.calculation:
                    self.calculated.add(node.path)
                if node.type == "note":
                    self.notes.add(node.path)
                if node.type in METADATA_TYPES:
                    self.metadata.add(node.path)
            for expr in exprs:
                if expr:
                    self._learn(expr)
        self.cache: dict[str, Any] = {}
        # Whether the whole-interview cache is worth its key; see count_lookup.
        self.keyed = True
        self._lookups = 0
        self._hits = 0
        self._models: dict[str, str] = {}
        self.kinds: dict[str, tuple[bool, bool, bool, bool]] = {}  # see learn_kind
        self.memo: dict[tuple[object, ...], Any] = {}
        self._refs: dict[tuple[str, str], tuple[tuple[str, str | None], ...] | None] = {}

    def count_lookup(self, hit: bool) -> None:
        """Stop keying the whole-interview cache when it seldom hits.

        When the driver answers of nearly every interview differ (dates,
        multiple choices), building the key costs more than the few hits save;
        the result is the same either way.
        """
        self._lookups += 1
        self._hits += hit
        if self._lookups >= _KEYED_TRIAL and self._hits * 5 < self._lookups:
            self.keyed = False
            self.cache.clear()

    def refs(self, model: str, column: str) -> tuple[tuple[str, str | None], ...] | None:
        """What the expression reads, if it may be remembered by that (else None).

        Each reference as (name, answer path if it is in no repeat: then it
        reads that one path wherever the expression sits).
        """
        key = (model, column)
        if key not in self._refs:
            expr = self.graph.exprs.get(key)
            names = None if expr is None else _memo_refs(expr)
            self._refs[key] = None if names is None else tuple((n, self._static(n)) for n in names)
        return self._refs[key]

    def _static(self, name: str) -> str | None:
        try:
            node = self.q.by_name(name)
        except KeyError:
            return None
        path = node.path
        while path:
            here = self.q.node(path)
            if isinstance(here, Group) and here.repeat:
                return None
            path = path.rpartition("/")[0]
        return node.path

    def _learn(self, expr: str) -> None:
        if _OTHER_REFERENCE.search(_REF.sub("x", expr)):
            self.shortcut = False
        for name in _REF.findall(expr):
            try:
                node = self.q.by_name(name)
            except KeyError:
                self.shortcut = False
                continue
            self.drivers.add(node.path)
            if isinstance(node, Group):
                self.drivers.update(n.path for n in node.walk())

    def model(self, answer_path: str) -> str:
        """model_path, remembered: the same few hundred paths come back each interview."""
        found = self._models.get(answer_path)
        if found is None:
            found = self._models[answer_path] = model_path(answer_path)
        return found

    def learn_kind(self, answer_path: str) -> None:
        """Remember what :meth:`Relevance.exportable` asks of an answer path.

        (driver, never leaves from the stored answers: a note, a calculation
        or a repeat count, computed: a repeat count or a calculation, metadata)
        """
        model = self.model(answer_path)
        derived = model in self.repeats or model in self.calculated
        self.kinds[answer_path] = (self.is_driver(answer_path), derived or model in self.notes, derived,
                                   model in self.metadata)

    def is_driver(self, answer_path: str) -> bool:
        model = self.model(answer_path)
        return model in self.drivers or model in self.repeats


class Relevance:
    """Filters stored answers to the exportable ones, per questionnaire."""

    def __init__(self) -> None:
        self._facts: dict[int, _FormFacts] = {}

    def facts(self, q: Questionnaire) -> _FormFacts:
        found = self._facts.get(id(q))
        if found is None or found.q is not q:
            found = self._facts[id(q)] = _FormFacts(q)
        return found

    def exportable(self, q: Questionnaire, values: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
        """The answers of ``values`` that may be exported at all (relevant, not empty)."""
        facts = self.facts(q)
        if not facts.shortcut:
            return self._full(facts, values)
        kinds = facts.kinds
        for path in values:
            if path not in kinds:
                facts.learn_kind(path)
        driving = {p: v for p, v in values.items() if kinds[p][0]}
        key = json.dumps(sorted(driving.items()), separators=(",", ":")) if facts.keyed else ""
        verdict = facts.cache.get(key) if key else None
        if key:
            facts.count_lookup(verdict is not None)
        if verdict is None:
            state = _state(facts, driving)
            verdict = (state, state.exportable_answers())
            if key and len(facts.cache) < MAX_CACHED:
                facts.cache[key] = verdict
        state, from_drivers = verdict
        out: dict[str, AnswerValue] = {}
        is_relevant = state.is_relevant
        for path, value in values.items():
            if kinds[path][1] or value is None or value == "" or value == []:
                continue
            if is_relevant(path) and ("[" not in path or _instance_exists(path, from_drivers)):
                out[path] = value
        for path, value in from_drivers.items():
            if path not in kinds:
                facts.learn_kind(path)
            _, _, derived, metadata = kinds[path]
            if derived and (path in values or not metadata):
                out[path] = value
        return out

    def _full(self, facts: _FormFacts, values: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
        state = _state(facts, dict(values))
        # Metadata the engine fills in for a new interview (start, today) was
        # never recorded for this one: it does not leave. Calculations do.
        return {p: v for p, v in state.exportable_answers().items()
                if p in values or model_path(p) not in facts.metadata}


def _instance_exists(path: str, exported: Mapping[str, AnswerValue]) -> bool:
    """Whether every repeat instance named in ``path`` exists (count in ``exported``)."""
    prefix = ""
    rest = path
    while True:
        m = _INSTANCE.match(rest)
        if m is None:
            return True
        repeat = prefix + m.group(1)
        count = exported.get(repeat)
        if not isinstance(count, int) or int(m.group(2)) > count:
            return False
        prefix = f"{repeat}[{m.group(2)}]"
        rest = rest[m.end():]


def _state(facts: _FormFacts, answers: dict[str, AnswerValue]) -> Any:
    return _relevance_state()(facts, answers)


@functools.cache
def _relevance_state() -> Any:
    """FormState without what is only shown (required, constraints, labels).

    A complete interview is never new: no defaults are filled in, whichever
    answers (all, or the drivers only) the engine is given. If the engine's
    internals change, this is just a FormState again (slower, still right).
    """
    from testimonio.forms.state import FormState

    class RelevanceState(FormState):
        _shows = False

        def __init__(self, facts: _FormFacts, answers: dict[str, AnswerValue]) -> None:
            self._facts = facts
            super().__init__(facts.q, answers, facts.q.default_language, graph=facts.graph)

        def _eval(self, model: str, column: str, path: str) -> Any:
            # Remembered by (expression, where, what its references read).
            refs = self._facts.refs(model, column)
            if refs is None:
                return super()._eval(model, column, path)
            ctx = self._ctx
            ctx.here = path
            try:
                key = (model, column, path,
                       tuple(_frozen_one(self._effective(static)) if static is not None
                             else _frozen(ctx.lookup(name)) for name, static in refs))
                found = self._facts.memo.get(key, _MISS)
            except (ExpressionError, TypeError):  # unknown name, unhashable value
                return super()._eval(model, column, path)
            if found is not _MISS:
                return found
            try:
                result = evaluate(self.graph.exprs[(model, column)], ctx)
            except ExpressionError:
                return super()._eval(model, column, path)  # logs it, as without the memo
            if len(self._facts.memo) < MAX_MEMO:
                self._facts.memo[key] = result
            return result

        def _show(self, node: Any, path: str) -> bool:
            return False

        def _fill_metadata(self, new: bool) -> None:
            super()._fill_metadata(False)

    return RelevanceState
