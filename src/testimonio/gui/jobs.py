"""Long work off the GUI thread, with progress and cancel (Dangerzone's way).

Services take plain callbacks (``progress(done, total, text)`` and
``cancelled() -> bool``); :class:`Job` runs such a callable in Qt's thread
pool and turns the callbacks into signals delivered on the GUI thread.
Errors a user can meet come back as their sentence; anything else is logged
with its stack trace and reported as a plain sentence, never a trace.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from testimonio.errors import TestimonioError
from testimonio.gui.service_messages import translate_message

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


class JobCancelled(TestimonioError):
    """The person cancelled the job."""


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job

    def run(self) -> None:
        self._job._run()


class Job(QObject):
    """One call of ``fn`` in the background.

    ``fn`` is called with the keyword arguments ``progress`` and
    ``cancelled`` when ``with_callbacks`` is true (the default). Signals:
    ``progressed(done, total, text)``, ``succeeded(result)``,
    ``failed(message)`` (the exception is in :attr:`exception`), ``was_cancelled()`` and ``finished()`` (always last).
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        with_callbacks: bool = True,
        parent: QObject | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._with_callbacks = with_callbacks
        self._cancel = threading.Event()
        self._done = threading.Event()
        self.result: Any = None
        self.error: str | None = None
        self.exception: BaseException | None = None

    def start(self, pool: QThreadPool | None = None) -> Job:
        """Queue the job in ``pool`` (Qt's global pool by default)."""
        (pool or QThreadPool.globalInstance()).start(_Runner(self))
        return self

    def cancel(self) -> None:
        """Ask the job to stop; the callable sees it through ``cancelled()``."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has run (for shutdown and tests)."""
        return self._done.wait(timeout)

    def _progress(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise JobCancelled("Cancelled.")
        self.progressed.emit(int(done), int(total), str(text))

    def _emit(self, signal: Any, *args: Any) -> None:
        # The job's owner (a closed dialog) may be gone by the time the work
        # ends; there is nobody left to tell, which is fine.
        try:
            signal.emit(*args)
        except RuntimeError:
            log.debug("job finished after its owner was deleted")

    def _run(self) -> None:
        try:
            kwargs = dict(self._kwargs)
            if self._with_callbacks:
                kwargs["progress"] = self._progress
                kwargs["cancelled"] = self._cancel.is_set
            self.result = self._fn(*self._args, **kwargs)
        except JobCancelled:
            self._done.set()
            self._emit(self.was_cancelled)
        except TestimonioError as error:
            self.exception = error
            self.error = translate_message(str(error))
            self._done.set()
            self._emit(self.failed, self.error)
        except Exception as error:  # noqa: BLE001 - a bug becomes a sentence, the trace goes to the log
            log.exception("background job failed")
            self.exception = error
            self.error = translate_message("Something went wrong. Details are in the log.")
            self._done.set()
            self._emit(self.failed, self.error)
        else:
            self._done.set()
            if self._cancel.is_set():
                self._emit(self.was_cancelled)
            else:
                self._emit(self.succeeded, self.result)
        self._emit(self.finished)


def run_job(
    fn: Callable[..., Any],
    *args: Any,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    with_callbacks: bool = True,
    parent: QObject | None = None,
    **kwargs: Any,
) -> Job:
    """Start ``fn`` in the background and connect the given handlers."""
    job = Job(fn, *args, with_callbacks=with_callbacks, parent=parent, **kwargs)
    if on_success is not None:
        job.succeeded.connect(on_success)
    if on_error is not None:
        job.failed.connect(on_error)
    if on_progress is not None:
        job.progressed.connect(on_progress)
    return job.start()
