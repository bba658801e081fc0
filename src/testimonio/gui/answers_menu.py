"""Issue 12's entries in the Team menu: what the lead sends back.

Lead: write a receipt, publish a team update, revoke a key, add a backup
recipient, set the retention policy. Researcher: import a receipt, import a
team update, see what the retention policy deletes and when (the Retention
view), purge received interviews. Purges run in the background through
:class:`RetentionRunner`, which also applies the policy at unlock and hourly. Each entry asks what it needs (a
file, a researcher, a confirmation showing the fingerprint), calls one
service and says what happened in a sentence. Names and fingerprints come
from other people's files: every message box shows plain text only.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox

from testimonio.errors import TestimonioError
from testimonio.gui.retention_runner import RetentionRunner

log = logging.getLogger(__name__)


class AnswersMenu(QObject):
    """Adds issue 12's entries to the Team menu of ``window`` and runs them."""

    def __init__(self, window: Any, team_menu: Any) -> None:
        super().__init__(window)
        self.window = window
        self.team_menu = team_menu
        self.receipt_write_action = self._action(self.tr("&Write a receipt…"), self.write_receipt)
        self.receipt_import_action = self._action(self.tr("Import a receip&t…"), self.import_receipt)
        self.publish_action = self._action(self.tr("&Publish a team update…"), self.publish)
        self.update_action = self._action(self.tr("Import a team &update…"), self.import_update)
        self.revoke_action = self._action(self.tr("Re&voke a researcher's key…"), self.revoke)
        self.recipient_action = self._action(self.tr("Add a &backup recipient…"), self.add_recipient)
        self.retention_action = self._action(self.tr("Retention polic&y…"), self.set_retention)
        self.schedule_action = self._action(self.tr("Retention: what is &deleted and when…"),
                                            self.show_schedule)
        self.purge_action = self._action(self.tr("Pur&ge received interviews…"), self.purge)
        self.lead_actions = [self.receipt_write_action, self.publish_action, self.revoke_action,
                             self.recipient_action, self.retention_action]
        self.researcher_actions = [self.receipt_import_action, self.update_action,
                                   self.schedule_action, self.purge_action]
        self.runner = RetentionRunner(window)
        self.schedule_dialog: Any = None
        team_menu.insert_answers_entries(self.lead_actions + self.researcher_actions)
        team_menu.menu.aboutToShow.connect(self.update_actions)

    @property
    def actions(self) -> list[QAction]:
        return self.lead_actions + self.researcher_actions

    def _action(self, text: str, slot: Any) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        return action

    def update_actions(self) -> None:
        """Lead entries for a lead's vault, researcher entries for a researcher's."""
        role = self.team_menu.role()
        for action in self.lead_actions:
            action.setEnabled(role == "lead")
        for action in self.researcher_actions:
            action.setEnabled(role == "researcher")

    # --- small helpers -------------------------------------------------------------
    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # names come from other people's files
        return box

    def _tell(self, title: str, text: str, warning: bool = False) -> None:
        box = self._box(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                        title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
        box.deleteLater()

    def _ask(self, title: str, text: str, yes: str) -> bool:
        box = self._box(QMessageBox.Icon.Question, title, text)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        chosen = box.clickedButton() is accept
        box.deleteLater()
        return chosen

    def _run(self, title: str, work: Any) -> Any:
        """Run ``work()``; a refusal or failure is shown as its sentence (None returned)."""
        try:
            return work()
        except TestimonioError as error:
            self._tell(title, str(error), warning=True)
            return None

    def _open(self, title: str, kind: Any, description: str) -> str:
        from testimonio.gui import file_dialogs

        return file_dialogs.open_kind(self.window, title, kind, description)

    def _save(self, title: str, kind: Any, description: str, name: str) -> str:
        from testimonio.gui import file_dialogs

        return file_dialogs.save_kind(self.window, title, kind, description, name)

    def _pick_researcher(self, title: str) -> tuple[str, str] | None:
        """(fingerprint, name) of a researcher chosen from the roster, or None."""
        roster = self.window.context.team.roster()
        if not roster:
            self._tell(title, self.tr("No researcher is on the roster yet."))
            return None
        labels = [f"{r.name} — {r.fingerprint}" for r in roster]
        label, ok = QInputDialog.getItem(self.window, title, self.tr("Researcher:"), labels, 0,
                                         False)
        if not ok or label not in labels:
            return None
        chosen = roster[labels.index(label)]
        return chosen.fingerprint, chosen.name

    # --- lead ----------------------------------------------------------------------
    def write_receipt(self) -> None:
        from testimonio.exchange.file_kinds import RECEIPT

        title = self.tr("Write a receipt")
        picked = self._pick_researcher(title)
        if picked is None:
            return
        path = self._save(title, RECEIPT, self.tr("Receipts"), "receipt")
        if not path:
            return
        result = self._run(title, lambda: self.window.context.receipts.write(picked[0], Path(path)))
        if result is not None:
            self._tell(title, self.tr("Receipt {0} written: %n interview(s) received from {1}. "
                                      "Give the file to the researcher.", "",
                                      result.interviews).format(result.number, picked[1]))

    def publish(self) -> None:
        from testimonio.exchange.file_kinds import UPDATE

        title = self.tr("Publish a team update")
        path = self._save(title, UPDATE, self.tr("Team updates"), "team-update")
        if not path:
            return
        update = self._run(title, lambda: self.window.context.team_admin.publish(Path(path)))
        if update is not None:
            self._tell(title, self.tr("Team update {0} written: {1}, {2}, {3}, {4}.").format(
                update.number, self.tr("%n questionnaire version(s)", "", len(update.questionnaires)),
                self.tr("%n researcher(s)", "", len(update.roster)),
                self.tr("%n revoked key(s)", "", len(update.revocations)),
                self.tr("%n backup recipient(s)", "", len(update.recipients))))

    def revoke(self) -> None:
        title = self.tr("Revoke a researcher's key")
        picked = self._pick_researcher(title)
        if picked is None:
            return
        text = self.tr("Revoke the key of {0}?\n\nFingerprint: {1}\n\nBundles it signs after "
                       "the last one imported are refused from now on. Do this when a laptop "
                       "is lost or seized, then publish a team update.").format(picked[1],
                                                                                picked[0])
        if not self._ask(title, text, self.tr("Revoke")):
            return
        done = self._run(title, lambda: self.window.context.team_admin.revoke(picked[0]))
        if done is not None:
            self._tell(title, self.tr("Revoked. Its bundles up to number {0} stay accepted.")
                       .format(done.last_sequence))

    def add_recipient(self) -> None:
        from testimonio.exchange.file_kinds import KEY

        title = self.tr("Add a backup recipient")
        path = self._open(title, KEY, self.tr("Key files"))
        if not path:
            return
        service = self.window.context.team_admin
        found = self._run(title, lambda: service.read_recipient_file(Path(path)))
        if found is None:
            return
        text = self.tr("Add {0} as a backup recipient? Every new bundle can then be opened "
                       "with this key too.\n\nCompare the fingerprint, group by group, with "
                       "the one its keeper reads to you:\n{1}").format(found.name,
                                                                       found.fingerprint)
        if self._ask(title, text, self.tr("Add")) and self._run(
                title, lambda: service.add_recipient(found) or True):
            self._tell(title, self.tr("Added. Publish a team update so the researchers use it."))

    def set_retention(self) -> None:
        from testimonio.exchange.teamupdate import Retention

        title = self.tr("Retention policy")
        service = self.window.context.team_admin
        choices = [self.tr("Keep received interviews"),
                   self.tr("Delete identifiers and attachments after receipt"),
                   self.tr("Delete the whole interview after receipt")]
        actions = ["keep", "identifiers", "interview"]
        current = service.retention()
        label, ok = QInputDialog.getItem(self.window, title, self.tr("On researchers' laptops:"),
                                         choices, actions.index(current.action), False)
        if not ok or label not in choices:
            return
        action = actions[choices.index(label)]
        days = 0
        if action != "keep":
            days, ok = QInputDialog.getInt(self.window, title, self.tr("Days after the receipt:"),
                                           current.days or 30, 0, 3650)
            if not ok:
                return
        if self._run(title, lambda: service.set_retention(Retention(action, days)) or True):
            self._tell(title, self.tr("Policy set. Publish a team update so it reaches the "
                                      "researchers."))

    # --- researcher ----------------------------------------------------------------
    def import_receipt(self) -> None:
        from testimonio.exchange.file_kinds import RECEIPT

        title = self.tr("Import a receipt")
        path = self._open(title, RECEIPT, self.tr("Receipts"))
        if not path:
            return
        result = self._run(title, lambda: self.window.context.receipts.import_file(Path(path)))
        if result is None:
            return
        self._tell(title, self.tr("Receipt {0}: the lead received %n more interview(s) on {1}.", "",
                                  result.interviews).format(result.number, result.issued)
                   + self._planned())
        self.window.list_view.refresh()
        self._offer_due(title)

    def import_update(self) -> None:
        from testimonio.exchange.file_kinds import UPDATE

        title = self.tr("Import a team update")
        path = self._open(title, UPDATE, self.tr("Team updates"))
        if not path:
            return
        service = self.window.context.team_admin
        update = self._run(title, lambda: service.read_update(Path(path)))
        if update is None:
            return
        result = self._run(title, lambda: service.apply_update(update))
        if result is None:
            return
        self._tell(title, self.tr("Team update {0} imported: {1}, {2}, {3}. Interviews "
                                  "already started keep their questionnaire version.").format(
            result.number, self.tr("%n new questionnaire version(s)", "", result.questionnaires),
            self.tr("%n revoked key(s)", "", result.revocations),
            self.tr("%n backup recipient(s)", "", result.recipients))
            + ("" if result.k is None else " " + self.tr(
                "The smallest group size for exports (k) is now the team lead's {0}, or your "
                "own if you set it higher.").format(result.k))
            + self._planned())
        self._offer_due(title)

    def _offer_due(self, title: str) -> None:
        """After a receipt or an update: apply what the team's policy says is due now."""
        service = self.window.context.retention
        due = self._run(title, lambda: service.due(self.runner.clock()))
        if not due:
            return
        text = self.tr("The team's policy deletes, for %n interview(s) the lead has received, "
                       "{0}. Their day has come. Delete now?", "", len(due)).format(
            self._scope(due[0].scope))
        if self._ask(title, text, self.tr("Delete")):
            self.runner.start(lambda progress, cancelled: service.purge(
                due, progress=progress, cancelled=cancelled), automatic=True)

    def _planned(self) -> str:
        """What the team's policy will delete and from when, said beforehand ("" if nothing)."""
        plan = self._run(self.tr("Retention"), self.window.context.retention.plan) or []
        if not plan:
            return ""
        return "\n\n" + self.tr("The team's policy deletes {0} from {1} on.").format(
            self._scope(plan[0].scope), min(p.due for p in plan)) + " " + self.tr(
            "Team › Retention shows each interview and its day.")

    def _scope(self, scope: str) -> str:
        return (self.tr("the whole interview") if scope == "interview"
                else self.tr("identifiers and attachments"))

    def show_schedule(self) -> None:
        """The Retention view: every received interview, its action and day (not modal)."""
        from testimonio.gui.views.retention_dialog import RetentionDialog

        if self.schedule_dialog is not None:
            self.schedule_dialog.close()
        dialog = RetentionDialog(self.window.context, self.runner, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "schedule_dialog", None))
        dialog.show()
        self.schedule_dialog = dialog

    def purge(self) -> None:
        title = self.tr("Purge received interviews")
        service = self.window.context.retention
        received = self._run(title, lambda: service.received("interview"))
        if received is None:
            return
        if not received:
            self._tell(title, self.tr("The lead has not confirmed any interview that is still "
                                      "on this laptop."))
            return
        plan = self._run(title, service.plan) or []
        lines = [self.tr("%n interview(s) on this laptop were received by the lead.", "",
                         len(received))]
        if plan:
            lines.append(self.tr("The team's policy deletes {0} from {1} on.").format(
                self._scope(plan[0].scope), min(p.due for p in plan)))
        lines.append(self.tr("Delete them all from this laptop now? This cannot be undone."))
        if self._ask(title, "\n\n".join(lines), self.tr("Delete now")):
            # In the background: the deletion and the VACUUM after it.
            self.runner.start(lambda progress, cancelled: service.purge_received(
                progress=progress, cancelled=cancelled))
