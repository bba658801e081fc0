"""Team › Retention: what the team's policy will delete on this laptop, and when.

Lists every interview the lead has received that is still here, with the
day of the receipt, what the policy does to it and on which day (from
:meth:`RetentionService.schedule`, the one place that rule lives). From here
the researcher can also delete everything the lead has received, now; the
purge runs in the background (:class:`RetentionRunner`) and the list is read
again when it ends. The dialog is not modal: it never blocks the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.plain import plain_label, warn
from testimonio.gui.retention_runner import RetentionRunner
from testimonio.services.retention import ScheduleItem


class RetentionDialog(QDialog):
    """The received interviews, each with its action and due day."""

    def __init__(self, context: AppContext, runner: RetentionRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.setWindowTitle(self.tr("Retention"))
        self.policy_label = plain_label(self)
        self.policy_label.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Interview"), self.tr("Alias"), self.tr("Received by the lead"),
            self.tr("What the policy does"), self.tr("On")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.status = plain_label(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.purge_button = QPushButton(self.tr("Delete what the lead has received, now…"), self)
        buttons.addButton(self.purge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.purge_button.clicked.connect(self.purge_now)
        layout = QVBoxLayout(self)
        layout.addWidget(self.policy_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        # Wide enough for the whole interview id and what the policy does (a
        # netbook's screen still limits it: see dialog_size.install_screen_fit).
        self.resize(960, 440)
        runner.purged.connect(self.reload)
        runner.busy_changed.connect(self._busy)
        self.reload()
        self._busy(runner.busy)

    def reload(self, _result: object = None) -> None:
        """Read the policy and the schedule again."""
        service = self.context.retention
        try:
            policy = service.policy()
            rows = service.schedule(self.runner.clock())
        except TestimonioError as error:
            self.status.setText(str(error))
            return
        if policy.action == "keep":
            text = self.tr("The team's policy keeps interviews the lead has received.")
        else:
            text = self.tr("The team's policy deletes {0} %n day(s) after the lead's receipt. "
                           "It is applied when the program is unlocked and every hour while "
                           "it stays open.", "", policy.days).format(self._what(policy.action))
        self.policy_label.setText(text)
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            # The id's start, as the interview list's search takes it; whole in the tooltip
            # (32 digits left no room for what the policy does on a netbook).
            cells = [row.interview_id[:8], row.alias, row.received_at, self._action(row),
                     self.tr("today") if row.due_now else row.due]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if column == 0:
                    item.setToolTip(row.interview_id)
                self.table.setItem(n, column, item)
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("%n received interview(s) on this laptop.", "", len(rows))
                            if rows else self.tr("The lead has not confirmed any interview that "
                                                 "is still on this laptop."))
        self.purge_button.setEnabled(bool(rows) and not self.runner.busy)

    def _what(self, action: str) -> str:
        return (self.tr("the whole interview") if action == "interview"
                else self.tr("identifiers and attachments"))

    def _action(self, row: ScheduleItem) -> str:
        return {
            "keep": self.tr("kept"),
            "changed": self.tr("kept: changed since the lead received it"),
            "done": self.tr("identifiers and attachments already deleted"),
            "identifiers": self.tr("delete identifiers and attachments"),
            "interview": self.tr("delete the whole interview"),
        }[row.action]

    def _busy(self, busy: bool) -> None:
        self.purge_button.setEnabled(not busy and self.table.rowCount() > 0)
        if busy:
            self.status.setText(self.tr("Deleting… the list is read again when it is done."))

    def purge_now(self) -> None:
        """Ask, then delete every received interview in the background."""
        count = self.table.rowCount()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Retention"), self.tr(
            "Delete the %n interview(s) the lead has received from this laptop now, whole? "
            "This cannot be undone.", "", count), QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        accept = box.addButton(self.tr("Delete now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        chosen = box.clickedButton() is accept
        box.deleteLater()
        if not chosen:
            return
        service = self.context.retention

        def work(progress: Any, cancelled: Any) -> Any:
            return service.purge_received(progress=progress, cancelled=cancelled)

        if not self.runner.start(work):
            warn(self, self.tr("Retention"), self.tr("A purge is already running."))
