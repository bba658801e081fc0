"""The main window: menus, the interview list, the hosted views, locking.

The window changes state only through its actions. Every view and dialog is
imported by name (mypy checks how each is built), when first opened: the
window and its list come up without them (issue 17, unlock to list; a
background import of them while the GUI thread works crashed Qt in the tests).
Views are built when first shown. Locking saves, destroys every view,
closes the vault and shows the embedded unlock dialog in place of the content;
unlocking comes back to the same interview and field.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.dialog_size import fit_to_screen
from testimonio.gui.i18n import Languages, remember_language, remembered_language
from testimonio.gui.lock import REASON_PANIC, REASON_SHORTCUT, LockGuard
from testimonio.gui.main_pages import LockedPage, hosted_view
from testimonio.gui.plain import warn
from testimonio.gui.vault_warnings import show_vault_warnings
from testimonio.gui.views.interview_list_view import InterviewListView
from testimonio.paths import resource_path

log = logging.getLogger(__name__)

class MainWindow(QMainWindow):
    """The researcher's window over an unlocked :class:`AppContext`."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, context: AppContext, languages: Languages | None = None, guard: LockGuard | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.languages = languages
        self.setWindowTitle("Testimonio")  # never anything from the vault
        self.setWindowIcon(QIcon(str(resource_path("icons", "testimonio.svg"))))
        fit_to_screen(self, QSize(1180, 720))  # a 1024×600 netbook too
        app = QApplication.instance()
        self.guard = guard or LockGuard(app, self._idle_minutes(), self)  # type: ignore[arg-type]
        self.guard.lock_requested.connect(self.lock)

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.list_view = InterviewListView(context, self.stack)
        self.list_view.open_requested.connect(self.open_interview)
        self.list_view.selection_changed.connect(self._update_actions)
        self.stack.addWidget(self.list_view)
        self.views: dict[str, QWidget] = {}
        self.locked_page: LockedPage | None = None
        self._place: tuple[str, str | None] | None = None  # (interview id, answer path)
        self._open_id = ""
        self._fresh_id = ""  # an interview started here and not yet answered

        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.save_label.setAccessibleName(self.tr("Save state"))
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().setSizeGripEnabled(False)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        if context.is_open:
            self._after_unlock()
        else:
            self.show_locked()

    # --- actions and menus ---------------------------------------------------
    def _action(self, text: str, slot: Any, shortcut: Any = None, icon: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon:
            action.setIcon(QIcon(str(resource_path("icons", f"{icon}.svg"))))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(self.tr("&New interview…"), self.new_interview,
                                       QKeySequence.StandardKey.New, "new")
        self.open_action = self._action(self.tr("&Open interview"), self.list_view.open_current,
                                        "Ctrl+O", "open")
        self.delete_action = self._action(self.tr("&Delete draft…"), self.delete_interview,
                                          "Del", "delete")
        self.back_action = self._action(self.tr("&Back to the list"), self.show_list,
                                        "Ctrl+W")
        self.lock_action = self._action(self.tr("&Lock"), lambda: self.lock(REASON_SHORTCUT),
                                        "Ctrl+L", "lock")
        self.panic_action = self._action(self.tr("Lock and &hide"),
                                         lambda: self.lock(REASON_PANIC), "Ctrl+Shift+L")
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings,
                                            "Ctrl+,", "settings")
        self.passphrase_action = self._action(self.tr("Change the &passphrase…"),
                                              self.change_passphrase)
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.export_action = self._action(self.tr("&Export for the team lead…"),
                                          lambda: self.team_menu.export(), "Ctrl+E")
        self.import_action = self._action(self.tr("&Import bundles…"),
                                          lambda: self.open_dialog("import"), "Ctrl+I")
        self.list_action = self._action(self.tr("&Interviews"), self.show_list, "Ctrl+1")
        self.researchers_action = self._action(self.tr("&Researchers"),
                                               lambda: self.show_view("researchers"), "Ctrl+2")
        self.summary_action = self._action(self.tr("&Summary"),
                                           lambda: self.show_view("summary"), "Ctrl+3")
        self.data_action = self._action(self.tr("&Answers"), lambda: self.show_view("data"), "Ctrl+4")
        self.about_action = self._action(self.tr("&About Testimonio"),
                                         lambda: self.open_dialog("about"))
        self.vault_actions = [
            self.new_action, self.open_action, self.delete_action, self.back_action,
            self.lock_action, self.panic_action, self.settings_action, self.passphrase_action,
            self.export_action,
            self.import_action, self.list_action, self.researchers_action, self.summary_action,
            self.data_action,
        ]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (self.settings_action, self.passphrase_action, None, self.lock_action, self.panic_action, None,
                       self.quit_action):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        interview = bar.addMenu(self.tr("&Interview"))
        for action in (self.new_action, self.open_action, self.delete_action, None,
                       self.back_action):
            interview.addSeparator() if action is None else interview.addAction(action)
        from testimonio.gui.team_menu import TeamMenu

        self.team_menu = TeamMenu(self)  # its shape and its entries live in team_menu.py
        bar.addMenu(self.team_menu.menu)
        self.vault_actions += self.team_menu.actions
        view = bar.addMenu(self.tr("&View"))
        for action in (self.list_action, self.researchers_action, self.summary_action,
                       self.data_action):
            view.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Actions"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.open_action, self.delete_action):
            bar.addAction(action)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addAction(self.lock_action)
        self.addToolBar(bar)
        self.toolbar = bar

    def _update_actions(self) -> None:
        is_open = self.context.is_open
        for action in self.vault_actions:
            action.setEnabled(is_open)
        on_list = is_open and self.stack.currentWidget() is self.list_view
        has_row = on_list and self.list_view.current_id() is not None
        self.open_action.setEnabled(has_row)
        self.delete_action.setEnabled(has_row and self.list_view.current_status() == "draft")
        # In an interview, Ctrl+W is the view's own "save and close".
        self.back_action.setEnabled(is_open and not on_list
                                    and self.stack.currentWidget() is not self.views.get("interview"))
        self.list_action.setEnabled(is_open)

    # --- the save state ------------------------------------------------------
    def set_save_state(self, saved: bool, problem: str = "") -> None:
        """Show in the status bar whether everything is saved."""
        # The sentence itself is in the view's banner; said once is enough.
        self.save_label.setToolTip(problem)
        state = "problem" if problem else ("saved" if saved else "saving")
        self.save_label.setText({"problem": self.tr("Not saved"), "saving": self.tr("Saving…"),
                                 "saved": self.tr("All changes saved")}[state])
        self.save_label.setProperty("state", state)
        self.save_label.style().unpolish(self.save_label)
        self.save_label.style().polish(self.save_label)

    def _watch_saves(self, view: QWidget) -> None:
        # The view's one save state (header, banner): the status bar says the same.
        indicator = getattr(view, "save_state", None)
        if indicator is not None:
            indicator.changed.connect(self.set_save_state)
            self.set_save_state(indicator.saved, indicator.problem)
            return
        self.set_save_state(True)
        state = getattr(view, "saved_state_changed", None)
        if state is not None:
            state.connect(lambda ok: self.set_save_state(bool(ok)))
        saver = getattr(view, "saver", None) or getattr(view, "autosaver", None)
        if saver is not None:
            saver.failed.connect(lambda text: self.set_save_state(False, str(text)))

    # --- views ---------------------------------------------------------------
    def show_list(self) -> None:
        """Back to the interview list (saving an open interview first)."""
        if not self.close_interview():
            return
        self.stack.setCurrentWidget(self.list_view)
        self.list_view.refresh()
        if self._open_id:
            self.list_view.select_id(self._open_id)  # back where the person left
        self.list_view.table.setFocus()
        self._update_actions()

    def open_interview(self, interview_id: str, path: str | None = None) -> bool:
        """Show the interview ``interview_id`` (at answer ``path`` if given)."""
        if not self.close_interview():
            return False
        from testimonio.gui.views.interview_view import InterviewView

        try:
            view = InterviewView(self.context, interview_id, self.stack)
        except TestimonioError as error:
            warn(self, "Testimonio", str(error))
            return False
        self.views["interview"] = view
        self._open_id = interview_id
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.closed.connect(self.show_list)
        self._watch_saves(view)
        if path:
            try:
                view.focus_path(path)
            except (KeyError, ValueError, TestimonioError):
                log.debug("could not return to the saved place", exc_info=True)
        self._update_actions()
        return True

    def close_interview(self) -> bool:
        """Save and destroy the open interview view; False if saving failed."""
        view = self.views.get("interview")
        if view is None:
            return True
        may_leave = getattr(view, "may_leave_page", None)
        if may_leave is not None and not may_leave():
            return False  # back to typing that is not yet an answer
        flush = getattr(view, "flush", None)
        if flush is not None and flush() is False:
            answer = QMessageBox.warning(
                self, "Testimonio",
                self.tr("Some answers could not be saved. Close the interview anyway? "
                        "The unsaved answers will be lost."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        from testimonio.gui.views.interview_view import InterviewView  # loaded: one is open

        if (isinstance(view, InterviewView) and view.interview_id == self._fresh_id
                and view.is_blank()):
            # Opened by mistake and left without an answer: no blank draft stays.
            self._fresh_id = ""
            try:
                self.context.interviews.delete_draft(view.interview_id)
                self.statusBar().showMessage(
                    self.tr("The new interview had no answers and was not kept."), 8000)
            except TestimonioError:
                log.warning("could not remove an empty new draft", exc_info=True)
        self._destroy_view("interview")
        self.set_save_state(True)
        return True

    def show_view(self, name: str) -> None:
        """Show the researchers or summary view (built on first use)."""
        if not self.close_interview():
            return
        view = self.views.get(name)
        if view is None:
            try:
                view = hosted_view(name, self.context, self.stack)
            except TestimonioError as error:
                warn(self, "Testimonio", str(error))
                return
            self.views[name] = view
            self.stack.addWidget(view)
            opens = getattr(view, "open_requested", None)
            if opens is not None:  # the data view opens an interview of its row
                opens.connect(self.open_interview)
        self.stack.setCurrentWidget(view)
        self._update_actions()

    def _destroy_view(self, name: str) -> None:
        view = self.views.pop(name, None)
        if view is not None:
            self.stack.removeWidget(view)
            view.setParent(None)
            view.deleteLater()

    def open_dialog(self, name: str) -> int:
        """Open one of the hosted dialogs; returns its result code."""
        from testimonio.gui.about_dialog import AboutDialog
        from testimonio.gui.views.export_dialog import ExportDialog
        from testimonio.gui.views.import_dialog import ImportDialog

        dialogs: dict[str, Callable[[], QDialog]] = {
            "export": lambda: ExportDialog(self.context, self),
            "import": lambda: ImportDialog(self.context, self),
            "about": lambda: AboutDialog(self),
        }
        try:
            dialog = dialogs[name]()
        except TestimonioError as error:
            warn(self, "Testimonio", str(error))
            return 0
        result = dialog.exec()
        dialog.deleteLater()
        if self.context.is_open:
            self.list_view.refresh()
        return int(result)

    # --- interview actions ---------------------------------------------------
    def new_interview(self) -> None:
        """Ask for questionnaire and site, start the interview, open it."""
        from testimonio.gui.views.new_interview_dialog import NewInterviewDialog

        dialog = NewInterviewDialog(self.context, self)
        if dialog.exec():
            interview_id = dialog.interview_id
            dialog.deleteLater()
            if interview_id:
                self.list_view.refresh()
                self._fresh_id = str(interview_id)
                self.open_interview(str(interview_id))

    def delete_interview(self) -> None:
        """Delete the selected draft after confirmation."""
        interview_id = self.list_view.current_id()
        if not interview_id or self.list_view.current_status() != "draft":
            return
        answer = QMessageBox.question(
            self, self.tr("Delete draft"),
            self.tr("Delete the draft interview {interview} and all its answers? "
                    "This cannot be undone.").format(
                        interview=self.list_view.current_description()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.context.interviews.delete_draft(interview_id)
        except TestimonioError as error:
            warn(self, "Testimonio", str(error))
        self.list_view.refresh()
        self._update_actions()

    def open_settings(self) -> None:
        from testimonio.gui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context.preferences, self)
        if dialog.exec():
            self._apply_settings()
        dialog.deleteLater()

    def change_passphrase(self) -> None:
        from testimonio.gui.dialogs.change_passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.context, self)
        if dialog.exec():
            self.statusBar().showMessage(self.tr("The passphrase was changed."), 8000)
        dialog.deleteLater()

    def _apply_settings(self) -> None:
        self.guard.set_idle_minutes(self._idle_minutes())
        language = self.context.preferences.language
        if language != remembered_language(self.context.vault_dir):
            # This vault's language (its unlock screen too), applied now.
            remember_language(language, self.context.vault_dir)
            from testimonio.gui.language_switch import switch_language

            if switch_language(self, language):
                return
        self.list_view.load()

    def _idle_minutes(self) -> float:
        try:
            return float(self.context.preferences.auto_lock_minutes)
        except TestimonioError:
            return 5.0

    # --- locking -------------------------------------------------------------
    def lock(self, reason: str = REASON_SHORTCUT) -> None:
        """Save, clear every view, close the vault; hide at once on panic."""
        if not self.context.is_open:
            if reason == REASON_PANIC:
                self.showMinimized()
            return
        self._close_dialogs()
        view = self.views.get("interview")
        self._place = None
        if view is not None:
            flush = getattr(view, "flush", None)
            if flush is not None:
                flush()
            current = getattr(view, "current_path", None)
            self._place = (self._open_id, current() if callable(current) else None)
        for name in list(self.views):
            self._destroy_view(name)
        self.list_view.clear()
        self.context.lock()
        self.guard.disarm()
        self.show_locked()
        self.locked.emit()
        if reason == REASON_PANIC:
            self.showMinimized()

    def _close_dialogs(self) -> None:
        # A dialog left open (settings, export, a question) could show data
        # over the lock screen: every one is closed as if cancelled.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and dialog.isWindow():
                dialog.reject()

    def show_locked(self) -> None:
        """Replace the content by the unlock dialog."""
        self.menuBar().setEnabled(False)
        self._update_actions()
        self.save_label.setText(self.tr("Locked"))
        if self.locked_page is not None:
            self.stack.removeWidget(self.locked_page)
            self.locked_page.deleteLater()
        self.locked_page = LockedPage(self.context, self.stack)
        self.locked_page.unlock.accepted.connect(self._after_unlock)
        self.locked_page.unlock.rejected.connect(self.close)
        self.stack.addWidget(self.locked_page)
        self.stack.setCurrentWidget(self.locked_page)
        self.locked_page.unlock.passphrase.setFocus()

    @property
    def is_locked(self) -> bool:
        return not self.context.is_open

    def _after_unlock(self) -> None:
        if self.locked_page is not None:
            self.stack.removeWidget(self.locked_page)
            self.locked_page.deleteLater()
            self.locked_page = None
        self.menuBar().setEnabled(True)
        self.guard.set_idle_minutes(self._idle_minutes())
        self.guard.arm()
        self.list_view.load()
        self.stack.setCurrentWidget(self.list_view)
        self.set_save_state(True)
        place, self._place = self._place, None
        if place and place[0]:
            self.open_interview(place[0], place[1])
        else:
            self.list_view.table.setFocus()
        self._update_actions()
        QTimer.singleShot(0, self, lambda: show_vault_warnings(self, self.context))
        self.unlocked.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.context.is_open and not self.close_interview():
            event.ignore()
            return
        for name in list(self.views):
            self._destroy_view(name)
        self.list_view.clear()
        self.context.lock()
        self.guard.shutdown()
        super().closeEvent(event)
