"""Locking: idle time, Ctrl+L, panic; views cleared, vault closed, place restored."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import PASSPHRASE
from testimonio.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, context: Any, interviews: list[str]) -> MainWindow:
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _unlock(qtbot: Any, window: MainWindow) -> None:
    assert window.locked_page is not None
    dialog = window.locked_page.unlock
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def _assert_cleared(window: MainWindow, context: Any) -> None:
    assert window.is_locked and not context.is_open
    assert window.list_view.model.rowCount() == 0
    assert window.list_view.model._service is None and not window.list_view.model._pages
    assert window.views == {}
    assert window.stack.currentWidget() is window.locked_page
    assert not window.menuBar().isEnabled() and not window.new_action.isEnabled()


def test_idle_time_locks_and_clears_every_view(qtbot: Any, window: MainWindow, context: Any,
                                                interviews: list[str]) -> None:
    assert window.guard.armed
    assert window.open_interview(interviews[5])
    view = window.views["interview"]
    view.focus_path("person/age")
    QApplication.processEvents()
    window.guard.set_idle_minutes(0.3 / 60)  # 300 ms
    with qtbot.waitSignal(window.locked, timeout=3000):
        pass
    _assert_cleared(window, context)
    assert not window.guard.armed
    _unlock(qtbot, window)
    restored = window.views["interview"]
    assert restored.interview_id == interviews[5] and restored.current_path() == "person/age"
    window.show_list()
    assert window.list_view.model.rowCount() == 12 and window.guard.armed
    assert window.list_view.current_id() == interviews[5]


def test_activity_keeps_the_vault_open(qtbot: Any, window: MainWindow,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Each key press starts the idle time again (counted, not timed: no wall clock)."""
    timer = window.guard._timer
    restarts: list[int] = []
    real_start = timer.start
    monkeypatch.setattr(timer, "start", lambda *a: (restarts.append(1), real_start(*a))[1])
    window.guard.set_idle_minutes(1)
    restarts.clear()
    QApplication.processEvents()
    idle = len(restarts)  # events of no activity (paints, timers) restart nothing
    for _ in range(3):
        qtbot.keyClick(window.list_view.search, Qt.Key.Key_Shift)
    assert len(restarts) - idle >= 3  # press and release of each key
    assert not window.is_locked


def test_ctrl_l_locks_and_unlocking_returns_to_the_same_interview_and_field(
        qtbot: Any, window: MainWindow, context: Any, interviews: list[str]) -> None:
    target = interviews[3]
    assert window.open_interview(target)
    view = window.views["interview"]
    view.focus_path("person/alias")
    qtbot.wait(20)
    place = view.current_path()
    assert place == "person/alias"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _assert_cleared(window, context)
    assert view not in window.stack.findChildren(type(view))
    _unlock(qtbot, window)
    restored = window.views["interview"]
    assert restored is not view and restored.interview_id == target
    assert window.stack.currentWidget() is restored
    assert restored.current_path() == place


def test_panic_locks_and_minimises_at_once(qtbot: Any, window: MainWindow, context: Any) -> None:
    window.panic_action.trigger()
    _assert_cleared(window, context)
    assert window.windowState() & Qt.WindowState.WindowMinimized


def test_nothing_readable_in_the_title_or_clipboard(qtbot: Any, window: MainWindow,
                                                    interviews: list[str]) -> None:
    QApplication.clipboard().clear()
    window.list_view.table.selectRow(0)
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    window.open_interview(interviews[0])
    assert window.windowTitle() == "Testimonio"
    assert "Persona" not in QApplication.clipboard().text()


def test_locking_closes_open_dialogs(qtbot: Any, window: MainWindow) -> None:
    from PySide6.QtCore import QTimer

    from testimonio.gui.dialogs.settings_dialog import SettingsDialog

    opened: list[SettingsDialog] = []

    def lock_while_open() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, SettingsDialog) and w.isVisible()]
        opened.extend(dialogs)
        window.guard.lock_requested.emit("idle")

    QTimer.singleShot(100, lock_while_open)
    window.settings_action.trigger()  # runs the dialog's own event loop until the lock
    assert opened and not opened[0].isVisible()
    assert window.is_locked and window.list_view.model.rowCount() == 0


def test_panic_key_wins_in_an_interview_and_in_dialogs(qtbot: Any, window: MainWindow,
                                                       interviews: list[str]) -> None:
    assert window.open_interview(interviews[0])
    view = window.views["interview"]
    view.focus_path("person/alias")
    focused = QApplication.focusWidget() or view
    qtbot.keyClick(focused, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.is_locked and window.windowState() & Qt.WindowState.WindowMinimized
    assert window.views == {}


def test_text_copied_in_the_program_leaves_the_clipboard(qtbot: Any, window: MainWindow) -> None:
    search = window.list_view.search
    search.setText("Persona 0003")
    search.selectAll()
    search.copy()
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == "", timeout=2000)


SCREENSAVER_SCRIPT = """
import subprocess, sys, time
from PySide6.QtWidgets import QApplication
from testimonio.gui.lock import LockGuard
app = QApplication([])
guard = LockGuard(app, 5)
guard.arm()
got = []
guard.lock_requested.connect(got.append)
subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true"], check=True)
end = time.time() + 5
while time.time() < end and not got:
    app.processEvents()
    time.sleep(0.02)
print(got)
"""


def test_the_screen_saver_coming_on_asks_for_a_lock(tmp_path: Any) -> None:
    import os
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    if not (shutil.which("dbus-run-session") and shutil.which("dbus-send")):
        pytest.skip("no D-Bus tools on this machine")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(["dbus-run-session", "--", sys.executable, "-c", SCREENSAVER_SCRIPT],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().endswith("['session']"), done.stdout + done.stderr
