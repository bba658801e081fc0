"""Autosave: every answer change reaches the vault, at most a second late.

Typing schedules a save after a short pause (the debounce); leaving a field,
turning a page, locking or closing saves at once (:meth:`Autosaver.flush`).
Each answer is written by the ``write`` callable — one short transaction in
the vault — so what the status bar shows as "saved" survives a crash.

The saver keeps no copy of anything once written, and nothing is ever
written anywhere but through ``write``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from testimonio.errors import TestimonioError
from testimonio.forms.model import AnswerValue

log = logging.getLogger(__name__)

#: Milliseconds after the last keystroke before a pending answer is saved.
DEBOUNCE_MS = 600


class Autosaver(QObject):
    """Collects pending answer edits and writes them through ``write``.

    Signals:
        state_changed(bool): True when nothing is pending ("saved"), False
            while edits wait or a write is running ("saving…").
        saved(str): an answer path whose latest value is now in the vault.
        failed(str): a sentence for the user when a write failed; the edit
            stays pending and is retried on the next flush.
    """

    state_changed = Signal(bool)
    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        write: Callable[[str, AnswerValue], None],
        parent: QObject | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._write = write
        # Insertion-ordered: answers are written in the order they were typed.
        self._pending: dict[str, AnswerValue] = {}
        self._is_saved = True
        self._flushing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def is_saved(self) -> bool:
        """Whether every edit made so far is in the vault."""
        return self._is_saved

    def pending_paths(self) -> list[str]:
        """Answer paths still waiting to be written."""
        return list(self._pending)

    def schedule(self, path: str, value: AnswerValue) -> None:
        """Note an edit that is still being typed; save after the pause."""
        self._pending.pop(path, None)
        self._pending[path] = value
        self._set_saved(False)
        self._timer.start()  # restarts: the pause counts from the last key

    def commit(self, path: str, value: AnswerValue) -> bool:
        """Save an edit now (a click, leaving the field). True when saved."""
        self._pending.pop(path, None)
        self._pending[path] = value
        self._set_saved(False)
        return self.flush()

    def discard(self, path_prefix: str) -> None:
        """Forget pending edits at or below a path (a removed repeat)."""
        for path in list(self._pending):
            if path == path_prefix or path.startswith(path_prefix + "/"):
                del self._pending[path]
        if not self._pending:
            self._timer.stop()
            self._set_saved(True)

    def flush(self) -> bool:
        """Write every pending edit now. True when nothing is left pending."""
        self._timer.stop()
        if self._flushing:
            return not self._pending
        self._flushing = True
        try:
            while self._pending:
                path, value = next(iter(self._pending.items()))
                try:
                    self._write(path, value)
                except TestimonioError as error:
                    log.warning("saving an answer failed: %s", type(error).__name__)
                    self.failed.emit(error.message)
                    return False
                # A newer edit of the same path may have arrived meanwhile.
                if self._pending.get(path, _MISSING) is value:
                    del self._pending[path]
                self.saved.emit(path)
        finally:
            self._flushing = False
        self._set_saved(True)
        return True

    def _set_saved(self, saved: bool) -> None:
        if saved != self._is_saved:
            self._is_saved = saved
            self.state_changed.emit(saved)


_MISSING = object()
