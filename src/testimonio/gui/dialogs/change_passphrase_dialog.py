"""Change the vault's passphrase: the current one, then the new one twice.

The current passphrase is checked first, so that someone at an unlocked,
unattended laptop cannot lock the researcher out. Both the check and the
re-wrapping derive keys with Argon2id, so they run off the GUI thread. Only
the key-slot file changes (see docs/vault.md); the recovery key stays valid.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import WrongPassphrase
from testimonio.gui.context import AppContext
from testimonio.gui.jobs import Job
from testimonio.gui.widgets.password_strength import MIN_LENGTH, PasswordStrengthMeter


class ChangePassphraseDialog(QDialog):
    """Asks for the current and the new passphrase and changes it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._job: Job | None = None
        self.setWindowTitle(self.tr("Change the passphrase"))
        self.current = QLineEdit(self)
        self.new = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for field, name in ((self.current, self.tr("Current passphrase")),
                            (self.new, self.tr("New passphrase")),
                            (self.repeat, self.tr("New passphrase, repeated"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(name)
            field.setMinimumWidth(300)
        self.meter = PasswordStrengthMeter(self)
        self.new.textChanged.connect(self.meter.set_passphrase)
        form = QFormLayout()
        for text, field in ((self.tr("&Current passphrase:"), self.current),
                            (self.tr("&New passphrase:"), self.new),
                            (self.tr("&Repeat it:"), self.repeat)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.meter)
        self.message = QLabel(self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("C&hange"))
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def change(self) -> None:
        """Check the fields, then change the passphrase in the background."""
        if self._job is not None:
            return
        new = self.new.text()
        if len(new) < MIN_LENGTH or not self.meter.is_acceptable():
            self.message.setText(self.tr(
                "Choose a stronger new passphrase (at least {n} characters, several words).")
                .format(n=MIN_LENGTH))
            return
        if new != self.repeat.text():
            self.message.setText(self.tr("The two new passphrases are not the same."))
            return
        self.message.setText(self.tr("Changing the passphrase…"))
        self._set_busy(True)
        self._job = Job(self._context.change_passphrase, self.current.text(), new,
                        with_callbacks=False, parent=self)
        self._job.succeeded.connect(self._changed)
        self._job.failed.connect(self._refused)
        self._job.start()

    def _changed(self, _result: object) -> None:
        self._job = None
        for field in (self.current, self.new, self.repeat):
            field.clear()
        self.accept()

    def _refused(self, sentence: str) -> None:
        error = self._job.exception if self._job is not None else None
        self._job = None
        self._set_busy(False)
        self.current.clear()
        if isinstance(error, WrongPassphrase):
            self.message.setText(self.tr("The current passphrase is not right. Nothing changed."))
        else:
            self.message.setText(sentence)
        self.current.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.current, self.new, self.repeat, self.ok_button):
            widget.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def reject(self) -> None:
        if self._job is None:  # never leave while the slot file is being rewritten
            super().reject()
