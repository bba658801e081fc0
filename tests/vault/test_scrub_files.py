"""The scrub's VACUUM writes its transient database to a file, and that file is encrypted.

VACUUM first copies the vault into a temporary database. With the vault's
``temp_store = MEMORY`` that copy was held in RAM (a 320 MB vault took 430 MB),
so the scrub alone runs it on disk (repo_retention.scrub). SQLite unlinks a
temporary file as soon as it opens it, so a look at the folder afterwards
proves nothing: a thread here reads every such file through /proc/self/fd
while it is open. A control first shows that the same look finds a canary in
a plain temporary table written to a file (what ``temp_store = FILE`` does
everywhere else, and why the vault keeps MEMORY).
"""

from __future__ import annotations

import os
import secrets
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from testimonio.services import retention
from testimonio.vault import KdfParams, Vault

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self/fd").is_dir(),
                                reason="reads open files through /proc/self/fd")

SQLITE_HEADER = b"SQLite format 3\x00"


class Seen(NamedTuple):
    reads: int  # times a temporary file of SQLite's was read whole while open
    canary: int  # of them, how many held the canary
    plain_header: int  # ... or began as a plaintext SQLite database does


def _watching(action: Callable[[], object], canary: bytes) -> Seen:
    """Run ``action`` while a thread reads every temporary file SQLite holds open."""
    stop = threading.Event()
    counts = [0, 0, 0]

    def watch() -> None:
        while not stop.is_set():
            for fd in os.listdir("/proc/self/fd"):
                try:
                    target = os.readlink(f"/proc/self/fd/{fd}")
                    if "etilqs_" not in target:  # SQLite's name for its temporary files
                        continue
                    with open(f"/proc/self/fd/{fd}", "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                if data:
                    counts[0] += 1
                    counts[1] += canary in data
                    counts[2] += data.startswith(SQLITE_HEADER)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        action()
    finally:
        stop.set()
        thread.join()
    return Seen(*counts)


def _vault_with(path: Path, canary: str, rows: int) -> Vault:
    vault, _ = Vault.create(path, "pw", kdf=KdfParams.FAST)
    text = '"' + (canary + " ") * 20 + '"'
    with vault.transaction() as db:
        for n in range(rows):
            iid = uuid.uuid4().hex
            db.execute("INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, alias, "
                       "status, created_at, updated_at, revision) VALUES (?, 'f', '1', 's', 'r', 'en', ?, "
                       "'complete', '2019-01-01T00:00:00.000Z', '2019-01-01T00:00:00.000Z', 1)",
                       (iid, f"{canary}{n}"))
            db.execute("INSERT INTO answers (interview_id, path, value) VALUES (?, 'story', ?)", (iid, text))
    return vault


def test_the_look_finds_a_canary_in_a_plain_temporary_file(tmp_path: Path) -> None:
    """The control: a temporary table written to a file is plaintext, and the look sees it."""
    canary = "CANARY" + secrets.token_hex(6).upper()
    vault = _vault_with(tmp_path / "v", canary, 2_000)
    try:
        with vault.read() as db:
            db.execute("ROLLBACK")  # out of the read's snapshot, as the scrub does
            db.execute("PRAGMA temp_store = FILE")
            try:
                db.execute("PRAGMA temp.cache_size = 16")  # pages: the table spills to its file at once
                db.execute("CREATE TEMP TABLE copied AS SELECT value FROM answers")
                seen = _watching(lambda: db.execute("SELECT count(*) FROM copied").fetchall(), canary.encode())
                if not seen.reads:  # the table's file stays open: one more look without hurry
                    seen = _watching(lambda: threading.Event().wait(0.2), canary.encode())
                db.execute("DROP TABLE copied")
            finally:
                db.execute("PRAGMA temp_store = MEMORY")
    finally:
        vault.lock()
    assert seen.reads and seen.canary, seen


def test_the_scrub_copies_the_vault_into_an_encrypted_temporary_file(tmp_path: Path) -> None:
    canary = "CANARY" + secrets.token_hex(6).upper()
    seen = Seen(0, 0, 0)
    for attempt, rows in enumerate((20_000, 60_000, 150_000)):  # larger while VACUUM ends before a look
        vault = _vault_with(tmp_path / f"v{attempt}", canary, rows)
        try:
            with vault.transaction() as db:
                db.execute("DELETE FROM interviews WHERE rowid % 2 = 0")  # something to scrub; half stay
            seen = _watching(lambda: retention.scrub(vault), canary.encode())  # noqa: B023 - runs at once
            with vault.read() as db:
                assert db.execute("PRAGMA temp_store").fetchone() == (2,)  # MEMORY again
                assert db.execute("SELECT count(*) FROM answers").fetchone() == (rows // 2,)
        finally:
            vault.lock()
        if seen.reads:
            break
    assert seen.reads, "VACUUM's temporary database was never seen open"
    assert seen.canary == 0 and seen.plain_header == 0, seen
