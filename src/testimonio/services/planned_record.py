"""One interview as an export plan keeps it: :class:`PlannedRecord`.

A plan of 50 000 interviews keeps one of these per interview, so each holds
as little as the k-anonymity check and the bundle's bookkeeping need; the
record itself is dropped once encoded and worked out again from the vault
when a preview reads it (see :mod:`testimonio.services.export_plan`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, overload

from testimonio.exchange import withheld
from testimonio.exchange.kanon import QuasiRecord, QuasiValues, suppressed
from testimonio.exchange.pseudonymise import model_path
from testimonio.forms.model import AnswerValue


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


#: How a text the safety net keeps back is told in the preview: this, then what it looks like.
HELD_HOW = "stays: looks like "


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


def _pair(interview_id: str, export_id: str) -> bytes | tuple[bytes | str, bytes | str]:
    """A planned record's two ids as it keeps them: 32 bytes (65 bytes of memory instead
    of 81 + 49) when both are 32 hex digits, else each packed on its own."""
    first, second = _packed(interview_id), _packed(export_id)
    if isinstance(first, bytes) and isinstance(second, bytes):
        return first + second
    return first, second


class PackedIds(Sequence[str]):
    """The interview ids an export plans, 16 bytes each (one object for them all)
    instead of a list of strings (89 bytes each): the list lives until the end of
    planning, when memory peaks. Any id that is not 32 lower-case hex digits
    (``uuid4().hex``) keeps the whole list as it was given."""

    __slots__ = ("_raw", "_plain")

    def __init__(self, ids: list[str]) -> None:
        packed = [_packed(i) for i in ids]
        if all(isinstance(p, bytes) for p in packed):
            self._raw: bytes = b"".join(packed)  # type: ignore[arg-type]
            self._plain: list[str] | None = None
        else:
            self._raw, self._plain = b"", ids

    def __len__(self) -> int:
        return len(self._plain) if self._plain is not None else len(self._raw) // 16

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if self._plain is not None:
            return self._plain[index]
        if isinstance(index, slice):
            return [self._raw[16 * i:16 * i + 16].hex() for i in range(*index.indices(len(self)))]
        i = range(len(self))[index]  # IndexError as a list gives it
        return self._raw[16 * i:16 * i + 16].hex()


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

    __slots__ = ("_ids", "revision", "_form", "_key", "_extra", "_record", "_values", "_loader")

    def __init__(self, interview_id: str, revision: int, record: dict[str, Any],
                 values: list[PreviewValue] | Callable[[], list[PreviewValue]], quasi: QuasiRecord,
                 attachments: Sequence[tuple[StoredAttachment, str]],
                 left_out: Sequence[str] = (), held: Sequence[tuple[str, str]] = ()) -> None:
        # The interview id is local only; both ids packed (the plan's list of
        # candidates is packed too: see PackedIds).
        self._ids = _pair(interview_id, record["export_id"])
        self.revision = revision
        self._form: tuple[str, str] = (record["form_id"], record["form_version"])
        if (quasi.export_id, quasi.form_id) != (record["export_id"], record["form_id"]):
            raise ValueError("the quasi key is not the record's")
        self._key = quasi.values
        self._extra = _Extra(tuple(attachments), tuple(left_out), tuple(held)) \
            if attachments or left_out or held else _NOTHING
        self._record: dict[str, Any] | None = record
        self._values: list[PreviewValue] | Callable[[], list[PreviewValue]] | None = values
        self._loader: Loader | None = None

    @classmethod
    def kept(cls, interview_id: str, revision: int, quasi: QuasiRecord, form_version: str,
             held: Sequence[tuple[str, str]], loader: Loader) -> PlannedRecord:
        """A record worked out when its interview was completed (services/export_ready.py):
        released from the start, the loader works it out again when read."""
        planned = cls.__new__(cls)
        planned._ids, planned.revision = _pair(interview_id, quasi.export_id), revision
        planned._form = (quasi.form_id, form_version)
        planned._key = quasi.values
        planned._extra = _Extra(held=tuple(held)) if held else _NOTHING
        planned._record = planned._values = None
        planned._loader = loader
        return planned

    @property
    def interview_id(self) -> str:
        """The interview's id in this vault (never leaves)."""
        ids = self._ids
        return ids[:16].hex() if isinstance(ids, bytes) else _unpacked(ids[0])

    @property
    def export_id(self) -> str:
        ids = self._ids
        return ids[16:].hex() if isinstance(ids, bytes) else _unpacked(ids[1])

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
    def quasi_values(self) -> QuasiValues:
        """The quasi key's values (what :attr:`quasi` holds, without making it)."""
        return self._key

    def share(self, form: tuple[str, str], values: QuasiValues) -> None:
        """Keep these equal objects instead of the form and quasi values (shared
        with other records of the plan: see :meth:`PlanReader._compact`)."""
        if form != self._form or values != self._key:
            raise ValueError("a planned record keeps its form and quasi values")
        self._form, self._key = form, values

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
