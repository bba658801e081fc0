"""Pseudonymisation: what of an interview's answers may leave the vault.

The rules are those of ARCHITECTURE.md ("Questionnaires", column ``privacy``):

- ``identifier``: never leaves.
- ``quasi``: leaves generalised (integer and decimal: a band of width
  ``privacy_band``, e.g. ``"30-39"``; date and dateTime: the month
  ``"YYYY-MM"``; time: the hour ``"HH:00"``; selects and text: as entered) and
  is part of the k-anonymity check (:mod:`testimonio.exchange.kanon`).
- ``safe``: leaves as entered.
- no mark: select, rank, integer, decimal, date, time, dateTime and
  acknowledge answers leave as entered. Free text (``text``) leaves only when
  the researcher reviewed that very answer for export. Calculated and hidden
  values leave when they are numbers; text they hold may have been built from
  identifiers, so it is treated as free text. Geopoints, ``deviceid`` and
  ``username`` never leave unless marked ``safe``: they point at a person.
- ``start``/``end``/``today`` metadata leave as dates only (month if quasi).
- Attachment answers leave only when the researcher ticked the attachment
  for export (and never when marked ``identifier``); the value becomes the
  attachment's name inside the bundle.

The input is the *exportable* answers (irrelevant answers already removed by
``FormState.exportable_answers()``), keyed by answer path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from testimonio.forms.model import AnswerValue, Privacy, Question, Questionnaire

_INSTANCE = re.compile(r"\[\d+\]")
_NUMERIC_TYPES = frozenset({"integer", "decimal"})
_DATE_TYPES = frozenset({"date", "dateTime", "start", "end", "today"})
_ALWAYS_AS_ENTERED = frozenset(
    {"select_one", "select_multiple", "rank", "integer", "decimal", "date", "time",
     "dateTime", "acknowledge"}
)
_NEVER_BY_DEFAULT = frozenset({"geopoint", "deviceid", "username"})
_DERIVED_TYPES = frozenset({"calculate", "hidden"})
_METADATA_DATES = frozenset({"start", "end", "today"})


def model_path(answer_path: str) -> str:
    """The questionnaire path of an answer path: ``"kids[2]/age"`` → ``"kids/age"``."""
    return _INSTANCE.sub("", answer_path)


def band(value: float, width: int) -> str:
    """The band of ``width`` holding ``value``: ``band(34, 10) == "30-39"``."""
    width = max(1, width)
    low = math.floor(value / width) * width
    return f"{low}-{low + width - 1}"


def as_date(value: AnswerValue) -> str | None:
    """The ``YYYY-MM-DD`` part of a date or dateTime answer, if it has one."""
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None


def generalise(question: Question, value: AnswerValue) -> AnswerValue:
    """The generalised form of a quasi-identifier's answer.

    Values that are already generalised (a band string, a month) pass
    unchanged, so pseudonymising twice gives the same result.
    """
    if value is None:
        return None
    if question.type in _NUMERIC_TYPES and isinstance(value, int | float) and not isinstance(value, bool):
        return band(value, question.privacy_band)
    if question.type in _DATE_TYPES:
        day = as_date(value)
        return day[:7] if day else value
    if question.type == "time" and isinstance(value, str) and re.match(r"^\d{2}:", value):
        return value[:2] + ":00"
    return value


_REF = re.compile(r"\$\{([^}]+)\}")
_POINTING = frozenset({"text", "geopoint", "deviceid", "username"})


def reads_private(questionnaire: Questionnaire, question: Question, _seen: frozenset[str] = frozenset()) -> bool:
    """Whether a calculation reads an identifier or free text, directly or through others.

    Such a value may repeat what it read (``concat(${name})``), so it is
    treated as free text. References are the ``${name}`` form; a calculation
    that reads the form any other way (absolute paths) counts as private too.
    """
    expr = question.calculation or ""
    if "/" in _REF.sub("", expr) and re.search(r"/[A-Za-z_]", _REF.sub("", expr)):
        return True
    for name in _REF.findall(expr):
        if name in _seen:
            continue
        try:
            node = questionnaire.by_name(name)
        except KeyError:
            return True
        if not isinstance(node, Question):
            continue
        if node.privacy is Privacy.IDENTIFIER:
            return True
        if node.type in _POINTING and node.privacy is not Privacy.SAFE:
            return True
        if node.type in _DERIVED_TYPES and reads_private(questionnaire, node, _seen | {name}):
            return True
    return False


def is_free_text(question: Question, value: AnswerValue, questionnaire: Questionnaire | None = None) -> bool:
    """Whether an answer is free text that needs a review (or ``safe``) to leave.

    Text answers are; so is the text of a calculation or hidden field, unless
    ``questionnaire`` shows that it reads no identifier and no free text.
    """
    if question.type == "text":
        return True
    if question.type not in _DERIVED_TYPES or not isinstance(value, str):
        return False
    return questionnaire is None or reads_private(questionnaire, question)


def _as_entered(q: Question) -> bool:
    """See :meth:`QuestionIndex.as_is` (mirrors the order of ``Pseudonymiser._leaves``)."""
    if (q.privacy is Privacy.IDENTIFIER or q.privacy is Privacy.QUASI or q.type == "note"
            or q.is_attachment or q.type in _METADATA_DATES):
        return False
    if q.privacy is Privacy.SAFE:
        return True
    if q.type in _NEVER_BY_DEFAULT or q.type == "text" or q.type in _DERIVED_TYPES:
        return False
    return q.type in _ALWAYS_AS_ENTERED


class QuestionIndex:
    """Answer path → question of one questionnaire, remembered (export speed).

    Share one between the interviews of an export: working a path out takes
    a regular expression and two look-ups, and 10 000 interviews repeat the
    same few hundred paths.
    """

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self._questions: dict[str, Question | None] = {}
        self._repeats: dict[str, bool] = {}
        self._free_text: dict[str, bool] = {}
        self._as_is: dict[str, bool] = {}

    def _learn(self, answer_path: str) -> None:
        path = model_path(answer_path)
        node = self.questionnaire.node(path) if self.questionnaire.has_path(path) else None
        self._questions[answer_path] = node if isinstance(node, Question) else None
        self._repeats[answer_path] = node is not None and not isinstance(node, Question)

    def question(self, answer_path: str) -> Question | None:
        if answer_path not in self._questions:
            self._learn(answer_path)
        return self._questions[answer_path]

    def is_repeat(self, answer_path: str) -> bool:
        if answer_path not in self._repeats:
            self._learn(answer_path)
        return self._repeats[answer_path]

    def as_is(self, question: Question) -> bool:
        """Whether every non-empty answer of ``question`` leaves as entered, unchecked.

        True for a ``safe`` answer and for a select, number, date or time that
        is no identifier, quasi-identifier, attachment or metadata: the rules
        of :meth:`Pseudonymiser.answers` then keep the value whatever it is.
        Anything else (False) goes through those rules one answer at a time.
        """
        found = self._as_is.get(question.path)
        if found is None:
            found = self._as_is[question.path] = _as_entered(question)
        return found

    @property
    def top_level_quasi(self) -> list[Question]:
        """:func:`top_level_quasi`, remembered."""
        if not hasattr(self, "_quasi"):
            self._quasi = top_level_quasi(self.questionnaire)
        return self._quasi

    def reads_private(self, question: Question) -> bool:
        """:func:`reads_private`, remembered per question."""
        if question.path not in self._free_text:
            self._free_text[question.path] = reads_private(self.questionnaire, question)
        return self._free_text[question.path]


@dataclass(frozen=True)
class ReviewItem:
    """A free-text answer waiting for the researcher's decision."""

    path: str  # answer path
    label: str
    value: str


