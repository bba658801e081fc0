"""The commit counter: how many changes the vault has committed, kept outside the WAL.

SQLite in WAL mode keeps a committed change only in ``vault.db-wal`` until a
checkpoint copies it into ``vault.db``. A deleted WAL, or one byte flipped in
it, makes SQLite drop the changes from that point on *silently*: the
database opens, consistent, with interviews missing. So the vault counts its
committed write transactions twice:

- inside the database, in the one-row table ``commit_counter`` (raised in the
  same transaction as the change, so it is lost together with it), and
- in this small file, ``vault.commits``, written right after each COMMIT,
  before the save is reported as done (to the system's cache, which a crash
  of the program cannot lose; flushed to the disk by the checkpoint thread
  within about two seconds, and at lock).

At unlock the file's number must not be above the database's; if it is, the
difference is the number of saved changes that are gone, and the vault is
reported damaged by name instead of opening without them (docs/vault.md).

The file is 128 bytes: two records at offsets 0 and 64, record ``n`` in slot
``n % 2``, so a torn write spoils one record and the other still holds
``n - 1``. A record is the counter (8 bytes, big-endian) followed by
HMAC-SHA256 of ``b"testimonio-commits/1/" + vault_id + counter`` under a key
derived from the database key with HKDF-SHA256 (info
``b"testimonio/commit-counter/1"``): damage or a forged number reads as
damage, and only someone holding the key can write a valid record.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import struct
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from testimonio.errors import VaultDamaged
from testimonio.vault.connection import stored_commit_count
from testimonio.vault.dberrors import mapped_errors

log = logging.getLogger(__name__)

COMMITS_NAME = "vault.commits"
LOST_WAL = (
    "The vault in {path} is damaged: {n} saved change(s) are missing from it, because "
    "its write-ahead log (vault.db-wal) was deleted or altered. Nothing was changed. "
    "Keep the folder as it is and restore it from a backup, or see docs/vault.md."
)
LOST_COMMITS = (
    "The vault in {path} has lost its commit record ({name}), so it cannot tell whether "
    "saved interviews are missing. Nothing was changed. Restore the whole folder from a "
    "backup, or see docs/vault.md."
)
_INFO = b"testimonio/commit-counter/1"
_RECORD = struct.Struct(">Q32s")
_SLOT_SIZE = 64
FILE_SIZE = 2 * _SLOT_SIZE


def counter_key(db_key: bytearray) -> bytearray:
    """The key of the records' MACs, derived from the database key."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(db_key)
    return bytearray(derived)


def _keyed(mac_key: bytearray, vault_id: str) -> hmac.HMAC:
    """HMAC-SHA256 under ``mac_key`` that has taken the records' fixed prefix:
    a copy of it takes a counter (:meth:`CommitFile._tag`).

    A save records its count right after its commit's fdatasync, with the
    processor's caches cold: there a new HMAC (OpenSSL fetching its
    algorithms again) took 17.2 us p50 and a copy of this one 8.9 us, in
    the same loop of saves, alternating (issue 17: the save's p50 ratio).
    """
    keyed = hmac.new(bytes(mac_key), b"testimonio-commits/1/", hashlib.sha256)
    keyed.update(vault_id.encode("ascii"))
    return keyed


def _sync(fd: int) -> None:
    if sys.platform == "darwin":  # as SQLite's fullfsync: past the drive's cache
        import fcntl

        fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
    elif hasattr(os, "fdatasync"):
        os.fdatasync(fd)
    else:
        os.fsync(fd)


def _pwrite(fd: int, data: bytes, offset: int) -> None:
    if hasattr(os, "pwrite"):
        os.pwrite(fd, data, offset)
    else:  # Windows: the vault's lock keeps writers of this process apart
        os.lseek(fd, offset, os.SEEK_SET)
        os.write(fd, data)


def _pread(fd: int, size: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, size, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, size)


