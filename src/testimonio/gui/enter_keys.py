"""Enter presses the button that has the keyboard, as Space does.

Qt lets Enter press a focused push button only when it is a dialog's
(auto)default button; elsewhere it did nothing (the "Add" of a repeat, a
question's "Clear", a dialog's "Browse…"), or, in a dialog, pressed the
default button instead of the focused one. The dialogs turn "auto default"
off so that Enter in a field never presses some browse button: that stays
true, since this acts only on Enter pressed on a button itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton

_KEY_PRESS = QEvent.Type.KeyPress
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_KEYPAD = Qt.KeyboardModifier.KeypadModifier


class EnterPresses(QObject):
    """Application event filter: Enter on a focused push button clicks it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == _KEY_PRESS and isinstance(watched, QPushButton)
                and isinstance(event, QKeyEvent) and event.key() in _ENTER
                and not event.modifiers() & ~_KEYPAD and not event.isAutoRepeat()
                and not watched.autoDefault() and not watched.isDefault()
                and watched.isEnabled() and watched.isVisible()):
            watched.animateClick()
            return True
        return False


def install_enter_presses(app: QCoreApplication) -> None:
    """Once per application."""
    if app.findChild(EnterPresses, "testimonio-enter-presses") is None:
        presses = EnterPresses(app)
        presses.setObjectName("testimonio-enter-presses")
        app.installEventFilter(presses)
