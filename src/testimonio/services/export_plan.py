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

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from testimonio.exchange import withheld
from testimonio.exchange.bundle import EncodedRecords, RecordEncoder
from testimonio.exchange.kanon import QuasiRecord, SmallGroup, coarse, small_groups, suppressed
from testimonio.exchange.pseudonymise import (
    Pseudonymiser,
    QuestionIndex,
    metadata_date,
    model_path,
)
from testimonio.forms.model import AnswerValue, Privacy, Question, Questionnaire

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}
LOAD_CHUNK = 500  # records worked out again from the vault at a time


@dataclass(frozen=True)
class StoredAttachment:
    """An attachment ticked for export, and what cleaning it gives.

    ``problem`` is the sentence saying why it cannot leave (empty when it
    was cleaned); ``clean_*`` describe the re-encoded picture that leaves.
    """

    id: str
    path: str
    mime: str
    size: int
    problem: str = ""
    clean_mime: str = ""
    clean_size: int = 0
    clean_sha256: str = ""

    @property
    def cleanable(self) -> bool:
        return not self.problem


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


@dataclass(frozen=True)
class PreviewValue:
    """One value as it leaves, for the preview table."""

    path: str
    label: str
    value: str
    how: str  # "as entered", "generalised", "reviewed", "date only", "attachment", "blanked"


Loader = Callable[[list["PlannedRecord"]], None]


class _Extra(NamedTuple):
    """What few planned records hold: attachments, notes, held texts, the plan's later steps."""

    attachments: tuple[tuple[StoredAttachment, str], ...] = ()
    left_out: tuple[str, ...] = ()
    held: tuple[tuple[str, str], ...] = ()
    # What the plan decided after planning, replayed on a reloaded record:
    # ("coarsen", {path: wider value}) or ("blank", (quasi paths, model paths)).
    ops: tuple[tuple[str, Any], ...] = ()


_NOTHING = _Extra()  # immutable: shared by every planned record that holds none of it


def _packed(an_id: str) -> bytes | str:
    """An export id as a plan keeps it: 32 hex digits (``token_hex(16)``) as their
    16 bytes, 49 bytes of memory instead of 81; any other id as it is."""
    if len(an_id) == 32:
        try:
            packed = bytes.fromhex(an_id)
        except ValueError:
            return an_id
        if packed.hex() == an_id:  # lower case: it comes back the same
            return packed
    return an_id


def _unpacked(packed: bytes | str) -> str:
    return packed.hex() if isinstance(packed, bytes) else packed


