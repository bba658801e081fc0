"""Progress and cancel callbacks shared by the long services (export, import, report).

The GUI's background jobs pass ``progress(done, total, text)`` and
``cancelled() -> bool``; the command line passes nothing. A cancelled job
raises :class:`Cancelled` before anything is made visible, so cancelling
never leaves a half-written file or a half-merged import.
"""

from __future__ import annotations

from collections.abc import Callable

from testimonio.errors import TestimonioError

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


class Cancelled(TestimonioError):
    """The person cancelled the work; nothing was written."""

    def __init__(self, message: str = "Cancelled; nothing was written.") -> None:
        super().__init__(message)


class Progress:
    """Wraps optional callbacks; reports about every half per cent of the work."""

    def __init__(self, progress: ProgressFn | None, cancelled: CancelledFn | None) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self._last: tuple[str, int] = ("", -1)

    def step(self, done: int, total: int, text: str = "") -> None:
        """Report ``done`` of ``total``; raise :class:`Cancelled` if asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()
        if self._progress is None:
            return
        last_text, last = self._last
        if text != last_text or done >= total or done - last >= max(1, total // 200):
            self._last = (text, done)
            self._progress(done, total, text)

    def check(self) -> None:
        """Raise :class:`Cancelled` if asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()
