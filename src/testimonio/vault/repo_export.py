"""What leaves and what has left: export candidates, export ids
(``pseudonyms``), review decisions, the bundles sent, and the rows the
lead's report reads.

The services (``services/export.py``, ``report.py``) plan, pseudonymise and
check k-anonymity; this module only reads and writes the rows.
"""

from __future__ import annotations

import itertools
import json
import secrets
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from testimonio.errors import BadInput, NotFound
from testimonio.vault.core import Vault
from testimonio.vault.db import Db, marks
from testimonio.vault.records import INTERVIEW_COLUMNS, AnswerValue, InterviewSummary
from testimonio.vault.repo_imports import small_page_cache

_BATCH = 500  # ids per IN (...) list, well under SQLite's parameter limit
WRITE_ONCE_CACHE_KIB = 2 * 1024  # page cache while an export's rows are written or read once


class SentItem(NamedTuple):
    """One interview that left in a bundle, and its quasi-identifiers (k-anonymity)."""

    interview_id: str
    revision: int
    export_id: str
    quasi_json: str  # {"form_id": ..., "values": {...}} as JSON text


class ReportRow(NamedTuple):
    """A complete interview as the lead's report lists it."""

    id: str
    form_id: str
    form_version: str
    site: str
    interviewer: str
    updated_at: str
    origin_export_id: str | None  # set when imported from a researcher's bundle
    researcher: str | None  # the researcher's key id, when imported
    own_export_id: str | None  # set when this vault gave it an export id


# --- candidates and export ids ----------------------------------------------------
def _candidates(all_: bool) -> str:
    """The query of the ids :func:`candidate_ids` returns, unordered."""
    changed = "" if all_ else " AND (p.exported_revision IS NULL OR p.exported_revision < i.revision)"
    return ("SELECT i.id FROM interviews i LEFT JOIN pseudonyms p ON p.interview_id = i.id "
            "WHERE i.status = 'complete' AND NOT EXISTS "
            "(SELECT 1 FROM imported_origin o WHERE o.interview_id = i.id) AND NOT EXISTS "
            f"(SELECT 1 FROM purged g WHERE g.interview_id = i.id){changed}")


def candidate_ids(db: Db, all_: bool) -> list[str]:
    """Complete interviews of this vault to export: new or changed (or all), oldest first
    (the plan reads their rows by chunk). Imported and purged interviews never leave again."""
    return [str(r[0]) for r in db.execute(f"{_candidates(all_)} ORDER BY i.created_at, i.id")]


class ExportRead(NamedTuple):
    """One interview as an export reads it: its row, its export id (if any), its answers."""

    row: InterviewSummary
    export_id: str | None
    answers: dict[str, AnswerValue]


def export_reads(db: Db, interview_ids: list[str]) -> dict[str, ExportRead]:
    """Interview id -> row, export id and answers (as :func:`records.answers_of`),
    for those of ``interview_ids`` still in the vault.

    One result row per 500 interviews: SQLite writes them as one JSON text
    (each stored answer's JSON as it is), parsed by one ``json.loads``. An
    export reads on a second thread, and a thread takes the interpreter's
    lock back after each row SQLite gives: a row per interview made the
    planning thread hand it over 20 000 times per 10 000 interviews (about
    a second of a 4 s export on two cores).
    """
    out: dict[str, ExportRead] = {}
    cols = " || ',' || ".join(f"json_quote(i.{c})" for c in INTERVIEW_COLUMNS)
    for start in range(0, len(interview_ids), _BATCH):
        part = interview_ids[start:start + _BATCH]
        row = db.execute(
            "SELECT '{' || group_concat(json_quote(i.id) || ':[' || " + cols + " || ',' || "
            "json_quote(p.export_id) || ',' || coalesce((SELECT '{' || group_concat(json_quote(a.path) "
            "|| ':' || a.value, ',' ORDER BY a.path) || '}' FROM answers a "
            "WHERE a.interview_id = i.id AND a.value != 'null'), '{}') || ']', ',') || '}' "
            f"FROM interviews i LEFT JOIN pseudonyms p ON p.interview_id = i.id WHERE i.id IN ({marks(len(part))})",
            part).fetchone()
        found: dict[str, list[Any]] = json.loads(row[0]) if row and row[0] else {}
        for interview_id, (*columns, export_id, answers) in found.items():
            if None in answers.values():  # a null written another way
                answers = {p: v for p, v in answers.items() if v is not None}
            out[interview_id] = ExportRead(InterviewSummary(*columns), export_id, answers)
    return out


