"""Export a bundle for the team lead, step by step, showing exactly what leaves.

Steps: what to export → free text to review (each answer with the
interview's identifiers highlighted; keep or withhold) → attachments ticked
for export → privacy check (k-anonymity: blank those fields / export anyway /
cancel) → the preview table of every value that will leave and where to save
→ the export itself, off the GUI thread with progress and cancel. A cancelled
export leaves no file: the service writes a temp file and renames it last.

The service calls are gathered in :class:`ExportFlow`, so the dialog's widgets
deal only in the plain rows of ``gui.models.preview_model``.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from testimonio.gui.context import AppContext
from testimonio.gui.file_dialogs import save_kind
from testimonio.gui.jobs import Job
from testimonio.gui.models.preview_model import (
    AttachmentsModel,
    PreviewModel,
    ReviewModel,
    ReviewRow,
)
from testimonio.gui.safety_words import finding_text
from testimonio.gui.views.exchange_flow import ExportChoices, ExportFlow
from testimonio.gui.views.export_pages import (
    HIGHLIGHT,
    ExportPages,
    highlight_spans,
)
from testimonio.gui.views.summary_view import interface_language
from testimonio.services.planned_record import HELD_HOW


class ExportDialog(ExportPages):
    """The researcher's export: review, privacy check, preview, then the bundle."""

    INTRO, REVIEW, ATTACHMENTS, PRIVACY, PREVIEW, RUN = range(6)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = ExportFlow(context, interface_language(context) if context is not None else None)
        self.job: Job | None = None
        self.result_path: Path | None = None
        self.setWindowTitle(self.tr("Export for the team lead"))
        self.resize(900, 600)
        self.review_model = ReviewModel(self)
        self.attachments_model = AttachmentsModel(self)
        self.preview_model = PreviewModel(self)
        self.preview_proxy = QSortFilterProxyModel(self)
        self.preview_proxy.setSourceModel(self.preview_model)
        self.preview_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.preview_proxy.setFilterKeyColumn(-1)

        self.steps = QListWidget(self)
        self.steps.setAccessibleName(self.tr("Steps"))
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for text in (self.tr("What to export"), self.tr("Free text"), self.tr("Attachments"),
                     self.tr("Privacy check"), self.tr("Preview"), self.tr("Export")):
            self.steps.addItem(text)
        # As wide as its longest step in any language, never squeezed by the pages.
        widest = max(self.steps.fontMetrics().horizontalAdvance(self.steps.item(i).text())
                     for i in range(self.steps.count()))
        self.steps.setFixedWidth(widest + 32)
        self.stack = QStackedWidget(self)
        for build in (self._intro_page, self._review_page, self._attachments_page,
                      self._privacy_page, self._preview_page, self._run_page):
            self.stack.addWidget(build())

        self.back_button = QPushButton(self.tr("&Back"), self)
        self.next_button = QPushButton(self.tr("&Next"), self)
        self.next_button.setDefault(True)

        # The window locks (idle, Ctrl+L, panic): close at once, forgetting what was shown.
        locked = getattr(parent, "locked", None)
        if locked is not None:
            locked.connect(self.reject)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self._show(self.INTRO)

        # Enter in a field must not press some other button (a browse button would
        # open a file dialog): only the button named default takes Enter.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.next_button.setDefault(True)

    # --- navigation ----------------------------------------------------------
    def current_step(self) -> int:
        return self.stack.currentIndex()

    def _show(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.steps.setCurrentRow(step)
        self._update_buttons()
        if step == self.REVIEW:
            if self.review_model.rowCount() and not self.review_view.currentIndex().isValid():
                self.review_view.setCurrentIndex(self.review_model.index(0, 0))
            self.review_view.setFocus()
            self._show_review()
        elif step == self.PREVIEW:
            self._fit_preview_columns()
            self.preview_view.setFocus()
        elif step == self.ATTACHMENTS:
            self.attachments_view.setFocus()

    def _update_buttons(self) -> None:
        step = self.current_step()
        busy = self.job is not None and not self.job.is_done()
        self.back_button.setEnabled(self.INTRO < step < self.RUN and not busy)
        self.next_button.setVisible(step != self.RUN)
        self.next_button.setEnabled(not busy and (step != self.PREVIEW or bool(self.path_edit.text().strip())))
        self.next_button.setText(self.tr("&Export") if step == self.PREVIEW else self.tr("&Next"))
        done = step == self.RUN and not busy
        self.cancel_button.setText(self.tr("Close") if done else self.tr("Cancel"))

    def go_back(self) -> None:
        step = self.current_step() - 1
        if step == self.REVIEW and not self.review_model.rowCount():
            step -= 1
        if step == self.ATTACHMENTS and not self.attachments_model.rowCount():
            step -= 1
        self._show(max(step, self.INTRO))
        if self.current_step() == self.PRIVACY and self.flow.needs_replan:
            self._replan()  # the blanked plan cannot be un-blanked: plan again

    def go_next(self) -> None:
        step = self.current_step()
        if step == self.INTRO:
            self._prepare()
        elif step == self.REVIEW:
            self._show(self.ATTACHMENTS if self.attachments_model.rowCount() else self.PRIVACY)
            if self.current_step() == self.PRIVACY:
                self._replan()
        elif step == self.ATTACHMENTS:
            self._show(self.PRIVACY)
            self._replan()
        elif step == self.PRIVACY:
            if self.choices.checkedId() == 2:
                self.reject()
                return
            self._fill_preview()
            self._show(self.PREVIEW)
        elif step == self.PREVIEW:
            self._run_export()

    def cancel(self) -> None:
        """Stop a running job (nothing is left half-written) or close the dialog."""
        if self.job is not None and not self.job.is_done():
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            return
        if self.result_path is not None:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if self.job is not None and not self.job.is_done():
            self.job.cancel()
            self.job.wait(10)
        self.review_model.clear()
        self.preview_model.clear()
        self.attachments_model.set_rows([])
        self.review_text.clear()
        super().reject()

    # --- step work -----------------------------------------------------------
    def choices_made(self) -> ExportChoices:
        """Everything the researcher decided, for the preview and the export."""
        choice = self.choices.checkedId()
        return ExportChoices(
            include_all=self.all_box.isChecked(),
            reviewed=tuple(self.review_model.kept()),
            attachments=tuple(self.attachments_model.ticked()),
            suppress_small_groups=self.flow.has_small_groups and choice == 0,
            accept_risk=self.flow.has_small_groups and choice == 1,
        )

    def _start(self, fn: Any, on_success: Any, progress: QProgressBar, status: QLabel) -> None:
        self.job = Job(fn, parent=self)
        def progressed(done: int, total: int, _text: str) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)

        def finished() -> None:
            if progress in (self.intro_progress, self.privacy_progress):
                progress.hide()
            self.cancel_button.setEnabled(True)
            self._update_buttons()

        self.job.progressed.connect(progressed)
        self.job.succeeded.connect(on_success)
        # The services report a cancel as an error of their own: say it the same way.
        self.job.failed.connect(lambda message: status.setText(
            self.tr("Cancelled. Nothing was written.") if self.job is not None
            and self.job.is_cancelled() else message))
        self.job.was_cancelled.connect(lambda: status.setText(self.tr("Cancelled. Nothing was written.")))
        self.job.finished.connect(finished)
        progress.setValue(0)
        progress.show()
        self.job.start()
        self._update_buttons()

    def _prepare(self) -> None:
        self.intro_status.setText(self.tr("Preparing the interviews…"))
        include_all = self.all_box.isChecked()

        def work(progress: Any, cancelled: Any) -> Any:
            return self.flow.prepare(include_all, progress=progress, cancelled=cancelled)

        self._start(work, self._prepared, self.intro_progress, self.intro_status)

    def _prepared(self, _result: Any) -> None:
        count = self.flow.interview_count
        if not count:
            self.intro_status.setText(self.tr(
                "There is nothing new to export: no completed interview is new or changed "
                "since the last bundle."))
            return
        self.intro_status.setText(self.tr("%n interview(s) to export.", "", count))
        self.review_model.set_rows(self.flow.review_rows(), self.flow.already_reviewed())
        self.review_view.resizeColumnsToContents()
        rows, ticked = self.flow.attachment_rows()
        self.attachments_model.set_rows(rows, ticked)
        self.attachments_view.resizeColumnsToContents()
        if self.review_model.rowCount():
            self._show(self.REVIEW)
        elif self.attachments_model.rowCount():
            self._show(self.ATTACHMENTS)
        else:
            self._show(self.PRIVACY)
            self._replan()

    def _current_review(self) -> tuple[int, ReviewRow] | None:
        index = self.review_view.currentIndex()
        if not index.isValid():
            return None
        return index.row(), self.review_model.row_at(index.row())

    def _show_review(self) -> None:
        current = self._current_review()
        if current is None:
            self.review_text.setText("")
            return
        row_no, row = current
        listed = ", ".join(f"{html.escape(lbl)}: <span style=\"{HIGHLIGHT}\">{html.escape(txt)}</span>"
                           for lbl, txt in row.identifiers) or html.escape(self.tr("none recorded"))
        decision = self.tr("Leaves") if self.review_model.is_kept(row_no) else self.tr("Withheld")
        identifiers = self.tr("Identifiers of this interview:")
        self.review_text.setText(
            f"<b>{html.escape(row.label)}</b> — {html.escape(row.interview)}"
            f" — <i>{html.escape(decision)}</i><br><br>"
            f"{highlight_spans(row.text, [(a, b) for a, b, _ in row.findings])}"
            f"{self._flag_note(row)}"
            f"<br><br><small>{html.escape(identifiers)} {listed}</small>")

    def _flag_note(self, row: ReviewRow) -> str:
        """Under a marked text: what the safety net saw, and that keeping it releases it."""
        if not row.findings:
            return ""
        kinds = ", ".join(dict.fromkeys(finding_text(kind) for _a, _b, kind in row.findings))
        return "<br><br><b>" + html.escape(self.tr(
            "This text looks like it holds something that identifies a person (%1). It stays in "
            "the vault unless you edit it, or keep it here to release this exact text.")
            .replace("%1", kinds)) + "</b>"

    def _keep_all(self) -> None:
        """Every answer the safety net did not mark leaves (each can be withheld again)."""
        for row_no in range(self.review_model.rowCount()):
            if not self.review_model.row_at(row_no).findings:
                self.review_model.set_kept(row_no, True)

    def _decide(self, keep: bool) -> None:
        current = self._current_review()
        if current is None:
            return
        row_no, _row = current
        self.review_model.set_kept(row_no, keep)
        if row_no + 1 < self.review_model.rowCount():  # on to the next answer
            self.review_view.setCurrentIndex(self.review_model.index(row_no + 1, 0))

    def _replan(self) -> None:
        """Plan once, off the GUI thread, with the decisions made; then show the groups."""
        self.groups_list.clear()
        for w in (self.groups_list, self.choice_blank, self.choice_anyway, self.choice_cancel):
            w.hide()
        self.privacy_text.setText(self.tr("Checking the groups of people in this bundle…"))
        choices = self.choices_made()

        def work(progress: Any, cancelled: Any) -> Any:
            return self.flow.replan(choices, progress=progress, cancelled=cancelled)

        self._start(work, lambda _result: self._check_privacy(), self.privacy_progress,
                    self.privacy_text)

    def _check_privacy(self) -> None:
        groups, k = self.flow.small_groups()
        self.groups_list.clear()
        for line in groups:
            self.groups_list.addItem(line)
        small = bool(groups)
        for w in (self.groups_list, self.choice_blank, self.choice_anyway, self.choice_cancel):
            w.setVisible(small)
        if small:
            self.privacy_text.setText(self.tr(
                "Some people in this bundle share their generalised details (such as age band, "
                "gender and month) with fewer than %1 interviews in everything exported so far. "
                "A reader could single them out. Choose what to do:").replace("%1", str(k)))
        else:
            self.privacy_text.setText(self.tr(
                "Every group of people with the same generalised details has at least %1 "
                "interviews. Nobody can be singled out by them.").replace("%1", str(k)))
        self._update_buttons()
        # The keyboard on the choice made (Enter goes on with it), not on Cancel, where
        # Qt moved it while Next was disabled for the check.
        chosen = next((c for c in (self.choice_blank, self.choice_anyway, self.choice_cancel)
                       if c.isChecked()), None)
        (chosen if small and chosen is not None else self.next_button).setFocus()

    def _fill_preview(self) -> None:
        rows = self.flow.preview_rows(self.choices_made())
        self.preview_model.set_rows(rows)
        # One questionnaire (the usual day) said on every row told nothing, and
        # took the room "How" needs.
        self.preview_view.setColumnHidden(PreviewModel.QUESTIONNAIRE, len({r.questionnaire for r in rows}) < 2)
        interviews = self.tr("%n interview(s)", "", len(self.preview_model.interviews()))
        values = self.tr("%n value(s)", "", sum(1 for r in rows if not r.how.startswith(HELD_HOW)))
        attachments = self.tr("%n attachment(s)", "", len(self.attachments_model.ticked()))
        self.preview_summary.setText(self.tr(
            "Exactly this will leave: {0}, {1}, {2}. Everything else stays in the vault.")
            .format(interviews, values, attachments))
        risks = self.flow.risks()
        if risks:
            self.preview_summary.setText(self.preview_summary.text() + "\n\n" + self.tr(
                "Take care: the questionnaire lets some dates be worked out again:")
                + "\n" + "\n".join(risks))
        left_out = self.flow.left_out()
        if left_out:
            # Pressing Export is the researcher's agreement to send the rest without them.
            self.preview_summary.setText(self.preview_summary.text() + "\n\n" + self.tr(
                "These attachments cannot be cleaned of hidden data and stay in the vault; "
                "the rest leaves without them if you export:") + "\n" + "\n".join(left_out))
        if not self.path_edit.text():
            folder = Path.home() / "Documents"
            folder = folder if folder.is_dir() else Path.home()
            self.path_edit.setText(str(folder / f"testimonio-{date.today().isoformat()}.tbundle"))

    def _browse(self) -> None:
        from testimonio.exchange.file_kinds import BUNDLE

        path = save_kind(self, self.tr("Save the bundle"), BUNDLE, self.tr("Testimonio bundles"),
                         Path(self.path_edit.text()).name)
        if path:
            self.path_edit.setText(path)

    def _run_export(self) -> None:
        out = Path(self.path_edit.text().strip()).expanduser()
        if out.exists() or not out.parent.is_dir():
            self.preview_summary.setText(self.tr(
                "Choose another file name: a file of that name exists already, or its folder "
                "does not exist."))
            return
        choices = self.choices_made()
        self._show(self.RUN)
        self.run_status.setText(self.tr("Writing the bundle…"))

        def work(progress: Any, cancelled: Any) -> Any:
            return self.flow.write(out, choices, progress=progress, cancelled=cancelled)

        def done(_result: Any) -> None:
            self.result_path = out
            self.run_status.setText(self.tr(
                "The bundle is saved as %1. Give it to the team lead: only they can open it.")
                .replace("%1", str(out)))

        self._start(work, done, self.run_progress, self.run_status)
