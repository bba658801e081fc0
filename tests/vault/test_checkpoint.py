"""The background checkpoint thread (vault/checkpoint.py) on a real WAL database."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlcipher3

from testimonio.vault.checkpoint import Checkpointer


def _wal_db(path: Path) -> sqlcipher3.Connection:
    db = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    return db


@pytest.fixture
def saving(tmp_path: Path) -> Iterator[tuple[Callable[[int], None], Checkpointer]]:
    """A save (one row committed, then the checkpointer told) and the checkpointer."""
    path = tmp_path / "db.sqlite"
    db = _wal_db(path)
    db.execute("CREATE TABLE t (n INTEGER)")
    checkpointer = Checkpointer(lambda: _wal_db(path))

    def save(n: int) -> None:
        db.execute("INSERT INTO t VALUES (?)", (n,))
        checkpointer.committed()

    try:
        yield save, checkpointer
    finally:
        checkpointer.stop()
        db.close()


def _wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return False


def test_saves_in_a_row_wake_the_thread_once_and_are_checkpointed_after(
        saving: tuple[Callable[[int], None], Checkpointer]) -> None:
    save, checkpointer = saving
    for n in range(60):  # saves about 2 ms apart: no pause of IDLE_S among them
        save(n)
        time.sleep(0.002)
    woken, done = checkpointer.woken, checkpointer.done
    # The first save after a checkpoint wakes the thread; the others only move the
    # pause it waits for (woken at every save, it took the interpreter's lock from
    # the saves: 60 here). A loaded machine may pause the loop for IDLE_S, and a
    # checkpoint then runs: the save after it wakes the thread again.
    assert woken <= 2 * (done + 1)
    assert _wait_for(lambda: checkpointer.done > done, 5)  # after their pause
    # A save after the checkpoint wakes the thread again, and is checkpointed in turn.
    time.sleep(0.3)  # (a checkpoint still to come for the last saves has come)
    done = checkpointer.done
    save(60)
    assert _wait_for(lambda: checkpointer.done > done, 5)


def test_saves_without_a_pause_are_checkpointed_within_the_longest_delay(
        saving: tuple[Callable[[int], None], Checkpointer]) -> None:
    save, checkpointer = saving
    start = time.monotonic()
    n = 0
    while checkpointer.done == 0 and time.monotonic() - start < 10:
        save(n)
        n += 1
        time.sleep(0.02)  # never a pause of IDLE_S
    assert checkpointer.done == 1
    assert time.monotonic() - start < 5  # MAX_DELAY_S (2 s), with room for a loaded machine
