"""Stored answers read as the form-state engine reads them, on paths it has checked.

The export's relevance sweep (:mod:`testimonio.services.relevance_sweep`)
starts each interview from its stored answers. The engine's ``_load``
normalises every one by its question; :class:`CheckedPaths` gives the same
answers without the call for what needs none, on answer paths the engine
has already accepted (:meth:`CheckedPaths.learn`), and says None for any
other path: then the engine itself is asked.
"""

from __future__ import annotations

from collections.abc import Mapping

from testimonio.forms.model import AnswerValue, Group, Node, Question, Questionnaire
from testimonio.forms.state_paths import MAX_INSTANCES, infer_counts
from testimonio.forms.state_values import normalize

MAX_KNOWN_PATHS = 100_000  # checked answer paths remembered per form
# How a stored answer of a checked path is read: a text question's text as it
# is, a list of names of a select_multiple or rank, an integer's int; anything
# else through normalize().
_TEXT, _NAMES, _INTEGER, _OTHER = range(4)
_KINDS = {"select_multiple": _NAMES, "rank": _NAMES, "integer": _INTEGER, "decimal": _OTHER}


class CheckedPaths:
    """The answer paths of one questionnaire the engine has checked, and how to read them."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        # Path -> its node, how a value stored there is read (_TEXT, _NAMES,
        # _INTEGER or _OTHER), and whether it is in a repeat instance ("[").
        self.nodes: dict[str, tuple[Node, int, bool]] = {}
        # Of those, paths in no repeat whose stored value of this type (a text
        # question's str, an integer's int) is read as it is (see load).
        self._as_stored: dict[str, type] = {}

    def learn(self, path: str, node: Node) -> None:
        """Remember an answer path the engine accepted for ``node``."""
        if len(self.nodes) < MAX_KNOWN_PATHS:
            kind = _KINDS.get(node.type, _TEXT) if isinstance(node, Question) else _OTHER
            self.nodes[path] = (node, kind, "[" in path)
            if "[" not in path and kind in (_TEXT, _INTEGER) and isinstance(node, Question):
                self._as_stored[path] = str if kind == _TEXT else int

    def load(self, values: Mapping[str, AnswerValue]) -> dict[str, AnswerValue] | None:
        """The engine's ``_load`` on paths it has already checked; None for anything else.

        Most stored answers are a text of a text question or an int of an
        integer one, in no repeat (``_as_stored``): normalize() gives them back
        as they are, so the copy keeps them without a look at their node.
        """
        answers = dict(values)
        as_stored = self._as_stored
        hand_made = False
        for path, raw in values.items():
            kind_of_raw = type(raw)
            if as_stored.get(path) is kind_of_raw and (raw or kind_of_raw is int):
                continue
            bracket = self._load_one(answers, path, raw)
            if bracket is None:
                return None
            hand_made = hand_made or bracket
        if hand_made:
            infer_counts(self.q, answers)
        return answers

    def _load_one(self, answers: dict[str, AnswerValue], path: str, raw: AnswerValue) -> bool | None:
        """One stored answer as the engine's ``_load`` reads it, in ``answers`` (dropped
        when empty); None when the engine must be asked, else whether it is an
        answer in a repeat instance (then the repeat counts are worked out)."""
        known = self.nodes.get(path)
        if known is None:
            return None
        node, kind, bracket = known
        kind_of_raw = type(raw)
        # Whether normalize() gives ``raw`` back as it is (or None for an empty one).
        if kind_of_raw is str:
            stored = kind == _TEXT
        elif kind_of_raw is int:
            stored = kind == _INTEGER
        else:
            stored = kind == _NAMES and kind_of_raw is list and _all_names(raw)  # type: ignore[arg-type]
        if stored:
            # What normalize() gives back for it, without the call (the
            # sweep never changes a list it reads: it may be the caller's).
            if not (raw or kind == _INTEGER):
                del answers[path]
            return bracket
        if isinstance(node, Group):
            if not (node.repeat and not path.endswith("]") and type(raw) is int and 0 <= raw <= MAX_INSTANCES):
                return None
            if not raw:
                del answers[path]
            return False
        value = normalize(node, raw)
        if value is None:
            del answers[path]
        else:
            answers[path] = value
        return bracket


def _all_names(raw: list[object]) -> bool:
    """Whether a list is a list of names (what normalize() gives back as it is for _NAMES)."""
    for name in raw:
        if type(name) is not str:
            return False
    return True
