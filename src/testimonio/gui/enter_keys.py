"""Enter presses the button that has the keyboard, as Space does, where
Enter would otherwise do nothing.

Qt lets Enter press a focused push button only when it is a dialog's
(auto)default button. Outside dialogs Enter did nothing (the "Add" of a
repeat, a question's "Clear"), nor in a dialog without a default button
(the team dialog's "Join the team"). A dialog with a default button keeps
Qt's rule: Enter presses that one (Next, Export, Unlock), never a Cancel or
Quit the keyboard was moved to while the default was disabled.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QPushButton

_KEY_PRESS = QEvent.Type.KeyPress
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_KEYPAD = Qt.KeyboardModifier.KeypadModifier


class EnterPresses(QObject):
    """Application event filter: Enter on a focused push button clicks it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == _KEY_PRESS and isinstance(watched, QPushButton)
                and isinstance(event, QKeyEvent) and event.key() in _ENTER
                and not event.modifiers() & ~_KEYPAD and not event.isAutoRepeat()
                and not watched.autoDefault()  # Qt presses those itself
                and watched.isEnabled() and watched.isVisible() and not _has_default(watched)):
            watched.animateClick()
            return True
        return False


def _has_default(button: QPushButton) -> bool:
    """Whether ``button`` is in a dialog whose Enter presses a default button."""
    window = button.window()
    return isinstance(window, QDialog) and any(b.isDefault() for b in window.findChildren(QPushButton))


def install_enter_presses(app: QCoreApplication) -> None:
    """Once per application."""
    if app.findChild(EnterPresses, "testimonio-enter-presses") is None:
        presses = EnterPresses(app)
        presses.setObjectName("testimonio-enter-presses")
        app.installEventFilter(presses)
