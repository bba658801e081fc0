"""Purges in the background, and the team's retention policy applied on time.

A researcher's program applies the policy at unlock and every hour while it
stays open (:meth:`RetentionRunner.check`), without asking: the lead's
policy already said what goes and when, and the Retention view shows it
beforehand. Every purge (the policy's, or "delete what the lead has
received, now") runs as a background :class:`~testimonio.gui.jobs.Job`, so
the deletion and the VACUUM that follows never hold the GUI thread. The
vault has one connection guarded by its lock, so the job and the window
take turns; while a purge runs, the window's content, menus and toolbar are
disabled (locking still works: it waits for the step in progress), and the
status bar shows its progress. When it ends, a non-modal plain-text notice
says what went: interview ids and counts, never values.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar

from testimonio.errors import TestimonioError
from testimonio.gui.jobs import Job
from testimonio.services.retention import PurgeResult, RetentionService, today

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000  # the policy is in days; an hour is soon enough
SHOWN_IDS = 12  # a notice names this many ids, then says how many more


class RetentionRunner(QObject):
    """Runs purges for ``window`` one at a time; applies due retention on time."""

    purged = Signal(object)  # the PurgeResult, once the purge and the compaction are done
    busy_changed = Signal(bool)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.clock: Callable[[], dt.date] = today  # tests move the day; nobody sleeps
        self.job: Job | None = None
        self.notice: QMessageBox | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.label = QLabel(window)
        self.bar = QProgressBar(window)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        window.statusBar().addWidget(self.label)
        window.statusBar().addWidget(self.bar)
        self._show_progress(False)
        window.unlocked.connect(self._unlocked)
        window.locked.connect(self._locked)

    @property
    def busy(self) -> bool:
        """True while a purge runs."""
        return self.job is not None

    def _unlocked(self) -> None:
        self.timer.start()
        # After the window has shown the list: the purge never delays unlocking.
        QTimer.singleShot(0, self, self.check)

    def _locked(self) -> None:
        self.timer.stop()
        self.window.stack.setEnabled(True)  # the unlock page lives in the stack

    def _role(self) -> str | None:
        role: str | None = self.window.team_menu.role()
        return role

    def check(self) -> bool:
        """Start purging what the policy says is due now; True if a purge started."""
        context = self.window.context
        if self.busy or not context.is_open or self._role() != "researcher":
            return False
        service: RetentionService = context.retention
        try:
            due = service.due(self.clock())
            pending = service.scrub_pending()
        except TestimonioError:
            log.warning("retention policy not checked", exc_info=True)
            return False
        # The interview open in the window is left for the next check: it
        # may be about to change, and its view would lose its rows.
        view = self.window.views.get("interview")
        open_id = getattr(view, "interview_id", None)
        due = [item for item in due if item.interview_id != open_id]
        # A purge cut short (locked or closed before its scrub) is finished too.
        if not due and not pending:
            return False
        log.info("retention policy due for %d interview(s)", len(due))

        def work(progress: Any, cancelled: Any) -> PurgeResult:
            return service.purge(due, progress=progress, cancelled=cancelled)

        return self.start(work, automatic=True)

    def start(self, work: Callable[..., PurgeResult], *, automatic: bool = False) -> bool:
        """Run ``work(progress=, cancelled=)`` (a purge) in the background; False if busy."""
        if self.busy:
            return False
        job = Job(work, parent=self)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(lambda result: self._succeeded(result, automatic))
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        self.job = job
        self._set_busy(True)
        job.start()
        return True

    def wait(self, timeout: float = 60.0) -> bool:
        """Block until the running purge has ended (shutdown and tests)."""
        job = self.job
        return job is None or job.wait(timeout)

    # --- while it runs -------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        window = self.window
        is_open = window.context.is_open
        window.stack.setEnabled(not busy or not is_open)
        window.menuBar().setEnabled(not busy and is_open)
        window.toolbar.setEnabled(not busy)
        self.label.setText(self.tr("Deleting what the lead has received…") if busy else "")
        self._show_progress(busy)
        self.busy_changed.emit(busy)

    def _show_progress(self, shown: bool) -> None:
        self.label.setVisible(shown)
        self.bar.setVisible(shown)
        self.bar.setRange(0, 0)  # busy until the first step says how many

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if text == "compact":
            self.label.setText(self.tr("Compacting the vault so nothing deleted stays readable…"))

    def _succeeded(self, result: PurgeResult, automatic: bool) -> None:
        if self.window.context.is_open:
            self.window.list_view.refresh()
        if result.interviews:
            self._tell(self.describe(result, automatic))
        self.purged.emit(result)

    def _failed(self, message: str) -> None:
        if self.window.context.is_open:
            self._tell(message, warning=True)

    def _finished(self) -> None:
        self.job = None
        self._set_busy(False)

    # --- what is said ---------------------------------------------------------------
    def describe(self, result: PurgeResult, automatic: bool) -> str:
        """The notice's sentence: what went (ids and counts, never values)."""
        ids = list(result.interview_ids[:SHOWN_IDS])
        more = len(result.interview_ids) - len(ids)
        named = ", ".join(ids) + (self.tr(" and {0} more").format(more) if more > 0 else "")
        if automatic:
            what = (self.tr("the whole interview") if result.scope == "interview"
                    else self.tr("identifiers and attachments"))
            head = self.tr("The team's retention policy was applied: for %n interview(s) the "
                           "lead has received, {0} were deleted.", "", result.interviews).format(what)
        else:
            head = self.tr("Deleted for good: %n interview(s).", "", result.interviews)
        counts = self.tr("{0} and {1} deleted; the vault was compacted.").format(
            self.tr("%n answer(s)", "", result.answers), self.tr("%n attachment(s)", "", result.attachments))
        return f"{head} {counts}\n\n" + self.tr("Interviews: {0}").format(named)

    def _tell(self, text: str, warning: bool = False) -> None:
        if self.notice is not None:
            self.notice.close()
        box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                          self.tr("Retention"), text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.NonModal)  # never in the way of the work
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _code, shown=box: self._forget(shown))
        box.show()
        self.notice = box

    def _forget(self, box: QMessageBox) -> None:
        if self.notice is box:
            self.notice = None
