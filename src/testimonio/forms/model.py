"""The immutable questionnaire model every other layer reads.

The loader (``forms.loader``) builds it from an XLSForm through pyxform; the
form-state engine (``forms.state``), the GUI, the exporter and the reports
only ever see these classes.

Paths
-----
A node's ``path`` is its names from the top of the form joined with ``/``,
without the form's root, e.g. ``"companions/age"``. An *answer path* names one
answer in one interview and adds the 1-based repeat instance to each repeat
segment: ``"companions[2]/age"``. The answer stored at a repeat's own answer
path (``"companions"``) is the number of instances the interviewer created.

Values
------
text, select_one, date (``YYYY-MM-DD``), time, dateTime (ISO 8601), geopoint
(``"lat lon alt acc"``) and attachment questions (the attachment's id) are
``str``; integer is ``int``; decimal is ``float``; select_multiple and rank
are ``list[str]``; acknowledge is ``"OK"``. An empty answer is absent (or
``None``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from testimonio.forms.secondary import SecondaryInstance

AnswerValue = str | int | float | list[str] | None

DEFAULT_LANG = "default"

_EMPTY: Mapping[str, str] = MappingProxyType({})

_T = TypeVar("_T")


def made(cls: type[_T], values: dict[str, Any]) -> _T:
    """``cls(**values)`` for a frozen dataclass of this module given every field.

    The generated ``__init__`` of a frozen dataclass sets each field through
    ``object.__setattr__``: about 3 µs for a Question's 23 fields, and the
    loader makes one node per survey row on every load. The instance is the
    same (equal, hashed, immutable, ``replace``-able); ``values`` must name
    every field (the tests compare with ``cls(**values)``) and the class must
    have no ``__post_init__``.
    """
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


@dataclass(frozen=True)
class Text:
    """A text in several languages, keyed by language name (e.g. ``"es"``).

    Forms without translations use the key ``"default"``.
    """

    by_lang: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def get(self, lang: str | None, fallback: str | None = None) -> str:
        """The text in ``lang``, else ``fallback``, else any language, else ''."""
        for key in (lang, fallback, DEFAULT_LANG):
            if key is not None and self.by_lang.get(key):
                return self.by_lang[key]
        for value in self.by_lang.values():
            if value:
                return value
        return ""

    def __bool__(self) -> bool:
        return any(self.by_lang.values())


class Privacy(enum.Enum):
    """How an answer may leave the vault (column ``privacy``)."""

    IDENTIFIER = "identifier"  # never leaves
    QUASI = "quasi"  # leaves generalised; part of the k-anonymity check
    SAFE = "safe"  # leaves as entered
    DEFAULT = ""  # select/number/date leave; free text only when reviewed


QUESTION_TYPES = frozenset(
    {
        "text", "integer", "decimal", "date", "time", "dateTime",
        "select_one", "select_multiple", "rank", "note", "acknowledge",
        "calculate", "hidden", "image", "file", "audio", "geopoint",
        "start", "end", "today", "deviceid", "username",
    }
)
ATTACHMENT_TYPES = frozenset({"image", "file", "audio"})
METADATA_TYPES = frozenset({"start", "end", "today", "deviceid", "username"})
FREE_TEXT_TYPES = frozenset({"text"})


@dataclass(frozen=True)
class Choice:
    """One option of a choice list."""

    name: str
    label: Text
    # Extra columns of the choices sheet, used by ``choice_filter``.
    extra: Mapping[str, str] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class Question:
    """A question (or note, calculate, metadata field) of the survey sheet."""

    name: str
    path: str
    type: str
    label: Text = field(default_factory=Text)
    hint: Text = field(default_factory=Text)
    choices: tuple[Choice, ...] = ()
    list_name: str | None = None
    or_other: bool = False
    relevant: str | None = None
    required: str | None = None  # an expression; "yes" becomes "true()"
    required_message: Text = field(default_factory=Text)
    constraint: str | None = None
    constraint_message: Text = field(default_factory=Text)
    calculation: str | None = None
    default: str | None = None
    read_only: str | None = None  # an expression; "yes" becomes "true()"
    appearance: str = ""
    choice_filter: str | None = None
    parameters: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    privacy: Privacy = Privacy.DEFAULT
    privacy_band: int = 10
    row: int | None = None  # row on the survey sheet, for messages
    #: A ``range`` question: (start, end, step); its type is integer or decimal.
    range: tuple[float, float, float] | None = None

    @property
    def is_attachment(self) -> bool:
        return self.type in ATTACHMENT_TYPES

    @property
    def takes_input(self) -> bool:
        """Whether an interviewer types or picks an answer for it."""
        return self.type not in {"note", "calculate", "hidden"} | METADATA_TYPES


@dataclass(frozen=True)
class Group:
    """A group or a repeat; the form itself is the root group (path '')."""

    name: str
    path: str
    label: Text = field(default_factory=Text)
    children: tuple[Node, ...] = ()
    repeat: bool = False
    repeat_count: str | None = None  # expression; None = interviewer adds
    relevant: str | None = None
    appearance: str = ""
    row: int | None = None

    def walk(self) -> Iterator[Node]:
        """Every node below this group, depth first, in form order."""
        for child in self.children:
            yield child
            if isinstance(child, Group):
                yield from child.walk()


Node = Question | Group


@dataclass(frozen=True)
class Questionnaire:
    """A loaded questionnaire: one version of one form."""

    form_id: str
    version: str
    title: Text
    root: Group
    languages: tuple[str, ...]  # e.g. ("es", "en") or ("default",)
    default_language: str
    source_name: str = ""  # file name it was read from
    # Display name of each language key, e.g. {"es": "Español"} (from "label::Español (es)").
    language_names: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    #: Every list of the choices sheet by list name: ``instance('list')`` reads them.
    choice_lists: Mapping[str, tuple[Choice, ...]] = field(default_factory=lambda: MappingProxyType({}))
    #: Form attachments (CSV, XML, GeoJSON) read as secondary instances, by
    #: instance id (the file name without its extension).
    attachments: Mapping[str, SecondaryInstance] = field(default_factory=lambda: MappingProxyType({}))
    # How interview dates and start/end/today leave: "month" (default) or
    # "day" (settings column ``privacy_dates``; the export preview shows it as a risk).
    privacy_dates: str = "month"
    _by_path: Mapping[str, Node] = field(default_factory=dict, repr=False, compare=False)
    _by_name: Mapping[str, Node] = field(default_factory=dict, repr=False, compare=False)
    _nodes: tuple[Node, ...] = field(default=(), init=False, repr=False, compare=False)  # root.walk(), once

    def __post_init__(self) -> None:
        # The tree is immutable: it is walked once here, not on every walk().
        nodes = tuple(self.root.walk())
        by_path = {node.path: node for node in nodes}
        by_name: dict[str, Node] = {}
        for node in nodes:
            by_name.setdefault(node.name, node)
        object.__setattr__(self, "_nodes", nodes)
        object.__setattr__(self, "_by_path", MappingProxyType(by_path))
        object.__setattr__(self, "_by_name", MappingProxyType(by_name))

    def walk(self) -> Iterator[Node]:
        """Every node, depth first, in form order (the root's ``walk``)."""
        return iter(self._nodes)

    def questions(self) -> Iterator[Question]:
        return (n for n in self._nodes if isinstance(n, Question))

    def node(self, path: str) -> Node:
        """The node at a (model) path; KeyError if there is none."""
        return self._by_path[path]

    def by_name(self, name: str) -> Node:
        """The node a ``${name}`` reference means; KeyError if none."""
        return self._by_name[name]

    def has_path(self, path: str) -> bool:
        return path in self._by_path
