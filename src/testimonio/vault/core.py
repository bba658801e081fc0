"""The vault: one folder holding the encrypted database and its key slots.

``Vault.create`` makes a new one and returns the recovery key to show once;
``Vault.unlock`` and ``Vault.unlock_with_recovery`` open it; ``lock`` closes
every connection and forgets the key. All access to the database goes
through ``transaction()`` (one short write transaction) and ``read()``.

The database key lives in one ``bytearray`` that ``lock()`` overwrites; the
copies Python or a library make (the hex text of ``PRAGMA key``, the bytes
the AEAD returns) are listed in docs/vault.md.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from testimonio.errors import BadInput, StorageFull, VaultDamaged, VaultLocked, VaultMissing
from testimonio.vault import slots as slotfile
from testimonio.vault import staging
from testimonio.vault.checkpoint import Checkpointer
from testimonio.vault.commits import COMMITS_NAME, CommitFile, checked_commit_file, counter_key
from testimonio.vault.connection import (
    check_no_plaintext_header,
    open_database,
    references,
    restrict_permissions,
    rollback,
    verify,
)
from testimonio.vault.db import Db
from testimonio.vault.dberrors import CREATE_FULL_SENTENCE, mapped_errors
from testimonio.vault.kdf import KEY_BYTES, KdfParams, normalise_secret
from testimonio.vault.migrations import migrate
from testimonio.vault.recovery import new_recovery_key, recovery_secret

log = logging.getLogger(__name__)

DB_NAME = staging.DB_NAME
SLOTS_NAME = staging.SLOTS_NAME
# Below this size the whole file's page MACs are checked at unlock (a few
# milliseconds); larger vaults are checked page by page as they are read.
VERIFY_AT_OPEN_BYTES = 16 * 1024 * 1024

DAMAGED_RECOVERY = (
    "Warning: the vault's recovery-key slot is damaged, so the recovery key can no longer "
    "open it; the passphrase still does. Keep a backup of the vault folder."
)


class Vault:
    """An unlocked vault. Use the class methods to get one."""

    def __init__(self, path: Path, key: bytearray, slots: slotfile.SlotFile,
                 conn: sqlcipher3.Connection, commits: CommitFile) -> None:
        self._path = path
        self._key: bytearray | None = key  # the one copy we keep; wiped by lock()
        self._slots = slots
        self._conn: sqlcipher3.Connection | None = conn
        self._commits: CommitFile | None = commits
        self._lock = threading.RLock()
        self._depth = 0
        self._writing = False
        self._extra: list[sqlcipher3.Connection] = []  # closed at lock(); closing twice is harmless
        self._checkpointer: Checkpointer | None = Checkpointer(self._background_connection,
                                                               self._flush_commits)
        self._target: Path | None = None  # where a staged vault goes at install()
        self.warnings: tuple[str, ...] = ()  # sentences to show once it is open
        self.setup_notes: tuple[str, ...] = ()  # what create() tidied up

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
                self.slots_path(self._path), self._path / COMMITS_NAME]

    # --- create and open --------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str, *, kdf: KdfParams | None = None,
               staged: bool = False) -> tuple[Vault, str]:
        """Make a new vault in folder ``path``; returns it and the recovery key text.

        The vault is built in a hidden folder beside ``path`` and renamed into
        place only when complete, so an interruption leaves no half vault.
        With ``staged`` it stays there, open, until :meth:`install` (once the
        caller has added what belongs to a new vault and shown the recovery
        key) or :meth:`discard`. Refuses a file, a vault (VaultExists) or a
        folder holding anything else.
        """
        path = Path(path)
        if not passphrase:
            raise BadInput("The passphrase cannot be empty.")
        normalise_secret(passphrase)  # BadInput before anything is written
        removed = staging.check_target(path)
        params = kdf or KdfParams.tuned()
        try:
            folder = staging.make_staging(path)
            try:
                vault, shown = cls._build(folder, passphrase, params)
            except BaseException:
                staging.discard(folder)
                raise
        except StorageFull:
            raise StorageFull(CREATE_FULL_SENTENCE) from None
        vault._target = path
        if removed:
            vault.setup_notes = (
                f"The empty files of an interrupted set-up ({', '.join(removed)}) were removed.",)
        if not staged:
            vault.install()
        return vault, shown

    @classmethod
    def _build(cls, folder: Path, passphrase: str, params: KdfParams) -> tuple[Vault, str]:
        db = cls.db_path(folder)
        key = bytearray(secrets.token_bytes(KEY_BYTES))
        vault_id = secrets.token_hex(16)
        shown, secret = new_recovery_key()
        table = slotfile.SlotFile(vault_id, (
            slotfile.wrap(vault_id, slotfile.PASSPHRASE, key, passphrase, params),
            slotfile.wrap(vault_id, slotfile.RECOVERY, key, secret, params),
        ))
        with mapped_errors(folder):
            # Made here with 0600 so SQLite gives its -wal and -shm files the same mode.
            db.touch(mode=0o600, exist_ok=False)
        conn = open_database(db, key, create=True)
        try:
            with mapped_errors(folder):
                migrate(conn)
                slotfile.write_slot_file(cls.slots_path(folder), table)
                commits = CommitFile.create(folder / COMMITS_NAME, counter_key(key), vault_id)
        except BaseException:
            conn.close()
            raise
        vault = cls(folder, key, table, conn, commits)
        restrict_permissions(folder, vault._files())
        check_no_plaintext_header(db)
        log.info("vault created id=%s", vault_id)
        return vault, shown

    def install(self) -> None:
        """Move a staged vault into its folder and reopen it there (no key derivation)."""
        with self._lock:
            target, folder = self._target, self._path
            if target is None or folder == target:
                return
            key = self._require_key()
            self._close_files()
            try:
                staging.install(folder, target)
            except BaseException:
                staging.discard(folder)
                self.lock()
                raise
            self._path, self._target = target, None
            self._conn = open_database(self.db_path(target), key)
            self._commits = CommitFile.open(target / COMMITS_NAME, counter_key(key), self.vault_id)
            self._checkpointer = Checkpointer(self._background_connection,
                                              self._flush_commits)
        log.info("vault installed id=%s", self.vault_id)

    def discard(self) -> None:
        """Lock a staged vault and remove it: no vault is made."""
        with self._lock:
            folder = self._path if self._target not in (None, self._path) else None
            self.lock()
            if folder is not None:
                staging.discard(folder)

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        """Open the vault in ``path`` with its passphrase.

        WrongPassphrase, VaultDamaged or VaultMissing; nothing is created.
        """
        normalise_secret(passphrase)
        return cls._open(Path(path), slotfile.PASSPHRASE, passphrase)

    @classmethod
    def unlock_with_recovery(cls, path: Path, recovery_key: str) -> Vault:
        """Open the vault with the recovery key printed at creation."""
        return cls._open(Path(path), slotfile.RECOVERY, recovery_secret(recovery_key))

    @classmethod
    def _open(cls, path: Path, kind: str, secret: str) -> Vault:
        db, slots_file = cls.db_path(path), cls.slots_path(path)
        _check_files(path, db, slots_file)
        table = slotfile.read_slot_file(slots_file)
        key = bytearray(slotfile.unwrap(table.vault_id, table.slot(kind), secret))
        try:
            with mapped_errors(path):
                check_no_plaintext_header(db)
            commits = checked_commit_file(path, key, table.vault_id)
            conn = open_database(db, key)
        except BaseException:
            key[:] = bytes(len(key))
            raise
        try:
            if db.stat().st_size <= VERIFY_AT_OPEN_BYTES:
                verify(conn)
            with mapped_errors(path):
                migrate(conn)
                if commits is None:
                    count = int(conn.execute("SELECT commits FROM commit_counter").fetchone()[0])
                    commits = CommitFile.create(path / COMMITS_NAME, counter_key(key),
                                                table.vault_id, count)
        except BaseException:
            conn.close()
            if commits is not None:
                commits.close()
            key[:] = bytes(len(key))
            raise
        vault = cls(path, key, table, conn, commits)
        if table.damaged or not any(s.kind == slotfile.RECOVERY for s in table.slots):
            vault.warnings = (DAMAGED_RECOVERY,)
            log.warning("vault id=%s opened with a damaged key slot", table.vault_id)
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
        Another program that changed the key file meanwhile wins; this change
        is then refused (VaultBusy), never silently lost.
        """
        if not new_passphrase:
            raise BadInput("The passphrase cannot be empty.")
        normalise_secret(new_passphrase)
        with self._lock:
            key = self._require_key()
            params = kdf or self.kdf
        # The slow derivation runs outside the lock: saves go on meanwhile.
        slot = slotfile.wrap(self.vault_id, slotfile.PASSPHRASE, key, new_passphrase, params)
        self._replace_slot(slot)
        log.info("passphrase changed id=%s", self.vault_id)

    def new_recovery_key(self, *, kdf: KdfParams | None = None) -> str:
        """Replace the recovery slot; returns the new recovery key text to show once."""
        with self._lock:
            key = self._require_key()
            params = kdf or self.kdf
        shown, secret = new_recovery_key()
        slot = slotfile.wrap(self.vault_id, slotfile.RECOVERY, key, secret, params)
        self._replace_slot(slot)
        log.info("recovery key replaced id=%s", self.vault_id)
        return shown

    def _replace_slot(self, slot: slotfile.KeySlot) -> None:
        with self._lock:
            self._require_key()
            with slotfile.exclusive(self._path), mapped_errors(self._path):
                slotfile.refuse_if_changed(self.slots_path(self._path), self._slots)
                table = self._slots.replace(slot)
                slotfile.write_slot_file(self.slots_path(self._path), table)
            self._slots = table
            self.warnings = ()

    # --- access -----------------------------------------------------------

    @property
    def locked(self) -> bool:
        """True once ``lock()`` ran."""
        return self._conn is None

    def _close_files(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        for extra in self._extra:
            extra.close()
        self._extra.clear()
        if self._conn is not None:
            self._conn.close()  # the last connection: SQLite checkpoints and removes the WAL
            self._conn = None
        if self._commits is not None:
            try:
                self._commits.flush()
            finally:
                self._commits.close()
                self._commits = None

    def lock(self) -> None:
        """Close every connection and wipe the key. Safe to call twice."""
        with self._lock:
            try:
                self._close_files()
            finally:
                if self._key is not None:
                    self._key[:] = bytes(len(self._key))
                    self._key = None
        log.info("vault locked")

    def _require_key(self) -> bytearray:
        """The key itself (not a copy): callers pass it on and never keep it."""
        if self._key is None:
            raise VaultLocked("The vault is locked. Unlock it again to go on.")
        return self._key

    def _require(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise VaultLocked("The vault is locked. Unlock it again to go on.")
        return self._conn

    def _flush_commits(self) -> None:
        commits = self._commits
        if commits is not None:
            commits.flush()

    def _background_connection(self) -> sqlcipher3.Connection:
        # Not under self._lock: lock() holds it while it waits for the
        # checkpoint thread to stop, and wipes the key only after that.
        return open_database(self.db_path(self._path), self._require_key())

    @contextmanager
    def transaction(self, *, references_kept_by_caller: bool = False) -> Iterator[Db]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT; ROLLBACK on error).

        Nested use joins the outer transaction. A transaction that changed
        rows raises the commit counter, and the commit record is written
        before this returns (to the system's cache; on the disk within the
        checkpoint thread's delay, and at lock). Storage errors come out as
        StorageFull, NoPermission, VaultBusy or VaultDamaged.

        ``references_kept_by_caller``: SQLite does not enforce the references
        between rows (foreign keys, their ``ON DELETE CASCADE`` included)
        inside this transaction; the caller writes whole interviews and
        deletes every row of one itself. Only the import asks for it: with
        references checked row by row, each of its many-row inserts could
        stop half-way, so SQLite kept a copy in memory of every existing page
        the insert changed, to undo it alone (docs/vault.md, "Why an import
        runs without reference checks").
        """
        with self._lock:
            conn = self._require()
            if self._depth:
                if not self._writing:
                    # The read's ROLLBACK would silently drop these writes.
                    raise RuntimeError("vault.transaction() inside vault.read()")
                if references_kept_by_caller:
                    raise RuntimeError("references are set for a whole transaction, not a nested one")
                self._depth += 1
                try:
                    yield conn
                finally:
                    self._depth -= 1
                return
            with mapped_errors(self._path), references(conn, checked=not references_kept_by_caller):
                conn.execute("BEGIN IMMEDIATE")
                self._depth, self._writing = 1, True
                before = conn.total_changes
                count = None
                try:
                    yield conn
                    if conn.total_changes != before:
                        count = int(conn.execute("UPDATE commit_counter SET commits = commits + 1 "
                                                 "WHERE id = 1 RETURNING commits").fetchone()[0])
                    conn.execute("COMMIT")
                except BaseException:
                    rollback(conn)
                    raise
                finally:
                    self._depth, self._writing = 0, False
                if count is not None:
                    self._committed(count)

    def _committed(self, count: int) -> None:
        if self._commits is not None:
            try:
                self._commits.record(count)
            except OSError:
                # The change is committed; the record only lags (never leads),
                # which the check at unlock accepts.
                log.warning("commit record not written", exc_info=True)
        if self._checkpointer is not None:
            self._checkpointer.committed()

    @contextmanager
    def read(self) -> Iterator[Db]:
        """A consistent read (one snapshot) of the database."""
        with self._lock:
            conn = self._require()
            if self._depth:
                yield conn
                return
            with mapped_errors(self._path):
                conn.execute("BEGIN")
                self._depth = 1
                try:
                    yield conn
                finally:
                    self._depth = 0
                    rollback(conn)

    def held_here(self) -> bool:
        """Whether this thread is inside a read or transaction of the vault
        (another thread's read would wait for it to end)."""
        owned = getattr(self._lock, "_is_owned", None)
        return bool(owned()) if owned is not None else False

    def connect(self) -> sqlcipher3.Connection:
        """A separate connection for a background thread, for reading; closed by ``lock()``."""
        with self._lock:
            conn = open_database(self.db_path(self._path), self._require_key())
            self._extra.append(conn)
            return conn

    def verify(self) -> None:
        """Check every page's MAC and the b-trees; VaultDamaged if anything is off."""
        with self._lock:
            verify(self._require())

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()


def _check_files(path: Path, db: Path, slots_file: Path) -> None:
    if not slots_file.exists():
        if not db.exists():
            raise VaultMissing(
                f"There is no vault in {path}. Create one with 'testimonio init', "
                "or give the right folder with --vault."
            )
        if staging.is_leftover(path):
            raise VaultMissing(
                f"{path} holds only the empty files of an interrupted set-up, not a vault. "
                "Run 'testimonio init' to create one there."
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
