"""Rows of the interview tables as typed records, and the SQL that reads them.

The services (``services/interviews.py``) decide what may change; this module
only knows how rows look and how to find them, a page at a time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from testimonio import limits
from testimonio.errors import BadInput, NotFound
from testimonio.vault.db import Db, scalar
from testimonio.vault.search import TRIGRAM, count_short, matches

# The same union as forms.model.AnswerValue; repeated here because the vault
# sits below the questionnaire layer and imports nothing from it.
AnswerValue = str | int | float | list[str] | None

INTERVIEW_COLUMNS = ("id", "form_id", "form_version", "site", "interviewer", "language",
                     "alias", "status", "created_at", "updated_at", "revision")
_SELECT_INTERVIEW = f"SELECT {', '.join(INTERVIEW_COLUMNS)} FROM interviews"

# Sort keys the list may ask for -> ORDER BY expression (each has an index that
# also holds the filtered columns, migration 13; see _order).
SORT_KEYS = {
    "updated": "updated_at", "updated_at": "updated_at",
    "created": "created_at", "created_at": "created_at",
    "alias": "alias COLLATE NOCASE", "site": "site", "status": "status",
    "form": "form_id", "form_id": "form_id",
    "interviewer": "interviewer COLLATE NOCASE",
}
MAX_PAGE = 1000
MAX_ATTACHMENT_BYTES = limits.MAX_ATTACHMENT_BYTES


def now() -> str:
    """The current time as ISO 8601 UTC with microseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def encode_value(value: AnswerValue) -> str | None:
    """JSON text of an answer; None for an empty answer. BadInput if not a valid value."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float, list)):
        raise BadInput(f"An answer cannot be a {type(value).__name__}.")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadInput("A number answer must be a finite number.")
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        raise BadInput("A multiple-choice answer must be a list of choice names.")
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Half of a surrogate pair (pasted from a broken source, or escaped in
        # JSON): no UTF-8 text holds it, so SQLite could not store it.
        raise BadInput("The answer holds a character that is not valid text "
                       "(half of a surrogate pair). Type it again.") from None
    return text


def decode_value(text: str | None) -> AnswerValue:
    """The answer a stored JSON text holds."""
    if text is None:
        return None
    value: AnswerValue = json.loads(text)
    return value


@dataclass(frozen=True)
class InterviewSummary:
    """One row of the interview list."""

    id: str
    form_id: str
    form_version: str
    site: str
    interviewer: str
    language: str
    alias: str
    status: str
    created_at: str
    updated_at: str
    revision: int

    @property
    def created(self) -> str:
        return self.created_at

    @property
    def updated(self) -> str:
        return self.updated_at

    @property
    def complete(self) -> bool:
        return self.status == "complete"

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in INTERVIEW_COLUMNS}


@dataclass(frozen=True)
class Interview(InterviewSummary):
    """One interview's record (its answers are read separately)."""


@dataclass(frozen=True)
class InterviewQuery:
    """What a page of the interview list shows.

    ``search`` matches the alias anywhere, ignoring case and accents, or the
    start of the id. ``sort`` is one of :data:`SORT_KEYS`.
    """

    site: str | None = None
    status: str | None = None
    form_id: str | None = None
    search: str | None = None
    interviewer: str | None = None  # who took it (for imported ones: the roster name)
    sort: str = "updated"
    descending: bool = True
    offset: int = 0
    limit: int = 100

    def __post_init__(self) -> None:
        # Half of a surrogate pair (pasted from a broken source) cannot be bound as
        # UTF-8 text: in a search it stands for U+FFFD, which no alias holds.
        if self.search is not None and not self.search.isascii():
            object.__setattr__(self, "search", "".join(
                "\ufffd" if "\ud800" <= c <= "\udfff" else c for c in self.search))


@dataclass(frozen=True)
class AttachmentInfo:
    """An attachment without its bytes."""

    id: str
    interview_id: str
    question_path: str
    mime: str
    size: int
    sha256: str
    caption: str
    export_opt_in: bool
    created_at: str


@dataclass(frozen=True)
class Attachment(AttachmentInfo):
    """An attachment with its bytes."""

    data: bytes = b""


@dataclass(frozen=True)
class EditLogEntry:
    """One row of an interview's append-only edit log."""

    id: int
    path: str
    old_value: AnswerValue
    new_value: AnswerValue
    at: str
    who: str
    action: str
    reason: str


