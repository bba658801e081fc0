"""The form-state engine: what an interview looks like given its answers.

Qt-free; the GUI and the CLI both use it. Given a questionnaire and answers it
knows which questions are relevant, required and read-only, which answers
break a constraint or their type (with the message in the current language),
the calculated values (stored in the answers like any other), the repeat
instances, the labels with ``${name}`` filled in, and everything that stops
the interview from being completed.

A change recomputes only what the dependency graph says it affects, in
dependency order: first relevance and calculations (whose changes spread),
then what is only shown (required, constraint, choices, labels). A change of
a repeat's number of instances recomputes everything.

Irrelevant answers are kept but read as empty by expressions and left out of
:meth:`FormState.exportable_answers`, as ODK does.
"""

from __future__ import annotations

import builtins
import datetime as dt
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass

from testimonio.errors import AnswersInvalid, BadInput, ExpressionError
from testimonio.forms.deps import DependencyGraph
from testimonio.forms.expr import Value, evaluate, parse, to_number
from testimonio.forms.expr.functions_odk import shuffled_order
from testimonio.forms.model import (
    METADATA_TYPES,
    AnswerValue,
    Choice,
    Group,
    Node,
    Question,
    Questionnaire,
)
from testimonio.forms.state_engine import StateEngine
from testimonio.forms.state_values import is_empty, message, normalize

_HIDDEN_TYPES = frozenset({"calculate", "hidden"}) | METADATA_TYPES


@dataclass(frozen=True)
class Problem:
    """Something that blocks completion: kind is required, constraint or type."""

    path: str
    kind: str
    message: str


@dataclass(frozen=True)
class Item:
    """A visible child of a group instance, for rendering.

    ``kind`` is ``question``, ``group`` or ``repeat``; for a repeat, ``path``
    is the repeat's own answer path (see :meth:`FormState.instances`).
    """

    path: str
    node: Node
    kind: str


