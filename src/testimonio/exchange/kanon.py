"""k-anonymity over the quasi-identifiers of exported interviews.

Each exported interview has a *quasi key*: its questionnaire id and the
generalised values of the questionnaire's quasi-identifier questions outside
repeats (a missing answer counts as a value of its own). Interviews sharing a
key form a group; a group smaller than ``k`` lets a reader single a person
out. The check runs over everything this vault exported so far plus the
bundle being made, and lists only the small groups the new bundle touches:
a group already out cannot be taken back, blanking fields in this bundle is
the only remedy left.

Interviews whose quasi-identifiers are all blank (suppressed, or never
answered) are not grouped: there is nothing left in them to single out.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

DEFAULT_K = 5
#: Bounds of k wherever it is set or read (settings, team file, team update).
MIN_K, MAX_K = 2, 100


def effective_k(own: int | None, lead: int | None) -> int:
    """The k an export checks: the team lead's, or the researcher's own when higher.

    ``own`` is the researcher's own setting (None when never set), ``lead``
    the k the team file or the last team update carried (None outside a team
    or from an older file). The lead alone sets the floor; a researcher may
    raise it, never lower it.
    """
    if lead is None:
        return DEFAULT_K if own is None else own
    return lead if own is None else max(own, lead)

QuasiValues = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True, slots=True)
class QuasiRecord:
    """The quasi key of one exported interview (by export id)."""

    export_id: str
    form_id: str
    values: QuasiValues

    @staticmethod
    def of(export_id: str, form_id: str, values: Mapping[str, object]) -> QuasiRecord:
        """A record from path → generalised value (``None`` when blank)."""
        items = tuple(sorted((p, None if v is None else _as_text(v)) for p, v in values.items()))
        return QuasiRecord(export_id, form_id, items)

    @property
    def blank(self) -> bool:
        return all(v is None for _, v in self.values)


@dataclass(frozen=True)
class SmallGroup:
    """Interviews sharing one quasi key, fewer than ``k`` of them."""

    form_id: str
    values: Mapping[str, str | None]
    size: int
    # Export ids in the bundle being made (the only ones that can still be blanked).
    in_bundle: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        """One line a person can read: the shared values and the group size."""
        shown = ", ".join(f"{p}={v if v is not None else '(blank)'}" for p, v in self.values.items())
        return f"{self.form_id}: {shown} — {self.size} interview(s)"


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


_BAND = re.compile(r"^(-?\d+)-(-?\d+)$")
_MONTH = re.compile(r"^(\d{4})-\d{2}$")

# form id -> quasi path -> the band width its values were generalised with.
Widths = Mapping[str, Mapping[str, int]]


def coarser(value: str | None, width: int) -> str | None:
    """One more step of generalisation: a band of twice ``width``, the year of a month.

    Idempotent (a value already one step coarser stays), so records sent
    coarse earlier compare equal to records coarsened now.
    """
    if value is None:
        return None
    month = _MONTH.match(value)  # first: "2019-10" would also read as a band
    if month:
        return month.group(1)
    band = _BAND.match(value)
    if band:
        step = 2 * max(1, width)
        low = math.floor(int(band.group(1)) / step) * step
        return f"{low}-{low + step - 1}"
    return value


def coarse(record: QuasiRecord, widths: Widths) -> QuasiRecord:
    """``record`` with every value one step coarser (see :func:`coarser`)."""
    form = widths.get(record.form_id, {})
    return QuasiRecord(record.export_id, record.form_id,
                       tuple((p, coarser(v, form.get(p, 10))) for p, v in record.values))


class _Tally:
    """Group sizes by quasi key, and the members each group has in the bundle.

    Only the bundle's members of groups still smaller than ``k`` are listed
    (the ones that can still be blanked; a group only grows): the check
    keeps no list of every interview, only of those it may report.
    """

    def __init__(self, k: int) -> None:
        self.k = k
        self.sizes: dict[tuple[str, QuasiValues], int] = defaultdict(int)
        self.in_bundle: dict[tuple[str, QuasiValues], list[str]] = {}

    def add(self, key: tuple[str, QuasiValues], export_id: str | None) -> None:
        self.sizes[key] += 1
        if self.sizes[key] >= self.k:
            self.in_bundle.pop(key, None)  # large enough: never reported
        elif export_id is not None:
            self.in_bundle.setdefault(key, []).append(export_id)


def small_groups(
    previous: Iterable[QuasiRecord], bundle: Iterable[QuasiRecord], k: int = DEFAULT_K,
    coarsened: Collection[str] = (), widths: Widths | None = None,
) -> list[SmallGroup]:
    """Groups smaller than ``k`` that hold at least one interview of ``bundle``.

    A record of ``bundle`` replaces an earlier record with the same export id
    (a new revision of the same interview); the export ids of ``bundle`` are
    distinct. A record in ``coarsened`` (its values made one step coarser to
    save it from blanking) is grouped with everyone whose values, made as
    coarse, are the same; other records are grouped by their own values.
    Memory: the earlier records by export id, group sizes, and the bundle's
    export ids in groups still small (``bundle`` is read once, and may be a
    generator).
    """
    earlier = {r.export_id: r for r in previous}
    exact, wide = _Tally(k), _Tally(k)
    for record in bundle:
        earlier.pop(record.export_id, None)
        _count(exact, wide, record, record.export_id, coarsened, widths or {})
    for record in earlier.values():
        _count(exact, wide, record, None, coarsened, widths or {})
    small: list[SmallGroup] = []
    for key, size in exact.sizes.items():
        _add_if_small(small, key, size, exact.in_bundle.get(key, ()), k)
    for key, size in wide.sizes.items():
        # Only the coarsened members of a wide group are judged by it.
        chosen = [m for m in wide.in_bundle.get(key, ()) if m in coarsened]
        _add_if_small(small, key, size, chosen, k)
    small.sort(key=lambda g: (g.form_id, g.size, g.describe()))
    return small


def _count(exact: _Tally, wide: _Tally, record: QuasiRecord, in_bundle: str | None,
           coarsened: Collection[str], widths: Widths) -> None:
    """Count ``record`` in its group (and its coarser group); ``in_bundle``: its
    export id when it is one of the bundle's."""
    if not record.values or record.blank:
        return
    if record.export_id not in coarsened:
        exact.add((record.form_id, record.values), in_bundle)
    if coarsened:
        wide.add((record.form_id, coarse(record, widths).values), in_bundle)


def _add_if_small(small: list[SmallGroup], key: tuple[str, QuasiValues], size: int,
                  in_bundle: Iterable[str], k: int) -> None:
    touched = tuple(sorted(in_bundle))
    if size < k and touched:
        small.append(SmallGroup(key[0], dict(key[1]), size, touched))


def suppressed(record: QuasiRecord) -> QuasiRecord:
    """The record with every quasi-identifier blanked."""
    return QuasiRecord(record.export_id, record.form_id, tuple((p, None) for p, _ in record.values))
