"""Turn SQLite and OS errors into the sentences a person can act on.

Each sentence names the real cause — disk full, no permission, held by
another program, damaged — because the advice differs: only real damage calls
for a backup; the others lose nothing once space or permission is back.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlcipher3

from testimonio.errors import NoPermission, StorageFull, TestimonioError, VaultBusy, VaultDamaged

# Primary result codes (the low byte of extended ones), from sqlite3.h.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
# Below this much free space a failed write is taken as a full disk: SQLite
# needs room for its -wal and -shm files (32 KiB and more) to open at all.
LOW_SPACE_BYTES = 1024 * 1024

FULL_SENTENCE = (
    "The last change could not be saved: the disk is full. "
    "Everything saved before it is safe. Free some disk space, then try again."
)
OPEN_FULL_SENTENCE = (
    "The vault cannot be opened: the disk is full, and opening needs a little room for "
    "its working files. Nothing was lost. Free some disk space, then try again."
)
CREATE_FULL_SENTENCE = (
    "The vault could not be made: the disk is full. Nothing was made. Free some disk "
    "space, then try again."
)
WRITE_SENTENCE = (
    "The last change could not be saved: the disk could not be written (a file-size "
    "limit, or the disk was removed). Everything saved before it is safe. Check the "
    "disk, then try again."
)
PERMISSION_SENTENCE = (
    "The vault's folder cannot be written: this user has no permission to change the "
    "files in {folder}. Nothing was lost. Give the permission back (or open the vault "
    "as the user who made it), then try again."
)
BUSY_SENTENCE = (
    "The vault is held by another program (another Testimonio window or command "
    "writing to it). Nothing was lost. Wait for it to finish or close it, then try again."
)
DAMAGED_SENTENCE = (
    "The vault is damaged: its database file does not read back as it was written. "
    "Restore the vault folder from a backup, or see docs/vault.md."
)


def _low_space(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _no_permission(folder: Path | None) -> NoPermission:
    return NoPermission(PERMISSION_SENTENCE.format(folder=folder or "the vault's folder"))


# What an SQLite error is, in order of precedence: (kind, primary result
# codes, phrases of its message). The message counts too: some builds raise
# errors without ``sqlite_errorcode``.
_SQLITE_KINDS: tuple[tuple[str, frozenset[int], tuple[str, ...]], ...] = (
    ("full", frozenset({SQLITE_FULL}), ("disk is full",)),
    ("busy", frozenset({SQLITE_BUSY, SQLITE_LOCKED}), ("database is locked",)),
    ("io", frozenset({SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM}),
     ("disk i/o error", "unable to open", "readonly")),
    ("damaged", frozenset({SQLITE_CORRUPT, SQLITE_NOTADB}), ("malformed", "not a database")),
)


def translate(error: BaseException, folder: Path | None = None) -> TestimonioError | None:
    """Our error for ``error``, or None when it is not a storage problem.

    ``folder`` (the vault's) lets a failed write be told apart: a nearly
    full disk there means "disk full", whatever code SQLite chose.
    """
    if isinstance(error, sqlcipher3.DatabaseError):
        return _translate_sqlite(error, folder)
    if isinstance(error, OSError):
        return _translate_os(error, folder)
    return None


def _sqlite_kind(code: int, text: str) -> str | None:
    for kind, codes, phrases in _SQLITE_KINDS:
        if code in codes or any(phrase in text for phrase in phrases):
            return kind
    return None


def _translate_sqlite(error: sqlcipher3.DatabaseError, folder: Path | None) -> TestimonioError | None:
    code = int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    text = str(error).lower()
    kind = _sqlite_kind(code, text)
    if kind == "full":
        return StorageFull(FULL_SENTENCE)
    if kind == "busy":
        return VaultBusy(BUSY_SENTENCE)
    if kind == "damaged":
        return VaultDamaged(DAMAGED_SENTENCE)
    if kind == "io":
        return _failed_io(code, text, folder)
    return None


def _failed_io(code: int, text: str, folder: Path | None) -> TestimonioError:
    """A read or write SQLite could not do: a full disk, no permission, or a cut-short write."""
    if _low_space(folder):
        return StorageFull(FULL_SENTENCE)
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN) or "readonly" in text:
        return _no_permission(folder)
    # A write cut short by a file-size limit (EFBIG) or a vanished
    # disk: nothing was saved either way.
    return StorageFull(WRITE_SENTENCE)


def _translate_os(error: OSError, folder: Path | None) -> TestimonioError | None:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFull(FULL_SENTENCE)
    if error.errno == errno.EFBIG:
        return StorageFull(FULL_SENTENCE if _low_space(folder) else WRITE_SENTENCE)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and _in_folder(error, folder):
        return _no_permission(folder)
    return None


def _in_folder(error: OSError, folder: Path | None) -> bool:
    """Whether the failed file is the vault's (an error naming no file counts as the vault's)."""
    return folder is not None and (error.filename is None or str(error.filename).startswith(str(folder)))


@contextmanager
def mapped_errors(folder: Path | None = None) -> Iterator[None]:
    """Re-raise storage errors met inside the block as our own error types."""
    try:
        yield
    except (sqlcipher3.DatabaseError, OSError) as error:
        ours = translate(error, folder)
        if ours is None:
            raise
        raise ours from error
