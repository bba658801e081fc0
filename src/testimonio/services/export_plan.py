"""What one export will carry: pseudonymised records, attachments, k-anonymity.

:func:`plan_record` turns one interview (as read from the vault) into the
record that leaves, under its export id, and the rows the preview shows.
:class:`ExportPlan` gathers them, runs the k-anonymity check and, when asked,
blanks the quasi-identifiers of interviews in small groups. The plan is
exactly what the bundle will hold: ``export --preview`` prints
:meth:`ExportPlan.to_json` and the exporter writes :attr:`PlannedRecord.record`.

Record format (one JSON object a line in the bundle)::

    {"export_id": "<32 hex>", "form_id": ..., "form_version": ...,
     "revision": 3, "site": ..., "language": ...,
     "started": "YYYY-MM-DD", "completed": "YYYY-MM-DD",
     "answers": {"<answer path>": value, ...},
     "attachments": [{"name": ..., "path": ..., "mime": ..., "size": n, "sha256": ...}],
     "withheld": {"<answer path>": "suppressed" | "generalised" | ..., ...}}

``withheld`` lists the answers this export kept back or coarsened, and why
(:mod:`testimonio.exchange.withheld`): paths and reasons, never values.

Sizes, hashes and media types of attachments are those of the cleaned
(re-encoded) pictures, worked out while planning, so the preview shows what
will leave; the exporter re-encodes them again while writing and refuses if
a hash differs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from testimonio.exchange import withheld
from testimonio.exchange.bundle import EncodedRecords, RecordEncoder
from testimonio.exchange.kanon import QuasiRecord, SmallGroup, coarse, small_groups
from testimonio.exchange.pseudonymise import (
    Pseudonymiser,
    QuestionIndex,
    metadata_date,
)
from testimonio.forms.model import AnswerValue, Privacy, Question, Questionnaire
from testimonio.services.planned_record import (
    HELD_HOW,
    PlannedRecord,
    PreviewValue,
    StoredAttachment,
)

__all__ = ["LOAD_CHUNK", "ExportPlan", "InterviewToExport", "PlannedRecord", "PreviewValue",
           "StoredAttachment", "describe_groups", "describe_left_out", "plan_record"]

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}
LOAD_CHUNK = 500  # records worked out again from the vault at a time


@dataclass(frozen=True)
class InterviewToExport:
    """One complete interview read from the vault (never leaves as such)."""

    id: str  # vault id: stays local
    export_id: str
    form_id: str
    form_version: str
    revision: int
    site: str
    language: str
    created_at: str
    updated_at: str
    answers: Mapping[str, AnswerValue]  # exportable (relevant) answers
    reviewed: frozenset[str] = frozenset()
    attachments: tuple[StoredAttachment, ...] = ()
    released: frozenset[str] = frozenset()  # flagged texts released value by value


def _text(value: AnswerValue) -> str:
    if isinstance(value, list):
        return " ".join(value)
    return "" if value is None else str(value)


def _how(question: Question | None, before: AnswerValue, after: AnswerValue, reviewed: bool,
         index: QuestionIndex) -> str:
    if question is None:
        return "as entered"
    if question.is_attachment:
        return "attachment"
    if question.type in {"start", "end", "today"} and question.privacy is not Privacy.QUASI:
        return "date only" if index.questionnaire.privacy_dates == "day" else "month"
    if index.is_quasi(question):
        return "generalised" if before != after else "as entered (quasi-identifier)"
    return "reviewed" if reviewed else "as entered"


def plan_record(interview: InterviewToExport, questionnaire: Questionnaire,
                lang: str | None = None, index: QuestionIndex | None = None) -> PlannedRecord:
    """The record of one interview, pseudonymised by the questionnaire's rules."""
    names: dict[str, str] = {}
    chosen: list[tuple[StoredAttachment, str]] = []
    left_out: list[str] = []
    for n, att in enumerate(interview.attachments, start=1):
        if not att.cleanable:
            left_out.append(f"{interview.export_id}: attachment at {att.path} ({att.mime}) "
                            f"stays in the vault: {att.problem}")
            continue
        name = f"{interview.export_id}-{n}{_EXTENSIONS.get(att.clean_mime, '.bin')}"
        names[att.id] = name
    pseudo = Pseudonymiser(questionnaire, interview.reviewed, names, index, interview.released)
    answers = pseudo.answers(interview.answers)
    held = list(pseudo.held)
    if names:
        used = {str(v) for v in answers.values() if isinstance(v, str)}
        for att in interview.attachments:
            if att.id in names and names[att.id] in used:
                chosen.append((att, names[att.id]))

    def preview() -> list[PreviewValue]:
        rows = []
        for path, value in answers.items():
            question = pseudo.question(path)
            label = question.label.get(lang, questionnaire.default_language) if question else ""
            rows.append(PreviewValue(path, label or path, _text(value),
                                     _how(question, interview.answers.get(path), value,
                                          path in interview.reviewed, pseudo.index)))
        for path, kind in held:  # shown, marked, so the researcher sees why it stays
            question = pseudo.question(path)
            label = question.label.get(lang, questionnaire.default_language) if question else ""
            rows.append(PreviewValue(path, label or path, _text(interview.answers.get(path)),
                                     f"{HELD_HOW}{kind}"))
        return rows

    quasi = QuasiRecord.of(interview.export_id, interview.form_id,
                           {q.path: answers.get(q.path) for q in pseudo.index.top_level_quasi})
    record: dict[str, Any] = {
        "export_id": interview.export_id,
        "form_id": interview.form_id,
        "form_version": interview.form_version,
        "revision": interview.revision,
        "site": interview.site,
        "language": interview.language,
        "started": metadata_date(questionnaire, interview.created_at),
        "completed": metadata_date(questionnaire, interview.updated_at),
        "answers": answers,
        "attachments": [
            {"name": name, "path": att.path, "mime": att.clean_mime, "size": att.clean_size,
             "sha256": att.clean_sha256}
            for att, name in chosen
        ],
        # Always present (maybe empty): a record without it comes from an older program.
        "withheld": withheld.left_behind(pseudo, interview.answers, answers, (p for p, _ in held)),
    }
    return PlannedRecord(interview.id, interview.revision, record, preview, quasi, chosen, left_out,
                         held)


