"""The Team menu: setting up the team, exchanging keys, bundles and reports.

Its shape, agreed once for every part that adds to it::

    Create a team… (lead)          Join a team… (researcher)       My key…
    ─────────────
    Add a researcher… (lead)       Researchers (the roster)
    ─────────────
    Export for the team lead… (researcher)
    Import bundles… (lead)         Import a folder… (lead)
    ─────────────  <- the place named ANSWERS_PLACE: receipts, team update,
                      revoke, backup recipient (issue 12) go here
    Write a report… (lead)

Entries a vault's role cannot use are disabled when the menu opens (their
services would refuse anyway, with a sentence). Each entry opens its dialog
through the window, which closes every dialog when it locks.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox

from testimonio.errors import TestimonioError

log = logging.getLogger(__name__)

# objectName of the separator before which issue 12's entries are inserted.
ANSWERS_PLACE = "teamMenuAnswersPlace"


class TeamMenu(QObject):
    """Builds the Team menu of ``window`` (a MainWindow) and runs its entries."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Team"), window)
        self.menu.setObjectName("teamMenu")
        self.create_action = self._action(self.tr("&Create a team…"), self.create_team)
        self.join_action = self._action(self.tr("&Join a team…"), self.join_team)
        self.key_action = self._action(self.tr("My &key…"), self.my_key)
        self.add_researcher_action = self._action(self.tr("&Add a researcher…"), self.add_researcher)
        self.import_folder_action = self._action(self.tr("Import a &folder…"), self.import_folder)
        self.report_action = self._action(self.tr("Write a rep&ort…"), self.write_report)
        for action in (self.create_action, self.join_action, self.key_action, None,
                       self.add_researcher_action, window.researchers_action, None,
                       window.export_action, window.import_action, self.import_folder_action):
            self.menu.addSeparator() if action is None else self.menu.addAction(action)
        self.answers_place = self.menu.addSeparator()
        self.answers_place.setObjectName(ANSWERS_PLACE)
        self.menu.addAction(self.report_action)
        self.menu.aboutToShow.connect(self.update_actions)
        self.lead_actions = [self.add_researcher_action, window.researchers_action,
                             window.import_action, self.import_folder_action, self.report_action]
        from testimonio.gui.answers_menu import AnswersMenu

        self.answers = AnswersMenu(window, self)  # issue 12's entries, at ANSWERS_PLACE

    @property
    def actions(self) -> list[QAction]:
        """The entries this menu adds (the window's own are not listed)."""
        return [self.create_action, self.join_action, self.key_action,
                self.add_researcher_action, self.import_folder_action, self.report_action,
                *self.answers.actions]

    def _action(self, text: str, slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        return action

    def insert_answers_entries(self, actions: list[QAction]) -> None:
        """Place issue 12's entries (receipts, team update, revoke, backup recipient)."""
        self.menu.insertActions(self.answers_place, actions)

    # --- state -------------------------------------------------------------------
    def role(self) -> str | None:
        """This vault's role in its team (None before create or join, or when locked)."""
        context = self.window.context
        if not context.is_open:
            return None
        try:
            return str(context.team.role()) if context.team.role() else None
        except TestimonioError:
            return None

    def update_actions(self) -> None:
        """Enable what this vault's role can do."""
        is_open = self.window.context.is_open
        role = self.role()
        self.create_action.setEnabled(is_open and role in (None, "lead"))
        self.join_action.setEnabled(is_open and role in (None, "researcher"))
        self.key_action.setEnabled(is_open)
        for action in self.lead_actions:
            action.setEnabled(is_open and role == "lead")
        self.window.export_action.setEnabled(is_open and role != "lead")

    # --- entries -----------------------------------------------------------------
    def _exec(self, dialog: QDialog) -> int:
        locked = getattr(self.window, "locked", None)
        if locked is not None:
            locked.connect(dialog.reject)
        try:
            return int(dialog.exec())
        finally:
            dialog.deleteLater()
            self.update_actions()

    def _team_dialog(self, tab: int) -> Any:
        from testimonio.gui.views.team_dialog import TeamDialog

        return TeamDialog(self.window.context, self.window, tab=tab, single=True)

    def create_team(self) -> None:
        from testimonio.gui.views.team_dialog import TeamDialog

        self._exec(self._team_dialog(TeamDialog.CREATE))

    def join_team(self) -> bool:
        """Open the join page; True if the vault joined a team there."""
        from testimonio.gui.views.team_dialog import TeamDialog

        dialog = self._team_dialog(TeamDialog.JOIN)
        joined: list[bool] = []
        dialog.joined.connect(lambda: joined.append(True))
        self._exec(dialog)
        if joined:
            self.window.list_view.refresh()
        return bool(joined)

    def my_key(self) -> None:
        from testimonio.gui.views.team_dialog import TeamDialog

        self._exec(self._team_dialog(TeamDialog.MY_KEY))

    def add_researcher(self) -> None:
        from testimonio.gui.views.researchers_view import AddResearcherDialog

        if self._exec(AddResearcherDialog(self.window.context, self.window)):
            view = self.window.views.get("researchers")
            if view is not None:
                view.refresh()

    def export(self) -> None:
        """Export, offering to join a team first when this vault has none."""
        role = self.role()
        if role == "lead":
            QMessageBox.information(self.window, self.tr("Export for the team lead"), self.tr(
                "This vault leads the team: it imports the researchers' bundles and does "
                "not export any."))
            return
        if role is None and self.window.context.is_open:
            answer = QMessageBox.question(
                self.window, self.tr("Export for the team lead"),
                self.tr("This vault has not joined a team yet. A bundle can only be opened by "
                        "your team lead, so first open the team file the lead gave you and "
                        "check the lead's fingerprint.\n\nJoin a team now?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes or not self.join_team():
                return
        self.window.open_dialog("export")

    def import_folder(self) -> None:
        from testimonio.gui.views.import_dialog import ImportDialog

        dialog = ImportDialog(self.window.context, self.window)
        # Ask for the folder once the dialog is up, so a cancel leaves it open and empty.
        QTimer.singleShot(0, dialog.choose_folder)
        self._exec(dialog)
        self.window.list_view.refresh()

    def write_report(self) -> None:
        from testimonio.gui.views.report_dialog import ReportDialog

        self._exec(ReportDialog(self.window.context, self.window))

