"""How a derived value (``calculate``/``hidden``) may leave: read what it reads.

A calculation repeats what it reads in another form: ``age`` computed from an
exact birth date is as identifying as the birth date, and ``days_waited``
together with the interview date gives the claim date back to the day. So a
derived value is classed by everything its expression reads, directly or
through other calculations:

- reads an identifier: **stays** (never leaves, whatever the value);
- reads free text, a geopoint, a device id or a user name (not ``safe``):
  its text is treated as **free text** (leaves only when reviewed);
- reads a quasi-identifier or any date (a date question, ``start``,
  ``end``, ``today``, or ``today()``/``now()``): **quasi** — numbers leave as
  a band (width from the row's ``privacy_band``), dates as the month, and
  the value is part of the k-anonymity key;
- reads nothing of the above: leaves **as entered**.

An explicit mark on the calculation's row is honoured (``identifier``:
stays; ``quasi``: quasi; ``safe``: as entered) except that one reading an
identifier never leaves. A reference the questionnaire does not define, or
an absolute path, is read as free text: nobody vetted it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from testimonio.forms.model import AnswerValue, Privacy, Question, Questionnaire

DERIVED_TYPES = frozenset({"calculate", "hidden"})
DATE_TYPES = frozenset({"date", "dateTime", "start", "end", "today"})
POINTING_TYPES = frozenset({"text", "geopoint", "deviceid", "username"})
_REF = re.compile(r"\$\{([^}]+)\}")
_NOW = re.compile(r"\b(today|now)\s*\(")
_ABSOLUTE = re.compile(r"/[A-Za-z_]")

STAYS, REVIEW, QUASI, AS_ENTERED = "stays", "review", "quasi", "as entered"


@dataclass(frozen=True)
class DerivedRule:
    """How one derived value leaves, and what made it so."""

    how: str  # STAYS, REVIEW, QUASI or AS_ENTERED
    identifiers: tuple[str, ...] = ()  # names of identifiers it reads
    private: tuple[str, ...] = ()  # free text / pointing answers it reads
    quasi: tuple[str, ...] = ()  # quasi-identifiers it reads
    dates: tuple[str, ...] = ()  # dates it reads ("today()" for the clock)


def _reads(questionnaire: Questionnaire, question: Question) -> tuple[set[str], bool]:
    """Names read by ``question``'s calculation, through other calculations; and
    whether it reads something no name stands for (absolute paths, unknown names)."""
    seen: set[str] = set()
    unknown = False
    todo = [question]
    while todo:
        current = todo.pop()
        expr = current.calculation or ""
        if _ABSOLUTE.search(_REF.sub("", expr)):
            unknown = True
        if _NOW.search(expr):
            seen.add("today()")
        for name in _REF.findall(expr):
            if name in seen:
                continue
            seen.add(name)
            try:
                node = questionnaire.by_name(name)
            except KeyError:
                unknown = True
                continue
            if isinstance(node, Question) and node.type in DERIVED_TYPES:
                todo.append(node)
    return seen, unknown


def classify(questionnaire: Questionnaire, question: Question) -> DerivedRule:
    """The rule a derived question's values leave by (see the module)."""
    names, unknown = _reads(questionnaire, question)
    idents: list[str] = []
    private: list[str] = []
    quasi: list[str] = []
    dates: list[str] = ["today()"] if "today()" in names else []
    for name in sorted(names - {"today()"}):
        try:
            node = questionnaire.by_name(name)
        except KeyError:
            continue
        if not isinstance(node, Question):
            continue
        if node.privacy is Privacy.IDENTIFIER:
            idents.append(name)
        elif node.type in POINTING_TYPES and node.privacy is not Privacy.SAFE:
            private.append(name)
        if node.privacy is Privacy.QUASI:
            quasi.append(name)
        if node.type in DATE_TYPES:
            dates.append(name)
    found = (tuple(idents), tuple(private), tuple(quasi), tuple(dates))
    if idents or question.privacy is Privacy.IDENTIFIER:
        return DerivedRule(STAYS, *found)
    if question.privacy is Privacy.SAFE:
        return DerivedRule(AS_ENTERED, *found)
    if private or unknown:
        return DerivedRule(REVIEW, *found)
    if quasi or dates or question.privacy is Privacy.QUASI:
        return DerivedRule(QUASI, *found)
    return DerivedRule(AS_ENTERED, *found)


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def band(value: float, width: int) -> str:
    """The band of ``width`` holding ``value``: ``band(34, 10) == "30-39"``."""
    width = max(1, width)
    low = math.floor(value / width) * width
    return f"{low}-{low + width - 1}"


def generalise_derived(question: Question, value: AnswerValue, width: int | None = None) -> AnswerValue:
    """A quasi derived value generalised: a number as a band, a date as its month."""
    width = question.privacy_band if width is None else width
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return band(value, width)
    if isinstance(value, str):
        text = value.strip()
        if _NUMBER.match(text):
            return band(float(text) if "." in text else int(text), width)
        if _DAY.match(text):
            return text[:7]
    return value


def describe(questionnaire: Questionnaire) -> list[str]:
    """One line per derived value and how it leaves (``forms check``)."""
    lines = []
    for q in questionnaire.questions():
        if q.type not in DERIVED_TYPES:
            continue
        rule = classify(questionnaire, q)
        if rule.how == STAYS:
            why = f"stays in the vault (reads the identifier {', '.join(rule.identifiers) or q.name})"
        elif rule.how == REVIEW:
            why = "text leaves only when reviewed (reads " + (
                ", ".join(rule.private) or "something the questionnaire does not name") + ")"
        elif rule.how == QUASI:
            read = ", ".join(rule.quasi + tuple(d for d in rule.dates if d not in rule.quasi))
            why = (f"quasi-identifier: numbers as bands of {q.privacy_band}, dates as the month"
                   + (f" (reads {read})" if read else ""))
        else:
            why = "leaves as entered" + (" (marked safe)" if q.privacy is Privacy.SAFE else "")
        lines.append(f"{q.path}: {why}")
    return lines


def recompute_risks(questionnaire: Questionnaire) -> list[str]:
    """Sentences for the preview: values that leave exactly and let a reader
    recompute a date that was generalised or blanked (a date plus a day count)."""
    risks = []
    day_dates = questionnaire.privacy_dates == "day"
    if day_dates:
        risks.append(f"{questionnaire.form_id}: start, end, today and the interview dates leave as "
                     "the day (the questionnaire's setting privacy_dates = day), not the month.")
    for q in questionnaire.questions():
        if q.type not in DERIVED_TYPES:
            continue
        rule = classify(questionnaire, q)
        exact = rule.how == AS_ENTERED or (rule.how == QUASI and q.privacy_band <= 1)
        dates = [d for d in rule.dates if d != "today()"]
        if exact and dates:
            risks.append(
                f"{questionnaire.form_id}: {q.name} leaves exactly and is computed from "
                f"{', '.join(dates)}: with the dates that leave, the lead can recompute "
                "a date that was generalised or blanked.")
        elif day_dates and rule.how == QUASI and ("today()" in rule.dates or any(
                _is_metadata(questionnaire, d) for d in dates)):
            risks.append(
                f"{questionnaire.form_id}: {q.name} counts from the interview date, which leaves as "
                "the day: a narrow band of it narrows the dates it was computed from.")
    return risks


def _is_metadata(questionnaire: Questionnaire, name: str) -> bool:
    try:
        node = questionnaire.by_name(name)
    except KeyError:
        return False
    return isinstance(node, Question) and node.type in {"start", "end", "today"}
