"""Which stored answers may be exported at all: those of relevant questions.

The form-state engine (``forms.state.FormState``) is the reference: the
exportable answers of an interview are its ``exportable_answers()``. An
export asks for 10 000 interviews, so it does not build a form state per
interview: :class:`~testimonio.services.relevance_sweep.Sweep` computes the
same relevance and calculations in one pass over the plain stored answers
with the engine's compiled expressions. An interview the sweep does not take
(an answer path not yet checked, a repeat count an expression would change, a
clock-filled metadata question read by an expression) gets the engine itself,
which also checks its answer paths: after that, the sweep knows them.

tests/services/test_export_relevance.py checks the sweep against the engine on
the shipped questionnaires and on generated forms.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from testimonio.forms.model import METADATA_TYPES, AnswerValue, Group, Questionnaire
from testimonio.forms.state_paths import model_path
from testimonio.services.relevance_sweep import Sweep

_REF = re.compile(r"\$\{([^}]+)\}")
# Anything but ${name} that reaches an answer: relative or absolute paths,
# position(..), current().
_OTHER_REFERENCE = re.compile(r"(^|[^\w$])(\.\.|/[A-Za-z_]|position\s*\(|current\s*\()")


class _FormFacts:
    """What export relevance keeps of one questionnaire."""

    def __init__(self, q: Questionnaire) -> None:
        from testimonio.forms.deps import DependencyGraph

        self.q = q
        self.graph = DependencyGraph.build(q)
        self.metadata = {n.path for n in q.questions() if n.type in METADATA_TYPES}
        only_names = True
        for node in q.walk():
            exprs = [node.relevant, node.repeat_count if isinstance(node, Group) else node.calculation]
            if any(e and _OTHER_REFERENCE.search(_REF.sub("x", e)) for e in exprs):
                only_names = False
        self.only_names = only_names
        self.sweep = Sweep(q, self.graph, only_names=only_names)
        # Whether the sweep's answers may hold metadata the interview lacks: the
        # clock metadata it fills in for an expression, or a metadata question's
        # calculation (else its answers are stored ones and calculations only).
        calculated = any(n.calculation for n in q.questions() if n.type in METADATA_TYPES)
        self.sweep_fills_metadata = bool(self.sweep.clock_read) or calculated
        # Without such calculations, the only metadata the sweep adds is the clock's:
        # those paths, dropped when the interview lacks them (no look at every answer).
        self.clock_only = () if calculated else tuple(m.path for m in self.sweep.clock_read)

    def learn_paths(self, values: Mapping[str, AnswerValue]) -> None:
        """Remember answer paths the engine accepted: the sweep may read them from now on."""
        paths = self.sweep.paths
        for path in values:
            if path not in paths.nodes:
                paths.learn(path, self.q.node(model_path(path)))


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
        found = facts.sweep.run(values)
        if found is None:
            found = self.engine(q, values)
            facts.learn_paths(values)
        elif not facts.sweep_fills_metadata:
            return found
        elif facts.clock_only:
            for path in facts.clock_only:
                if path not in values:
                    found.pop(path, None)
            return found
        # Metadata the engine fills in for a new interview (start, today) was
        # never recorded for this one: it does not leave. Calculations do.
        return {p: v for p, v in found.items() if p in values or model_path(p) not in facts.metadata}

    def engine(self, q: Questionnaire, values: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
        """The form-state engine's exportable answers (the reference the sweep follows)."""
        facts = self.facts(q)
        state: Any = _relevance_state()(facts, dict(values))
        out: dict[str, AnswerValue] = state.exportable_answers()
        return out


@functools.cache
def _relevance_state() -> Any:
    """FormState without what is only shown (required, constraints, labels).

    A complete interview is never new: no defaults are filled in, whichever
    answers the engine is given.
    """
    from testimonio.forms.state import FormState

    class RelevanceState(FormState):
        _shows = False

        def __init__(self, facts: _FormFacts, answers: dict[str, AnswerValue]) -> None:
            super().__init__(facts.q, answers, facts.q.default_language, graph=facts.graph)

        def _show(self, node: Any, path: str) -> bool:
            return False

        def _fill_metadata(self, new: bool) -> None:
            super()._fill_metadata(False)

    return RelevanceState
