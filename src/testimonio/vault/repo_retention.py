"""What the retention policy reads and deletes (researcher): received
interviews, their tombstones in ``purged``, and the scrubbing of the files.

The service (``services/retention.py``) decides what is due and which
answers are identifiers; this module only finds and deletes the rows.
Deletes run with ``secure_delete`` on (:func:`secure_delete`), so freed
cells are zeroed; :func:`scrub` then leaves no freed page behind.
"""

from __future__ import annotations

from typing import NamedTuple

from testimonio.vault.db import Db, marks
from testimonio.vault.repo_export import WRITE_ONCE_CACHE_KIB
from testimonio.vault.repo_imports import small_page_cache


class ReceivedRow(NamedTuple):
    """A received interview whose current revision is the one the lead got."""

    interview_id: str
    alias: str
    received_at: str


class Deleted(NamedTuple):
    """How many rows a purge deleted."""

    answers: int
    attachments: int
    log_rows: int


def received(db: Db, *, skip_purged: bool) -> list[ReceivedRow]:
    """Received interviews unchanged since, by date then id.

    ``skip_purged`` leaves out those with a tombstone already (their
    identifiers went; a whole-interview purge leaves no row anyway).
    """
    once = (" AND NOT EXISTS (SELECT 1 FROM purged p WHERE p.interview_id = i.id)"
            if skip_purged else "")
    rows = db.execute("SELECT i.id, i.alias, r.received_at FROM received r JOIN interviews i "
                      f"ON i.id = r.interview_id WHERE i.revision <= r.revision{once} "
                      "ORDER BY r.received_at, i.id").fetchall()
    return [ReceivedRow(str(i), str(a), str(r)) for i, a, r in rows]


def form_of(db: Db, interview_id: str) -> tuple[str, str]:
    """(form id, form version) of an interview (LookupError if there is none)."""
    row = db.execute("SELECT form_id, form_version FROM interviews WHERE id = ?",
                     (interview_id,)).fetchone()
    if row is None:
        raise LookupError(f"There is no interview {interview_id}.")
    return str(row[0]), str(row[1])


def answer_paths(db: Db, interview_id: str) -> list[str]:
    """The paths of an interview's stored answers."""
    return [str(p) for (p,) in db.execute("SELECT path FROM answers WHERE interview_id = ?",
                                          (interview_id,))]


def secure_delete(db: Db) -> None:
    """Zero what the connection deletes from here on."""
    db.execute("PRAGMA secure_delete = ON")


def _tombstone(db: Db, interview_id: str, scope: str, at: str) -> None:
    db.execute("INSERT INTO purged (interview_id, scope, at) VALUES (?, ?, ?) ON CONFLICT "
               "(interview_id) DO UPDATE SET scope = excluded.scope, at = excluded.at",
               (interview_id, scope, at))


def purge_interview(db: Db, interview_id: str, at: str) -> Deleted:
    """Delete a whole interview (a tombstone with no values stays)."""
    _tombstone(db, interview_id, "interview", at)
    attachments = db.execute("DELETE FROM attachments WHERE interview_id = ?",
                             (interview_id,)).rowcount
    answers = db.execute("DELETE FROM answers WHERE interview_id = ?", (interview_id,)).rowcount
    rows = db.execute("DELETE FROM edit_log WHERE interview_id = ?", (interview_id,)).rowcount
    db.execute("DELETE FROM review_decisions WHERE interview_id = ?", (interview_id,))
    db.execute("DELETE FROM export_ready WHERE interview_id = ?", (interview_id,))
    db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
    return Deleted(answers, attachments, rows)


def purge_identifiers(db: Db, interview_id: str, identifiers: set[str], at: str, *,
                      clear_alias: bool, reason: str) -> Deleted:
    """Delete an interview's attachments and the answers at ``identifiers``.

    The edit log keeps old and new values: its rows for what went go too,
    and attachment events (their captions and names). A ``purge`` row with
    ``reason`` (no values) is logged in their place.
    """
    i = interview_id
    _tombstone(db, i, "identifiers", at)
    # Its record as worked out for export: a purged interview never leaves again.
    db.execute("DELETE FROM export_ready WHERE interview_id = ?", (i,))
    attachments = db.execute("DELETE FROM attachments WHERE interview_id = ?", (i,)).rowcount
    paths = marks(len(identifiers))
    answers = 0
    if identifiers:
        answers = db.execute(f"DELETE FROM answers WHERE interview_id = ? AND path IN ({paths})",
                             (i, *identifiers)).rowcount
        db.execute(f"DELETE FROM review_decisions WHERE interview_id = ? AND path IN ({paths})",
                   (i, *identifiers))
    rows = db.execute(f"DELETE FROM edit_log WHERE interview_id = ? AND (path IN ({paths}) OR "
                      "action IN ('attach', 'detach', 'caption'))", (i, *identifiers)).rowcount
    if clear_alias:
        db.execute("UPDATE interviews SET alias = '' WHERE id = ?", (i,))
    db.execute("INSERT INTO edit_log (interview_id, path, old_value, new_value, at, who, action, "
               "reason) VALUES (?, '', NULL, NULL, ?, '', 'purge', ?)", (i, at, reason))
    return Deleted(answers, attachments, rows)


def scrub(db: Db) -> None:
    """Leave no deleted value in the files: checkpoint, VACUUM, truncate the WAL.

    ``db`` is a read with no statement open; its snapshot is left first
    (VACUUM runs outside a transaction; the read's closing ROLLBACK is
    skipped when none is open).
    """
    db.execute("ROLLBACK")
    db.execute("PRAGMA secure_delete = ON")
    # The alias search index keeps deleted trigrams until its segments
    # merge: rebuilt from the rows that remain, none is left.
    db.execute("INSERT INTO interviews_alias_fts (interviews_alias_fts) VALUES ('rebuild')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    # VACUUM builds the new database in a temporary one first: in memory, a vault
    # of 320 MB took 430 MB of RAM (one of several GB of photos would not fit).
    # On disk instead, for this statement only: SQLCipher keys that transient
    # database with the vault's own key, so its pages are as encrypted as the
    # vault's (tests/vault/test_scrub_files.py reads it while it exists), and
    # the file is unlinked as soon as it is opened.
    # Every page is read and written once: a small page cache (VACUUM gives its
    # transient database the same size again).
    db.execute("PRAGMA temp_store = FILE")
    try:
        with small_page_cache(db, WRITE_ONCE_CACHE_KIB):
            db.execute("VACUUM")
    finally:
        db.execute("PRAGMA temp_store = MEMORY")
        if db.execute("PRAGMA temp_store").fetchone() != (2,):  # pragma: no cover - SQLite sets it
            raise RuntimeError("temp_store could not be set back to MEMORY")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


class ScheduleRow(NamedTuple):
    """A received interview still here, whether it changed since, and its tombstone."""

    interview_id: str
    alias: str
    received_at: str
    changed: bool  # edited since the lead received it
    purged: str | None  # the scope of an earlier purge, or None


def schedule(db: Db) -> list[ScheduleRow]:
    """Every received interview still in the vault, by date then id."""
    rows = db.execute("SELECT i.id, i.alias, r.received_at, i.revision > r.revision, p.scope "
                      "FROM received r JOIN interviews i ON i.id = r.interview_id "
                      "LEFT JOIN purged p ON p.interview_id = i.id "
                      "ORDER BY r.received_at, i.id").fetchall()
    return [ScheduleRow(str(i), str(a), str(r), bool(c), None if p is None else str(p))
            for i, a, r, c, p in rows]