class FormState(StateEngine):
    """One interview's state over a questionnaire (see the module docstring)."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        answers: Mapping[str, AnswerValue],
        language: str,
        *,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
        graph: DependencyGraph | None = None,
    ) -> None:
        super().__init__(questionnaire, graph or DependencyGraph.build(questionnaire), language, today, now)
        self._session_seed = random.randrange(1, 2**31 - 1)  # noqa: S311 - an order of choices
        self._load(answers)
        self._fill_metadata(new=not answers)
        self._recompute_all()

    # -- reading ------------------------------------------------------------

    @property
    def language(self) -> str:
        """The language labels and messages are shown in."""
        return self._language

    @language.setter
    def language(self, value: str) -> None:
        if value not in self.q.languages and self.q.languages != ("default",):
            raise BadInput(f"This questionnaire has no language {value!r}; it has {', '.join(self.q.languages)}.")
        self._language = value

    def value(self, path: str) -> AnswerValue:
        """The stored answer (kept even while irrelevant)."""
        return self._answers.get(path)

    def is_relevant(self, path: str) -> bool:
        return self._rel.get(path, True)

    def is_required(self, path: str) -> bool:
        return self._req.get(path, False) and self.is_relevant(path)

    def is_read_only(self, path: str) -> bool:
        node = self._node(path)
        if isinstance(node, Question) and (node.calculation or node.type == "note"):
            return True
        return self._ro.get(path, False)

    def error(self, path: str) -> str | None:
        """The constraint or type message for an answer, in the current language."""
        kind = self._err.get(path)
        if kind is None or not self.is_relevant(path):
            return None
        node = self._node(path)
        if kind == "constraint" and isinstance(node, Question) and node.constraint_message:
            return self._substitute(node.constraint_message.get(self._language, self.q.default_language), path)
        return message(kind, self._language)

    def label(self, path: str) -> str:
        """The label in the current language with ``${name}`` filled in."""
        return self._substitute(self._node(path).label.get(self._language, self.q.default_language), path)

    def hint(self, path: str) -> str:
        node = self._node(path)
        text = node.hint.get(self._language, self.q.default_language) if isinstance(node, Question) else ""
        return self._substitute(text, path)

    def choices(self, path: str) -> tuple[Choice, ...]:
        """The choices offered at ``path`` after its choice_filter."""
        node = self._node(path)
        if not isinstance(node, Question):
            return ()
        offered = node.choices
        if path in self._allowed:
            allowed = set(self._allowed[path])
            offered = tuple(c for c in node.choices if c.name in allowed)
        if node.parameters.get("randomize", "").strip().lower() == "true":
            offered = self._shuffled(node, path, offered)
        return offered

    def _shuffled(self, node: Question, path: str, offered: tuple[Choice, ...]) -> tuple[Choice, ...]:
        """``parameters: randomize=true [seed=…]``: the list in a shuffled order,
        the same every time for the same seed (and for one interview without one)."""
        seed_text = node.parameters.get("seed", "").strip()
        seed = None
        if seed_text:
            try:
                seed = to_number(self.evaluate(seed_text, path))
            except ExpressionError:
                seed = None
        if seed is None or not math.isfinite(seed):
            seed = float(self._session_seed)
        return tuple(offered[i] for i in shuffled_order(len(offered), seed))

    def instances(self, repeat_path: str) -> int:
        """How many instances the repeat at this (own) answer path has."""
        node = self._node(repeat_path)
        if not (isinstance(node, Group) and node.repeat):
            raise BadInput(f"{repeat_path!r} is not a repeat.")
        return self._count(repeat_path)

    def items(self, group_path: str = "") -> list[Item]:
        """The visible children of a group instance ('' is the form), in order."""
        group = self.q.root if group_path == "" else self._node(group_path)
        if not isinstance(group, Group):
            raise BadInput(f"{group_path!r} is not a group.")
        out: list[Item] = []
        for child in group.children:
            path = f"{group_path}/{child.name}" if group_path else child.name
            if not self.is_relevant(path):
                continue
            if isinstance(child, Group):
                out.append(Item(path, child, "repeat" if child.repeat else "group"))
            elif child.type not in _HIDDEN_TYPES:
                out.append(Item(path, child, "question"))
        return out

    def evaluate(self, text: str, at: str = "") -> Value:
        """Evaluate an expression at answer path ``at`` ('' is the form).

        For tools and tests; raises ExpressionError for a bad expression.
        """
        if at:
            self._node(at)
        self._ctx.here = at
        return evaluate(parse(text), self._ctx)

    def problems(self) -> list[Problem]:
        """Everything that blocks completion, in form order."""
        out: list[Problem] = []
        for question in self.q.questions():
            for path in self._inst.expand(question.path):
                if not self.is_relevant(path):
                    continue
                if self.is_required(path) and question.takes_input and is_empty(self._answers.get(path)):
                    text = question.required_message.get(self._language, self.q.default_language)
                    out.append(Problem(path, "required", text or message("required", self._language)))
                kind = self._err.get(path)
                if kind is not None:
                    out.append(Problem(path, "constraint" if kind == "constraint" else "type", self.error(path) or ""))
        return out

    def exportable_answers(self) -> dict[str, AnswerValue]:
        """Relevant, non-empty answers (with calculations and repeat counts)."""
        out: dict[str, AnswerValue] = {}
        answers = self._answers
        rel = self._rel
        for node, static in self._plan.walk:
            if isinstance(node, Group):
                if node.repeat:
                    for own in self._inst.own_paths(node.path):
                        if self._count(own) and rel.get(own, True):
                            out[own] = self._count(own)
                continue
            if node.type == "note":
                continue
            # A question in no repeat has one answer path, its model path.
            for path in (node.path,) if static else self._inst.expand(node.path):
                value = answers.get(path)
                if rel.get(path, True) and not is_empty(value):
                    out[path] = list(value) if isinstance(value, list) else value
        return out

    def answers(self) -> dict[str, AnswerValue]:
        """Every stored answer, relevant or not (what the vault keeps)."""
        return {p: (list(v) if isinstance(v, list) else v) for p, v in self._answers.items() if not is_empty(v)}

    # -- changing -----------------------------------------------------------

    def set(self, path: str, value: AnswerValue) -> builtins.set[str]:
        """Store an answer; returns the answer paths whose shown state changed."""
        node = self._node(path)
        if isinstance(node, Group):
            if not node.repeat or node.repeat_count:
                raise AnswersInvalid([f"{path}: the number of instances is not set by hand here."])
            count = value if isinstance(value, int) and not isinstance(value, bool) else -1
            if not 0 <= count <= 10_000:
                raise AnswersInvalid([f"{path}: the number of instances must be a whole number."])
            return self._change_count(path, count)
        if path not in self._inst.expand(node.path):
            raise AnswersInvalid([f"{path}: there is no such instance of a repeat."])
        new = normalize(node, value)
        if new == self._answers.get(path) and type(new) is type(self._answers.get(path)):
            return set()
        self._store(path, new)
        return self._propagate(node.path, {path})

    def finish(self) -> dict[str, AnswerValue]:
        """Stamp every top-level ``end`` question with the time now (as ODK does
        when a form is finalised); returns the answers it set, to be saved."""
        stamp = self._ctx.now().isoformat(timespec="seconds")
        stamped: dict[str, AnswerValue] = {}
        for question in self.q.questions():
            if question.type == "end" and question.path in self._inst.expand(question.path):
                self._store(question.path, stamp)
                self._propagate(question.path, {question.path})
                stamped[question.path] = stamp
        return stamped

    def add_instance(self, repeat_path: str) -> builtins.set[str]:
        """Add an instance at the end of a repeat the interviewer controls."""
        node = self._node(repeat_path)
        if not isinstance(node, Group) or not node.repeat or node.repeat_count:
            raise AnswersInvalid([f"{repeat_path}: instances cannot be added here."])
        return self._change_count(repeat_path, self._count(repeat_path) + 1)

    def remove_instance(self, repeat_path: str, index: int) -> builtins.set[str]:
        """Remove instance ``index`` (1-based); later instances move up."""
        node = self._node(repeat_path)
        count = self._count(repeat_path)
        if not isinstance(node, Group) or not node.repeat or node.repeat_count:
            raise AnswersInvalid([f"{repeat_path}: instances cannot be removed here."])
        if not 1 <= index <= count:
            raise AnswersInvalid([f"{repeat_path}: there is no instance {index}."])

        def remove() -> None:
            prefix = f"{repeat_path}["
            moved: dict[str, AnswerValue] = {}
            for key, value in self._answers.items():
                if not key.startswith(prefix):
                    moved[key] = value
                    continue
                number, _, rest = key[len(prefix):].partition("]")
                k = int(number)
                if k != index:
                    moved[f"{prefix}{k - 1 if k > index else k}]{rest}"] = value
            moved[repeat_path] = count - 1
            self._answers = moved

        return self._restructure(remove)


__all__ = ["FormState", "Item", "Problem"]
