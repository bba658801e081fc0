"""The interview view: fill one interview, a page at a time, saved as typed.

Rendered from the questionnaire model over a form state (``forms.state``):
a page per top-level group with a side list of pages (progress, problems),
live relevance, required markers, messages next to each question in the
interview's language, repeats, attachments, a language switch, "Complete"
with every problem listed, and read-only completed interviews that are
reopened with a logged reason. Every change goes to the vault through the
:class:`~testimonio.gui.autosave.Autosaver`. Nothing readable goes into a
window title, the clipboard or a file.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.forms.model import AnswerValue, Question
from testimonio.gui.autosave import Autosaver
from testimonio.gui.context import AppContext
from testimonio.gui.plain import plain_label
from testimonio.gui.views.interview_completion import CompletionSteps
from testimonio.gui.views.interview_keyboard import FocusKeeper
from testimonio.gui.views.interview_leave import may_leave
from testimonio.gui.views.interview_repeats import RepeatSteps
from testimonio.gui.views.interview_session import (
    FormSession,
)
from testimonio.gui.views.page_list import PageListModel
from testimonio.gui.views.save_indicator import SaveIndicator, failure_banner
from testimonio.gui.widgets.interview_page import InterviewPage, child_path, is_empty
from testimonio.gui.widgets.question_widgets import ChoiceItem, QuestionInput
from testimonio.gui.withheld_words import reason_text
from testimonio.services.data_view import answer_reason

log = logging.getLogger(__name__)


class InterviewView(CompletionSteps, RepeatSteps, QWidget):
    """Fills one interview. ``flush()`` saves pending edits now;
    ``current_path()``/``focus_path()`` let the main window return to the same
    question after a lock; ``saved_state_changed(bool)`` drives the status bar."""

    closed = Signal()
    saved_state_changed = Signal(bool)

    def __init__(self, context: AppContext, interview_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interviewView")
        self.context = context
        self.interview_id = interview_id
        self.session = FormSession.open(context, interview_id)
        self.state = self.session.state
        self.saver = Autosaver(self._write, self)
        self.page: InterviewPage | None = None
        self.page_index = -1
        self.touched: set[str] = set()
        self.show_required = False
        #: Pages the interviewer has left: their problems are shown (as ODK does).
        self.visited: set[int] = set()
        self._started = False
        self._editing: str | None = None
        # Enter on the last question of the last page: the label says what Enter does next.
        self._past_last_question = False
        self.completion_dialog: QWidget | None = None
        # What the vault holds (or the saver is about to write), per path.
        self._persisted = dict(self.session.stored_answers)
        self._build()
        self.save_state = SaveIndicator(self.saver, self.status_label, self.save_banner, self)
        self.save_state.changed.connect(lambda saved, _problem: self.saved_state_changed.emit(saved))
        self.keeper = FocusKeeper(self.scroll_area, lambda: self.page, self)
        self._summaries_timer = QTimer(self)
        self._summaries_timer.setSingleShot(True)
        self._summaries_timer.setInterval(150)
        self._summaries_timer.timeout.connect(self.update_summaries)
        self._apply_status()
        resume = self.session.resume_path()
        start = self.session.page_of(resume) if resume else None
        # Pages before where the draft was left have been seen.
        self.visited.update(range(start or 0))
        self.update_summaries()
        self.show_page(start or 0)
        #: The question last asked for (by resuming, a lock, a link), if any.
        self._wanted: str | None = None
        if resume:
            self.focus_path(resume)
        if not self.session.read_only:
            self.sync(now=True)  # metadata and calculations of a new interview

    # --- layout -------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 0)
        self.title_label = plain_label(self, self.session.title())  # the alias: an answer
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title_label.setFont(font)
        self.language_combo = QComboBox(self)
        for code, name in self.session.languages():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(self.state.language)))
        self.language_combo.setAccessibleName(self.tr("Questionnaire language"))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        language_label = QLabel(self.tr("&Language:"), self)
        language_label.setBuddy(self.language_combo)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("saveStatus")
        self.status_label.setAccessibleName(self.tr("Save status"))
        self.complete_button = QPushButton(self.tr("Complete…"), self)
        self.complete_button.setToolTip(self.tr("Check every answer and mark the interview complete (Ctrl+Shift+Enter)"))
        self.complete_button.clicked.connect(self.complete)
        self.reopen_button = QPushButton(self.tr("Reopen…"), self)
        self.reopen_button.setToolTip(self.tr("Allow changes again; the reason is logged"))
        self.reopen_button.clicked.connect(self.reopen)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setToolTip(self.tr("Save and return to the list (Ctrl+W)"))
        self.close_button.clicked.connect(self.close_view)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(language_label)
        bar.addWidget(self.language_combo)
        bar.addSpacing(12)
        bar.addWidget(self.status_label)
        bar.addSpacing(12)
        bar.addWidget(self.complete_button)
        bar.addWidget(self.reopen_button)
        bar.addWidget(self.close_button)
        outer.addLayout(bar)

        self.banner = plain_label(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; color: #4a3b00; padding: 6px;")
        self.banner.hide()
        outer.addWidget(self.banner)
        self.save_banner = failure_banner(self)
        outer.addWidget(self.save_banner)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.page_model = PageListModel(self)
        self.page_list = QListView(splitter)
        self.page_list.setModel(self.page_model)
        self.page_list.setAccessibleName(self.tr("Pages"))
        self.page_list.setMinimumWidth(200)
        self.page_list.setSpacing(3)
        self.page_list.setWordWrap(True)
        self.page_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_list.clicked.connect(self._page_clicked)
        self.page_list.activated.connect(self._page_clicked)
        # Arrow keys in the list turn the page too.
        self.page_list.selectionModel().currentChanged.connect(
            lambda current, _previous: self._page_clicked(current))
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.page_title = plain_label(right)
        title_font = self.page_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.page_title.setFont(title_font)
        self.page_title.setContentsMargins(16, 8, 16, 0)
        self.scroll_area = QScrollArea(right)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the questions
        nav = QHBoxLayout()
        nav.setContentsMargins(16, 4, 16, 8)
        self.previous_button = QPushButton(self.tr("◀ Previous page"), right)
        self.previous_button.setToolTip(self.tr("Previous page (Ctrl+Page Up)"))
        self.previous_button.clicked.connect(lambda: self.step_page(-1))
        self.next_button = QPushButton(self.tr("Next page ▶"), right)
        self.next_button.setToolTip(self.tr("Next page (Ctrl+Page Down)"))
        self.next_button.clicked.connect(self._next_clicked)
        self.last_label = QLabel(right)
        self.last_label.setObjectName("lastPage")
        self.last_label.setWordWrap(True)
        self.last_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.last_label.setContentsMargins(16, 0, 16, 0)
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses it, as Space does
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        right_layout.addWidget(self.page_title)
        right_layout.addWidget(self.scroll_area, 1)
        right_layout.addWidget(self.last_label)  # its own line: never squeezed
        right_layout.addLayout(nav)
        splitter.addWidget(self.page_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 800])
        outer.addWidget(splitter, 1)
        # Shortcuts act at once (a button's own shortcut animates a click
        # and acts 100 ms later); the buttons' tooltips show them.
        for keys, action in (
            ("Ctrl+PgDown", lambda: self.step_page(1)),
            ("Ctrl+PgUp", lambda: self.step_page(-1)),
            ("Ctrl+Shift+Return", self.complete),
            ("Ctrl+W", self.close_view),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- pages --------------------------------------------------------------
    def _why_missing(self, question: Question, path: str, value: AnswerValue) -> str:
        """The note under an answer of an imported copy (services.data_view's rule)."""
        reason = answer_reason(self.session.questionnaire, question, value,
                               self.session.withheld, path)
        return reason_text(reason) if reason else ""

    def show_page(self, index: int) -> None:
        """Save what is pending, then build page ``index`` (and only it)."""
        pages = self.session.pages
        if not pages:
            return
        index = max(0, min(index, len(pages) - 1))
        self.flush()
        old = self.page
        page = InterviewPage(pages[index], self.state, self._make_input, self._choice_items)
        page.read_only = self.session.read_only
        page.show_problems = self.session.imported_from is None
        if self.session.imported_from is not None:
            page.note_for = self._why_missing
        page.edited.connect(self._edited)
        page.committed.connect(self._committed)
        page.advance.connect(self._advance)
        page.add_instance.connect(self.add_instance)
        page.remove_instance.connect(self.remove_instance)
        page.refresh(self.show_required, self.touched)
        if self.page_index >= 0 and self.page_index != index:
            self.visited.add(self.page_index)
        self.page, self.page_index = page, index
        self._past_last_question = False
        if old is not None:
            old.blockSignals(True)
            for row in old.rows.values():
                if row.input is not None:
                    row.input.blockSignals(True)
        self.scroll_area.setWidget(page)  # deletes the old page
        self.fix_tab_order()
        self.page_title.setText(self.session.page_title(index))
        self.page_list.setCurrentIndex(self.page_model.index(index, 0))
        self.update_summaries()
        self.focus_start()

    def _update_nav(self) -> None:
        last = self.is_last_page()
        self.previous_button.setEnabled(self.session.next_asked_page(self.page_index, -1) is not None)
        self.next_button.setEnabled(not (last and self.session.read_only))
        self.next_button.setText(self.tr("Review and complete ▶") if last else self.tr("Next page ▶"))
        self.next_button.setToolTip(
            self.tr("List every answer, then complete") if last else self.tr("Next page (Ctrl+Page Down)"))
        text = ""
        if last and not self.session.read_only:
            text = self.tr("That was the last question. Press Enter to review the answers and complete.") \
                if self._past_last_question else self.tr("This is the last page.")
        self.last_label.setText(text)
        self.last_label.setVisible(bool(self.last_label.text()))

    def is_last_page(self) -> bool:
        """Whether no later page is asked in this interview."""
        return self.session.next_asked_page(self.page_index, 1) is None

    def fix_tab_order(self) -> None:
        """Tab: the page's questions first, then the page buttons, then the bar."""
        self.keeper.chain([self.previous_button, self.next_button, self.complete_button,
                           self.reopen_button, self.close_button, self.language_combo,
                           self.page_list])

    def focus_start(self) -> None:
        """Keyboard on the first question of the page (or its "Add" button)."""
        if self.page is None:
            return
        first = self.page.first_focus()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scroll_area.verticalScrollBar().setValue(0)
        else:
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:
            self._started = True
            # Focus asked for while hidden may not have been given: give it
            # now, to whatever was asked last (the main window may ask after this).
            QTimer.singleShot(0, self, self._settle_focus)

    def _settle_focus(self) -> None:
        if self.current_path() is not None:
            return
        if self._wanted:
            self.focus_path(self._wanted)
        else:
            self.focus_start()

    def step_page(self, step: int) -> None:
        """Go to the next (or previous) page that is asked in this interview."""
        index = self.session.next_asked_page(self.page_index, step)
        if index is not None and self.may_leave_page():
            self.show_page(index)

    def _next_clicked(self) -> None:
        if self.is_last_page():
            self.review()
        else:
            self.step_page(1)

    def _page_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() != self.page_index:
            if self.may_leave_page():
                self.show_page(index.row())
            else:  # the list shows the page still open
                self.page_list.setCurrentIndex(self.page_model.index(self.page_index, 0))

    def may_leave_page(self) -> bool:
        """Whether the page may be left: nothing typed on it that is no answer
        (half a date), or the interviewer chose to leave such typing out."""
        return may_leave(self, self.page, lambda path: self.session.describe(path)[1])

    # --- inputs -------------------------------------------------------------
    def _make_input(self, question: Question, path: str) -> QuestionInput | None:
        return self.session.make_input(question, path, self)

    def _choice_items(self, path: str) -> list[ChoiceItem]:
        return self.session.choice_items(path)

    def _edited(self, path: str, value: AnswerValue) -> None:
        self._editing = path
        self._apply(path, value, commit=False)

    def _committed(self, path: str, value: AnswerValue) -> None:
        self._editing = None
        self.touched.add(path)
        self._apply(path, value, commit=True)

    def _apply(self, path: str, value: AnswerValue, commit: bool) -> None:
        if self.session.read_only:
            return
        if is_empty(value):
            value = None
        if value != self.state.value(path):
            try:
                self.state.set(path, value)
            except TestimonioError as error:
                log.warning("answer refused by the form state: %s", type(error).__name__)
                return
        self.sync(commit)
        if self.page is not None:
            self.page.refresh(self.show_required, self.touched, self._editing)
        if commit:
            self.update_summaries()
        else:
            self._summaries_timer.start()

    def sync(self, now: bool) -> None:
        """Queue every answer that differs from what the vault holds.

        Besides the answer typed this catches calculations, metadata and
        repeat counts the state changed along with it.
        """
        current = self.state.answers()
        for path in [p for p in self._persisted if p not in current]:
            del self._persisted[path]
            self.saver.schedule(path, None)
        for path, value in current.items():
            if self._persisted.get(path) != value:
                self._persisted[path] = value
                self.saver.schedule(path, value)
        if now:
            self.saver.flush()

    def _write(self, path: str, value: AnswerValue) -> None:
        self.session.write(path, value)

    def _advance(self, path: str) -> None:
        if self.page is None:
            return
        following = self.page.next_row_after(path)
        if following is not None and following.input is not None:
            following.input.focus_input()
            return
        self._past_last_question = True
        self._update_nav()
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- saving -------------------------------------------------------------
    def flush(self) -> bool:
        """Save every pending edit now (before a lock, a close, a page turn)."""
        focused = self.page.current_path() if self.page is not None else None
        if focused is not None and self.page is not None and not self.session.read_only:
            widget = self.page.rows[focused].input
            if widget is not None and widget.value() != self.state.value(focused):
                try:
                    self.state.set(focused, widget.value())
                except TestimonioError:
                    log.warning("answer refused by the form state")
                self.sync(now=False)
        return self.saver.flush()

    def is_saved(self) -> bool:
        return self.saver.is_saved

    def is_blank(self) -> bool:
        """A draft nobody has answered anything in (only its metadata)."""
        return (not self.session.read_only and self.session.imported_from is None
                and self.session.resume_path() is None)

    # --- where we are -------------------------------------------------------
    def current_path(self) -> str | None:
        """The answer path of the question with the keyboard, if any."""
        if self.page is None:
            return None
        return self.page.current_path()

    def focus_path(self, path: str) -> None:
        """Show the page holding ``path`` and put the keyboard there."""
        self._wanted = path
        index = self.session.page_of(path)
        if index is None:
            return
        if index != self.page_index:
            self.show_page(index)
        if self.page is not None and path in self.page.rows:
            self.page.focus_row(path)
            focus = QApplication.focusWidget()
            self.keeper.reveal(focus if focus is not None and self.page.isAncestorOf(focus)
                        else self.page.rows[path])

    # --- language -----------------------------------------------------------
    def _language_chosen(self, _index: int) -> None:
        code = self.language_combo.currentData()
        if code and code != self.state.language:
            self.set_language(str(code))

    def set_language(self, code: str) -> None:
        """Show the questionnaire in another of its languages, here and now."""
        place = self.current_path()
        self.flush()
        self.session.set_language(code)
        self.language_combo.blockSignals(True)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(code)))
        self.language_combo.blockSignals(False)
        self.title_label.setText(self.session.title())
        self.show_page(self.page_index)
        self.update_summaries()
        if place:
            self.focus_path(place)

    # --- side list ----------------------------------------------------------
    def update_summaries(self) -> None:
        """Recount progress and problems for every page."""
        checked = None if self.show_required else self.visited
        summaries = self.session.page_summaries(checked)
        self.page_model.set_summaries(summaries)
        if 0 <= self.page_index < len(summaries):
            self.page_list.setCurrentIndex(self.page_model.index(self.page_index, 0))
            # An answer may ask or skip the later pages: "Next page" or "Review and complete".
            self._update_nav()

    # --- closing ------------------------------------------------------------
    def close_view(self) -> None:
        """Save and tell the main window we are done."""
        if self.flush():
            self.closed.emit()

    def clear(self) -> None:
        """Drop every widget that shows answers (before a lock)."""
        self.flush()
        if self.page is not None:
            self.page.blockSignals(True)
        self.scroll_area.takeWidget()
        self.page = None


__all__ = ["InterviewView", "child_path"]
