"""The desktop program's composition root: application, language, vault, window.

``testimonio`` with no command calls :func:`main`. The first run shows the
set-up wizard (nothing is written before a passphrase is chosen); later runs
show the unlock dialog, then the main window.

The GUI modules are imported inside the functions on purpose: the unlock
dialog must be up quickly (packaging/build.py times it), and the services
behind the main window are loaded only once the vault is open.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from testimonio.gui.application import create_application
from testimonio.paths import default_vault_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QDialog

    from testimonio.gui.context import AppContext
    from testimonio.gui.i18n import Languages
    from testimonio.gui.main_window import MainWindow

log = logging.getLogger(__name__)

PRELOAD_WAIT_S = 60.0  # at most, for the modules loading in the background when the dialog closes


def open_vault(context: AppContext, languages: Languages) -> bool:
    """First-run wizard or unlock dialog; True when the vault is open."""
    if not context.vault_exists():
        from testimonio.gui.dialogs.first_run_wizard import FirstRunWizard

        wizard = FirstRunWizard(context, languages)
        _startup_probe(wizard, "first-run-wizard-shown")
        wizard.exec()
        return bool(context.is_open)
    from PySide6.QtCore import QTimer

    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(context)
    _startup_probe(dialog, "unlock-dialog-shown")
    loading: list[threading.Thread] = []
    QTimer.singleShot(0, dialog, lambda: loading.append(preload_main_window()))  # once the dialog is up
    opened = bool(dialog.exec()) and context.is_open
    for thread in loading:
        # Closed at once, the program would end while the thread still loads
        # Qt's modules: the interpreter's shutdown then crashed (3 starts in 90).
        # Unlocked, the main window needs those modules anyway.
        thread.join(PRELOAD_WAIT_S)
    return opened


def preload_main_window() -> threading.Thread:
    """Import the vault's and the main window's modules in a background thread
    while the unlock dialog waits (:mod:`testimonio.gui.preload`).

    They take most of the time between the key derivation and the list
    (issue 17: unlock to list <= 300 ms). The person types the passphrase
    meanwhile, and Argon2id releases the GIL while it derives, so the import
    runs alongside either. The views and dialogs the window opens later are
    not among them: they load once the list is shown.
    """
    from testimonio.gui.preload import MAIN_WINDOW_MODULES, preload

    return preload(MAIN_WINDOW_MODULES, "main-window")


def _startup_probe(dialog: QDialog, line: str) -> None:
    """With ``TESTIMONIO_STARTUP_PROBE=1``: print ``line`` when the dialog is up, then close it.

    packaging/build.py times launch-to-unlock-dialog with it (exit code 0);
    tests/gui/test_app.py checks that a first start shown its wizard wrote nothing.
    """
    import os

    if os.environ.get("TESTIMONIO_STARTUP_PROBE") != "1":
        return
    from PySide6.QtCore import QTimer

    def shown() -> None:
        print(line, flush=True)
        dialog.reject()

    # A zero timer fires once exec() has shown the dialog and runs its loop.
    QTimer.singleShot(0, dialog, shown)


def _use_vault_language(context: AppContext, languages: Languages) -> None:
    from testimonio.gui.i18n import remember_language, remembered_language

    try:
        setting = context.preferences.language
    except Exception:  # noqa: BLE001 - the program works in any language
        log.debug("no language setting", exc_info=True)
        return
    if setting != remembered_language(context.vault_dir):
        remember_language(setting, context.vault_dir)
        languages.install(setting)


def main(vault_dir: Path | None = None) -> int:
    """Run the desktop program on ``vault_dir`` (default: the data folder)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(logging.WARNING)  # the console gets warnings; the file gets events
    app = create_application()

    from testimonio.gui.context import AppContext
    from testimonio.gui.i18n import languages, remembered_language

    langs = languages(app)
    context = AppContext(Path(vault_dir) if vault_dir else default_vault_dir())
    langs.install(remembered_language(context.vault_dir))  # this vault's own
    if not open_vault(context, langs):
        return 0
    _start_log()
    _use_vault_language(context, langs)

    from testimonio.gui.main_window import MainWindow

    window = MainWindow(context, langs)
    restore = _quit_cleanly_on_signals(app, window)
    window.show()
    try:
        code = int(app.exec())
    finally:
        restore()
        context.lock()
    window.deleteLater()
    return code


def _start_log() -> None:
    """The private log file, once a vault exists; a bug's trace goes there too.

    Until then nothing is written: a first start leaves no trace on disk
    before a passphrase is chosen.
    """
    from testimonio import logs

    try:
        path = logs.setup()
    except OSError:
        log.warning("the log file could not be opened")
        return

    def excepthook(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        log.error("unexpected error", exc_info=(kind, error, trace))
        sys.stderr.write(f"testimonio: something went wrong that we did not expect. "
                         f"Details are in {path}.\n")

    sys.excepthook = excepthook


def _quit_cleanly_on_signals(app: QApplication, window: MainWindow) -> Callable[[], None]:
    """SIGTERM/SIGINT close the window (which saves and locks) instead of dying.

    Returns a function that puts the previous handlers back.
    """
    from PySide6.QtCore import QTimer

    def close(*_args: object) -> None:
        window.close()
        app.quit()

    previous = {number: signal.signal(number, close) for number in (signal.SIGTERM, signal.SIGINT)}
    # Python runs signal handlers only between bytecodes; a timer lets it in.
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)

    def restore() -> None:
        timer.stop()
        timer.deleteLater()
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore
