"""Typing a passphrase without typing blind: a "Show" toggle beside the
field, and a warning when Caps Lock seems to be on.

Qt cannot ask the keyboard for the Caps Lock state, so it is inferred, as
browsers do, from the letters typed: a capital without Shift (or a small
letter with Shift) means Caps Lock is on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class CapsLockWatch(QObject):
    """Shows ``warning`` while the letters typed into the watched fields
    look like Caps Lock is on."""

    def __init__(self, warning: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._warning = warning
        warning.setText(self.tr("Caps Lock is on."))
        warning.setObjectName("hint")
        warning.hide()

    def watch(self, field: QLineEdit) -> None:
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._warning.setVisible(text.isupper() != shift)
            elif event.key() == Qt.Key.Key_CapsLock and self._warning.isVisible():
                self._warning.hide()  # probably switched off; the next letter tells
        elif event.type() == QEvent.Type.FocusOut:
            self._warning.hide()
        return False


def with_reveal(field: QLineEdit, parent: QWidget) -> tuple[QWidget, QToolButton]:
    """``field`` in a row with a checkable "Show" button that reveals it."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    field.setParent(row)
    button = QToolButton(row)
    button.setCheckable(True)
    show = QCoreApplication.translate("SecretField", "Show")
    hide = QCoreApplication.translate("SecretField", "Hide")
    button.setText(show)
    button.setToolTip(QCoreApplication.translate("SecretField", "Show or hide what is typed"))
    button.setAccessibleName(QCoreApplication.translate("SecretField", "Show the passphrase"))
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def toggled(shown: bool) -> None:
        field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        button.setText(hide if shown else show)

    button.toggled.connect(toggled)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row, button