class Pseudonymiser:
    """Applies the privacy rules of one questionnaire to one interview.

    ``reviewed`` holds the answer paths whose free text the researcher
    approved for export; ``attachment_names`` maps the attachment ids ticked
    for export (and cleaned) to their names inside the bundle.
    """

    def __init__(
        self,
        questionnaire: Questionnaire,
        reviewed: Collection[str] = (),
        attachment_names: Mapping[str, str] | None = None,
        index: QuestionIndex | None = None,
    ) -> None:
        self.questionnaire = questionnaire
        self.reviewed = frozenset(reviewed)
        self.attachment_names = dict(attachment_names or {})
        self.index = index if index is not None and index.questionnaire is questionnaire \
            else QuestionIndex(questionnaire)

    def question(self, answer_path: str) -> Question | None:
        """The question of an answer path; None for repeat counts or unknown paths."""
        return self.index.question(answer_path)

    def _is_repeat(self, answer_path: str) -> bool:
        return self.index.is_repeat(answer_path)

    def leaves(self, answer_path: str, value: AnswerValue) -> AnswerValue:
        """The value that leaves for one answer, or None if it stays."""
        if value is None or value == "" or value == []:
            return None
        question = self.question(answer_path)
        if question is None:
            # A repeat's instance count says nothing about a person; unknown
            # paths never leave: nobody vetted them.
            return value if self._is_repeat(answer_path) else None
        return self._leaves(answer_path, value, question)

    def _leaves(self, answer_path: str, value: AnswerValue, question: Question) -> AnswerValue:
        privacy = question.privacy
        if privacy is Privacy.IDENTIFIER or question.type == "note":
            return None
        if question.is_attachment:
            return self.attachment_names.get(str(value))
        if privacy is Privacy.QUASI:
            return generalise(question, value)
        if question.type in _METADATA_DATES:
            return as_date(value)
        if privacy is Privacy.SAFE:
            return value
        if question.type in _NEVER_BY_DEFAULT:
            return None
        if self._is_free_text(question, value):
            return value if answer_path in self.reviewed else None
        if question.type in _DERIVED_TYPES or question.type in _ALWAYS_AS_ENTERED:
            return value
        return None

    def answers(self, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
        """Every answer that may leave, generalised where the rules say.

        A reviewed free text that still contains one of the interview's
        identifier answers word for word stays behind: a safety net under the
        review, which highlights them but cannot force a second look.
        """
        # Worked out when a reviewed free text first needs the check (seldom).
        secrets: list[str] | None = None
        out: dict[str, AnswerValue] = {}
        index = self.index
        for path, value in answers.items():
            if value is None or value == "" or value == []:
                continue
            question = index.question(path)
            if question is None:
                if index.is_repeat(path):
                    out[path] = value
                continue
            if index.as_is(question):
                out[path] = value
                continue
            kept = self._leaves(path, value, question)
            if kept is None:
                continue
            if (isinstance(kept, str) and question.privacy is Privacy.DEFAULT
                    and self._is_free_text(question, kept)):
                if secrets is None:
                    secrets = [s.casefold() for s in self.identifiers(answers).values() if len(s) >= 3]
                folded = kept.casefold()
                if any(secret in folded for secret in secrets):
                    continue
            out[path] = kept
        return out

    def _is_free_text(self, question: Question, value: AnswerValue) -> bool:
        if question.type == "text":
            return True
        if question.type not in _DERIVED_TYPES or not isinstance(value, str):
            return False
        return self.index.reads_private(question)

    def needs_review(self, answers: Mapping[str, AnswerValue], lang: str | None = None) -> list[ReviewItem]:
        """Free-text answers that leave only after a review (reviewed or not)."""
        items = []
        for path, value in answers.items():
            question = self.question(path)
            if question is None or not isinstance(value, str) or not value:
                continue
            if question.privacy is Privacy.DEFAULT and self._is_free_text(question, value):
                items.append(ReviewItem(path, question.label.get(lang) or question.name, value))
        return items

    def identifiers(self, answers: Mapping[str, AnswerValue]) -> dict[str, str]:
        """The interview's identifier answers as text, to highlight in a review."""
        found: dict[str, str] = {}
        for path, value in answers.items():
            question = self.question(path)
            if (question is not None and question.privacy is Privacy.IDENTIFIER
                    and not question.is_attachment and value not in (None, "")):
                found[path] = " ".join(value) if isinstance(value, list) else str(value)
        return found


def _in_repeat(questionnaire: Questionnaire, path: str) -> bool:
    parts = path.split("/")
    for i in range(1, len(parts)):
        prefix = "/".join(parts[:i])
        node = questionnaire.node(prefix) if questionnaire.has_path(prefix) else None
        if node is not None and not isinstance(node, Question) and node.repeat:
            return True
    return False


def top_level_quasi(questionnaire: Questionnaire) -> list[Question]:
    """Quasi-identifier questions outside any repeat, in form order."""
    return [q for q in questionnaire.questions()
            if q.privacy is Privacy.QUASI and not _in_repeat(questionnaire, q.path)]

