"""Checks of an imported record against the questionnaire version it names.

The bundle is authenticated before any record is read, but a signed record
can still be wrong (another program version, a bug, a researcher's tool gone
astray): every field is checked here, and an answer a correct exporter
would never send (an identifier, an unknown path, a value of the wrong type)
refuses the whole bundle.

Answer values follow the questionnaire's own rules, the ones the form state
applies while an interviewer types (:func:`forms.state_values.type_problem`):
one set of rules for both sides. Import adds only what the exporter's
generalisation makes (exchange/pseudonymise.py): bands like ``"30-39"`` for
numeric quasi-identifiers, months like ``"2019-11"`` for their dates, and
the day alone for the start, end and today metadata.

:class:`RecordChecker` works each answer path out once per questionnaire
(10 000 interviews repeat a few dozen paths), not with regular expressions
and look-ups for every answer.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from testimonio.exchange import withheld
from testimonio.exchange.pseudonymise import quasi_widths, suppression_paths
from testimonio.exchange.teamfile import is_plain_text
from testimonio.forms.model import Group, Privacy, Question, Questionnaire
from testimonio.forms.state_paths import MAX_INSTANCES, model_path
from testimonio.forms.state_values import takes_any_text, type_problem

RECORD_FIELDS = frozenset({"export_id", "form_id", "form_version", "revision", "site", "language",
                           "started", "completed", "answers", "attachments"})
#: Fields a record may carry besides those (older programs did not write them).
OPTIONAL_FIELDS = frozenset({"withheld"})
ATTACHMENT_FIELDS = frozenset({"name", "path", "mime", "size", "sha256"})
MAX_TEXT = 100_000
#: Problems listed in a refusal; reading stops at this many.
MAX_PROBLEMS = 20
#: Answer paths remembered per questionnaire: bounded, since repeat indexes
#: in a hostile record could name a million distinct paths.
_MAX_CACHED_PATHS = 20_000
#: Accepted (path, value) pairs remembered per questionnaire: select answers,
#: bands and numbers repeat across 10 000 interviews. Bounded, like the paths.
_MAX_CACHED_VALUES = 4_096
#: Answer types whose acceptance may be remembered (hashable, and their
#: check depends only on the question and the value itself); texts only when
#: short (a long text rarely repeats and would make the memory grow).
_SCALARS = (str, int, bool)  # not floats: -0.0 == 0.0 and NaN != NaN
_MAX_CACHED_TEXT = 64
# fullmatch everywhere: "$" would let a trailing newline through.
_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
# A repeat instance in a path: at most MAX_INSTANCES, as the form state holds
# (forms.state_paths; a lead's program could not open a larger one).
_INDEX = re.compile(r"\[(\d+)\]")
_PATH = re.compile(r"[A-Za-z_][\w.-]*(\[[1-9]\d{0,5}\])?(/[A-Za-z_][\w.-]*(\[[1-9]\d{0,5}\])?)*")
_BAND = re.compile(r"-?\d{1,18}--?\d{1,18}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_ATTACHMENT_NAME = re.compile(r"[0-9a-f]{32}-\d{1,4}\.(jpg|png)")
_MIMES = frozenset({"image/jpeg", "image/png"})
_DATE_TYPES = frozenset({"date", "dateTime", "start", "end", "today"})
_METADATA_DATES = frozenset({"start", "end", "today"})

# What an answer path names, worked out once: (kind, node). Kinds:
_UNKNOWN, _MALFORMED, _REPEAT, _NOT_REPEAT, _IDENTIFIER, _NOTE, _QUESTION, _ANY_TEXT = range(8)
# _ANY_TEXT: a question any text up to MAX_TEXT answers (takes_any_text, not an
# attachment); both are questions.
_QUESTIONS = (_QUESTION, _ANY_TEXT)


class RecordChecker:
    """Checks records of one questionnaire version, remembering what each path names."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self._paths: dict[str, tuple[int, Question | None]] = {}
        self._choices: dict[str, frozenset[str]] = {}
        self._questions = -1  # how many questions the form has, counted when first needed
        self._fits: dict[str, frozenset[str]] | None = None  # reason -> model paths it may name
        # (path, type, value) of answers already accepted; the type keeps True apart from 1.
        self._accepted: set[tuple[str, type, Any]] = set()

    def _learn(self, path: Any) -> tuple[int, Question | None]:
        # Only well-formed paths are remembered, so a remembered one needs no regex.
        found = self._paths.get(path) if type(path) is str else None
        if found is not None:
            return found
        if not isinstance(path, str) or len(path) > 1000 or not _PATH.fullmatch(path) \
                or any(int(index) > MAX_INSTANCES for index in _INDEX.findall(path)):
            return _MALFORMED, None
        q = self.questionnaire
        mpath = model_path(path)
        node = q.node(mpath) if q.has_path(mpath) else None
        if node is None:
            found = (_UNKNOWN, None)
        elif isinstance(node, Group):
            found = (_REPEAT if node.repeat else _NOT_REPEAT, None)
        elif node.privacy is Privacy.IDENTIFIER:
            found = (_IDENTIFIER, node)
        elif node.type == "note":
            found = (_NOTE, node)
        elif takes_any_text(node) and not node.is_attachment:
            found = (_ANY_TEXT, node)
        else:
            found = (_QUESTION, node)
        if len(self._paths) >= _MAX_CACHED_PATHS:
            self._paths.clear()
        self._paths[path] = found
        return found

    def value_ok(self, q: Question, value: Any, names: set[str]) -> bool:
        """Whether ``value`` may be the answer of ``q`` in a bundle."""
        if isinstance(value, str) and len(value) > MAX_TEXT:
            return False
        if q.is_attachment:
            return isinstance(value, str) and value in names
        if isinstance(value, str) and _generalised(q, value):
            return True
        if q.type == "decimal" and isinstance(value, int) and not isinstance(value, bool):
            try:
                value = float(value)  # JSON may write a whole decimal as 5; the form state reads 5.0
            except OverflowError:  # more than a float holds: no number a form state makes
                return False
        choices = self._choices.get(q.path)
        if choices is None:
            choices = self._choices[q.path] = frozenset(c.name for c in q.choices)
        return type_problem(q, value, choices) is None

    def problems(self, record: Any) -> list[str]:
        """Every way ``record`` breaks the format or its questionnaire (empty if none)."""
        if not isinstance(record, dict) or not RECORD_FIELDS <= set(record) <= RECORD_FIELDS | OPTIONAL_FIELDS:
            return ["a record does not have the expected fields"]
        eid = record["export_id"]
        if not isinstance(eid, str) or not _HEX32.fullmatch(eid):
            return ["a record has a malformed export id"]
        problems = _field_problems(record, eid)
        names, att_problems = _attachment_names(record["attachments"], eid)
        problems += att_problems
        answers = record["answers"]
        if not isinstance(answers, dict):
            return problems + [f"record {eid}: answers is not an object"]
        self._answer_problems(answers, names, eid, problems)
        if "withheld" in record and len(problems) < MAX_PROBLEMS:
            problems += self.withheld_problems(record["withheld"], answers, eid)
        return problems

    def _answer_problems(self, answers: dict[Any, Any], names: set[str], eid: str, problems: list[str]) -> None:
        """Add what is wrong with each answer to ``problems`` (at most MAX_PROBLEMS in all)."""
        accepted, paths = self._accepted, self._paths
        for path, value in answers.items():
            kind, node = paths.get(path) or self._learn(path)
            if kind == _ANY_TEXT and type(value) is str and len(value) <= MAX_TEXT:
                # Any text is valid (what value_ok would find), and not remembered:
                # free texts rarely repeat and would push out the values that do.
                continue
            seen = _memo_key(path, value)
            if seen is not None and seen in accepted:
                continue  # the same answer to the same question passed every check before
            if kind in _QUESTIONS and node is not None and self.value_ok(node, value, names):
                if seen is not None and not node.is_attachment:  # an attachment's check needs its record
                    if len(accepted) >= _MAX_CACHED_VALUES:
                        accepted.clear()
                    accepted.add(seen)
                continue  # the common case, kept first: an import checks every answer
            problem = self._answer_problem(eid, path, value, kind, node)
            if problem is not None:
                problems.append(problem)
            if len(problems) >= MAX_PROBLEMS:
                break

    def _answer_problem(self, eid: str, path: Any, value: Any, kind: int, node: Question | None) -> str | None:
        """What is wrong with one answer that is not a valid value of a question, if anything."""
        q = self.questionnaire
        if kind == _MALFORMED:
            return f"record {eid}: malformed answer path {str(path)[:80]!r}"
        if kind == _UNKNOWN:
            return f"record {eid}: {path} is not a question of {q.form_id} version {q.version}"
        if kind == _REPEAT and isinstance(value, int) and not isinstance(value, bool) \
                and 0 <= value <= MAX_INSTANCES:
            return None
        if kind in (_REPEAT, _NOT_REPEAT):
            return f"record {eid}: {path} is not a repeat count"
        if kind == _IDENTIFIER:
            return f"record {eid}: carries the identifier {path}, which must never leave a vault"
        if node is not None:
            return f"record {eid}: {path} has a value of the wrong kind for a {node.type} question"
        return None

    def withheld_problems(self, found: Any, answers: dict[str, Any], eid: str) -> list[str]:
        """Every way a record's ``withheld`` field (path → reason) is wrong.

        Bounded before it is read: at most one entry per question of the form
        for the interview and each repeat instance its answers count (so never
        more than the record's size allows); every path a question of the
        form version that may leave, every reason one the exporter writes,
        and it must agree with the answers (a generalised value is there,
        a withheld one is not).
        """
        if not isinstance(found, dict):
            return [f"record {eid}: withheld is not an object"]
        if self._questions < 0:
            self._questions = sum(1 for _ in self.questionnaire.questions())
        if len(found) > self._questions:  # else within the bound whatever the answers count
            instances = sum(v for p, v in answers.items() if isinstance(v, int) and not isinstance(v, bool)
                            and self._learn(p)[0] == _REPEAT)
            bound = self._questions * (1 + max(0, min(instances, 10**6)))
            if len(found) > bound:
                return [f"record {eid}: lists {len(found)} withheld answers, more than its "
                        f"questionnaire has ({bound})"]
        problems: list[str] = []
        for path, reason in found.items():
            problem = self._withheld_problem(path, reason, answers, eid)
            if problem:
                problems.append(problem)
            if len(problems) >= MAX_PROBLEMS:
                break
        return problems

    def _withheld_problem(self, path: str, reason: Any, answers: dict[str, Any], eid: str) -> str:
        """What is wrong with one ``withheld`` entry ("" if nothing)."""
        kind, node = self._learn(path)
        if kind not in _QUESTIONS or node is None:
            return (f"record {eid}: withheld names {str(path)[:80]!r}, which is not a question of "
                    f"{self.questionnaire.form_id} version {self.questionnaire.version} that may leave")
        if not isinstance(reason, str) or reason not in withheld.REASONS:
            return (f"record {eid}: withheld gives {str(reason)[:40]!r} as the reason for {path}, "
                    "which is not a known reason")
        if (reason == withheld.GENERALISED) == (path not in answers):
            return f"record {eid}: withheld says {path} is {reason}, which its answers contradict"
        if self._fits is None:  # quasi paths (derived too), and what suppression blanks with them
            quasi = frozenset(quasi_widths(self.questionnaire))
            self._fits = {withheld.GENERALISED: quasi,
                          withheld.SUPPRESSED: quasi | suppression_paths(self.questionnaire)}
        allowed = self._fits.get(reason)
        if allowed is not None and node.path not in allowed:
            return (f"record {eid}: withheld says {path} is {reason}, which the export never does "
                    "to that question")
        return ""


