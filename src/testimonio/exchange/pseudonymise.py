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
  values are classed by what they read (:mod:`testimonio.exchange.derived`):
  an identifier keeps them in; free text makes their text need a review; a
  quasi-identifier or a date makes them quasi. Geopoints, ``deviceid`` and
  ``username`` never leave unless marked ``safe``: they point at a person.
- ``start``/``end``/``today`` metadata leave as the month, or as the day when
  the questionnaire's settings ask for it (``privacy_dates = day``).
- Attachment answers leave only when the researcher ticked the attachment
  for export (and never when marked ``identifier``); the value becomes the
  attachment's name inside the bundle.

The input is the *exportable* answers (irrelevant answers already removed by
``FormState.exportable_answers()``), keyed by answer path.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from testimonio.exchange import derived, textnet
from testimonio.exchange.derived import band, generalise_derived
from testimonio.forms.model import AnswerValue, Privacy, Question, Questionnaire
from testimonio.forms.state_paths import model_path

__all__ = ["Pseudonymiser", "QuestionIndex", "ReviewItem", "as_date", "band", "generalise",
           "metadata_date", "model_path", "quasi_widths", "suppression_paths", "top_level_quasi",
           "typed_text_leaves"]

_NUMERIC_TYPES = frozenset({"integer", "decimal"})
_DATE_TYPES = frozenset({"date", "dateTime", "start", "end", "today"})
_ALWAYS_AS_ENTERED = frozenset(
    {"select_one", "select_multiple", "rank", "integer", "decimal", "date", "time",
     "dateTime", "acknowledge"}
)
_NEVER_BY_DEFAULT = frozenset({"geopoint", "deviceid", "username"})
_DERIVED_TYPES = frozenset({"calculate", "hidden"})
_TEXT_TYPES = frozenset({"text", "calculate", "hidden"})
_METADATA_DATES = frozenset({"start", "end", "today"})
# What Pseudonymiser.answers does with an answer path (QuestionIndex.actions).
_DROP, _KEEP, _RULES = range(3)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_HOUR = re.compile(r"\d{2}:")


def as_date(value: AnswerValue) -> str | None:
    """The ``YYYY-MM-DD`` part of a date or dateTime answer, if it has one."""
    if isinstance(value, str) and _DAY.match(value):
        return value[:10]
    return None


def metadata_date(questionnaire: Questionnaire, value: AnswerValue) -> str | None:
    """An interview-level or ``start``/``end``/``today`` date as it leaves:
    the month, or the day when the questionnaire asks for it."""
    day = as_date(value)
    if day is None:  # already a month (pseudonymising twice gives the same)
        return value if isinstance(value, str) and _MONTH.match(value) else None
    return day if questionnaire.privacy_dates == "day" else day[:7]


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
    if question.type == "time" and isinstance(value, str) and _HOUR.match(value):
        return value[:2] + ":00"
    return value


def _as_entered(q: Question) -> bool:
    """Whether every non-empty answer of ``q`` leaves as entered, unchecked.

    True for a ``safe`` answer and for a select, number, date or time that is
    no identifier, quasi-identifier, attachment or metadata: the rules of
    :meth:`Pseudonymiser.answers` then keep the value whatever it is. Anything
    else goes through those rules one answer at a time (mirrors the order of
    ``Pseudonymiser._leaves``).
    """
    if (q.privacy is Privacy.IDENTIFIER or q.privacy is Privacy.QUASI or q.type == "note"
            or q.is_attachment or q.type in _METADATA_DATES or q.type in _DERIVED_TYPES
            or q.type == "text"):  # typed text, safe or not, goes through the safety net
        return False
    if q.privacy is Privacy.SAFE:
        return True
    if q.type in _NEVER_BY_DEFAULT or q.type == "text" or q.type in _DERIVED_TYPES:
        return False
    return q.type in _ALWAYS_AS_ENTERED


def typed_text_leaves(question: Question) -> bool:
    """Whether what the interviewer types here leaves as entered, with no review:
    a text question marked ``safe`` or ``quasi`` (the interview view marks it)."""
    return question.type == "text" and question.privacy in (Privacy.SAFE, Privacy.QUASI)


