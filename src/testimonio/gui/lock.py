"""When to lock: idle time, the lock and panic shortcuts, session lock, suspend.

:class:`LockGuard` watches every input event of the application through an
event filter and says ``lock_requested(reason)`` when the idle time runs out,
when the system's session locks or the machine is about to sleep (where the
desktop tells us: logind and the freedesktop screen saver over D-Bus), or
when the application is suspended. It decides nothing else: the main window
does the locking itself (save, clear views, close the vault). The lock
(Ctrl+L) and panic (Ctrl+Shift+L) keys are caught here too, before any
widget, so they work in every dialog and no view can shadow them.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import SLOT, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent

log = logging.getLogger(__name__)

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.InputMethod,
    QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
}

REASON_IDLE = "idle"
REASON_SHORTCUT = "shortcut"
REASON_PANIC = "panic"
REASON_SESSION = "session"


def _lock_key(event: QKeyEvent) -> str | None:
    """REASON_PANIC for Ctrl+Shift+L, REASON_SHORTCUT for Ctrl+L, else None."""
    if event.key() != Qt.Key.Key_L or event.isAutoRepeat():
        return None
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods == Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier:
        return REASON_PANIC
    if mods == Qt.KeyboardModifier.ControlModifier:
        return REASON_SHORTCUT
    return None


class LockGuard(QObject):
    """Idle timer and system signals that ask for a lock."""

    lock_requested = Signal(str)

    def __init__(self, app: QGuiApplication, idle_minutes: float = 5,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_idle)
        self._armed = False
        self._running = True
        self.set_idle_minutes(idle_minutes)
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._on_state)
        # Nothing readable may stay on the clipboard (or reach a clipboard
        # manager's history): whatever this program puts there is removed.
        self._clipboard = app.clipboard()
        self._clipboard.dataChanged.connect(self._clear_clipboard)
        self._watch_dbus()

    # --- idle --------------------------------------------------------------
    def set_idle_minutes(self, minutes: float) -> None:
        """Change the idle time (fractions are allowed, for tests)."""
        self._timer.setInterval(max(50, int(minutes * 60_000)))
        if self._armed:
            self._timer.start()

    def arm(self) -> None:
        """Start watching (while the vault is open)."""
        self._armed = True
        self._timer.start()

    def disarm(self) -> None:
        """Stop watching (while locked)."""
        self._armed = False
        self._timer.stop()

    @property
    def armed(self) -> bool:
        return self._armed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            reason = _lock_key(event)  # type: ignore[arg-type]
            if reason is not None:
                # Seen before any widget or shortcut: the lock and panic keys
                # work everywhere, in dialogs too, whatever else binds them.
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()
                else:
                    self.lock_requested.emit(reason)
                return True
        # Restarting a timer is cheap; this runs for input events only.
        if self._armed and kind in _ACTIVITY:
            self._timer.start()
        return False

    def _on_idle(self) -> None:
        if self._armed:
            self.lock_requested.emit(REASON_IDLE)

    def _clear_clipboard(self) -> None:
        # Only what this program put there: another program's copy is left
        # alone. Platforms without a shared clipboard (offscreen, minimal)
        # cannot tell ownership, and everything on them is ours.
        ours = self._clipboard.ownsClipboard() or QGuiApplication.platformName() in (
            "offscreen", "minimal")
        data = self._clipboard.mimeData()
        if ours and data is not None and data.formats():
            QTimer.singleShot(0, self._clipboard.clear)

    # --- system ------------------------------------------------------------
    def _on_state(self, state: Qt.ApplicationState) -> None:
        if self._armed and state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit(REASON_SESSION)

    def _watch_dbus(self) -> None:
        if not sys.platform.startswith("linux"):
            return
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        try:
            system = QDBusConnection.systemBus()
            if system.isConnected():
                system.connect("org.freedesktop.login1", "/org/freedesktop/login1",
                               "org.freedesktop.login1.Manager", "PrepareForSleep",
                               self, SLOT("on_sleep(bool)"))  # type: ignore[call-overload]
                system.connect("org.freedesktop.login1", "", "org.freedesktop.login1.Session",
                               "Lock", self, SLOT("on_session_lock()"))  # type: ignore[call-overload]
            session = QDBusConnection.sessionBus()
            if session.isConnected():
                for service, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                                      ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
                    # Any sender: the name's owner may change (or be a proxy).
                    session.connect("", path, service, "ActiveChanged",  # type: ignore[call-overload]
                                    self, SLOT("on_screensaver(bool)"))
        except Exception:  # noqa: BLE001 - a desktop without these services is normal
            log.debug("no session/suspend signals on this desktop", exc_info=True)

    @Slot(bool)
    def on_sleep(self, going: bool) -> None:
        """logind: the machine is about to suspend."""
        if going and self._armed:
            self.lock_requested.emit(REASON_SESSION)

    @Slot()
    def on_session_lock(self) -> None:
        """logind: the session is being locked."""
        if self._armed:
            self.lock_requested.emit(REASON_SESSION)

    @Slot(bool)
    def on_screensaver(self, active: bool) -> None:
        """The screen saver or lock screen came on."""
        if active and self._armed:
            self.lock_requested.emit(REASON_SESSION)

    def shutdown(self) -> None:
        """Stop filtering events (before the application quits)."""
        self.disarm()
        if self._running:
            self._running = False
            self._app.removeEventFilter(self)
            self._clipboard.dataChanged.disconnect(self._clear_clipboard)
