"""The answers JSON of the command line <-> flat ``{answer path: value}``.

The JSON is an object keyed by question name, or by ``group/name`` (the path
below the enclosing repeat or the form) where a name is not unique there;
select_multiple and rank answers are lists; a repeat is a list of objects
keyed the same way. Both keys are accepted on input; output uses the short
name wherever it is unique. Every problem is collected and reported at once
in :class:`~testimonio.errors.AnswersInvalid`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from testimonio.errors import AnswersInvalid
from testimonio.forms.model import AnswerValue, Group, Node, Question, Questionnaire
from testimonio.forms.state_paths import MAX_INSTANCES

_MULTI = frozenset({"select_multiple", "rank"})
_NO_ANSWER = frozenset({"note"})


def _scope(group: Group) -> dict[str, Node]:
    """Keys usable inside a repeat instance (or the form): name or relative path."""
    nodes: list[Node] = []
    stack = list(reversed(group.children))
    while stack:
        node = stack.pop()
        if isinstance(node, Group) and not node.repeat:
            stack.extend(reversed(node.children))
        else:
            nodes.append(node)
    counts: dict[str, int] = {}
    for node in nodes:
        counts[node.name] = counts.get(node.name, 0) + 1
    keys: dict[str, Node] = {}
    for node in nodes:
        relative = node.path[len(group.path) + 1:] if group.path else node.path
        keys[relative] = node
        if counts[node.name] == 1:
            keys[node.name] = node
    return keys


def _short_key(group: Group, node: Node, scope: Mapping[str, Node]) -> str:
    return node.name if scope.get(node.name) is node else (node.path[len(group.path) + 1:] if group.path else node.path)


def to_flat(questionnaire: Questionnaire, data: object) -> dict[str, AnswerValue]:
    """Nested answers JSON to flat answer paths; AnswersInvalid lists every problem."""
    problems: list[str] = []
    out: dict[str, AnswerValue] = {}
    if not isinstance(data, dict):
        raise AnswersInvalid(["The answers must be a JSON object keyed by question name."])
    _read_scope(questionnaire.root, "", data, out, problems, "")
    if problems:
        raise AnswersInvalid(problems)
    return out


def _read_scope(group: Group, base: str, data: Mapping[Any, Any], out: dict[str, AnswerValue],
                problems: list[str], where: str) -> None:
    scope = _scope(group)
    for key, raw in data.items():
        label = f"{where}{key}"
        node = scope.get(key) if isinstance(key, str) else None
        if node is None:
            problems.append(f"{label}: no question of this name here.")
            continue
        relative = node.path[len(group.path) + 1:] if group.path else node.path
        path = f"{base}/{relative}" if base else relative
        if isinstance(node, Group):
            _read_repeat(node, path, raw, out, problems, label)
        elif node.type in _NO_ANSWER:
            if raw is not None:
                problems.append(f"{label}: a note takes no answer.")
        else:
            value = _read_value(node, raw, label, problems)
            if value is not None:
                out[path] = value


def _read_repeat(repeat: Group, own: str, raw: object, out: dict[str, AnswerValue],
                 problems: list[str], label: str) -> None:
    if raw is None:
        return
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append(f"{label}: a repeat must be a list of objects.")
        return
    if len(raw) > MAX_INSTANCES:
        problems.append(f"{label}: more than {MAX_INSTANCES} instances.")
        return
    if raw and not repeat.repeat_count:  # a counted repeat's size is computed, not given
        out[own] = len(raw)
    for i, item in enumerate(raw, 1):
        _read_scope(repeat, f"{own}[{i}]", item, out, problems, f"{label}[{i}]/")


def _read_value(question: Question, raw: object, label: str, problems: list[str]) -> AnswerValue:
    """One answer as the JSON gives it, checked for its question's type (problems listed)."""
    if raw is None or raw == "" or raw == []:
        return None
    if question.type in _MULTI:
        return _read_choices(question, raw, label, problems)
    reader = _NUMBER_READERS.get(question.type)
    if reader is not None:
        return reader(raw, label, problems)
    return _read_text(question, raw, label, problems)


def _chosen(question: Question, name: str) -> bool:
    return name in {c.name for c in question.choices} or (question.or_other and name == "other")


def _read_choices(question: Question, raw: object, label: str,
                  problems: list[str]) -> AnswerValue:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        problems.append(f"{label}: expected a list of choice names.")
        return None
    unknown = [v for v in raw if not _chosen(question, v)]
    if unknown:
        problems.append(f"{label}: {', '.join(map(repr, unknown))} is not among the choices.")
    if len(set(raw)) != len(raw):
        problems.append(f"{label}: a choice is listed twice.")
    return list(raw)


def _read_integer(raw: object, label: str, problems: list[str]) -> AnswerValue:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    problems.append(f"{label}: expected a whole number, got {raw!r}.")
    return None


def _read_decimal(raw: object, label: str, problems: list[str]) -> AnswerValue:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        problems.append(f"{label}: expected a number, got {raw!r}.")
        return None
    return float(raw)


_NUMBER_READERS = {"integer": _read_integer, "decimal": _read_decimal}


def _read_text(question: Question, raw: object, label: str, problems: list[str]) -> AnswerValue:
    """Text, and the name of one choice (a number is read as the name it spells)."""
    select_one = question.type == "select_one"
    if select_one and isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # choice names like "8" are often written as numbers
    if not isinstance(raw, str):
        problems.append(f"{label}: expected text, got {type(raw).__name__}.")
        return None
    if select_one and not _chosen(question, raw):
        problems.append(f"{label}: {raw!r} is not among the choices.")
    return raw


def from_flat(questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]) -> dict[str, Any]:
    """Flat answer paths to the nested answers JSON (short keys where unique)."""
    return _write_scope(questionnaire.root, "", answers)


def _write_scope(group: Group, base: str, answers: Mapping[str, AnswerValue]) -> dict[str, Any]:
    scope = _scope(group)
    out: dict[str, Any] = {}
    seen: set[int] = set()
    for node in scope.values():
        if id(node) in seen:
            continue
        seen.add(id(node))
        relative = node.path[len(group.path) + 1:] if group.path else node.path
        path = f"{base}/{relative}" if base else relative
        key = _short_key(group, node, scope)
        if isinstance(node, Group):
            count = _instances(path, answers)
            if count:
                out[key] = [_write_scope(node, f"{path}[{i}]", answers) for i in range(1, count + 1)]
        elif answers.get(path) not in (None, "", []):
            value = answers[path]
            out[key] = list(value) if isinstance(value, list) else value
    return out


def _instances(own: str, answers: Mapping[str, AnswerValue]) -> int:
    stored = answers.get(own)
    count = stored if isinstance(stored, int) and not isinstance(stored, bool) else 0
    prefix = f"{own}["
    for path in answers:
        if path.startswith(prefix):
            number = path[len(prefix):].partition("]")[0]
            if number.isdigit():
                count = max(count, int(number))
    return min(count, MAX_INSTANCES)