_MAX_PATHS = 100_000  # answer paths whose kind an index remembers (each a few hundred bytes)

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
        self._rules: dict[str, derived.DerivedRule] = {}
        # Answer path -> whether its answer is an identifier's text (no attachment).
        self.identifying: dict[str, bool] = {}
        # Answer path -> what Pseudonymiser.answers does with it, and its question.
        self.actions: dict[str, tuple[int, Question | None]] = {}

    def _learn(self, answer_path: str) -> None:
        path = model_path(answer_path)
        node = self.questionnaire.node(path) if self.questionnaire.has_path(path) else None
        self._questions[answer_path] = node if isinstance(node, Question) else None
        self._repeats[answer_path] = node is not None and not isinstance(node, Question)

    def question(self, answer_path: str) -> Question | None:
        if answer_path not in self._questions:
            self._learn(answer_path)
        return self._questions[answer_path]

    def learn_identifying(self, answer_path: str) -> bool:
        """Whether answers at this path are an identifier's text, remembered in ``identifying``."""
        question = self.question(answer_path)
        found = (question is not None and question.privacy is Privacy.IDENTIFIER
                 and not question.is_attachment)
        if len(self.identifying) < _MAX_PATHS:
            self.identifying[answer_path] = found
        return found

    def learn_action(self, answer_path: str) -> tuple[int, Question | None]:
        """What :meth:`Pseudonymiser.answers` does with a non-empty answer at this
        path (_DROP, _KEEP or _RULES) and its question, remembered in ``actions``."""
        question = self.question(answer_path)
        if question is None:
            # A repeat's instance count says nothing about a person; unknown
            # paths never leave: nobody vetted them.
            action = _KEEP if self.is_repeat(answer_path) else _DROP
        else:
            action = _KEEP if _as_entered(question) else _RULES
        found = (action, question)
        if len(self.actions) < _MAX_PATHS:
            self.actions[answer_path] = found
        return found

    def is_repeat(self, answer_path: str) -> bool:
        if answer_path not in self._repeats:
            self._learn(answer_path)
        return self._repeats[answer_path]

    @property
    def top_level_quasi(self) -> list[Question]:
        """:func:`top_level_quasi`, remembered."""
        if not hasattr(self, "_quasi"):
            self._quasi = top_level_quasi(self.questionnaire)
        return self._quasi

    def rule(self, question: Question) -> derived.DerivedRule:
        """:func:`derived.classify` of a calculate/hidden question, remembered."""
        found = self._rules.get(question.path)
        if found is None:
            found = self._rules[question.path] = derived.classify(self.questionnaire, question)
        return found

    def is_quasi(self, question: Question) -> bool:
        """Marked quasi, or a derived value that reads a quasi-identifier or a date."""
        if question.type in _DERIVED_TYPES:
            return self.rule(question).how == derived.QUASI
        return question.privacy is Privacy.QUASI


