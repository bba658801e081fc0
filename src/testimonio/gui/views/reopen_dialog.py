"""Reopening a completed interview: a reason is required, and logged."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReopenDialog(QDialog):
    """Asks why a completed interview is being changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reopen interview"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("This interview is complete. Say why it needs changing; "
                              "the reason is kept in the interview's log."), self)
        text.setWordWrap(True)
        label = QLabel(self.tr("&Reason:"), self)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setAccessibleName(self.tr("Reason for reopening"))
        self.reason_edit.setFixedHeight(80)
        label.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Reopen"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason())))
        layout.addWidget(text)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        """The reason typed, trimmed."""
        return self.reason_edit.toPlainText().strip()
