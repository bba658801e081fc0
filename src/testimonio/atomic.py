"""Write a file all at once or not at all: the one helper every layer uses.

A temp file beside the target (mode 0600, created exclusively), written,
flushed and fsynced, renamed onto the target, then the folder fsynced so the
rename itself survives a power cut. If the writer raises (cancel included)
the temp file is removed and the target is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from testimonio.errors import NoPermission, StorageFull

_BINARY = getattr(os, "O_BINARY", 0)


def temp_path(target: Path) -> Path:
    """A fresh hidden name beside ``target`` for its temp file."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.partial")


@contextlib.contextmanager
def atomic_file(target: Path, *, buffering: int = -1) -> Iterator[BinaryIO]:
    """An open temp file that becomes ``target`` when the block ends without error."""
    target = Path(target)
    tmp = temp_path(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    try:
        with os.fdopen(fd, "wb", buffering=buffering) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def write_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and durably; returns ``target``."""
    with atomic_file(target) as out:
        out.write(data)
    return Path(target)


def move_into_place(done: Path, target: Path) -> None:
    """Make a finished file ``done`` (same file system) durable, then rename it onto ``target``."""
    with open(done, "rb") as written:
        os.fsync(written.fileno())
    os.replace(done, target)
    fsync_dir(Path(target).parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be synced)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def file_errors(target: Path, what: str) -> Iterator[None]:
    """Name the real cause when writing ``what`` to ``target`` fails for lack of room or rights.

    The writers here leave nothing half-written, so the sentences say so.
    """
    try:
        yield
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise StorageFull(f"The {what} could not be written: the disk is full in "
                              f"{Path(target).parent}. Nothing was written or marked as done. "
                              "Free some disk space or choose another disk, then try again."
                              ) from error
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise NoPermission(f"The {what} could not be written: there is no permission to "
                               f"write in {Path(target).parent}. Nothing was written or marked "
                               "as done. Choose another folder, then try again.") from error
        raise
