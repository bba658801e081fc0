"""The lead's import tables: ``import_log``, ``imported_headers``,
``imported_origin``, and the interviews, answers and attachments a bundle
brings.

The service (``services/import_.py``) authenticates, checks and decides
what is merged; this module only writes and reads the rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import NamedTuple

from testimonio.vault.db import Blob, Db


class LogRow(NamedTuple):
    """One line of the import log, with the researcher's roster name ('' if gone)."""

    bundle_id: str
    researcher: str  # roster name
    researcher_key_id: str
    sequence: int
    created: str
    at: str
    file: str
    records: int
    added: int
    replaced: int
    ignored: int
    outcome: str


class NewLogRow(NamedTuple):
    """What the import log records of one bundle."""

    bundle_id: str
    researcher_key_id: str
    sequence: int
    created: str
    file: str
    records: int
    added: int
    replaced: int
    ignored: int
    outcome: str


class Origin(NamedTuple):
    """Where an imported interview came from: its local id, revision and bundle."""

    interview_id: str
    revision: int
    bundle_id: str


class ImportedInterview(NamedTuple):
    """The interview row an imported record becomes (always complete)."""

    id: str
    form_id: str
    form_version: str
    site: str
    interviewer: str
    language: str
    alias: str
    created_at: str
    updated_at: str
    revision: int


class ImportedAttachment(NamedTuple):
    """An imported attachment's row without its bytes."""

    id: str
    interview_id: str
    question_path: str
    mime: str
    size: int
    sha256: str


# --- the log ----------------------------------------------------------------------
def bundle_seen(db: Db, bundle_id: str) -> bool:
    """Whether a bundle with this id was imported (or logged) before."""
    return db.execute("SELECT 1 FROM import_log WHERE bundle_id = ? LIMIT 1",
                      (bundle_id,)).fetchone() is not None


def add_log(db: Db, row: NewLogRow, at: str) -> None:
    """Append one line to the import log."""
    db.execute("INSERT INTO import_log (bundle_id, researcher, sequence, created, at, file_name, "
               "records, added, replaced, ignored, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (row.bundle_id, row.researcher_key_id, row.sequence, row.created, at, row.file,
                row.records, row.added, row.replaced, row.ignored, row.outcome))


def log(db: Db, researcher_key_id: str | None = None) -> list[LogRow]:
    """The import log, newest first (one researcher's if given)."""
    sql = ("SELECT l.bundle_id, COALESCE(r.name, ''), l.researcher, l.sequence, l.created, l.at, "
           "l.file_name, l.records, l.added, l.replaced, l.ignored, l.outcome FROM import_log l "
           "LEFT JOIN roster r ON r.key_id = l.researcher")
    args: tuple[str, ...] = ()
    if researcher_key_id:
        sql += " WHERE l.researcher = ?"
        args = (researcher_key_id,)
    return [LogRow(*r) for r in db.execute(sql + " ORDER BY l.id DESC", args).fetchall()]


def sequences(db: Db, researcher_key_id: str, highest: int) -> list[int]:
    """The distinct sequence numbers imported from a researcher, 1..highest, ascending."""
    return [int(r[0]) for r in db.execute(
        "SELECT DISTINCT sequence FROM import_log WHERE researcher = ? "
        "AND sequence BETWEEN 1 AND ? ORDER BY sequence", (researcher_key_id, highest))]


def last_sequence(db: Db, researcher_key_id: str) -> int:
    """The highest sequence number logged for a researcher (0 if none)."""
    row = db.execute("SELECT COALESCE(MAX(sequence), 0) FROM import_log WHERE researcher = ?",
                     (researcher_key_id,)).fetchone()
    return 0 if row is None else int(row[0])


def logged_researchers(db: Db) -> list[str]:
    """Key ids of every researcher the log names."""
    return [str(r[0]) for r in db.execute("SELECT DISTINCT researcher FROM import_log")]


