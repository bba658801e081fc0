"""What receipts read and write: ``received`` (researcher), what the lead
imported from a researcher (``imported_origin``) and what a researcher sent
(``bundle_items``).

The service (``services/receipts.py``) checks signatures and numbers; this
module only reads and writes the rows.
"""

from __future__ import annotations

from testimonio.vault.db import Db, marks

_BATCH = 500  # ids per IN (...) list, well under SQLite's parameter limit


def imported_from(db: Db, researcher_key_id: str) -> list[tuple[str, int]]:
    """(export id, revision) of every interview imported from a researcher, by export id."""
    return [(str(e), int(r)) for e, r in db.execute(
        "SELECT export_id, revision FROM imported_origin WHERE researcher = ? "
        "ORDER BY export_id", (researcher_key_id,))]


def sent_interview(db: Db, export_id: str, revision: int) -> str | None:
    """The local interview id that left with this export id at this revision, or None."""
    row = db.execute("SELECT interview_id FROM bundle_items WHERE export_id = ? AND "
                     "revision = ? LIMIT 1", (export_id, revision)).fetchone()
    return None if row is None else str(row[0])


def received_revision(db: Db, interview_id: str) -> int | None:
    """The revision of an interview the lead confirmed receiving, or None."""
    row = db.execute("SELECT revision FROM received WHERE interview_id = ?",
                     (interview_id,)).fetchone()
    return None if row is None else int(row[0])


def mark_received(db: Db, interview_id: str, revision: int, day: str, receipt: int) -> None:
    """Record that the lead received this revision on ``day`` (receipt number ``receipt``)."""
    db.execute("INSERT INTO received (interview_id, revision, received_at, receipt) "
               "VALUES (?, ?, ?, ?) ON CONFLICT (interview_id) DO UPDATE SET "
               "revision = excluded.revision, received_at = excluded.received_at, "
               "receipt = excluded.receipt", (interview_id, revision, day, receipt))


def received_dates(db: Db, interview_ids: list[str]) -> dict[str, str]:
    """Interview id -> the date the lead received it (only received ones)."""
    out: dict[str, str] = {}
    for start in range(0, len(interview_ids), _BATCH):
        part = interview_ids[start:start + _BATCH]
        for i, at in db.execute("SELECT interview_id, received_at FROM received "
                                f"WHERE interview_id IN ({marks(len(part))})", part):
            out[str(i)] = str(at)
    return out
