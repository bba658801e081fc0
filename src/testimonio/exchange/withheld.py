"""Why an answer the researcher had is missing (or coarser) in a bundle record.

A record's optional ``withheld`` field maps answer paths to one of
:data:`REASONS`, so the lead can tell a value that was withheld from one
that was never given. It carries paths and reasons, never values.

Only what the questionnaire alone cannot tell the lead is listed: the
decisions of one export for one interview. Identifiers, values worked out
from identifiers, geopoints, device ids and user names never leave under
the questionnaire's own rules, so the lead knows that from the form and
learning per interview whether they were answered would only say more.

- ``suppressed``: blanked by the k-anonymity check (the interview's group
  was smaller than k). Every top-level quasi-identifier of a suppressed
  interview is listed, answered or not, so the list does not say which of
  them were answered; the texts and repeat fields blanked with them are
  listed where they had a value.
- ``generalised``: sent, but one step coarser than the questionnaire says
  (a band twice as wide, a year instead of a month), to save the interview
  from suppression.
- ``not-reviewed``: free text (or a text worked out from it) the researcher
  did not release for export.
- ``held``: a text the safety net kept back (it looked like a phone
  number, a document number, an e-mail address, a birth date or a name of
  the interview).
- ``not-exported``: an attachment not ticked for export, or one that could
  not be cleaned.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from testimonio.exchange import derived
from testimonio.exchange.pseudonymise import Pseudonymiser
from testimonio.forms.model import AnswerValue, Privacy

SUPPRESSED, GENERALISED, NOT_REVIEWED, HELD, NOT_EXPORTED = (
    "suppressed", "generalised", "not-reviewed", "held", "not-exported")
REASONS = frozenset({SUPPRESSED, GENERALISED, NOT_REVIEWED, HELD, NOT_EXPORTED})
#: Reasons of a value that is absent from the record (the others are of values sent).
ABSENT = frozenset({SUPPRESSED, NOT_REVIEWED, HELD, NOT_EXPORTED})

_TEXT_TYPES = frozenset({"text", "calculate", "hidden"})
_FORM_SAYS = frozenset({"geopoint", "deviceid", "username"})


def _empty(value: AnswerValue) -> bool:
    return value is None or value == "" or value == []


def left_behind(pseudo: Pseudonymiser, before: Mapping[str, AnswerValue],
                after: Mapping[str, AnswerValue], held: Iterable[str] = ()) -> dict[str, str]:
    """The reasons of answers in ``before`` that ``pseudo`` kept out of ``after``.

    ``before`` are the exportable answers, ``after`` what leaves, ``held``
    the paths the safety net kept back (``pseudo.held``). Answers the
    questionnaire's rules alone keep in (see the module's docstring) are
    not listed.
    """
    kept_back = frozenset(held)
    out: dict[str, str] = {}
    for path, value in before.items():
        if path in after or _empty(value):
            continue
        question = pseudo.question(path)
        if question is None or question.privacy is Privacy.IDENTIFIER or question.type == "note":
            continue
        if path in kept_back:
            out[path] = HELD
        elif question.is_attachment:
            out[path] = NOT_EXPORTED
        elif question.type in _FORM_SAYS and question.privacy is not Privacy.SAFE:
            continue
        elif question.type in derived.DERIVED_TYPES:
            if pseudo.index.rule(question).how == derived.REVIEW:
                out[path] = NOT_REVIEWED
        elif question.type == "text":
            out[path] = NOT_REVIEWED
    return out


def suppressed(quasi_paths: Collection[str], blanked: Iterable[str],
               answers: Mapping[str, AnswerValue]) -> dict[str, str]:
    """The reasons a suppressed interview adds: every top-level quasi path, and the
    other blanked paths (repeat quasi fields, ``_other`` texts) that had a value."""
    out = dict.fromkeys(quasi_paths, SUPPRESSED)
    out.update({p: SUPPRESSED for p in blanked if p in answers and not _empty(answers[p])})
    return out