def remember_header(db: Db, digest: str, bundle_id: str, at: str) -> None:
    """Remember a bundle file's header hash (``import --folder`` skips it next time)."""
    db.execute("INSERT INTO imported_headers (header_sha256, bundle_id, at) VALUES (?, ?, ?) "
               "ON CONFLICT (header_sha256) DO NOTHING", (digest, bundle_id, at))


def known_headers(db: Db) -> set[str]:
    """Header hashes of every bundle file imported."""
    return {str(r[0]) for r in db.execute("SELECT header_sha256 FROM imported_headers")}


# --- merging ----------------------------------------------------------------------
def origins(db: Db, researcher_key_id: str, export_ids: Sequence[str]) -> dict[str, Origin]:
    """The interviews imported earlier for (researcher, export id) of several export
    ids, by export id (read 500 ids a query)."""
    found: dict[str, Origin] = {}
    for start in range(0, len(export_ids), 500):
        part = export_ids[start:start + 500]
        found.update((str(e), Origin(str(i), int(r), str(b))) for e, i, r, b in db.execute(
            "SELECT export_id, interview_id, revision, bundle_id FROM imported_origin "
            f"WHERE researcher = ? AND export_id IN ({','.join('?' * len(part))})",
            (researcher_key_id, *part)))
    return found


def drop_interview(db: Db, interview_id: str) -> None:
    """Delete an imported interview's answers, attachments, withheld answers and row
    (a newer revision follows). Every row that refers to it, by name: the import
    runs without SQLite's reference checks, so no ``ON DELETE CASCADE`` acts."""
    db.execute("DELETE FROM answers WHERE interview_id = ?", (interview_id,))
    db.execute("DELETE FROM attachments WHERE interview_id = ?", (interview_id,))
    db.execute("DELETE FROM withheld_answers WHERE interview_id = ?", (interview_id,))
    db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))


# Interview rows one INSERT writes (11 parameters each: under SQLite's 32 766).
_ROWS_PER_INSERT = 1000
_INTERVIEW_ROW = "(?, ?, ?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?)"


def add_interviews(db: Db, rows: Sequence[ImportedInterview],
                   answers: Mapping[str, Mapping[str, str]], researcher_key_id: str) -> None:
    """Insert imported interviews and their answers (interview id -> answer path -> JSON text).

    The interview rows go in one multi-row INSERT (up to
    :data:`_ROWS_PER_INSERT`): the alias's full-text index (migration 8) is
    kept by a trigger, and FTS5 writes what it gathered at the end of every
    statement, so one statement a row wrote a segment a row (10 000 rows into
    a new vault: 0.77 s one statement a row, 0.44 s 256 a statement, 0.22 s
    2 000 a statement).

    The answers go in one statement too: SQLite reads them from one JSON
    object (``json_each``; each answer's JSON text a string in it, given
    back as it was). The whole insert is one call into SQLite, which runs
    without the interpreter's lock: the import writes a batch on a second
    thread while it reads and checks the next records
    (services/import_merge). By ``executemany``, that thread took the lock
    back after every row, and waited for it while the first thread worked.

    ``OR FAIL``, in a transaction without reference checks
    (``Vault.transaction(references_kept_by_caller=True)``): nothing can
    stop this statement half-way and need undoing alone, so SQLite keeps no
    statement journal, which held a copy of every existing page it changed
    (the import runs in one transaction, rolled back whole on any error).

    The researcher's key id is written with each row: :func:`set_origins`'s
    trigger then finds it already right and leaves the row alone (schema 12),
    instead of rewriting it and its index entry for every imported interview.
    """
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        part = rows[start:start + _ROWS_PER_INSERT]
        db.execute("INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                   "alias, status, created_at, updated_at, revision, researcher_key) VALUES "
                   + ", ".join([_INTERVIEW_ROW] * len(part)),
                   [value for row in part for value in (*row, researcher_key_id)])
    db.execute("INSERT OR FAIL INTO answers (interview_id, path, value) "
               "SELECT i.key, a.key, a.value FROM json_each(?) i, json_each(i.value) a",
               (_to_json(answers),))