class CommitFile:
    """The open ``vault.commits`` of one unlocked vault."""

    def __init__(self, path: Path, fd: int, mac_key: bytearray, vault_id: str) -> None:
        self.path = path
        self._fd: int | None = fd
        self._mac_key = mac_key
        self._keyed: hmac.HMAC | None = _keyed(mac_key, vault_id)

    @classmethod
    def create(cls, path: Path, mac_key: bytearray, vault_id: str, count: int = 0) -> CommitFile:
        """Write a new file holding ``count`` (refuses to replace one)."""
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        made = cls(path, fd, mac_key, vault_id)
        try:
            os.ftruncate(fd, FILE_SIZE)
            made._write(count, both=True)
        except BaseException:
            made.close()
            path.unlink(missing_ok=True)
            raise
        return made

    @classmethod
    def open(cls, path: Path, mac_key: bytearray, vault_id: str) -> CommitFile | None:
        """The existing file, or None when there is none."""
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return None
        return cls(path, fd, mac_key, vault_id)

    def read(self) -> int:
        """The highest valid count; VaultDamaged when neither record is valid."""
        fd = self._require()
        raw = _pread(fd, FILE_SIZE)
        found: list[int] = []
        for slot in range(2):
            chunk = raw[slot * _SLOT_SIZE: slot * _SLOT_SIZE + _RECORD.size]
            if len(chunk) < _RECORD.size:
                continue
            count, tag = _RECORD.unpack(chunk)
            if count % 2 == slot and hmac.compare_digest(tag, self._tag(count)):
                found.append(count)
        if not found:
            raise VaultDamaged(
                f"The vault's commit record ({COMMITS_NAME}) is damaged, so the vault cannot "
                "tell whether saved interviews are missing. Keep the folder as it is and "
                "restore it from a backup, or see docs/vault.md.")
        return max(found)

    def record(self, count: int) -> None:
        """Store ``count`` (just committed), without waiting for the disk.

        The write is in the system's cache at once (a crash or kill -9 of the
        program cannot lose it); :meth:`flush` puts it on the disk, from the
        checkpoint thread and at lock, so a save costs one flush, not two.
        """
        fd = self._require()
        _pwrite(fd, _RECORD.pack(count, self._tag(count)),
                (count % 2) * _SLOT_SIZE)

    def _write(self, count: int, *, both: bool) -> None:
        fd = self._require()
        record = _RECORD.pack(count, self._tag(count))
        _pwrite(fd, record, (count % 2) * _SLOT_SIZE)
        if both and count > 0:
            previous = _RECORD.pack(count - 1, self._tag(count - 1))
            _pwrite(fd, previous, ((count - 1) % 2) * _SLOT_SIZE)
        _sync(fd)

    def flush(self) -> None:
        """Flush to the disk (records are flushed as written; this is for lock())."""
        if self._fd is not None:
            _sync(self._fd)

    def close(self) -> None:
        """Close the file and forget the MAC key. Safe to call twice."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._mac_key[:] = bytes(len(self._mac_key))
        self._keyed = None

    def _tag(self, count: int) -> bytes:
        """The record's MAC: HMAC-SHA256 of the prefix, the vault id and ``count``."""
        if self._keyed is None:
            raise ValueError("the commit file is closed")
        mac = self._keyed.copy()
        mac.update(count.to_bytes(8, "big"))
        return mac.digest()

    def _require(self) -> int:
        if self._fd is None:
            raise ValueError("the commit file is closed")
        return self._fd


def checked_commit_file(path: Path, key: bytearray, vault_id: str) -> CommitFile | None:
    """The open commit record, checked against the database's counter.

    Read the record first: another program committing meanwhile only raises
    the database's number. None when there is no record yet (a vault from
    before the counter, or whose counter never moved); it is made after the
    migrations.
    """
    with mapped_errors(path):
        commits = CommitFile.open(path / COMMITS_NAME, counter_key(key), vault_id)
    try:
        expected = None if commits is None else commits.read()
        stored = stored_commit_count(path / "vault.db", key)
    except BaseException:
        if commits is not None:
            commits.close()
        raise
    if expected is None:
        if stored:
            raise VaultDamaged(LOST_COMMITS.format(path=path, name=COMMITS_NAME))
        return None
    if (stored or 0) < expected:
        assert commits is not None
        commits.close()
        log.error("vault id=%s: %d committed change(s) missing", vault_id, expected - (stored or 0))
        raise VaultDamaged(LOST_WAL.format(path=path, n=expected - (stored or 0)))
    return commits
