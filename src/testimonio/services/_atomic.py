"""Write a file all at once or not at all: temp file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """Yield a temp file beside ``target``; the caller renames it into place.

    The temp file is removed if the block raises (cancel included), so an
    interrupted write leaves nothing half-written at ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def finish(fh: BinaryIO) -> None:
    """Flush and fsync an open file."""
    fh.flush()
    os.fsync(fh.fileno())


def publish(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` onto ``target`` and fsync the folder (POSIX)."""
    os.replace(tmp, target)
    if os.name == "posix":
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; returns ``target``."""
    with atomic_file(target) as (fh, tmp):
        fh.write(data)
        finish(fh)
    publish(tmp, target)
    return target
