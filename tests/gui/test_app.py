"""The program as a whole: start-up paths, the real entry point, screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from conftest import PASSPHRASE, ROOT
from testimonio import app as app_module
from testimonio.gui.dialogs.first_run_wizard import FirstRunWizard
from testimonio.gui.dialogs.unlock_dialog import UnlockDialog
from testimonio.gui.i18n import languages
from testimonio.gui.main_window import MainWindow


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT / "src"))
    env.pop("TESTIMONIO_VAULT", None)
    return env


def test_first_start_writes_nothing_until_a_passphrase_is_chosen(tmp_path: Path) -> None:
    """The wizard is shown (the probe says so when it is up), then left: nothing on disk."""
    vault = tmp_path / "vault"
    done = subprocess.run([sys.executable, "-m", "testimonio", "--vault", str(vault)],
                          env={**_env(tmp_path), "TESTIMONIO_STARTUP_PROBE": "1"},
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["first-run-wizard-shown"]
    assert not vault.exists()
    assert not (tmp_path / "data").exists(), "nothing at all in the data folder"


def test_main_unlocks_then_shows_the_window_and_locks_on_quit(
        qtbot: Any, context: Any, vault_dir: Path) -> None:
    context.lock()
    seen: dict[str, Any] = {}

    def drive() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, UnlockDialog):
            widget.passphrase.setText(PASSPHRASE)
            widget.try_unlock()
            seen["unlock"] = True
            QTimer.singleShot(50, drive)
            return
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            seen["title"] = windows[0].windowTitle()
            seen["rows"] = windows[0].list_view.model.rowCount()
            windows[0].close()
            return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert app_module.main(vault_dir) == 0
    assert seen == {"unlock": True, "title": "Testimonio", "rows": 0}


def test_closing_the_unlock_dialog_at_once_waits_for_the_background_loading(
        qtbot: Any, context: Any, monkeypatch: Any) -> None:
    """The program must not end while the main window's modules still load on
    their thread: the interpreter's shutdown then crashed (3 starts in 90 with
    the probe, which closes the dialog as soon as it is up)."""
    context.lock()
    threads: list[threading.Thread] = []

    def slow_preload() -> threading.Thread:
        thread = threading.Thread(target=time.sleep, args=(0.5,), daemon=True)
        thread.start()
        threads.append(thread)
        return thread

    monkeypatch.setattr(app_module, "preload_main_window", slow_preload)

    def close() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, UnlockDialog) and threads:
            widget.reject()
            return
        QTimer.singleShot(10, close)

    QTimer.singleShot(0, close)
    assert app_module.open_vault(context, languages(QApplication.instance())) is False
    assert len(threads) == 1 and not threads[0].is_alive()


def test_main_runs_the_first_run_wizard_when_there_is_no_vault(
        qtbot: Any, app: Any, tmp_path: Path) -> None:
    seen: list[str] = []

    def drive() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, FirstRunWizard):
            seen.append(type(widget).__name__)
            widget.done(0)  # leaving before the passphrase: nothing is created
            return
        QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    assert app_module.main(tmp_path / "new-vault") == 0
    assert seen == ["FirstRunWizard"]
    assert not (tmp_path / "new-vault").exists()


def test_make_screenshots_renders_every_screen(app: Any, tmp_path: Path) -> None:
    from testimonio.gui.screenshots import render

    written = render(tmp_path / "shots")
    names = sorted(p.name for p in written)
    for wanted in ("01-unlock.png", "01b-unlock-recovery-key.png", "02-locked-window.png",
                   "03-interview-list.png", "04-interview-constraint.png", "05b-calendar.png",
                   "06-interview-empty-repeat.png", "07-interview-last-page.png", "08-review.png",
                   "09-completion-check.png", "11-settings.png", "14-export.png",
                   "11b-settings-team-k.png", "31-retention.png"):
        assert wanted in names
    for path in written:
        assert path.stat().st_size > 5_000, path
    for widget in QApplication.topLevelWidgets():
        widget.close()
