"""Open the SQLCipher database with every setting of the design, and check them.

The key is the first statement on a connection. Each setting is read back and
a connection that does not have it is refused, so an old or differently built
SQLCipher cannot silently store the vault less safely.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlcipher3

from testimonio.errors import StorageFull, VaultDamaged, VaultError
from testimonio.vault.dberrors import (
    DAMAGED_SENTENCE,
    OPEN_FULL_SENTENCE,
    mapped_errors,
    translate,
)

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
# Decrypted pages kept in memory: the interview table and its indexes of a
# 100 000-interview vault fit, so a save decrypts few pages (bench_vault.py).
CACHE_KIB = 64 * 1024
BUSY_TIMEOUT_S = 10.0
# After a checkpoint the WAL file is cut back to this size (it is reused, not grown).
WAL_SIZE_LIMIT = 64 * 1024 * 1024


@functools.cache
def _quiet_sqlcipher() -> None:
    """SQLCipher logs to stderr by default; its log level is process-wide."""
    probe = sqlcipher3.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_log_level = NONE").fetchall()
    finally:
        probe.close()


def _pragma(conn: sqlcipher3.Connection, name: str) -> str:
    row = conn.execute(f"PRAGMA {name}").fetchone()
    return "" if row is None else str(row[0])


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise VaultError(
            f"The encryption library does not apply a required setting ({what}). "
            "Reinstall Testimonio."
        )


def _connect(db_path: Path, key: bytes | bytearray, mode: str) -> sqlcipher3.Connection:
    """A connection with the key set (the first statement) and the schema readable."""
    _quiet_sqlcipher()
    uri = f"file:{quote(str(db_path))}?mode={mode}"
    try:
        with mapped_errors(db_path.parent):
            conn = sqlcipher3.connect(uri, uri=True, isolation_level=None,
                                      check_same_thread=False, timeout=BUSY_TIMEOUT_S)
            _open_checks(conn, db_path, key)
    except StorageFull:
        raise StorageFull(OPEN_FULL_SENTENCE) from None
    return conn


def _open_checks(conn: sqlcipher3.Connection, db_path: Path, key: bytes | bytearray) -> None:
    try:
        # The one copy of the key we cannot avoid: PRAGMA key takes text only.
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as error:
            # A full disk or a folder without permission fails here too (the
            # -wal and -shm files cannot be made): only real damage is damage.
            raise (translate(error, db_path.parent) or VaultDamaged(DAMAGED_SENTENCE)) from None
    except BaseException:
        conn.close()
        raise


def open_database(db_path: Path, key: bytes | bytearray, *,
                  create: bool = False) -> sqlcipher3.Connection:
    """An autocommit connection to the vault database, keyed and checked.

    Never creates a missing file unless ``create``; the caller verified the
    key against the slot's AEAD tag, so a refusal here means damage.
    """
    conn = _connect(db_path, key, "rwc" if create else "rw")
    try:
        with mapped_errors(db_path.parent):
            _configure(conn)
    except StorageFull:
        conn.close()
        raise StorageFull(OPEN_FULL_SENTENCE) from None
    except BaseException:
        conn.close()
        raise
    return conn


def stored_commit_count(db_path: Path, key: bytes | bytearray) -> int | None:
    """The database's commit counter, read without changing any file.

    A read-only connection: closing it neither checkpoints nor deletes the
    WAL, so a damaged WAL is left as it was found. None for a vault whose
    schema predates the counter.
    """
    conn = _connect(db_path, key, "ro")
    try:
        with mapped_errors(db_path.parent):
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                 "AND name = 'commit_counter'").fetchone()
            if found is None:
                return None
            row = conn.execute("SELECT commits FROM commit_counter WHERE id = 1").fetchone()
        return None if row is None else int(row[0])
    except sqlcipher3.DatabaseError:
        raise VaultDamaged(DAMAGED_SENTENCE) from None
    finally:
        conn.close()


def _configure(conn: sqlcipher3.Connection) -> None:
    _require(_pragma(conn, "cipher_version") != "", "cipher_version")
    _require(_pragma(conn, "cipher_plaintext_header_size") == "0", "cipher_plaintext_header_size = 0")
    _require(_pragma(conn, "cipher_use_hmac") == "1", "cipher_use_hmac = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    _require(_pragma(conn, "temp_store") == "2", "temp_store = MEMORY")
    _require(_pragma(conn, "journal_mode = WAL").lower() == "wal", "journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    _require(_pragma(conn, "synchronous") == "2", "synchronous = FULL")
    if sys.platform == "darwin":
        conn.execute("PRAGMA fullfsync = ON")
        conn.execute("PRAGMA checkpoint_fullfsync = ON")
        _require(_pragma(conn, "fullfsync") == "1", "fullfsync = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    # Checkpoints run in the background (vault/checkpoint.py), never inside a save.
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
    _require(_pragma(conn, "foreign_keys") == "1", "foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def check_no_plaintext_header(db_path: Path) -> None:
    """Refuse a database file that starts like a plaintext SQLite file."""
    with open(db_path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head == SQLITE_HEADER:
        raise VaultDamaged(
            "The vault's database is not encrypted. It was replaced or altered; "
            "do not use it. Restore the vault folder from a backup."
        )


def restrict_permissions(folder: Path, files: list[Path]) -> None:
    """Folder 0700, files 0600 (no-op on Windows, where ACLs apply)."""
    if os.name != "posix":
        return
    os.chmod(folder, 0o700)
    for path in files:
        if path.exists():
            os.chmod(path, 0o600)


def cipher_version() -> str:
    """The SQLCipher library's own version, from an in-memory database ("unknown" if none)."""
    connection = sqlcipher3.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
        return str(row[0]) if row and row[0] else "unknown"
    finally:
        connection.close()


@contextmanager
def references(conn: sqlcipher3.Connection, checked: bool) -> Iterator[None]:
    """Foreign keys off for one transaction (set outside it: SQLite ignores the
    pragma inside), and on again after it, whatever happened."""
    if checked:
        yield
        return
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def rollback(conn: sqlcipher3.Connection) -> None:
    """ROLLBACK if a transaction is open; a failure is logged, not raised."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlcipher3.Error:
            log.warning("rollback failed", exc_info=True)


def verify(conn: sqlcipher3.Connection) -> None:
    """Every page's MAC and the b-trees checked; VaultDamaged if anything is off."""
    try:
        bad_pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlcipher3.DatabaseError:
        raise VaultDamaged(DAMAGED_SENTENCE) from None
    if bad_pages or result != [("ok",)]:
        log.error("vault damaged: %d bad pages, integrity %s", len(bad_pages), len(result))
        raise VaultDamaged(DAMAGED_SENTENCE)