def candidates_among(db: Db, interview_ids: list[str]) -> list[str]:
    """Those of ``interview_ids`` an export with ``--all`` would take, in the same order."""
    found: set[str] = set()
    for start in range(0, len(interview_ids), _BATCH):
        part = interview_ids[start:start + _BATCH]
        found.update(str(r[0]) for r in db.execute(
            f"{_candidates(True)} AND i.id IN ({marks(len(part))})", part))
    return [i for i in interview_ids if i in found]


def export_ids(db: Db, interview_ids: list[str]) -> dict[str, str]:
    """Interview id -> export id, for those that have one."""
    out: dict[str, str] = {}
    for start in range(0, len(interview_ids), _BATCH):
        part = interview_ids[start:start + _BATCH]
        for i, e in db.execute(f"SELECT interview_id, export_id FROM pseudonyms "
                               f"WHERE interview_id IN ({marks(len(part))})", part):
            out[str(i)] = str(e)
    return out


def assign_export_ids(vault: Vault, interview_ids: Sequence[str]) -> None:
    """Give each interview its random export id if it has none (kept locally)."""
    # A batch at a time: no map of every known export id; pages read once, in a
    # small page cache (the large one would keep them all).
    with vault.read() as db, small_page_cache(db, WRITE_ONCE_CACHE_KIB):
        missing = [i for start in range(0, len(interview_ids), _BATCH)
                   for i in _without_export_id(db, list(interview_ids[start:start + _BATCH]))]
    if not missing:
        return
    # Pages written once: a small page cache keeps 50 000 new rows from filling the large one.
    with vault.transaction() as db, small_page_cache(db, WRITE_ONCE_CACHE_KIB):
        db.executemany("INSERT INTO pseudonyms (interview_id, export_id) VALUES (?, ?) "
                       "ON CONFLICT (interview_id) DO NOTHING",
                       ((i, secrets.token_hex(16)) for i in missing))


def _without_export_id(db: Db, interview_ids: list[str]) -> list[str]:
    known = export_ids(db, interview_ids)
    return [i for i in interview_ids if i not in known]


