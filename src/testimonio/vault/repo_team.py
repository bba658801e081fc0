"""The team tables: ``team`` (one row), ``roster``, ``revocations``,
``backup_recipients`` and ``sites``.

The services (``services/team.py``, ``team_admin.py``, ``receipts.py``)
decide who may join, revoke or add what; this module only reads and writes
the rows, as typed records.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, TypedDict

from testimonio.vault import repo_interviews
from testimonio.vault.core import Vault
from testimonio.vault.db import Db, Row


class TeamRow(TypedDict):
    """This vault's team row (``team``, id 1)."""

    study: str
    role: str  # "lead" or "researcher"
    lead_public: bytes
    lead_key_id: str
    lead_fingerprint: str
    joined_at: str
    lead_kem: bytes | None
    update_number: int
    receipt_number: int
    retention: str  # JSON of the retention policy


class KeyRow(NamedTuple):
    """A public key as the team tables store it (Ed25519/X25519 raw, hybrid KEM)."""

    key_id: str
    public: bytes
    kem: bytes | None
    fingerprint: str


class RosterRow(NamedTuple):
    """One researcher on the lead's roster (without the key bytes)."""

    key_id: str
    name: str
    fingerprint: str
    confirmed_at: str


class NamedKey(NamedTuple):
    """A name with its public key bytes (roster members, backup recipients)."""

    name: str
    public: bytes
    kem: bytes | None


class RevocationRow(NamedTuple):
    """A revoked researcher key: bundles numbered after ``last_sequence`` are refused."""

    key_id: str
    fingerprint: str
    last_sequence: int
    revoked_at: str


_TEAM_COLS = ("study", "role", "lead_public", "lead_key_id", "lead_fingerprint", "joined_at",
              "lead_kem", "update_number", "receipt_number", "retention")


def team(db: Db) -> TeamRow | None:
    """This vault's team row, or None if it has not created or joined one."""
    row = db.execute(f"SELECT {', '.join(_TEAM_COLS)} FROM team WHERE id = 1").fetchone()
    if row is None:
        return None
    return TeamRow(study=str(row[0]), role=str(row[1]), lead_public=bytes(row[2]),
                   lead_key_id=str(row[3]), lead_fingerprint=str(row[4]), joined_at=str(row[5]),
                   lead_kem=None if row[6] is None else bytes(row[6]),
                   update_number=int(row[7]), receipt_number=int(row[8]), retention=str(row[9]))


def set_team(db: Db, role: str, study: str, lead: KeyRow, at: str) -> None:
    """Create the team row or update it: the study and the lead's hybrid key.

    A researcher's row keeps a hybrid key it has when the file brings none.
    """
    kem = "excluded.lead_kem" if role == "lead" else "COALESCE(excluded.lead_kem, team.lead_kem)"
    db.execute("INSERT INTO team (id, study, role, lead_public, lead_key_id, lead_fingerprint, "
               "joined_at, lead_kem) VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
               f"UPDATE SET study = excluded.study, lead_kem = {kem}",
               (study, role, lead.public, lead.key_id, lead.fingerprint, at, lead.kem))


def set_retention(db: Db, retention_json: str) -> None:
    """Store the team's retention policy (JSON)."""
    db.execute("UPDATE team SET retention = ? WHERE id = 1", (retention_json,))


def set_update_number(db: Db, number: int) -> None:
    """Store the number of the last team update written (lead)."""
    db.execute("UPDATE team SET update_number = ? WHERE id = 1", (number,))


def apply_update(db: Db, number: int, retention_json: str, lead_kem: bytes | None) -> None:
    """Store a received team update's number, retention and the lead's hybrid key (if sent)."""
    db.execute("UPDATE team SET update_number = ?, retention = ?, "
               "lead_kem = COALESCE(?, lead_kem) WHERE id = 1", (number, retention_json, lead_kem))


def receipt_number(db: Db) -> int:
    """The number of the last receipt written (lead) or imported (researcher)."""
    row = db.execute("SELECT receipt_number FROM team WHERE id = 1").fetchone()
    if row is None:
        raise LookupError("This vault has no team row.")
    return int(row[0])


def set_receipt_number(db: Db, number: int) -> None:
    """Store the number of the last receipt written or imported."""
    db.execute("UPDATE team SET receipt_number = ? WHERE id = 1", (number,))


# --- roster ---------------------------------------------------------------------
def roster(db: Db) -> list[RosterRow]:
    """Every researcher on the roster, by name (case ignored)."""
    rows = db.execute("SELECT key_id, name, fingerprint, confirmed_at FROM roster "
                      "ORDER BY name COLLATE NOCASE").fetchall()
    return [RosterRow(*map(str, r)) for r in rows]


def roster_by_fingerprint(db: Db, fingerprint: str) -> RosterRow | None:
    """The roster entry with this fingerprint, or None."""
    row = db.execute("SELECT key_id, name, fingerprint, confirmed_at FROM roster "
                     "WHERE fingerprint = ?", (fingerprint,)).fetchone()
    return None if row is None else RosterRow(*map(str, row))


def roster_key(db: Db, key_id: str) -> NamedKey | None:
    """A roster member's name and public key bytes, or None."""
    row = db.execute("SELECT name, public, kem FROM roster WHERE key_id = ?",
                     (key_id,)).fetchone()
    return None if row is None else _named(row)


