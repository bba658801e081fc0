"""SQL shared by the exchange services (keys, team, export, import, report).

Only services call these; the CLI and the GUI go through the services.
``db`` is the connection a vault's ``read()`` or ``transaction()`` yields.
Answers are stored as JSON text keyed by answer path (see vault migration 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from testimonio.errors import BadInput, NotFound
from testimonio.exchange.kanon import effective_k
from testimonio.vault import Vault, repo_settings
from testimonio.vault.records import answers, answers_of

__all__ = ["answers", "answers_of"]  # the answers are read by the vault's records, once

_INTERVIEW_COLS = ("id", "form_id", "form_version", "site", "interviewer", "language", "alias",
                   "status", "created_at", "updated_at", "revision")


def _interview(row: Iterable[Any]) -> dict[str, Any]:
    return dict(zip(_INTERVIEW_COLS, row, strict=True))


def interview_row(db: Any, interview_id: str) -> dict[str, Any]:
    """One interview's row as a dict; :class:`NotFound` if there is none."""
    row = db.execute(f"SELECT {', '.join(_INTERVIEW_COLS)} FROM interviews WHERE id = ?",
                     (interview_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no interview {interview_id}.")
    return _interview(row)


def review_decisions_of(db: Any, interview_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
    """:func:`review_decisions` of several interviews in one query."""
    out: dict[str, dict[str, tuple[str, str]]] = {i: {} for i in interview_ids}
    if not interview_ids:
        return out
    marks = ",".join("?" * len(interview_ids))
    for i, p, d, h in db.execute("SELECT interview_id, path, decision, value_sha256 FROM review_decisions "
                                 f"WHERE interview_id IN ({marks})", interview_ids):
        out[str(i)][str(p)] = (str(d), str(h))
    return out


def review_decisions(db: Any, interview_id: str) -> dict[str, tuple[str, str]]:
    """path -> (decision, value hash) for one interview."""
    rows = db.execute("SELECT path, decision, value_sha256 FROM review_decisions "
                      "WHERE interview_id = ?", (interview_id,))
    return {str(p): (str(d), str(h)) for p, d, h in rows}


def candidates(db: Any, all_: bool) -> list[dict[str, Any]]:
    """Complete interviews of this vault to export: new or changed (or all)."""
    cols = ", ".join(f"i.{c}" for c in _INTERVIEW_COLS)
    changed = "" if all_ else " AND (p.exported_revision IS NULL OR p.exported_revision < i.revision)"
    rows = db.execute(
        f"SELECT {cols} FROM interviews i LEFT JOIN pseudonyms p ON p.interview_id = i.id "
        "WHERE i.status = 'complete' AND NOT EXISTS "
        "(SELECT 1 FROM imported_origin o WHERE o.interview_id = i.id) AND NOT EXISTS "
        "(SELECT 1 FROM purged g WHERE g.interview_id = i.id)"
        f"{changed} ORDER BY i.created_at, i.id"
    )
    return [_interview(r) for r in rows]


def export_ids(db: Any, interview_ids: list[str]) -> dict[str, str]:
    """Interview id -> export id, for those that have one."""
    out: dict[str, str] = {}
    for start in range(0, len(interview_ids), 500):
        part = interview_ids[start:start + 500]
        marks = ",".join("?" * len(part))
        for i, e in db.execute(f"SELECT interview_id, export_id FROM pseudonyms "
                               f"WHERE interview_id IN ({marks})", part):
            out[str(i)] = str(e)
    return out


def exported_quasi(db: Any) -> list[tuple[str, dict[str, Any]]]:
    """(export id, {"form_id", "values"}) of every interview that has left."""
    rows = db.execute("SELECT export_id, quasi FROM pseudonyms WHERE quasi IS NOT NULL")
    return [(str(e), json.loads(q)) for e, q in rows]


def next_sequence(db: Any) -> int:
    """The sequence number the next bundle gets (1 for the first)."""
    row = db.execute("SELECT COALESCE(MAX(sequence), 0) FROM bundles_sent").fetchone()
    return int(row[0]) + 1


def setting_int(db: Any, name: str, default: int) -> int:
    """An integer setting stored by the preferences (``pref.<name>``) or raw."""
    for key in (f"pref.{name}", name):
        row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        if row is None:
            continue
        raw: Any = row[0]
        try:
            raw = json.loads(raw)
        except (TypeError, ValueError):
            pass
        try:
            return max(1, int(raw))
        except (TypeError, ValueError):
            continue
    return default


_TEAM_COLS = ("study", "role", "lead_public", "lead_key_id", "lead_fingerprint", "joined_at",
              "lead_kem", "update_number", "receipt_number", "retention")


def team(vault: Vault) -> dict[str, Any] | None:
    """This vault's team row, or None if it has not created or joined one."""
    with vault.read() as db:
        return team_row(db)


def team_row(db: Any) -> dict[str, Any] | None:
    """:func:`team` inside an open read or transaction."""
    row = db.execute(f"SELECT {', '.join(_TEAM_COLS)} FROM team WHERE id = 1").fetchone()
    if row is None:
        return None
    out = dict(zip(_TEAM_COLS, row, strict=True))
    out["lead_public"] = bytes(out["lead_public"])
    out["lead_kem"] = None if out["lead_kem"] is None else bytes(out["lead_kem"])
    return out


def bundle_recipients(db: Any) -> list[Any]:
    """The lead's public keys first, then every backup recipient not revoked."""
    from testimonio.exchange.keys import PublicKeys

    found = team_row(db)
    if found is None:
        raise BadInput("Join a team first (team join TEAM_FILE).")
    out = [PublicKeys.from_raw(found["lead_public"], found["lead_kem"])]
    for public, kem in db.execute(
            "SELECT public, kem FROM backup_recipients b WHERE NOT EXISTS "
            "(SELECT 1 FROM revocations r WHERE r.key_id = b.key_id) ORDER BY added_at, key_id"):
        out.append(PublicKeys.from_raw(bytes(public), bytes(kem)))
    return out


def attachment_bytes(db: Any, attachment_id: str) -> bytes:
    """The stored bytes of one attachment."""
    row = db.execute("SELECT data FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    if row is None:
        raise NotFound("An attachment ticked for export is no longer in the vault.")
    return bytes(row[0])


def record_sent(db: Any, plan: Any, bundle_id: str, at: str) -> None:
    """Record a written bundle: its sequence, what left, the quasi keys for k-anonymity."""
    if db.execute("SELECT 1 FROM bundles_sent WHERE sequence = ?", (plan.sequence,)).fetchone():
        raise BadInput("Another export finished meanwhile; run the export again.")
    db.execute("INSERT INTO bundles_sent (sequence, bundle_id, at, interviews) VALUES (?, ?, ?, ?)",
               (plan.sequence, bundle_id, at, len(plan.records)))
    items = []
    updates = []
    for planned in plan.records:
        eid = planned.record["export_id"]
        items.append((plan.sequence, planned.interview_id, planned.revision, eid))
        quasi = {"form_id": planned.quasi.form_id, "values": dict(planned.quasi.values)}
        updates.append((planned.revision, json.dumps(quasi), planned.interview_id))
    db.executemany("INSERT INTO bundle_items (sequence, interview_id, revision, export_id) "
                   "VALUES (?, ?, ?, ?)", items)
    db.executemany("UPDATE pseudonyms SET exported_revision = ?, quasi = ? WHERE interview_id = ?",
                   updates)


def assign_export_ids(vault: Vault, interview_ids: list[str]) -> None:
    """Give each interview its random export id if it has none (kept locally)."""
    import secrets

    with vault.read() as db:
        known = export_ids(db, interview_ids)
    missing = [i for i in interview_ids if i not in known]
    if not missing:
        return
    with vault.transaction() as db:
        db.executemany(
            "INSERT INTO pseudonyms (interview_id, export_id) VALUES (?, ?) "
            "ON CONFLICT (interview_id) DO NOTHING",
            [(i, secrets.token_hex(16)) for i in missing],
        )


def small_counts_k(db: Any, default_k: int) -> int:
    """k for the "fewer than k" rule of summaries, or 0 when the lead chose exact counts.

    ``default_k`` is kept for callers; the vault's k (:func:`group_size`) is used.
    """
    row = db.execute("SELECT value FROM settings WHERE key = 'pref.small_counts'").fetchone()
    raw: Any = row[0] if row is not None else None
    try:
        raw = json.loads(raw) if raw is not None else None
    except (TypeError, ValueError):
        pass
    if raw == "exact":
        return 0
    return group_size(db)


def group_size(db: Any) -> int:
    """This vault's k: its own setting, never below the k the team lead set (``team.k``)."""
    return effective_k(repo_settings.setting_int(db, "k_anonymity", 0) or None,
                       repo_settings.setting_int(db, "team.k", 0) or None)
