"""Turn SQLite and OS errors into the sentences a person can act on."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

import sqlcipher3

from testimonio.errors import StorageFull, TestimonioError, VaultDamaged

# Primary result codes (the low byte of extended ones), from sqlite3.h.
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26

FULL_SENTENCE = (
    "The last change could not be saved: the disk is full or cannot be written. "
    "Everything saved before it is safe. Free some disk space, then try again."
)
DAMAGED_SENTENCE = (
    "The vault is damaged: its database file does not read back as it was written. "
    "Restore the vault folder from a backup, or see docs/vault.md."
)


def translate(error: BaseException) -> TestimonioError | None:
    """Our error for ``error``, or None when it is not a storage problem."""
    if isinstance(error, sqlcipher3.DatabaseError):
        code = int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        text = str(error).lower()
        if code == SQLITE_FULL or "disk is full" in text:
            return StorageFull(FULL_SENTENCE)
        # A write cut short by a file-size limit (EFBIG) or a vanished disk
        # comes back as a plain I/O error: nothing was saved either way.
        if code == SQLITE_IOERR or "disk i/o error" in text:
            return StorageFull(FULL_SENTENCE)
        if code in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
            return VaultDamaged(DAMAGED_SENTENCE)
        return None
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return StorageFull(FULL_SENTENCE)
    return None


@contextmanager
def mapped_errors() -> Iterator[None]:
    """Re-raise storage errors met inside the block as our own error types."""
    try:
        yield
    except (sqlcipher3.DatabaseError, OSError) as error:
        ours = translate(error)
        if ours is None:
            raise
        raise ours from error