def _generalised(q: Question, value: str) -> bool:
    """A value only the exporter's generalisation makes: a band, a month, a day, and
    a year (a quasi date one step coarser, kanon.coarser, to save it from suppression)."""
    if q.privacy is Privacy.QUASI:
        if q.type in ("integer", "decimal"):
            return bool(_BAND.fullmatch(value))
        if q.type in _DATE_TYPES:
            return bool(_MONTH.fullmatch(value) or _YEAR.fullmatch(value))
    # start/end/today leave as the month, or the day if the questionnaire asks
    # (pseudonymise.metadata_date).
    return q.type in _METADATA_DATES and bool(_DAY.fullmatch(value) or _MONTH.fullmatch(value))


def _field_problems(record: dict[str, Any], eid: str) -> list[str]:
    problems: list[str] = []
    rev = record["revision"]
    if not isinstance(rev, int) or isinstance(rev, bool) or not 1 <= rev < 2**62:
        problems.append(f"record {eid}: bad revision")
    for name in ("form_id", "form_version", "site", "language"):
        # Names shown to the lead: bounded plain text, as in the team file.
        value = record[name]
        if not isinstance(value, str) or len(value) > 200 or not _plain_name(value):
            problems.append(f"record {eid}: bad {name}")
    for name in ("started", "completed"):
        value = record[name]
        if value is not None and not (isinstance(value, str)
                                      and (_DAY.fullmatch(value) or _MONTH.fullmatch(value))):
            problems.append(f"record {eid}: {name} is not a date")
    return problems


