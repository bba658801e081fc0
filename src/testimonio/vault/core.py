"""The vault: one folder holding the encrypted database and its key slots.

``Vault.create`` makes a new one and returns the recovery key to show once;
``Vault.unlock`` and ``Vault.unlock_with_recovery`` open it; ``lock`` closes
every connection and forgets the key. All access to the database goes
through ``transaction()`` (one short write transaction) and ``read()``.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from testimonio.errors import VaultDamaged, VaultExists, VaultLocked, VaultMissing
from testimonio.vault import slots as slotfile
from testimonio.vault.connection import (
    check_no_plaintext_header,
    open_database,
    restrict_permissions,
)
from testimonio.vault.dberrors import DAMAGED_SENTENCE, mapped_errors
from testimonio.vault.kdf import KEY_BYTES, KdfParams
from testimonio.vault.migrations import migrate
from testimonio.vault.recovery import new_recovery_key, recovery_secret

log = logging.getLogger(__name__)

DB_NAME = "vault.db"
SLOTS_NAME = "keyslots.json"
# Below this size the whole file's page MACs are checked at unlock (a few
# milliseconds); larger vaults are checked page by page as they are read.
VERIFY_AT_OPEN_BYTES = 16 * 1024 * 1024


class Vault:
    """An unlocked vault. Use the class methods to get one."""

    def __init__(self, path: Path, key: bytes, slots: slotfile.SlotFile,
                 conn: sqlcipher3.Connection) -> None:
        self._path = path
        self._key: bytearray | None = bytearray(key)
        self._slots = slots
        self._conn: sqlcipher3.Connection | None = conn
        self._lock = threading.RLock()
        self._depth = 0
        self._writing = False
        self._extra: list[sqlcipher3.Connection] = []  # closed at lock(); closing twice is harmless

    # --- files ------------------------------------------------------------

    @staticmethod
    def db_path(path: Path) -> Path:
        """The database file of the vault in folder ``path``."""
        return Path(path) / DB_NAME

    @staticmethod
    def slots_path(path: Path) -> Path:
        """The key-slot file of the vault in folder ``path``."""
        return Path(path) / SLOTS_NAME

    @staticmethod
    def exists(path: Path) -> bool:
        """Whether folder ``path`` holds a vault (or the remains of one)."""
        return Vault.slots_path(path).exists() or Vault.db_path(path).exists()

    @property
    def path(self) -> Path:
        """The vault folder."""
        return self._path

    @property
    def vault_id(self) -> str:
        """A random id given at creation (hex), stored in the slot file."""
        return self._slots.vault_id

    @property
    def kdf(self) -> KdfParams:
        """The Argon2id parameters of the passphrase slot."""
        return self._slots.slot(slotfile.PASSPHRASE).kdf

    def _files(self) -> list[Path]:
        db = self.db_path(self._path)
        return [db, db.with_name(DB_NAME + "-wal"), db.with_name(DB_NAME + "-shm"),
                self.slots_path(self._path)]

    # --- create and open --------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *,
               kdf: KdfParams | None = None) -> tuple[Vault, str]:
        """Make a new vault in folder ``path``; returns it and the recovery key text.

        Refuses (VaultExists) when a vault, or part of one, is already there.
        """
        path = Path(path)
        if not passphrase:
            from testimonio.errors import BadInput

            raise BadInput("The passphrase cannot be empty.")
        if cls.exists(path):
            raise VaultExists(f"There is already a vault in {path}; it was left as it is.")
        params = kdf or KdfParams.tuned()
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        restrict_permissions(path, [])
        db = cls.db_path(path)
        with mapped_errors():
            # Made here with 0600 so SQLite gives its -wal and -shm files the same mode.
            os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        key = secrets.token_bytes(KEY_BYTES)
        vault_id = secrets.token_hex(16)
        shown, secret = new_recovery_key()
        table = slotfile.SlotFile(vault_id, (
            slotfile.wrap(vault_id, slotfile.PASSPHRASE, key, passphrase, params),
            slotfile.wrap(vault_id, slotfile.RECOVERY, key, secret, params),
        ))
        try:
            conn = open_database(db, key, create=True)
            try:
                with mapped_errors():
                    migrate(conn)
                    slotfile.write_slot_file(cls.slots_path(path), table)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            # Leave no half-made vault behind: it could never be opened.
            for leftover in (db, db.with_name(DB_NAME + "-wal"), db.with_name(DB_NAME + "-shm"),
                             cls.slots_path(path)):
                leftover.unlink(missing_ok=True)
            raise
        vault = cls(path, key, table, conn)
        restrict_permissions(path, vault._files())
        check_no_plaintext_header(db)
        log.info("vault created id=%s", vault_id)
        return vault, shown

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        """Open the vault in ``path`` with its passphrase.

        WrongPassphrase, VaultDamaged or VaultMissing; nothing is created.
        """
        return cls._open(Path(path), slotfile.PASSPHRASE, passphrase)

    @classmethod
    def unlock_with_recovery(cls, path: Path, recovery_key: str) -> Vault:
        """Open the vault with the recovery key printed at creation."""
        return cls._open(Path(path), slotfile.RECOVERY, recovery_secret(recovery_key))

    @classmethod
    def _open(cls, path: Path, kind: str, secret: str) -> Vault:
        db, slots_file = cls.db_path(path), cls.slots_path(path)
        if not slots_file.exists():
            if not db.exists():
                raise VaultMissing(
                    f"There is no vault in {path}. Create one with 'testimonio init', "
                    "or give the right folder with --vault."
                )
            raise VaultDamaged(
                f"The vault in {path} has lost its key file ({SLOTS_NAME}), so it cannot "
                "be opened. Restore the folder from a backup."
            )
        if not db.exists():
            raise VaultDamaged(
                f"The vault in {path} has lost its database file ({DB_NAME}). "
                "Restore the folder from a backup."
            )
        table = slotfile.read_slot_file(slots_file)
        key = slotfile.unwrap(table.vault_id, table.slot(kind), secret)
        check_no_plaintext_header(db)
        conn = open_database(db, key)
        try:
            if db.stat().st_size <= VERIFY_AT_OPEN_BYTES:
                _verify(conn)
            with mapped_errors():
                migrate(conn)
        except BaseException:
            conn.close()
            raise
        vault = cls(path, key, table, conn)
        restrict_permissions(path, vault._files())
        log.info("vault unlocked id=%s slot=%s", table.vault_id, kind)
        return vault

    # --- keys -------------------------------------------------------------

    def check_passphrase(self, passphrase: str) -> None:
        """WrongPassphrase unless ``passphrase`` opens this vault's passphrase slot.

        One Argon2id derivation against the slot already read; no second
        database connection is opened.
        """
        with self._lock:
            key = self._require_key()
            slot = self._slots.slot(slotfile.PASSPHRASE)
        if not hmac.compare_digest(slotfile.unwrap(self.vault_id, slot, passphrase), key):
            raise VaultDamaged(slotfile.DAMAGED_SLOTS)

    def change_passphrase(self, new_passphrase: str, *, kdf: KdfParams | None = None) -> None:
        """Rewrap the database key under a new passphrase (slot file only).

        ``kdf`` defaults to the current slot's parameters. The file is
        replaced atomically: after a crash the old or the new passphrase works.
        """
        if not new_passphrase:
            from testimonio.errors import BadInput

            raise BadInput("The passphrase cannot be empty.")
        with self._lock:
            key = self._require_key()
            params = kdf or self.kdf
        # The slow derivation runs outside the lock: saves go on meanwhile.
        slot = slotfile.wrap(self.vault_id, slotfile.PASSPHRASE, key, new_passphrase, params)
        with self._lock:
            self._require_key()
            table = self._slots.replace(slot)
            with mapped_errors():
                slotfile.write_slot_file(self.slots_path(self._path), table)
            self._slots = table
        log.info("passphrase changed id=%s", self.vault_id)

    def new_recovery_key(self, *, kdf: KdfParams | None = None) -> str:
        """Replace the recovery slot; returns the new recovery key text to show once."""
        with self._lock:
            key = self._require_key()
            params = kdf or self.kdf
        shown, secret = new_recovery_key()
        slot = slotfile.wrap(self.vault_id, slotfile.RECOVERY, key, secret, params)
        with self._lock:
            self._require_key()
            table = self._slots.replace(slot)
            with mapped_errors():
                slotfile.write_slot_file(self.slots_path(self._path), table)
            self._slots = table
        log.info("recovery key replaced id=%s", self.vault_id)
        return shown

    # --- access -----------------------------------------------------------

    @property
    def locked(self) -> bool:
        """True once ``lock()`` ran."""
        return self._conn is None

    def lock(self) -> None:
        """Close every connection and forget the key. Safe to call twice."""
        with self._lock:
            for extra in self._extra:
                extra.close()
            self._extra.clear()
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._key is not None:
                self._key[:] = bytes(len(self._key))  # best effort: Python may hold copies
                self._key = None
        log.info("vault locked")

    def _require_key(self) -> bytes:
        if self._key is None:
            raise VaultLocked("The vault is locked. Unlock it again to go on.")
        return bytes(self._key)

    def _require(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise VaultLocked("The vault is locked. Unlock it again to go on.")
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT; ROLLBACK on error).

        Nested use joins the outer transaction. Storage errors come out as
        StorageFull / VaultDamaged.
        """
        with self._lock:
            conn = self._require()
            if self._depth:
                if not self._writing:
                    # The read's ROLLBACK would silently drop these writes.
                    raise RuntimeError("vault.transaction() inside vault.read()")
                self._depth += 1
                try:
                    yield conn
                finally:
                    self._depth -= 1
                return
            with mapped_errors():
                conn.execute("BEGIN IMMEDIATE")
                self._depth, self._writing = 1, True
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    _rollback(conn)
                    raise
                finally:
                    self._depth, self._writing = 0, False

    @contextmanager
    def read(self) -> Iterator[sqlcipher3.Connection]:
        """A consistent read (one snapshot) of the database."""
        with self._lock:
            conn = self._require()
            if self._depth:
                yield conn
                return
            with mapped_errors():
                conn.execute("BEGIN")
                self._depth = 1
                try:
                    yield conn
                finally:
                    self._depth = 0
                    _rollback(conn)

    def connect(self) -> sqlcipher3.Connection:
        """A separate connection for a background thread; closed by ``lock()``."""
        with self._lock:
            conn = open_database(self.db_path(self._path), self._require_key())
            self._extra.append(conn)
            return conn

    def verify(self) -> None:
        """Check every page's MAC and the b-trees; VaultDamaged if anything is off."""
        with self._lock:
            _verify(self._require())

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()


def _rollback(conn: sqlcipher3.Connection) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlcipher3.Error:
            log.warning("rollback failed", exc_info=True)


def _verify(conn: sqlcipher3.Connection) -> None:
    try:
        bad_pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlcipher3.DatabaseError:
        raise VaultDamaged(DAMAGED_SENTENCE) from None
    if bad_pages or result != [("ok",)]:
        log.error("vault damaged: %d bad pages, integrity %s", len(bad_pages), len(result))
        raise VaultDamaged(DAMAGED_SENTENCE)
