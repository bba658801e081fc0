"""WAL checkpoints off the save path: a background thread copies the WAL into
the database when saving pauses.

SQLite's automatic checkpoint runs inside the commit that crosses its
threshold, so one save in about seventy paid for copying a thousand pages
(issue 17). Every connection is opened with ``wal_autocheckpoint = 0``; this
thread runs a PASSIVE checkpoint on its own connection once no save came for
``IDLE_S``, or at the latest ``MAX_DELAY_S`` after the first save it has not
copied yet. PASSIVE never waits for, nor blocks, a reader or a writer.
Durability does not depend on it: a committed change is safe in the WAL, and
the commit counter (vault/commits.py) notices if the WAL is lost.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import sqlcipher3

log = logging.getLogger(__name__)

IDLE_S = 0.25
MAX_DELAY_S = 2.0


class Checkpointer:
    """One background thread per unlocked vault; ``stop()`` at lock."""

    def __init__(self, connect: Callable[[], sqlcipher3.Connection],
                 after: Callable[[], None] | None = None) -> None:
        self._connect = connect
        self._after = after  # run after each checkpoint (the commit record's flush)
        self._conn: sqlcipher3.Connection | None = None
        self._cond = threading.Condition()
        self._pending_since: float | None = None
        self._last = 0.0
        self._stopping = False
        self.done = 0  # checkpoints run (for tests and the bench)
        self.woken = 0  # times the thread woke to look at the saves (for tests)
        self._thread = threading.Thread(target=self._run, name="vault-checkpoint", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        """A change was committed: schedule a checkpoint.

        Only the first change after a checkpoint wakes the thread; later ones
        only move the pause it waits for, which it reads when its timed wait
        ends, so a burst of saves does not hand the thread the interpreter's
        lock once a save.
        """
        with self._cond:
            now = time.monotonic()
            self._last = now
            if self._pending_since is None:
                self._pending_since = now
                self._cond.notify()

    def _wait_for_pause(self) -> bool:
        """Under the condition's lock: False once stopping."""
        while not self._stopping and self._pending_since is None:
            self._cond.wait()
            self.woken += 1
        while not self._stopping and self._pending_since is not None:
            now = time.monotonic()
            quiet, waited = now - self._last, now - self._pending_since
            if quiet >= IDLE_S or waited >= MAX_DELAY_S:
                self._pending_since = None
                return True
            self._cond.wait(min(IDLE_S - quiet, MAX_DELAY_S - waited))
            self.woken += 1
        return not self._stopping

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._wait_for_pause():
                    return
            self._checkpoint()

    def _checkpoint(self) -> None:
        try:
            if self._conn is None:
                self._conn = self._connect()
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            if self._after is not None:
                self._after()
            self.done += 1
        except Exception:  # noqa: BLE001 - a later checkpoint (or the close) copies it
            log.warning("background checkpoint failed", exc_info=True)

    def stop(self) -> None:
        """Finish the running checkpoint, stop the thread, close its connection."""
        with self._cond:
            self._stopping = True
            self._cond.notify()
        if self._thread is not threading.current_thread():
            self._thread.join()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