@dataclass(frozen=True)
class ReviewItem:
    """A text waiting for the researcher's decision, and what the safety net found in it."""

    path: str  # answer path
    label: str
    value: str
    findings: tuple[textnet.Finding, ...] = ()


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
        released: Collection[str] = (),
    ) -> None:
        self.questionnaire = questionnaire
        self.reviewed = frozenset(reviewed)
        # Texts the safety net flagged that the researcher released, value by value.
        self.released = frozenset(released)
        self.held: list[tuple[str, str]] = []  # (answer path, what it looks like) kept back
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
        if question.type in _DERIVED_TYPES:
            return self._derived(answer_path, value, question)
        if privacy is Privacy.QUASI:
            return generalise(question, value)
        if question.type in _METADATA_DATES:
            return metadata_date(self.questionnaire, value)
        if privacy is Privacy.SAFE:
            return value
        if question.type in _NEVER_BY_DEFAULT:
            return None
        if question.type == "text":
            return value if answer_path in self.reviewed else None
        if question.type in _ALWAYS_AS_ENTERED:
            return value
        return None

    def _derived(self, answer_path: str, value: AnswerValue, question: Question) -> AnswerValue:
        how = self.index.rule(question).how
        if how == derived.STAYS:
            return None
        if how == derived.QUASI:
            return generalise_derived(question, value)
        if how == derived.REVIEW and isinstance(value, str):
            return value if answer_path in self.reviewed else None
        return value

    def answers(self, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
        """Every answer that may leave, generalised where the rules say.

        Every text that would leave (reviewed free text, ``safe`` and
        ``quasi`` texts, text of calculations) goes through the safety net of
        :mod:`testimonio.exchange.textnet`: one that holds an identifier of
        the interview, written any way, or looks like a phone number, a
        document number, an e-mail address or a birth date stays behind
        (listed in :attr:`held`) unless that exact value was released.
        """
        self.held = []
        out: dict[str, AnswerValue] = {}
        index = self.index
        actions = index.actions
        texts: list[tuple[str, str]] = []  # (path, text) of texts that would leave, checked below
        for path, value in answers.items():
            if value is None or value == "" or value == []:
                continue
            action, question = actions.get(path) or index.learn_action(path)
            if action == _KEEP:
                out[path] = value
                continue
            if action == _DROP or question is None:
                continue
            kept = self._leaves(path, value, question)
            if kept is None:
                continue
            if isinstance(kept, str) and question.type in _TEXT_TYPES and path not in self.released:
                texts.append((path, kept))
            out[path] = kept
        if texts:
            identifiers = list(self.identifiers(answers).values())
            plain = [text for _, text in texts]
            if not textnet.clearly_clean(plain, identifiers):  # most interviews: clean
                needles = textnet.Needles.of(identifiers)
                for path, text in texts:
                    kind = textnet.first_kind(text, needles)
                    if kind is not None:
                        self.held.append((path, kind))
                        del out[path]  # stays behind
        return out

    def _is_free_text(self, question: Question, value: AnswerValue) -> bool:
        if question.type == "text":
            return True
        if question.type not in _DERIVED_TYPES or not isinstance(value, str):
            return False
        return self.index.rule(question).how == derived.REVIEW

    def needs_review(self, answers: Mapping[str, AnswerValue], lang: str | None = None) -> list[ReviewItem]:
        """Texts that leave only after a decision: free text (reviewed or not),
        and any other text that would leave but that the safety net flags."""
        items = []
        needles = textnet.Needles.of(self.identifiers(answers).values())
        for path, value in answers.items():
            question = self.question(path)
            if question is None or not isinstance(value, str) or not value:
                continue
            free = question.privacy is Privacy.DEFAULT and self._is_free_text(question, value)
            if not free and (question.type not in _TEXT_TYPES
                             or self._leaves(path, value, question) is None):
                continue
            found = tuple(textnet.findings(value, needles))
            if free or found:
                items.append(ReviewItem(path, question.label.get(lang) or question.name, value, found))
        return items

    def identifiers(self, answers: Mapping[str, AnswerValue]) -> dict[str, str]:
        """The interview's identifier answers as text, to highlight in a review."""
        found: dict[str, str] = {}
        index = self.index
        identifying = index.identifying
        for path, value in answers.items():
            known = identifying.get(path)
            if known is None:
                known = index.learn_identifying(path)
            if known and value not in (None, ""):
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
    """Quasi-identifier questions outside any repeat, in form order (derived ones too)."""
    return [q for q in questionnaire.questions() if _quasi(questionnaire, q)
            and not _in_repeat(questionnaire, q.path)]


def quasi_in_repeats(questionnaire: Questionnaire) -> list[Question]:
    """Quasi-identifier questions inside repeats (blanked with their interview's key)."""
    return [q for q in questionnaire.questions() if _quasi(questionnaire, q)
            and _in_repeat(questionnaire, q.path)]


def _quasi(questionnaire: Questionnaire, q: Question) -> bool:
    if q.type in _DERIVED_TYPES:
        return derived.classify(questionnaire, q).how == derived.QUASI
    return q.privacy is Privacy.QUASI



def suppression_paths(questionnaire: Questionnaire) -> frozenset[str]:
    """Model paths blanked, beside the key, when an interview's quasi-identifiers are:
    quasi fields in repeats (derived ones too), and the texts that elaborate on a
    quasi select (``<select>_other``, or a text shown only for some of its answers)."""
    paths = {q.path for q in quasi_in_repeats(questionnaire)}
    selects = [q for q in questionnaire.questions()
               if q.privacy is Privacy.QUASI and q.type in {"select_one", "select_multiple"}]
    for q in questionnaire.questions():
        if q.type != "text" or q.privacy is Privacy.IDENTIFIER:
            continue
        for select in selects:
            if q.name == f"{select.name}_other" or "${" + select.name + "}" in (q.relevant or ""):
                paths.add(q.path)
    return frozenset(paths)


def quasi_widths(questionnaire: Questionnaire) -> dict[str, int]:
    """Band width of every quasi path (derived ones too), for one more generalisation step."""
    return {q.path: q.privacy_band for q in questionnaire.questions() if _quasi(questionnaire, q)}
