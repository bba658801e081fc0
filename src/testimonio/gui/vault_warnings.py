"""What the vault says once it is open (a damaged recovery-key slot), shown.

The command line prints :attr:`Vault.warnings` on stderr; the desktop
program shows the same in a warning box that does not block (``open``, not
``exec``), in the interface language, as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from testimonio.gui.context import AppContext


def show_vault_warnings(parent: QWidget, context: AppContext) -> QMessageBox | None:
    """A non-blocking warning box when the open vault has something to say; returns it."""
    if not context.recovery_slot_damaged():
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, "Testimonio", QCoreApplication.translate(
        "VaultWarnings",
        "The vault's recovery-key slot is damaged, so the recovery key can no longer open "
        "it; the passphrase still does. Keep a backup of the vault folder."),
        QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
