"""The QApplication with the program's names, icon and style sheet."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from testimonio.gui.dialog_size import install_screen_fit
from testimonio.paths import resource_path


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, icon and style sheet (reused if it exists)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Testimonio")
    app.setOrganizationName("Testimonio")
    app.setApplicationDisplayName("Testimonio")
    app.setWindowIcon(QIcon(str(resource_path("icons", "testimonio.svg"))))
    style = resource_path("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    install_screen_fit(app)  # no window larger than a 1024×600 netbook's screen
    return app
