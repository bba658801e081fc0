"""The list's search: a text matched against the aliases (accents and case
ignored) and the start of the ids, as queries of the matching rowids.

Spanish names are typed without their accents in a hurry ("jose" for
"José"): the search folds both sides. Searches of three characters or more
use the trigram index (migration 8, which folds accents itself); one or two
find the aliases that begin with them, through ranges of the alias index
for every accented spelling of those letters (_VARIANTS).
"""

from __future__ import annotations

import itertools
from typing import Any

from testimonio.vault.db import Db, scalar

# Searches this long or longer use the alias's trigram index (migration 8).
TRIGRAM = 3
_LAST = "\U0010ffff"  # after every text that begins with a prefix: prefix + _LAST ends its range
# The aliases that begin with one spelling, in the alias index (parameters: _bounds).
_ALIAS_RANGE = "alias COLLATE NOCASE >= ? AND alias COLLATE NOCASE < ?"

_FOLDS = (("á", "a"), ("Á", "a"), ("à", "a"), ("À", "a"), ("é", "e"), ("É", "e"),
          ("è", "e"), ("È", "e"), ("í", "i"), ("Í", "i"), ("ó", "o"), ("Ó", "o"),
          ("ò", "o"), ("Ò", "o"), ("ú", "u"), ("Ú", "u"), ("ü", "u"), ("Ü", "u"),
          ("ñ", "n"), ("Ñ", "n"), ("ç", "c"), ("Ç", "c"))


def fold_accents(text: str) -> str:
    """``text`` with the accents the search ignores taken off (as in SQL)."""
    for accented, plain in _FOLDS:
        text = text.replace(accented, plain)
    return text


# Each plain letter and the accented ones it stands for, in both cases (SQLite's
# NOCASE, which the alias index uses, folds ASCII letters only).
_VARIANTS: dict[str, tuple[str, ...]] = {}
for _accented, _plain in _FOLDS:
    _VARIANTS[_plain] = (*_VARIANTS.get(_plain, (_plain,)), _accented)


def matches(text: str, distinct: bool = True) -> tuple[str, list[Any]]:
    """A query of the rowids a search text matches, from indexes alone, and its parameters.

    Three characters or more: the alias anywhere, case and accents ignored
    ("jose" finds "José"), through the trigram index (migration 8). One or
    two are too short for trigrams: the aliases that begin with them, through
    ranges of the alias index for every accented spelling of those letters.
    Either way, or the start of the id. Not ``distinct``: a rowid may come
    twice (an alias and an id both matching), which ``IN`` does not mind, and
    no sort is needed to merge the parts.
    """
    union = " UNION " if distinct else " UNION ALL "
    prefix = text.lower()
    ids = [prefix, prefix + _LAST]
    if len(text) >= TRIGRAM:
        phrase = '"' + text.replace('"', '""') + '"'
        return ("SELECT rowid FROM interviews_alias_fts WHERE interviews_alias_fts MATCH ?"
                f"{union}SELECT rowid FROM interviews WHERE id >= ? AND id < ?"), [phrase, *ids]
    starts = _starts(text)
    ranges = union.join(f"SELECT rowid FROM interviews WHERE {_ALIAS_RANGE}" for _ in starts)
    return (f"{ranges}{union}SELECT rowid FROM interviews WHERE id >= ? AND id < ?",
            [*_bounds(starts), *ids])


def _starts(text: str) -> list[str]:
    """Every accented spelling of a short search text, as the alias index's ranges
    begin: no two the same under NOCASE (it folds ASCII letters only), so their
    ranges never share an alias (same length, different letters)."""
    options = [_VARIANTS.get(fold_accents(ch).lower(), (ch,)) for ch in text]
    found: dict[str, str] = {}
    for start in map("".join, itertools.product(*options)):
        found.setdefault(_nocase(start), start)
    return list(found.values())


def _bounds(starts: list[str]) -> list[str]:
    """The parameters of one _ALIAS_RANGE per spelling, in order."""
    return [bound for start in starts for bound in (start, start + _LAST)]


def _nocase(text: str) -> str:
    """``text`` as SQLite's NOCASE compares it: ASCII letters folded, nothing else."""
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def count_short(db: Db, text: str, filtered: tuple[list[str], list[Any]]) -> int:
    """How many interviews a one- or two-character search matches, with the filters
    (``filtered``: their conditions, checked in the index, and parameters).

    Counted in the alias's order index alone (it holds every filtered column:
    migration 13), a range per spelling (the ranges never overlap), then the ids
    that begin with the text whose alias did not match already: no row is read
    and no match sorted to drop doubles. A search "ma" with a form filter took
    17-22 ms when every row of the form was checked against its matches, 1.6 ms so
    (100 000 interviews).
    """
    starts = _starts(text)
    clauses, filters = filtered
    held = "".join(f" AND {clause}" for clause in clauses)
    arms = " UNION ALL ".join(f"SELECT 1 FROM interviews WHERE {_ALIAS_RANGE}{held}" for _ in starts)
    any_alias = " OR ".join(f"({_ALIAS_RANGE})" for _ in starts)
    prefix = text.lower()
    params = [*(p for start in starts for p in (start, start + _LAST, *filters)),
              prefix, prefix + _LAST, *filters, *_bounds(starts)]
    return int(scalar(db, f"SELECT count(*) FROM ({arms} UNION ALL SELECT 1 FROM interviews "
                          f"WHERE id >= ? AND id < ?{held} AND NOT ({any_alias}))", params))
