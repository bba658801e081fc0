"""Completing, reviewing and reopening an interview (part of the interview view).

"Complete…" lists every problem or asks to complete; the last page's
"Review and complete" lists every answer by page with its problems; a
complete interview is read-only until reopened with a logged reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QMessageBox, QWidget

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.plain import warn
from testimonio.gui.views.interview_session import FormSession, problem_list


class CompletionSteps:
    """Mixed into :class:`~testimonio.gui.views.interview_view.InterviewView`."""

    # Provided by the view.
    session: FormSession
    context: AppContext
    interview_id: str
    state: Any
    page: Any
    touched: set[str]
    show_required: bool
    completion_dialog: Any
    banner: Any
    complete_button: Any
    reopen_button: Any

    @property
    def _window(self) -> QWidget:
        return cast(QWidget, self)

    if TYPE_CHECKING:  # the view's own (QWidget's and InterviewView's)
        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
        def flush(self) -> bool: ...
        def update_summaries(self) -> None: ...
        def focus_path(self, path: str) -> None: ...

    def complete(self) -> None:
        """List every problem, or mark the interview complete."""
        from testimonio.gui.views.completion_dialog import CompletionDialog

        if self.session.read_only:
            return
        if not self.flush():
            return
        problems = problem_list(self.state)
        if problems:
            self.show_required = True
            if self.page is not None:
                self.page.refresh(self.show_required, self.touched)
            self.update_summaries()
            # Window-modal but not blocking: the list stays a list of links.
            self.completion_dialog = CompletionDialog(problems, self.session.describe, self._window)
            self.completion_dialog.go_to.connect(self.focus_path)
            self.completion_dialog.open()
            return
        confirm = QMessageBox.question(
            self._window, self.tr("Complete"),
            self.tr("Every answer is in order. Mark the interview complete? "
                    "It becomes read-only until reopened."))
        if confirm != QMessageBox.StandardButton.Yes:
            return
        self.mark_complete()

    def review(self) -> None:
        """Every answer by page with its problems; complete from there."""
        from testimonio.gui.views.review_dialog import ReviewDialog

        if self.session.read_only or not self.flush():
            return
        self.show_required = True  # from now on every page shows its problems
        if self.page is not None:
            self.page.refresh(self.show_required, self.touched)
        self.update_summaries()
        dialog = ReviewDialog(self.session.review_pages(), self._window)
        dialog.go_to.connect(self.focus_path)
        self.completion_dialog = dialog
        if dialog.exec() and self.mark_complete():
            self.update_summaries()

    def mark_complete(self) -> bool:
        """Mark complete without asking (the checks still run in the service)."""
        try:
            self.session.complete()
        except TestimonioError as error:
            warn(self._window, self.tr("Complete"), error.message)
            return False
        self._apply_status()
        return True

    def reopen(self) -> None:
        """Ask for a reason, then allow changes again."""
        from testimonio.gui.views.reopen_dialog import ReopenDialog

        dialog = ReopenDialog(self._window)
        if dialog.exec() and dialog.reason():
            self.reopen_with(dialog.reason())

    def reopen_with(self, reason: str) -> bool:
        try:
            self.session.reopen(reason)
        except TestimonioError as error:
            warn(self._window, self.tr("Reopen"), error.message)
            return False
        self._apply_status()
        return True

    def _apply_status(self) -> None:
        read_only = self.session.read_only
        sender = self.session.imported_from
        self.complete_button.setVisible(not read_only)
        self.reopen_button.setVisible(read_only and sender is None)
        if sender is not None:
            self.banner.setText(self.tr(
                "Imported from %1's bundle: a pseudonymised copy, shown as it arrived "
                "(ages as bands, dates as months; identifiers never leave a researcher's "
                "laptop). It cannot be changed here.").replace("%1", sender))
        elif read_only:
            text = self.tr("This interview is complete and read-only. "
                           "Use “Reopen…” to change it; the reason is logged.")
            received = self.context.receipts.received_dates([self.interview_id])
            if received:  # issue 12: the lead's receipt named it
                text = self.tr("Received by the lead on %1.").replace(
                    "%1", received[self.interview_id]) + " " + text
            self.banner.setText(text)
        self.banner.setVisible(read_only)
        if self.page is not None:
            self.page.read_only = read_only
            self.page.refresh(self.show_required, self.touched)