@dataclass
class ExportPlan:
    """Every record of one export and the k-anonymity verdict over them."""

    records: list[PlannedRecord]
    previous: list[QuasiRecord]
    k: int
    sequence: int
    recipient_fingerprint: str = ""
    groups: list[SmallGroup] = field(default_factory=list)
    suppressed_ids: set[str] = field(default_factory=set)
    # Sentences on what could still be worked out from values that leave.
    risks: list[str] = field(default_factory=list)
    # form id -> quasi path -> band width (for one more generalisation step).
    widths: dict[str, dict[str, int]] = field(default_factory=dict)
    # form id -> model paths blanked with an interview's quasi-identifiers.
    blank_also: dict[str, frozenset[str]] = field(default_factory=dict)
    coarsened: set[str] = field(default_factory=set)
    # The records as encoded while planning, in order (None: the records are in memory).
    encoded: EncodedRecords | None = None

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> list[SmallGroup]:
        """(Re)compute the small groups this export would create or grow."""
        self.groups = small_groups(self.previous, (r.quasi for r in self.records), self.k,
                                   self.coarsened, self.widths)
        return self.groups

    def suppress_small_groups(self) -> None:
        """Save interviews of small groups by one more generalisation step, else blank them.

        First their quasi-identifiers go one step coarser (bands twice as
        wide, months as years); those whose coarser values are shared by at
        least k interviews leave so. The rest are blanked: their
        quasi-identifiers (derived ones too), the quasi fields in repeats and
        the texts that elaborate on a quasi select (``_other``).
        """
        members = {m for g in self.groups for m in g.in_bundle}
        if not members:
            return
        self.coarsened |= members
        self.check()
        still = {m for g in self.groups for m in g.in_bundle}
        for planned in self.records:
            eid = planned.export_id
            if eid in still:
                planned.blank(frozenset(p for p, _ in planned.quasi.values),
                              self.blank_also.get(planned.form_id, frozenset()))
                self.suppressed_ids.add(eid)
                self.coarsened.discard(eid)
            elif eid in members:
                planned.coarsen(coarse(planned.quasi, self.widths))
        self.check()

    def loaded(self, values: bool = False) -> Iterator[PlannedRecord]:
        """Every planned record with its record in memory, one chunk at a time.

        Released records take their record from the records encoded while
        planning (``values``: worked out again from the vault, with their
        preview rows, a chunk at a time), and are released again after.
        """
        if self.encoded is not None and not values:
            for planned, record in zip(self.records, self.encoded, strict=True):
                if planned.loaded:
                    yield planned
                    continue
                planned.take_record(record)
                yield planned
                planned.release()
            return
        for start in range(0, len(self.records), LOAD_CHUNK):
            chunk = self.records[start:start + LOAD_CHUNK]
            missing = [r for r in chunk if not r.loaded]
            if missing:
                missing[0].load_all(missing)
            yield from chunk
            for r in missing:
                r.release()

    def encoded_records(self) -> EncodedRecords:
        """The records as the bundle holds them (encoded while planning, unless changed since)."""
        if self.encoded is not None and not any(r.changed_by_plan for r in self.records):
            return self.encoded
        encoder = RecordEncoder()
        for planned in self.loaded():
            encoder.add(planned.record)
        return encoder.finish()

    @property
    def left_out(self) -> list[str]:
        return [note for r in self.records for note in r.left_out]

    def to_json(self) -> dict[str, Any]:
        """Exactly what would leave, plus what the check found (``export --preview``)."""
        return {
            "sequence": self.sequence,
            "recipient_fingerprint": self.recipient_fingerprint,
            "k": self.k,
            "interviews": len(self.records),
            "records": [r.record for r in self.loaded()],
            "small_groups": [
                {"form_id": g.form_id, "values": dict(g.values), "size": g.size,
                 "interviews": list(g.in_bundle)} for g in self.groups
            ],
            "blanked": sorted(self.suppressed_ids),
            "left_out": self.left_out,
            "held_back": [{"export_id": r.export_id, "path": p, "looks_like": kind}
                          for r in self.records for p, kind in r.held],
            "risks": list(self.risks),
        }


def describe_groups(groups: Sequence[SmallGroup], k: int) -> str:
    """The refusal sentence listing small groups (PrivacyRisk)."""
    lines = "\n".join(f"  - {g.describe()}" for g in groups)
    return (f"This export would leave {len(groups)} group(s) of fewer than {k} people who share "
            f"the same quasi-identifiers, so they could be recognised:\n{lines}\n"
            "Use --suppress-small-groups to blank those answers in this bundle, or "
            "--accept-risk to export anyway.")


def describe_left_out(notes: Sequence[str]) -> str:
    """The sentence listing attachments that stay although ticked (asks for agreement)."""
    lines = "\n".join(f"  - {note}" for note in notes)
    return (f"{len(notes)} attachment(s) ticked for export cannot be cleaned and would stay "
            f"in the vault:\n{lines}\nUntick them, or agree to export the rest without them "
            "(--accept-risk, or answer yes when asked).")
