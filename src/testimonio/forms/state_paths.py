"""Answer paths for the form-state engine: model paths, instances, contexts.

An answer path adds the 1-based instance to each repeat segment of a model
path (``"companions[2]/age"``); the answer stored at a repeat's own path
(``"companions"``) is its number of instances. :class:`StateContext` is the
expression :class:`~testimonio.forms.expr.Context` over a form state.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from testimonio.errors import ExpressionError
from testimonio.forms.expr import Context, NodeSet, SecondaryInstance
from testimonio.forms.expr.values import EMPTY
from testimonio.forms.model import AnswerValue, Choice, Group, Question, Questionnaire

_INDEX = re.compile(r"\[\d+\]")
_SEGMENT = re.compile(r"[^/\[\]]+(\[[1-9]\d{0,5}\])?")


MAX_INSTANCES = 10_000  # a repeat_count beyond this is a mistake, not an interview


def model_path(answer_path: str) -> str:
    """The model path of an answer path: ``"a[2]/b"`` -> ``"a/b"``."""
    return _INDEX.sub("", answer_path) if "[" in answer_path else answer_path


def well_formed(answer_path: str) -> bool:
    """Whether every segment is a name with at most one ``[n]``."""
    return all(_SEGMENT.fullmatch(seg) for seg in answer_path.split("/"))


def stored_count(answers: Mapping[str, AnswerValue], own: str) -> int:
    """The number of instances stored for the repeat at answer path ``own`` (0 if none)."""
    value = answers.get(own)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def infer_counts(questionnaire: Questionnaire, answers: dict[str, AnswerValue]) -> None:
    """Answers inside instance k of a hand-made repeat (one without a repeat_count)
    imply at least k instances: raise the stored counts in ``answers`` to match.

    The one rule for the form state and the export's relevance sweep.
    """
    for path in [p for p in answers if "[" in p]:
        segments = path.split("/")
        for depth, segment in enumerate(segments[:-1] if not path.endswith("]") else segments, 1):
            own, _, index = segment.partition("[")
            if not index:
                continue
            own_path = "/".join([*segments[: depth - 1], own])
            repeat = questionnaire.node(model_path(own_path))
            if isinstance(repeat, Group) and not repeat.repeat_count:
                wanted = int(index[:-1])
                if stored_count(answers, own_path) < wanted <= MAX_INSTANCES:
                    answers[own_path] = wanted


class Instances:
    """Which answer paths exist, given the stored repeat counts."""

    def __init__(self, questionnaire: Questionnaire, count: Callable[[str], int]) -> None:
        self.q = questionnaire
        self.count = count
        self._cache: dict[str, list[str]] = {}
        # Repeat ancestors-or-self of each node, outermost first.
        self.repeat_chain: dict[str, tuple[str, ...]] = {}
        for node in questionnaire.walk():
            parent = node.path.rpartition("/")[0]
            chain = self.repeat_chain.get(parent, ())
            if isinstance(node, Group) and node.repeat:
                chain = (*chain, node.path)
            self.repeat_chain[node.path] = chain

    def clear(self) -> None:
        """Forget expansions (after a repeat count changed)."""
        self._cache.clear()

    def expand(self, path: str) -> list[str]:
        """Every answer path of a node (instance paths ``r[i]`` for a repeat)."""
        hit = self._cache.get(path)
        if hit is not None:
            return hit
        out = [f"{own}[{i}]" for own in self.own_paths(path) for i in range(1, self.count(own) + 1)] \
            if self.is_repeat(path) else self.own_paths(path)
        self._cache[path] = out
        return out

    def own_paths(self, path: str) -> list[str]:
        """Answer paths of a node without its own instance index."""
        parent, _, name = path.rpartition("/")
        if not parent:
            return [name]
        return [f"{p}/{name}" for p in self.expand(parent)]

    def is_repeat(self, path: str) -> bool:
        node = self.q.node(path)
        return isinstance(node, Group) and node.repeat

    def related(self, target: str, here: str) -> list[str]:
        """The answer paths of ``target`` seen from answer path ``here``.

        Inside a shared repeat, only the same instance counts; below a group
        instance, only what is inside it; otherwise every instance. When
        ``here`` fixes every repeat around ``target`` the one path is built
        directly: a lookup inside a repeat of thousands of instances must not
        scan them all.
        """
        chain = self.repeat_chain[target]
        target_is_repeat = bool(chain) and chain[-1] == target
        if target_is_repeat:
            # ${r} inside r means every instance of r (pyxform writes ../../r),
            # within the instances of the repeats around r.
            chain = chain[:-1]
        if not chain or not here or "[" not in here:
            return self.expand(target)
        here_model = model_path(here)
        segments = here.split("/")
        prefix = ""
        fixed = 0
        for repeat in chain:
            depth = repeat.count("/") + 1
            if not (here_model == repeat or here_model.startswith(repeat + "/")):
                break
            if len(segments) < depth or not segments[depth - 1].endswith("]"):
                break
            prefix = "/".join(segments[:depth])
            fixed += 1
        if not prefix:
            return self.expand(target)
        if fixed == len(chain) and not target_is_repeat:
            return [prefix + target[len(chain[-1]):]]
        return [p for p in self.expand(target) if p.startswith(prefix + "/")]


# Choice lists as secondary instances, by (id of the list, language); the
# list is kept beside so its id stays its own.
_LISTS: dict[tuple[int, str], tuple[tuple[Choice, ...], SecondaryInstance]] = {}


class StateContext(Context):
    """Evaluation context over a form state's answers (see ``forms.state``)."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        instances: Instances,
        effective: Callable[[str], AnswerValue],
        language: Callable[[], str],
        today: dt.date | None,
        now: dt.datetime | None,
    ) -> None:
        self.q = questionnaire
        self.instances = instances
        self.effective = effective
        self.language = language
        self._today = today
        self._now = now
        self.here = ""
        self.choice: Choice | None = None

    def lookup(self, name: str) -> NodeSet:
        try:
            node = self.q.by_name(name)
        except KeyError:
            raise ExpressionError(f"${{{name}}} refers to no question or group in this form.") from None
        paths = self.instances.related(node.path, self.here)
        return NodeSet(tuple(paths), tuple(self.effective(p) for p in paths))

    def children(self, path: str, name: str) -> NodeSet:
        parent = model_path(path)
        child = f"{parent}/{name}" if parent else name
        if not self.q.has_path(child):
            return EMPTY
        base = f"{path}/{name}" if path else name
        if self.instances.is_repeat(child):
            paths = tuple(f"{base}[{i}]" for i in range(1, self.instances.count(base) + 1))
        else:
            paths = (base,)
        return NodeSet(paths, tuple(self.effective(p) for p in paths))

    def value_at(self, path: str) -> AnswerValue:
        return self.effective(path)

    def instance(self, name: str) -> SecondaryInstance | None:
        """A choice list (labels in the current language) or a form attachment."""
        attached = self.q.attachments.get(name)
        if attached is not None:
            return attached
        choices = self.q.choice_lists.get(name)
        if choices is None:
            return None
        lang = self.language()
        key = (id(choices), lang)
        hit = _LISTS.get(key)
        if hit is not None and hit[0] is choices:
            return hit[1]
        made = SecondaryInstance(name, tuple(
            {**c.extra, "name": c.name, "label": c.label.get(lang, self.q.default_language)} for c in choices))
        if len(_LISTS) > 256:
            _LISTS.clear()
        _LISTS[key] = (choices, made)  # shared by every state of the form: an export builds many
        return made

    def itext(self, ref: str) -> str:
        """``jr:itext``: ``/data/path:label`` or ``:hint`` of a node, in the current language."""
        target, _, form = ref.partition(":")
        path = target.strip("/").partition("/")[2] if target.startswith("/") else target
        if not self.q.has_path(path):
            return ""
        node = self.q.node(path)
        text = node.hint if form == "hint" and isinstance(node, Question) else node.label
        return text.get(self.language(), self.q.default_language)

    def choice_column(self, name: str) -> str | None:
        if self.choice is None:
            return None
        if name == "name":
            return self.choice.name
        return self.choice.extra.get(name)

    def choice_label(self, value: str, ref: str) -> str:
        name = ref.strip()
        if name.startswith("${") and name.endswith("}"):
            name = name[2:-1].strip()
        else:
            name = name.rstrip("/").rpartition("/")[2]
        try:
            node = self.q.by_name(name)
        except KeyError:
            return value
        if isinstance(node, Question):
            for choice in node.choices:
                if choice.name == value:
                    return choice.label.get(self.language(), self.q.default_language)
        return value

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def now(self) -> dt.datetime:
        return self._now or dt.datetime.now().astimezone()


def choice_names(question: Question, allowed: Mapping[str, tuple[str, ...]], path: str) -> tuple[str, ...]:
    """The names of the choices offered at ``path`` (after any choice_filter)."""
    got = allowed.get(path)
    return got if got is not None else tuple(c.name for c in question.choices)
