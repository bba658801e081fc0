"""Writes to the interview tables (``interviews``, ``answers``, ``attachments``,
``edit_log``, ``sites``), and the small reads the service checks them with.

:mod:`testimonio.vault.records` reads interviews as typed records; the
service (``services/interviews.py``) decides what may change and logs each
change. Every function here runs inside the caller's transaction.
"""

from __future__ import annotations

from typing import NamedTuple

import sqlcipher3

from testimonio.vault.db import Db


class NewInterview(NamedTuple):
    """A new draft interview's row."""

    id: str
    form_id: str
    form_version: str
    site: str
    interviewer: str
    language: str
    at: str


class NewAttachmentRow(NamedTuple):
    """A new attachment's row (its bytes separately)."""

    id: str
    interview_id: str
    question_path: str
    mime: str
    size: int
    sha256: str
    caption: str


class LogRow(NamedTuple):
    """One row for an interview's append-only edit log (values as stored JSON)."""

    interview_id: str
    path: str
    old_value: str | None
    new_value: str | None
    at: str
    who: str
    action: str
    reason: str


# --- interviews ---------------------------------------------------------------------
def ids_starting(db: Db, prefix: str, limit: int = 2) -> list[str]:
    """Up to ``limit`` interview ids that start with ``prefix``, in id order."""
    return [str(r[0]) for r in db.execute(
        "SELECT id FROM interviews WHERE id >= ? AND id < ? LIMIT ?",
        (prefix, prefix + "\U0010ffff", limit)).fetchall()]


def add_draft(db: Db, row: NewInterview) -> None:
    """Insert a new draft at revision 1."""
    db.execute("INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
               "status, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, 1)",
               (row.id, row.form_id, row.form_version, row.site, row.interviewer, row.language,
                row.at, row.at))


def set_status(db: Db, interview_id: str, status: str) -> None:
    """Mark an interview ``draft`` or ``complete``."""
    db.execute("UPDATE interviews SET status = ? WHERE id = ?", (status, interview_id))


def set_language(db: Db, interview_id: str, language: str) -> None:
    """Record the questionnaire language an interview is taken in."""
    db.execute("UPDATE interviews SET language = ? WHERE id = ?", (language, interview_id))


def set_alias(db: Db, interview_id: str, alias: str) -> None:
    """Store the alias shown in the list (copied from the alias answer)."""
    db.execute("UPDATE interviews SET alias = ? WHERE id = ?", (alias, interview_id))


def touch(db: Db, interview_id: str, at: str) -> None:
    """A change: the time it happened, and one revision more."""
    db.execute("UPDATE interviews SET updated_at = ?, revision = revision + 1 WHERE id = ?",
               (at, interview_id))


def delete_draft(db: Db, interview_id: str) -> None:
    """Delete an interview row (answers and attachments cascade), then its edit log."""
    db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
    # The log's guard lets these go only once the interview row is gone.
    db.execute("DELETE FROM edit_log WHERE interview_id = ?", (interview_id,))


def sender(db: Db, interview_id: str) -> str | None:
    """The researcher an imported interview came from (the lead's side), else None."""
    row = db.execute("SELECT i.interviewer FROM imported_origin o JOIN interviews i "
                     "ON i.id = o.interview_id WHERE o.interview_id = ?", (interview_id,)).fetchone()
    return None if row is None else str(row[0])


def is_purged(db: Db, interview_id: str) -> bool:
    """Whether the retention policy purged (part of) this interview."""
    return db.execute("SELECT 1 FROM purged WHERE interview_id = ?",
                      (interview_id,)).fetchone() is not None


def interviewers(db: Db) -> list[str]:
    """Everyone who took an interview in this vault, by name (case ignored).

    Walks the interviewer index from one name to the next (migration 11): a
    seek per distinct name, not a read of every interview.
    """
    return [str(r[0]) for r in db.execute(
        "WITH RECURSIVE names (name) AS ("
        " SELECT min(interviewer) FROM interviews"
        " UNION ALL SELECT (SELECT min(interviewer) FROM interviews WHERE interviewer > name)"
        " FROM names WHERE name IS NOT NULL) "
        "SELECT name FROM names WHERE name IS NOT NULL ORDER BY name COLLATE NOCASE, name")]


def add_log(db: Db, row: LogRow) -> None:
    """Append one row to an interview's edit log."""
    db.execute("INSERT INTO edit_log (interview_id, path, old_value, new_value, at, who, action, "
               "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuple(row))


# --- answers ------------------------------------------------------------------------
def stored_value(db: Db, interview_id: str, path: str) -> str | None:
    """The stored JSON text of one answer, or None."""
    row = db.execute("SELECT value FROM answers WHERE interview_id = ? AND path = ?",
                     (interview_id, path)).fetchone()
    return None if row is None else str(row[0])


def put_value(db: Db, interview_id: str, path: str, value: str | None) -> None:
    """Store one answer's JSON text, or delete the answer when ``value`` is None."""
    if value is None:
        db.execute("DELETE FROM answers WHERE interview_id = ? AND path = ?", (interview_id, path))
        return
    db.execute("INSERT INTO answers (interview_id, path, value) VALUES (?, ?, ?) "
               "ON CONFLICT (interview_id, path) DO UPDATE SET value = excluded.value",
               (interview_id, path, value))


# --- attachments --------------------------------------------------------------------
def add_attachment(db: Db, row: NewAttachmentRow, data: bytes, at: str) -> None:
    """Insert an attachment with its bytes (not ticked for export)."""
    db.execute("INSERT INTO attachments (id, interview_id, question_path, mime, size, sha256, "
               "caption, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (*row, sqlcipher3.Binary(data), at))


def attachment_owner(db: Db, attachment_id: str) -> tuple[str, str] | None:
    """(interview id, question path) of an attachment, or None."""
    row = db.execute("SELECT interview_id, question_path FROM attachments WHERE id = ?",
                     (attachment_id,)).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))


def delete_attachment(db: Db, attachment_id: str) -> None:
    """Delete one attachment."""
    db.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))


def set_export_opt_in(db: Db, attachment_id: str, opt_in: bool) -> None:
    """Tick or untick an attachment for export."""
    db.execute("UPDATE attachments SET export_opt_in = ? WHERE id = ?",
               (int(bool(opt_in)), attachment_id))


# --- sites --------------------------------------------------------------------------
def sites(db: Db, include_inactive: bool = False) -> list[str]:
    """Site names, active ones only unless asked, in name order (case ignored)."""
    sql = "SELECT name FROM sites" + ("" if include_inactive else " WHERE active = 1")
    return [str(r[0]) for r in db.execute(sql + " ORDER BY name COLLATE NOCASE")]


def add_site(db: Db, name: str) -> None:
    """Add a site, or make an inactive one active again."""
    db.execute("INSERT INTO sites (name, active) VALUES (?, 1) "
               "ON CONFLICT (name) DO UPDATE SET active = 1", (name,))


def deactivate_site(db: Db, name: str) -> bool:
    """Hide a site from new interviews; False when there is no such site."""
    return db.execute("UPDATE sites SET active = 0 WHERE name = ?", (name,)).rowcount > 0
