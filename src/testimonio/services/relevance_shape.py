"""The shape of an export relevance sweep (:mod:`testimonio.services.relevance_sweep`):
how its steps are grouped, where its walk enters and leaves a repeat, and what
an irrelevant node takes with it. Worked out once per questionnaire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from testimonio.forms.model import AnswerValue, Node
from testimonio.forms.state_paths import stored_count as _count

# A step of Sweep.run over one interview's answers and relevance; False: ask the engine.
Run = Callable[[dict[str, AnswerValue], dict[str, bool]], bool]


def grouped(program: list[tuple[str, Run]]) -> list[Run]:
    """The steps, those in a row of nodes in the same outermost repeat taken as one
    step that skips them all while that repeat has no instances (each would
    return at once: nothing below it exists)."""
    out: list[Run] = []
    n = 0
    while n < len(program):
        outer, taken = program[n]
        end = n + 1
        while outer and end < len(program) and program[end][0] == outer:
            end += 1
        if end - n == 1:
            out.append(taken)
        else:
            out.append(_in_repeat(outer, [r for _, r in program[n:end]]))
        n = end
    return out


def _in_repeat(outer: str, runs: list[Run]) -> Run:
    """The steps ``runs``, all skipped while ``outer`` has no instances."""
    def inside(answers: dict[str, AnswerValue], rel: dict[str, bool]) -> bool:
        if not _count(answers, outer):
            return True
        for each in runs:
            if not each(answers, rel):
                return False
        return True

    return inside


def segments(walk: list[tuple[str, str, str]]) -> list[tuple[str, Any]]:
    """The walk cut where it enters or leaves an outermost repeat: ("", model paths)
    for questions in no repeat, (outermost repeat, ((kind, model path), ...)) for one repeat."""
    segments: list[tuple[str, list[Any]]] = []
    for kind, model, outer in walk:
        if not segments or segments[-1][0] != outer:
            segments.append((outer, []))
        segments[-1][1].append(model if kind == "q" else (kind, model))
    return [(outer, tuple(part)) for outer, part in segments]


def below(order: list[tuple[str, Node, bool, bool]]) -> dict[str, dict[str, bool]]:
    """Static model path -> itself and every static node below it, each False."""
    below: dict[str, dict[str, bool]] = {}
    for model, _, _, static in order:
        if static:  # (so are its ancestors: a node in no repeat is in no repeat's group)
            below.setdefault(model, {})[model] = False
            ancestor = model.rpartition("/")[0]
            while ancestor:
                below.setdefault(ancestor, {})[model] = False
                ancestor = ancestor.rpartition("/")[0]
    return below