def interview(db: Db, interview_id: str) -> Interview:
    """The interview ``interview_id``; NotFound if there is none."""
    row = db.execute(f"{_SELECT_INTERVIEW} WHERE id = ?", (interview_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no interview {interview_id}.")
    return Interview(*row)


# Above this many matches a search lets the list's sort index drive the page
# (stopping at the page's end) instead of reading and sorting every match.
MANY_MATCHES = 1000
# A filtered page (no search) in an order no filter's index keeps walks the
# order's own index, checking the filters in it, when at least this many
# interviews match; fewer are read through a filter's index and sorted.
WALK_MATCHES = 5_000
# The filtered columns each order's index holds after its key (migration 13).
# A page's ties are broken by them in this order, then by the rowid, so that
# index gives any page without a sort and without reading a row.
_HELD = ("site", "status", "form_id", "interviewer")


def _filters(query: InterviewQuery, walk: bool = False) -> tuple[list[str], list[Any]]:
    """The filters' conditions and parameters; ``walk``: checked on each row
    (``+column``), not looked up in the column's index."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("site", query.site), ("status", query.status),
                          ("form_id", query.form_id), ("interviewer", query.interviewer)):
        if value:
            clauses.append(f"{'+' if walk else ''}{column} = ?")
            params.append(value)
    return clauses, params


def _where(query: InterviewQuery, many: bool = False,
           walk: bool = False) -> tuple[str, list[Any]]:
    """WHERE clause and parameters. ``many``: the search matches many interviews,
    so its matches only filter the rows an index walks in the list's order
    (``+rowid``: the page stops at its end) instead of being read and sorted.
    ``walk``: the same for the filters (see :func:`_walk_in_order`)."""
    clauses, params = _filters(query, walk)
    text = (query.search or "").strip()
    if text:
        found, more = matches(text, distinct=False)
        clauses.append(f"{'+' if many else ''}rowid IN ({found})")
        params += more
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _many_matches(db: Db, query: InterviewQuery) -> bool:
    """Whether the search matches more than :data:`MANY_MATCHES` interviews (counted up to that)."""
    text = (query.search or "").strip()
    if not text:
        return False
    # Rowids may come twice here: this only chooses a plan, and it stops at the limit.
    found, params = matches(text, distinct=False)
    return int(scalar(db, f"SELECT count(*) FROM ({found} LIMIT ?)",
                      [*params, MANY_MATCHES + 1])) > MANY_MATCHES


def _walk_in_order(db: Db, query: InterviewQuery) -> bool:
    """Whether a filtered page (no search) is best read by walking its order's
    index, which holds every filtered column (migration 13), and checking the
    filters there: when at least :data:`WALK_MATCHES` interviews match,
    counted in a filter's index up to that (a site or status filter by last
    change too: their own indexes were dropped by migration 17, as a save
    rewrote them). The walk then reads at most the whole index without a row, where
    sorting every match of a broad filter took 100-230 ms at 100 000
    interviews (issue 17); a few matches are quicker read and sorted.
    """
    if (query.search or "").strip():
        return False
    clauses, params = _filters(query)
    if not clauses:
        return False
    found = scalar(db, "SELECT count(*) FROM (SELECT 1 FROM interviews WHERE "
                   f"{' AND '.join(clauses)} LIMIT ?)", [*params, WALK_MATCHES])
    return int(found) >= WALK_MATCHES


def _order(query: InterviewQuery) -> str:
    """The ORDER BY of the list's query: its key, then the ties as the order's index
    breaks them (the held columns, then the rowid), so no plan needs a sort."""
    order = SORT_KEYS.get(query.sort)
    if order is None:
        raise BadInput(f"Cannot sort interviews by '{query.sort}'.")
    direction = "DESC" if query.descending else "ASC"
    key = order.split()[0]
    ties = tuple(c for c in _HELD if c != key)
    return "ORDER BY " + ", ".join(f"{term} {direction}" for term in (order, *ties, "rowid"))


def _window(query: InterviewQuery) -> tuple[int, int]:
    """LIMIT and OFFSET of a page, bounded."""
    return max(0, min(query.limit, MAX_PAGE)), max(0, query.offset)


def _summaries(db: Db, rowids: list[int]) -> list[InterviewSummary]:
    """The rows of ``rowids``, in that order."""
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    found = {row[-1]: InterviewSummary(*row[:-1]) for row in db.execute(
        f"SELECT {', '.join(INTERVIEW_COLUMNS)}, rowid FROM interviews WHERE rowid IN ({marks})",
        rowids)}
    return [found[r] for r in rowids]


def page(db: Db, query: InterviewQuery, many: bool | None = None,
         total: int | None = None) -> list[InterviewSummary]:
    """One page of interviews matching ``query``, in its order (``many``: whether its
    search matches many, when the caller knows; ``total``: how many match, when the
    caller kept the count, as the list does: a page nearer the end is then read
    from the end, see :func:`_from_nearer_end`)."""
    if total is not None:
        return _from_nearer_end(db, query, max(0, total), many)
    order = _order(query)
    many = _many_matches(db, query) if many is None else many
    where, params = _where(query, many, many or _walk_in_order(db, query))
    # Deferred join: the page's rowids come from an index alone (every index
    # ends with the rowid, hence the rowid as tie-break), then only those rows
    # are read, so a deep page skips index entries, not rows (issue 17).
    rowids = [row[0] for row in db.execute(
        f"SELECT rowid FROM interviews{where} {order} LIMIT ? OFFSET ?",
        (*params, *_window(query)))]
    return _summaries(db, rowids)


def page_and_count(db: Db, query: InterviewQuery) -> tuple[list[InterviewSummary], int]:
    """One page of interviews matching ``query`` and how many match in all.

    A search with a filter (site, status...) is the costly count: its matches
    are gathered from the search's index and checked against every row of the
    filter. When it matches few (up to :data:`MANY_MATCHES`), the page needs
    the same work, so one statement does it once and counts what it found as
    it goes (``count(*) OVER ()``) (issue 17); the window sorts every match,
    so a search that matches many reads its page by walking the order's index
    and counts apart. Anything else is a page and a count from the indexes,
    as :func:`page` and :func:`count`.
    """
    text = (query.search or "").strip()
    if not text or not (query.site or query.status or query.form_id or query.interviewer):
        if query.offset <= 0:
            rows = page(db, query)
            if len(rows) < _window(query)[0]:
                return rows, len(rows)  # a first page that is not full is the whole answer
            return rows, count(db, query)
        return _counted_page(db, query)
    if many := _many_matches(db, query):
        # The window's count would sort every match: the page walks its order's index
        # (from its nearer end) and stops at the page's end; the count reads the indexes.
        return _counted_page(db, query, many)
    order = _order(query)
    where, params = _where(query, many)
    found = db.execute(f"SELECT rowid, count(*) OVER () FROM interviews{where} {order} "
                       "LIMIT ? OFFSET ?", (*params, *_window(query))).fetchall()
    if not found:  # nothing, or a page past the end: count alone
        return [], count(db, query)
    return _summaries(db, [row[0] for row in found]), int(found[0][1])


def _counted_page(db: Db, query: InterviewQuery,
                  many: bool | None = None) -> tuple[list[InterviewSummary], int]:
    """:func:`count`, then :func:`page` read in the reversed order when it lies
    nearer the end: a page walking its order's index passes every entry before it
    (the last page of a search matching half of 100 000 walked them all). Every
    order ends with the rowid: the reverse is exact."""
    total = count(db, query, many)
    return _from_nearer_end(db, query, total, many), total


def _from_nearer_end(db: Db, query: InterviewQuery, total: int,
                     many: bool | None) -> list[InterviewSummary]:
    """The page of ``query`` among ``total`` matches, read in the reversed order when it
    lies nearer the end (the last page of 100 000 then passes 0 index entries, not
    99 900: cold, each entry's page is decrypted). Every order ends with the rowid,
    so the reverse is exact. A ``total`` that is no longer true (the vault changed
    since it was counted) shifts the page as a walk from the start would."""
    limit, offset = _window(query)
    end = min(offset + limit, total)
    if end <= offset or offset <= total - end:  # past the end, or in the first half
        return page(db, query, many)
    back = replace(query, descending=not query.descending, offset=total - end, limit=end - offset)
    rows = page(db, back, many)
    rows.reverse()
    return rows


def count(db: Db, query: InterviewQuery, many: bool | None = None) -> int:
    """How many interviews match ``query`` (offset and limit ignored; ``many``: whether
    its search matches many, when the caller knows)."""
    text = (query.search or "").strip()
    if text and len(text) < TRIGRAM:
        return count_short(db, text, _filters(query, walk=True))
    if text and not (query.site or query.status or query.form_id or query.interviewer):
        # A search alone is counted in the indexes, without reading a row.
        found, params = matches(text)
        return int(scalar(db, f"SELECT count(*) FROM ({found})", params))
    where, params = _where(query, _many_matches(db, query) if many is None else many)
    return int(scalar(db, f"SELECT count(*) FROM interviews{where}", params))


def answers(db: Db, interview_id: str,
            only: str | None = None) -> dict[str, AnswerValue]:
    """Every answer of an interview by answer path, in path order (or just ``only``)."""
    if only is not None:
        rows = db.execute("SELECT path, value FROM answers WHERE interview_id = ? AND path = ?",
                          (interview_id, only)).fetchall()
    else:
        rows = db.execute("SELECT path, value FROM answers WHERE interview_id = ? ORDER BY path",
                          (interview_id,)).fetchall()
    if not rows:
        return {}
    # One parse for the whole interview: 40 small json.loads calls cost more.
    decoded = json.loads("[" + ",".join(str(v) for _, v in rows) + "]")
    return {str(p): v for (p, _), v in zip(rows, decoded, strict=True) if v is not None}


def answers_of(db: Db,
               interview_ids: list[str]) -> dict[str, dict[str, AnswerValue]]:
    """:func:`answers` of several interviews in one query (same values, same order).

    SQLite writes the answers as one JSON object of interviews (each its
    stored JSON texts joined under their quoted paths, in path order), parsed
    by one ``json.loads``: a row, a tuple and two strings per answer made
    reading an export's answers take twice as long, and one row is one call
    into SQLite, which runs without the interpreter's lock (an export reads
    the next chunk while it works on this one).
    """
    out: dict[str, dict[str, AnswerValue]] = {i: {} for i in interview_ids}
    if not interview_ids:
        return out
    marks = ",".join("?" * len(interview_ids))
    row = db.execute(
        "SELECT '{' || group_concat(json_quote(interview_id) || ':' || answers, ',') || '}' FROM ("
        "SELECT interview_id, '{' || group_concat(json_quote(path) || ':' || value, ',' ORDER BY path) || '}' "
        f"AS answers FROM answers WHERE interview_id IN ({marks}) AND value != 'null' GROUP BY interview_id)",
        interview_ids).fetchone()
    found: dict[str, dict[str, AnswerValue]] = json.loads(row[0]) if row and row[0] else {}
    for interview_id, answers in found.items():
        if None in answers.values():  # a null written another way
            answers = {p: v for p, v in answers.items() if v is not None}
        out[interview_id] = answers
    return out


_ATTACHMENT_INFO = ("SELECT id, interview_id, question_path, mime, size, sha256, caption, "
                    "export_opt_in, created_at")


def attachment_infos(db: Db, interview_id: str) -> list[AttachmentInfo]:
    """An interview's attachments (without bytes), by question and time."""
    rows = db.execute(f"{_ATTACHMENT_INFO} FROM attachments WHERE interview_id = ? "
                      "ORDER BY question_path, created_at", (interview_id,))
    return [_info(AttachmentInfo, row) for row in rows]


def attachment(db: Db, attachment_id: str) -> Attachment | None:
    """One attachment with its bytes, or None."""
    row = db.execute(f"{_ATTACHMENT_INFO}, data FROM attachments WHERE id = ?",
                     (attachment_id,)).fetchone()
    if row is None:
        return None
    found: Attachment = _info(Attachment, row, data=bytes(row[9]))
    return found


def _info(kind: type[Any], row: tuple[Any, ...], **extra: Any) -> Any:
    return kind(id=row[0], interview_id=row[1], question_path=row[2], mime=row[3], size=row[4],
                sha256=row[5], caption=row[6], export_opt_in=bool(row[7]), created_at=row[8],
                **extra)


def edit_log(db: Db, interview_id: str) -> list[EditLogEntry]:
    """An interview's edit log, oldest first."""
    rows = db.execute("SELECT id, path, old_value, new_value, at, who, action, reason "
                      "FROM edit_log WHERE interview_id = ? ORDER BY id", (interview_id,))
    return [EditLogEntry(r[0], r[1], decode_value(r[2]), decode_value(r[3]), *r[4:])
            for r in rows]