class PlannedRecord:
    """An interview as it will leave, and how each value was treated.

    ``values`` (the preview rows) are worked out the first time they are
    read: a bundle written without a preview never needs them.

    A plan of many interviews keeps of each only what the k-anonymity check
    and the bundle's bookkeeping need (ids, revision, quasi values, form,
    attachments, notes); the record itself is dropped (:meth:`release`) and
    worked out again from the vault when read (``loader``), with the
    generalisation steps and blanking the plan decided replayed on it. So
    memory grows with the number of interviews only by these few fields:
    the form and the quasi values are objects shared between interviews
    (:meth:`PlanReader._compact`), the quasi key is made when asked for, and
    what is usually empty (attachments, notes, texts held back, the plan's
    later steps) is one shared object, not fresh lists per interview.
    """

    __slots__ = ("interview_id", "revision", "_eid", "_form", "_key", "_extra", "_record",
                 "_values", "_loader")

    def __init__(self, interview_id: str, revision: int, record: dict[str, Any],
                 values: list[PreviewValue] | Callable[[], list[PreviewValue]], quasi: QuasiRecord,
                 attachments: Sequence[tuple[StoredAttachment, str]],
                 left_out: Sequence[str] = (), held: Sequence[tuple[str, str]] = ()) -> None:
        # Local only. The very string of the plan's list of candidates: a packed copy
        # would add to the peak at the end of planning, when that list is still alive.
        self.interview_id = interview_id
        self.revision = revision
        self._eid = _packed(record["export_id"])
        self._form: tuple[str, str] = (record["form_id"], record["form_version"])
        self.quasi = quasi  # checked: the record's own; keeps its values
        self._extra = _Extra(tuple(attachments), tuple(left_out), tuple(held)) \
            if attachments or left_out or held else _NOTHING
        self._record: dict[str, Any] | None = record
        self._values: list[PreviewValue] | Callable[[], list[PreviewValue]] | None = values
        self._loader: Loader | None = None

    @property
    def export_id(self) -> str:
        return _unpacked(self._eid)

    @property
    def form_id(self) -> str:
        return self._form[0]

    @property
    def form_version(self) -> str:
        return self._form[1]

    @property
    def form(self) -> tuple[str, str]:
        """(form id, form version)."""
        return self._form

    @form.setter
    def form(self, form: tuple[str, str]) -> None:
        if form != self._form:
            raise ValueError("a planned record keeps its form")
        self._form = form

    @property
    def quasi(self) -> QuasiRecord:
        """The quasi key (k-anonymity), made when asked for from the values kept."""
        return QuasiRecord(self.export_id, self._form[0], self._key)

    @quasi.setter
    def quasi(self, quasi: QuasiRecord) -> None:
        if (quasi.export_id, quasi.form_id) != (self.export_id, self._form[0]):
            raise ValueError("the quasi key is not the record's")
        self._key = quasi.values

    @property
    def attachments(self) -> tuple[tuple[StoredAttachment, str], ...]:
        """(stored, name in bundle) of the attachments that leave with it."""
        return self._extra.attachments

    @property
    def left_out(self) -> tuple[str, ...]:
        """Notes on attachments ticked for export that stay in the vault."""
        return self._extra.left_out

    @property
    def held(self) -> tuple[tuple[str, str], ...]:
        """Texts the safety net kept back: (path, kind)."""
        return self._extra.held

    @property
    def loaded(self) -> bool:
        """Whether the record is in memory (else reading it reloads it)."""
        return self._record is not None

    @property
    def record(self) -> dict[str, Any]:
        if self._record is None:
            self._load()
        assert self._record is not None
        return self._record

    @property
    def values(self) -> list[PreviewValue]:
        if self._values is None:
            self._load()
        if callable(self._values):
            self._values = self._values()
        assert self._values is not None
        return self._values

    @values.setter
    def values(self, values: list[PreviewValue]) -> None:
        self._values = values

    @property
    def changed_by_plan(self) -> bool:
        """Whether the plan generalised or blanked some of it after planning."""
        return bool(self._extra.ops)

    def _load(self) -> None:
        self.load_all([self])

    def load_all(self, records: list[PlannedRecord]) -> None:
        """Work out again these released records (of one plan) through this one's loader."""
        if self._loader is None:
            raise RuntimeError("a released record has no loader")
        self._loader(records)

    def release(self, loader: Loader | None = None) -> None:
        """Drop the record and its preview rows; the loader works them out again when read."""
        self._loader = loader or self._loader
        self._record = None
        self._values = None

    def take(self, fresh: PlannedRecord) -> None:
        """Take the record and rows worked out again (by the loader); replay the plan's steps."""
        self._record, self._values = fresh._record, fresh._values
        for op in self._extra.ops:
            self._apply(op)

    def take_record(self, record: dict[str, Any]) -> None:
        """Take the record as it was encoded when planned; replay the plan's steps on it."""
        self._record, self._values = record, None
        for op in self._extra.ops:
            self._apply(op)

    def coarsen(self, wider: QuasiRecord) -> None:
        """One more generalisation step: the quasi-identifiers as ``wider`` has them."""
        op = ("coarsen", {p: v for p, v in wider.values if v is not None})
        self._extra = self._extra._replace(ops=(*self._extra.ops, op))
        self.quasi = wider
        if self._record is not None:
            self._apply(op)

    def blank(self, paths: frozenset[str], model_paths: frozenset[str]) -> None:
        """Blank the answers at ``paths`` and at any path whose model path is in ``model_paths``."""
        op = ("blank", (paths, model_paths))
        self._extra = self._extra._replace(ops=(*self._extra.ops, op))
        self.quasi = suppressed(self.quasi)
        if self._record is not None:
            self._apply(op)

    def _apply(self, op: tuple[str, Any]) -> None:
        assert self._record is not None
        answers: dict[str, AnswerValue] = self._record["answers"]
        kind, arg = op
        if kind == "coarsen":
            changed = {p: v for p, v in arg.items() if answers.get(p) != v}
            if self._values is not None:  # rows are worked out from the answers before the change
                self._values = [PreviewValue(v.path, v.label, str(changed[v.path]),
                                             "generalised further")
                                if v.path in changed else v for v in self.values]
            answers.update(changed)
            self._record["withheld"].update(dict.fromkeys(changed, withheld.GENERALISED))
            return
        paths, also = arg
        gone = set(paths) | {p for p in answers if model_path(p) in also}
        if self._values is not None:
            self._values = [v if v.path not in gone else PreviewValue(v.path, v.label, "", "blanked")
                            for v in self.values]
        self._record["withheld"].update(withheld.suppressed(sorted(paths), gone, answers))
        for p in gone:
            answers.pop(p, None)


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
                                     f"stays: looks like {kind}"))
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