def _memo_key(path: Any, value: Any) -> tuple[str, type, Any] | None:
    """The key an accepted answer is remembered by, or None if it is not remembered."""
    kind = type(value)
    if kind not in _SCALARS or (kind is str and len(value) > _MAX_CACHED_TEXT):
        return None
    return (path, kind, value)


@functools.lru_cache(maxsize=1024)
def _plain_name(value: str) -> bool:
    """is_plain_text, remembered: a bundle repeats a few sites and languages in every record."""
    return is_plain_text(value)


def _attachment_names(atts: Any, eid: str) -> tuple[set[str], list[str]]:
    names: set[str] = set()
    if not isinstance(atts, list):
        return names, [f"record {eid}: attachments is not a list"]
    problems: list[str] = []
    for att in atts[:1000]:
        if not isinstance(att, dict) or set(att) != ATTACHMENT_FIELDS:
            problems.append(f"record {eid}: an attachment entry is malformed")
            continue
        name = att["name"]
        if (not isinstance(name, str) or not _ATTACHMENT_NAME.fullmatch(name)
                or not name.startswith(eid) or name in names):
            problems.append(f"record {eid}: attachment name {str(name)[:80]!r} is not allowed")
            continue
        size, digest, path = att["size"], att["sha256"], att["path"]
        if (att["mime"] not in _MIMES or not isinstance(size, int) or isinstance(size, bool)
                or size < 0 or not isinstance(digest, str) or not _HEX64.fullmatch(digest)
                or not isinstance(path, str) or len(path) > 1000):
            problems.append(f"record {eid}: attachment {name} is malformed")
            continue
        names.add(name)
    if len(atts) > 1000:
        problems.append(f"record {eid}: too many attachments")
    return names, problems


def record_problems(record: Any, questionnaire: Questionnaire) -> list[str]:
    """Every way ``record`` breaks the format or its questionnaire (empty if none).

    One record on its own; an import shares one :class:`RecordChecker` per
    questionnaire instead.
    """
    return RecordChecker(questionnaire).problems(record)
