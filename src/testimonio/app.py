"""The desktop program's composition root: application, language, vault, window.

``testimonio`` with no command calls :func:`main`. The first run shows the
set-up wizard (nothing is written before a passphrase is chosen); later runs
show the unlock dialog, then the main window.
"""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from testimonio.paths import default_vault_dir, resource_path

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
    """The QApplication with our names, icon and style sheet (reused if it exists)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Testimonio")
    app.setOrganizationName("Testimonio")
    app.setApplicationDisplayName("Testimonio")
    app.setWindowIcon(QIcon(str(resource_path("icons", "testimonio.svg"))))
    style = resource_path("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def open_vault(context, languages) -> bool:  # type: ignore[no-untyped-def]
    """First-run wizard or unlock dialog; True when the vault is open."""
    if not context.vault_exists():
        from testimonio.gui.dialogs.first_run_wizard import FirstRunWizard

        wizard = FirstRunWizard(context, languages)
        wizard.exec()
        return bool(context.is_open)
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(context)
    return bool(dialog.exec()) and context.is_open


def _use_vault_language(context, languages) -> None:  # type: ignore[no-untyped-def]
    from testimonio.gui.i18n import remember_language, remembered_language

    try:
        setting = context.preferences.language
    except Exception:  # noqa: BLE001 - the program works in any language
        log.debug("no language setting", exc_info=True)
        return
    if setting != remembered_language():
        remember_language(setting)
        languages.install(setting)


def main(vault_dir: Path | None = None) -> int:
    """Run the desktop program on ``vault_dir`` (default: the data folder)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = create_application()

    from testimonio.gui.context import AppContext
    from testimonio.gui.i18n import languages, remembered_language

    langs = languages(app)
    langs.install(remembered_language())
    context = AppContext(Path(vault_dir) if vault_dir else default_vault_dir())
    if not open_vault(context, langs):
        return 0
    _use_vault_language(context, langs)

    from testimonio.gui.main_window import MainWindow

    window = MainWindow(context, langs)
    _quit_cleanly_on_signals(app, window)
    window.show()
    code = int(app.exec())
    context.lock()
    return code


def _quit_cleanly_on_signals(app, window) -> None:  # type: ignore[no-untyped-def]
    """SIGTERM/SIGINT close the window (which saves and locks) instead of dying."""
    from PySide6.QtCore import QTimer

    def close(*_args: object) -> None:
        window.close()
        app.quit()

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, close)
    # Python runs signal handlers only between bytecodes; a timer lets it in.
    timer = QTimer(app)
    timer.start(250)
    timer.timeout.connect(lambda: None)