def quasi_left_before(db: Db, all_: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    """(export id, {"form_id", "values"}) of the interviews that have left, one at a
    time, except those among the :func:`candidate_ids` (``all_``) of the export being planned:
    their new records replace the ones that left (the k-anonymity check reads both)."""
    rows = db.execute("SELECT export_id, quasi FROM pseudonyms WHERE quasi IS NOT NULL "
                      f"AND interview_id NOT IN ({_candidates(all_)})")
    for e, q in rows:
        yield str(e), json.loads(q)


# --- review decisions -------------------------------------------------------------
def review_decisions(db: Db, interview_id: str) -> dict[str, tuple[str, str]]:
    """path -> (decision, value hash) for one interview."""
    rows = db.execute("SELECT path, decision, value_sha256 FROM review_decisions "
                      "WHERE interview_id = ?", (interview_id,))
    return {str(p): (str(d), str(h)) for p, d, h in rows}


def review_decisions_of(db: Db, interview_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
    """:func:`review_decisions` of several interviews in one query."""
    out: dict[str, dict[str, tuple[str, str]]] = {i: {} for i in interview_ids}
    if not interview_ids:
        return out
    for i, p, d, h in db.execute("SELECT interview_id, path, decision, value_sha256 FROM "
                                 f"review_decisions WHERE interview_id IN "
                                 f"({marks(len(interview_ids))})", interview_ids):
        out[str(i)][str(p)] = (str(d), str(h))
    return out


def set_review_decision(db: Db, interview_id: str, path: str, decision: tuple[str, str],
                        at: str) -> None:
    """Store a decision (verdict, value hash); it is part of what leaves: a new revision."""
    db.execute("UPDATE interviews SET revision = revision + 1 WHERE id = ?", (interview_id,))
    db.execute("INSERT INTO review_decisions (interview_id, path, decision, value_sha256, at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (interview_id, path) DO UPDATE SET "
               "decision = excluded.decision, value_sha256 = excluded.value_sha256, "
               "at = excluded.at", (interview_id, path, decision[0], decision[1], at))


# --- attachments ------------------------------------------------------------------
class ExportAttachment(NamedTuple):
    """An attachment ticked for export, without its bytes."""

    id: str
    question_path: str
    mime: str
    size: int
    sha256: str
    interview_id: str


def ticked_attachments(db: Db, interview_ids: list[str]) -> list[ExportAttachment]:
    """Attachments ticked for export of these interviews, by interview then time."""
    if not interview_ids:
        return []
    rows = db.execute("SELECT id, question_path, mime, size, sha256, interview_id FROM attachments "
                      f"WHERE interview_id IN ({marks(len(interview_ids))}) AND export_opt_in = 1 "
                      "ORDER BY interview_id, created_at, id", interview_ids).fetchall()
    return [ExportAttachment(str(a), str(p), str(m), int(s), str(h), str(i))
            for a, p, m, s, h, i in rows]


def attachment_ticked(db: Db, attachment_id: str) -> bool | None:
    """Whether an attachment is ticked for export; None when it is not in the vault."""
    row = db.execute("SELECT export_opt_in FROM attachments WHERE id = ?",
                     (attachment_id,)).fetchone()
    return None if row is None else bool(row[0])


def attachment_bytes(db: Db, attachment_id: str) -> bytes:
    """The stored bytes of one attachment (NotFound when it went)."""
    row = db.execute("SELECT data FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    if row is None:
        raise NotFound("An attachment ticked for export is no longer in the vault.")
    return bytes(row[0])


# --- records worked out ahead (services/export_ready.py) ---------------------------
class ReadyRow(NamedTuple):
    """An interview's record as kept when it was completed (``export_ready``)."""

    interview_id: str
    revision: int
    rules: str
    export_id: str
    quasi: str  # JSON [[path, value or null], ...]
    held: str  # JSON [[path, kind], ...]
    line: bytes  # the record's JSON line, as the bundle holds it


class KeptRecord(NamedTuple):
    """A kept record that still matches its interview, and the interview's questionnaire."""

    row: ReadyRow
    form_id: str
    form_version: str


# Kept rows that still match their interview (complete, same revision) and its export id.
_READY_CURRENT = ("FROM export_ready r JOIN interviews i ON i.id = r.interview_id "
                  "JOIN pseudonyms p ON p.interview_id = r.interview_id "
                  "WHERE i.status = 'complete' AND r.revision = i.revision AND r.export_id = p.export_id")


def keep_ready(db: Db, rows: Iterable[ReadyRow]) -> int:
    """Keep these records, each only if its interview is still complete at that revision
    and export id (a change since it was worked out leaves nothing kept). Returns how many."""
    kept = 0
    for row in rows:
        kept += db.execute(
            "INSERT INTO export_ready (interview_id, revision, rules, export_id, quasi, held, line) "
            "SELECT ?, ?, ?, ?, ?, ?, ? FROM interviews i JOIN pseudonyms p ON p.interview_id = i.id "
            "WHERE i.id = ? AND i.status = 'complete' AND i.revision = ? AND p.export_id = ? "
            "ON CONFLICT (interview_id) DO UPDATE SET revision = excluded.revision, "
            "rules = excluded.rules, export_id = excluded.export_id, quasi = excluded.quasi, "
            "held = excluded.held, line = excluded.line",
            (*row, row.interview_id, row.revision, row.export_id)).rowcount
    return kept


def ready_rows(db: Db, interview_ids: list[str]) -> dict[str, KeptRecord]:
    """Interview id -> its kept record, for those of ``interview_ids`` (at most a
    batch) whose record still matches them (the caller checks the rules key)."""
    rows = db.execute(
        "SELECT r.interview_id, r.revision, r.rules, r.export_id, r.quasi, r.held, r.line, "
        f"i.form_id, i.form_version {_READY_CURRENT} AND r.interview_id IN ({marks(len(interview_ids))})",
        interview_ids)
    return {str(r[0]): KeptRecord(ReadyRow(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]),
                                           str(r[5]), bytes(r[6])), str(r[7]), str(r[8]))
            for r in rows}


def answered(db: Db, interview_id: str, paths: list[str]) -> set[str]:
    """Those of ``paths`` the interview has an answer stored at."""
    return {str(r[0]) for r in db.execute(
        f"SELECT path FROM answers WHERE interview_id = ? AND path IN ({marks(len(paths))}) "
        "AND value != 'null'", (interview_id, *paths))}


def drop_ready(db: Db, interview_ids: Iterable[str]) -> None:
    """Forget the kept records of these interviews."""
    db.executemany("DELETE FROM export_ready WHERE interview_id = ?", ((i,) for i in interview_ids))


# --- bundles sent -----------------------------------------------------------------
def next_sequence(db: Db) -> int:
    """The sequence number the next bundle gets (1 for the first)."""
    row = db.execute("SELECT COALESCE(MAX(sequence), 0) FROM bundles_sent").fetchone()
    return 1 if row is None else int(row[0]) + 1


def record_sent(db: Db, sequence: int, bundle_id: str, at: str, items: Iterable[SentItem]) -> None:
    """Record a written bundle: its number, what left, the quasi keys for k-anonymity.

    ``items`` is read once, a batch at a time (an export of 50 000 interviews
    keeps no list of them). BadInput when another export took the number meanwhile.
    """
    if db.execute("SELECT 1 FROM bundles_sent WHERE sequence = ?", (sequence,)).fetchone():
        raise BadInput("Another export finished meanwhile; run the export again.")
    db.execute("INSERT INTO bundles_sent (sequence, bundle_id, at, interviews) VALUES (?, ?, ?, 0)",
               (sequence, bundle_id, at))
    sent = 0
    items = iter(items)
    while batch := list(itertools.islice(items, _BATCH)):
        sent += len(batch)
        db.executemany("INSERT INTO bundle_items (sequence, interview_id, revision, export_id) "
                       "VALUES (?, ?, ?, ?)",
                       [(sequence, s.interview_id, s.revision, s.export_id) for s in batch])
        db.executemany("UPDATE pseudonyms SET exported_revision = ?, quasi = ? WHERE interview_id = ?",
                       [(s.revision, s.quasi_json, s.interview_id) for s in batch])
    db.execute("UPDATE bundles_sent SET interviews = ? WHERE sequence = ?", (sent, sequence))


# --- the lead's report ------------------------------------------------------------
def report_rows(db: Db) -> list[ReportRow]:
    """Every complete interview with where it came from, oldest first."""
    rows = db.execute(
        "SELECT i.id, i.form_id, i.form_version, i.site, i.interviewer, i.updated_at, "
        "o.export_id, o.researcher, p.export_id FROM interviews i "
        "LEFT JOIN imported_origin o ON o.interview_id = i.id "
        "LEFT JOIN pseudonyms p ON p.interview_id = i.id "
        "WHERE i.status = 'complete' ORDER BY i.created_at, i.id").fetchall()
    return [ReportRow(*r) for r in rows]


def complete_count(db: Db) -> int:
    """How many interviews are complete."""
    row = db.execute("SELECT COUNT(*) FROM interviews WHERE status = 'complete'").fetchone()
    return 0 if row is None else int(row[0])