def roster_keys(db: Db) -> list[NamedKey]:
    """Every roster member's name and key bytes, by key id."""
    return [_named(r) for r in db.execute("SELECT name, public, kem FROM roster ORDER BY key_id")]


def add_to_roster(db: Db, key: KeyRow, name: str, at: str) -> None:
    """Add a researcher, or rename one (keeping a hybrid key the new file lacks)."""
    db.execute("INSERT INTO roster (key_id, public, name, fingerprint, confirmed_at, kem) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET name = excluded.name, "
               "kem = COALESCE(excluded.kem, roster.kem)",
               (key.key_id, key.public, name, key.fingerprint, at, key.kem))


def replace_roster(db: Db, members: Iterable[tuple[KeyRow, str]], at: str) -> None:
    """The roster becomes exactly ``members`` ((key, name) pairs; a repeated key counts once)."""
    db.execute("DELETE FROM roster")
    db.executemany("INSERT INTO roster (key_id, public, name, fingerprint, confirmed_at, kem) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                   [(k.key_id, k.public, name, k.fingerprint, at, k.kem) for k, name in members])


# --- revocations ----------------------------------------------------------------
def revoke(db: Db, revocation: RevocationRow) -> RevocationRow:
    """Record a revocation unless the key is revoked already; the one kept is returned."""
    add_revocations(db, [revocation])
    row = db.execute("SELECT key_id, fingerprint, last_sequence, revoked_at FROM revocations "
                     "WHERE key_id = ?", (revocation.key_id,)).fetchone()
    assert row is not None  # just written, or there before
    return _revocation(row)


def add_revocations(db: Db, revocations: Iterable[RevocationRow]) -> None:
    """Add revocations; one is never lifted or changed."""
    db.executemany("INSERT INTO revocations (key_id, fingerprint, last_sequence, revoked_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                   [tuple(r) for r in revocations])


def revocations(db: Db) -> list[RevocationRow]:
    """Every revocation, by key id."""
    return [_revocation(r) for r in db.execute(
        "SELECT key_id, fingerprint, last_sequence, revoked_at FROM revocations ORDER BY key_id")]


# --- backup recipients ----------------------------------------------------------
def add_recipient(db: Db, key: KeyRow, name: str, at: str) -> None:
    """Add a backup recipient, or rename one and take its new hybrid key."""
    db.execute("INSERT INTO backup_recipients (key_id, public, kem, name, fingerprint, "
               "added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET "
               "name = excluded.name, kem = excluded.kem",
               (key.key_id, key.public, key.kem, name, key.fingerprint, at))


def replace_recipients(db: Db, members: Iterable[tuple[KeyRow, str]], at: str) -> None:
    """The backup recipients become exactly ``members`` ((key, name) pairs)."""
    db.execute("DELETE FROM backup_recipients")
    db.executemany("INSERT INTO backup_recipients (key_id, public, kem, name, fingerprint, "
                   "added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                   [(k.key_id, k.public, k.kem, name, k.fingerprint, at) for k, name in members])


def recipients(db: Db) -> list[NamedKey]:
    """Every backup recipient's name and key bytes, by key id."""
    return [_named(r) for r in db.execute(
        "SELECT name, public, kem FROM backup_recipients ORDER BY key_id")]


def active_recipient_keys(db: Db) -> list[tuple[bytes, bytes]]:
    """(public, hybrid KEM) of every backup recipient not revoked, in the order added."""
    return [(bytes(p), bytes(k)) for p, k in db.execute(
        "SELECT public, kem FROM backup_recipients b WHERE NOT EXISTS "
        "(SELECT 1 FROM revocations r WHERE r.key_id = b.key_id) ORDER BY added_at, key_id")]


# --- sites ----------------------------------------------------------------------
def active_sites(db: Db) -> list[str]:
    """Active sites, in the order they were added."""
    return [str(r[0]) for r in db.execute("SELECT name FROM sites WHERE active = 1 ORDER BY id")]


def activate_site(db: Db, name: str) -> None:
    """Add a site the team file or update names, or make an inactive one active again."""
    repo_interviews.add_site(db, name)


def _named(row: Row) -> NamedKey:
    return NamedKey(str(row[0]), bytes(row[1]), None if row[2] is None else bytes(row[2]))


def _revocation(row: Row) -> RevocationRow:
    return RevocationRow(str(row[0]), str(row[1]), int(row[2]), str(row[3]))


def read_team(vault: Vault) -> TeamRow | None:
    """:func:`team` in a read of its own."""
    with vault.read() as db:
        return team(db)


def revocation(db: Db, key_id: str) -> RevocationRow | None:
    """The revocation of ``key_id``, or None when it is not revoked."""
    row = db.execute("SELECT key_id, fingerprint, last_sequence, revoked_at FROM revocations "
                     "WHERE key_id = ?", (key_id,)).fetchone()
    return None if row is None else _revocation(row)


def roster_publics(db: Db) -> list[tuple[str, bytes, str]]:
    """(key id, public key bytes, name) of every researcher on the roster."""
    return [(str(k), bytes(p), str(n))
            for k, p, n in db.execute("SELECT key_id, public, name FROM roster").fetchall()]


def is_recipient(db: Db, key_id: str) -> bool:
    """Whether ``key_id`` is one of the team's backup recipients."""
    return db.execute("SELECT 1 FROM backup_recipients WHERE key_id = ?",
                      (key_id,)).fetchone() is not None
