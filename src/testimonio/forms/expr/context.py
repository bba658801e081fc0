"""What an expression sees when it is evaluated: the answers around one node.

The form-state engine implements :class:`Context` over a questionnaire and its
answers; :class:`MappingContext` is a small flat one for tests and tools.
Answer paths follow ``forms.model``: ``"companions[2]/age"``; the form's root
is ``""``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from testimonio.forms.expr.values import NodeSet
from testimonio.forms.model import AnswerValue
from testimonio.forms.secondary import SecondaryInstance

_INSTANCE = re.compile(r"\[(\d+)\]$")


def parent_path(path: str) -> str | None:
    """The answer path one level up; None above the root."""
    if path == "":
        return None
    cut = path.rfind("/")
    return "" if cut < 0 else path[:cut]


def position_of(path: str) -> int:
    """The 1-based repeat instance a path's last segment names (1 if none)."""
    m = _INSTANCE.search(path)
    return int(m.group(1)) if m else 1


class Context:
    """The evaluation context: the node ``here`` and the answers around it.

    Subclasses override :meth:`lookup`, :meth:`children` and :meth:`value_at`;
    the rest have sensible defaults.
    """

    here: str = ""
    #: While a predicate over a secondary instance is evaluated: the item
    #: tested (its fields are what bare names read) and its 1-based position.
    item: Mapping[str, str] | None = None
    item_position: int = 0

    def lookup(self, name: str) -> NodeSet:
        """The nodes ``${name}`` means when evaluated at ``here``."""
        raise NotImplementedError

    def children(self, path: str, name: str) -> NodeSet:
        """The child nodes called ``name`` of the node at ``path``."""
        raise NotImplementedError

    def value_at(self, path: str) -> AnswerValue:
        """The stored answer at an answer path (None if empty)."""
        raise NotImplementedError

    def parent(self, path: str) -> str | None:
        """The parent node's answer path (None above the root)."""
        return parent_path(path)

    def position(self, path: str) -> int:
        """The node's 1-based position among its repeat instances."""
        return position_of(path)

    def choice_column(self, name: str) -> str | None:
        """In a ``choice_filter``, a column of the choice being tested."""
        return None

    def choice_label(self, value: str, ref: str) -> str:
        """``jr:choice-name``: the label of choice ``value`` of question ``ref``."""
        return value

    def instance(self, name: str) -> SecondaryInstance | None:
        """The secondary instance ``instance(name)`` reads, None if there is none."""
        return None

    def itext(self, ref: str) -> str:
        """``jr:itext``: the text with this id in the current language ('' if none)."""
        return ""

    def today(self) -> dt.date:
        """The date ``today()`` gives."""
        return dt.date.today()

    def now(self) -> dt.datetime:
        """The date-time ``now()`` gives."""
        return dt.datetime.now().astimezone()


class MappingContext(Context):
    """A flat context over ``{answer path: value}``, for tests and tools.

    ``${name}`` finds every answer path whose last segment is ``name``; a name
    with no answer is one empty node.
    """

    def __init__(
        self,
        answers: Mapping[str, AnswerValue] | None = None,
        here: str = "",
        *,
        today: dt.date | None = None,
        now: dt.datetime | None = None,
        choice: Mapping[str, str] | None = None,
        instances: Mapping[str, SecondaryInstance] | None = None,
    ) -> None:
        self.answers = dict(answers or {})
        self.here = here
        self._today = today
        self._now = now
        self._choice = choice
        self._instances = dict(instances or {})

    def lookup(self, name: str) -> NodeSet:
        paths = tuple(p for p in self.answers if _INSTANCE.sub("", p.rsplit("/", 1)[-1]) == name)
        if not paths:
            return NodeSet((name,), (None,))
        return NodeSet(paths, tuple(self.answers[p] for p in paths))

    def children(self, path: str, name: str) -> NodeSet:
        prefix = f"{path}/" if path else ""
        exact = prefix + name
        paths = tuple(
            p for p in self.answers if p == exact or (p.startswith(exact + "[") and "/" not in p[len(exact):])
        )
        if not paths:
            paths = (exact,)
        return NodeSet(paths, tuple(self.answers.get(p) for p in paths))

    def value_at(self, path: str) -> AnswerValue:
        return self.answers.get(path)

    def choice_column(self, name: str) -> str | None:
        return None if self._choice is None else self._choice.get(name)

    def instance(self, name: str) -> SecondaryInstance | None:
        return self._instances.get(name)

    def today(self) -> dt.date:
        return self._today or super().today()

    def now(self) -> dt.datetime:
        return self._now or super().now()