# Non-ASCII as it is (SQLite reads UTF-8 JSON), compact: the JSON of a batch's answers.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


class NewOrigin(NamedTuple):
    """Where one imported interview came from (:func:`set_origins`)."""

    interview_id: str
    export_id: str
    revision: int
    withheld: Mapping[str, str] | None


def set_origins(db: Db, researcher_key_id: str, bundle_id: str, rows: Sequence[NewOrigin]) -> None:
    """Record (or move on) where imported interviews of one bundle came from, and what
    each export withheld and why (``None``: the record did not say; schema 10):
    two statements for all, each one call into SQLite (as :func:`add_interviews`'
    answers). A replaced revision's withheld rows went with its interview row
    (ON DELETE CASCADE)."""
    withheld = {row.interview_id: row.withheld for row in rows if row.withheld}
    if withheld:
        db.execute("INSERT INTO withheld_answers (interview_id, path, reason) "
                   "SELECT i.key, w.key, w.value FROM json_each(?) i, json_each(i.value) w",
                   (_to_json(withheld),))
    if not rows:
        return
    # WHERE true: without it SQLite would read ON CONFLICT as part of the join.
    db.execute("INSERT INTO imported_origin (interview_id, researcher, export_id, revision, "
               "bundle_id, withheld_known) SELECT o.value ->> 0, ?, o.value ->> 1, o.value ->> 2, ?, "
               "o.value ->> 3 FROM json_each(?) o WHERE true ON CONFLICT (interview_id) "
               "DO UPDATE SET revision = excluded.revision, bundle_id = excluded.bundle_id, "
               "withheld_known = excluded.withheld_known",
               (researcher_key_id, bundle_id,
                _to_json([(row.interview_id, row.export_id, row.revision, int(row.withheld is not None))
                          for row in rows])))


def withheld_answers(db: Db, interview_id: str) -> dict[str, str] | None:
    """What an imported interview's export withheld (answer path -> reason), or None
    when its bundle did not say (an older program) or it was not imported."""
    known = db.execute("SELECT withheld_known FROM imported_origin WHERE interview_id = ?",
                       (interview_id,)).fetchone()
    if known is None or not int(known[0]):
        return None
    return {str(p): str(r) for p, r in db.execute(
        "SELECT path, reason FROM withheld_answers WHERE interview_id = ?", (interview_id,))}


_INSERT_ATTACHMENT = ("INSERT INTO attachments (id, interview_id, question_path, mime, size, "
                      "sha256, caption, data, export_opt_in, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, '', {}, 0, ?)")


def add_attachment(db: Db, row: ImportedAttachment, data: bytes | bytearray, at: str) -> None:
    """Insert an attachment with its bytes (a buffer is passed on without a copy)."""
    db.execute(_INSERT_ATTACHMENT.format("?"), (*row, data, at))


def open_attachment(db: Db, row: ImportedAttachment, at: str) -> Blob:
    """Insert an attachment of zero bytes of its size; its bytes are written to the blob returned."""
    cursor = db.execute(_INSERT_ATTACHMENT.format("zeroblob(?)"), (*row, row.size, at))
    rowid = cursor.lastrowid
    assert rowid is not None  # an INSERT sets it
    return db.open_blob("attachments", "data", rowid, readonly=False)


@contextmanager
def small_page_cache(db: Db, kib: int) -> Iterator[None]:
    """A page cache of ``kib`` KiB for the block, then the one before.

    Pages written once and not read again (attachments streaming in) would
    otherwise fill the vault's large cache.
    """
    row = db.execute("PRAGMA cache_size").fetchone()
    cache = 0 if row is None else int(row[0])
    db.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {cache}")
