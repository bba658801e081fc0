"""Setting up a vault atomically: built in a hidden sibling folder, renamed into place.

A vault folder exists only once it is complete (database, key slots, commit
record and whatever the caller adds before :meth:`Vault.install`), so Ctrl-C,
a crash or a full disk during set-up leave the chosen folder as it was.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import time
from pathlib import Path

from testimonio.atomic import fsync_dir
from testimonio.errors import BadInput, VaultExists
from testimonio.vault.dberrors import mapped_errors

log = logging.getLogger(__name__)

DB_NAME = "vault.db"
SLOTS_NAME = "keyslots.json"
# What an interrupted `init` of Testimonio before 0.x could leave: empty files only.
LEFTOVER_NAMES = {DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"}
# A staging folder untouched this long belongs to a set-up that died (kill -9).
STALE_STAGING_S = 600


def is_leftover(path: Path) -> bool:
    """Whether folder ``path`` holds only the empty files of an interrupted set-up."""
    try:
        entries = list(path.iterdir())
    except OSError:
        return False
    return bool(entries) and all(e.name in LEFTOVER_NAMES and e.is_file() and e.stat().st_size == 0
                                 for e in entries)


def check_target(path: Path, *, tidy: bool = True) -> list[str]:
    """Refuse a place where a vault cannot be made; returns leftovers it removed.

    A file, a vault (or part of one) or a folder holding anything else is
    refused and left untouched; empty files of an interrupted set-up hold
    nothing and are removed (with ``tidy``; without, only checked).
    """
    with mapped_errors(path.parent if path.parent.exists() else None):
        if path.exists() and not path.is_dir():
            raise BadInput(f"{path} is a file, not a folder: give a folder for the vault "
                           "with --vault.")
        for parent in path.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise BadInput(f"{parent} is a file, not a folder, so the vault cannot "
                                   f"be made in {path}.")
                break
        if not path.is_dir():
            return []
        if is_leftover(path):
            if not tidy:
                return []
            removed = sorted(e.name for e in path.iterdir())
            for name in removed:
                (path / name).unlink()
            log.info("removed the empty files of an interrupted set-up")
            return removed
        if (path / SLOTS_NAME).exists() or (path / DB_NAME).exists():
            raise VaultExists(f"There is already a vault in {path}; it was left as it is.")
        if any(path.iterdir()):
            raise BadInput(f"The folder {path} already holds other files; a vault needs a new "
                           "or empty folder. Choose another one with --vault.")
    return []


def make_staging(path: Path) -> Path:
    """A new hidden folder beside ``path`` (mode 0700) to build the vault in."""
    parent = path.parent
    with mapped_errors(parent if parent.exists() else None):
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(path)
        staging = parent / f".{path.name}.init-{secrets.token_hex(6)}"
        staging.mkdir(mode=0o700)
    return staging


def _remove_stale(path: Path) -> None:
    for old in path.parent.glob(f".{path.name}.init-*"):
        try:
            if time.time() - old.stat().st_mtime > STALE_STAGING_S:
                shutil.rmtree(old)
        except OSError:
            pass


def install(staging: Path, path: Path) -> None:
    """Rename the finished vault into place and make the rename durable."""
    with mapped_errors(path.parent):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()  # an empty folder the person chose; Windows cannot rename over it
        if path.exists():
            raise VaultExists(f"Something was put in {path} while the vault was being made; "
                              "it was left as it is and no vault was made. Try again.")
        os.rename(staging, path)
        fsync_dir(path.parent)


def discard(staging: Path) -> None:
    """Remove an unfinished vault (it holds no data anyone could open)."""
    shutil.rmtree(staging, ignore_errors=True)
