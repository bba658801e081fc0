"""The self-test's Qt step: open the main window on the lead's vault, then close it.

``testimonio selftest`` appends :data:`STEP` to the Qt-free steps of
:mod:`testimonio.services.selftest`. Without a display (CI, a server) the
step uses Qt's offscreen platform, so the frozen program proves its Qt
plugins, style sheet and icons load even where nobody can see a window.
"""

from __future__ import annotations

import os
import sys
from typing import Any

NAME = "main window"


def _headless() -> bool:
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main_window(state: Any) -> str:
    """Unlock the lead's vault in the GUI's context, show the window, check the list, close."""
    if _headless() and not os.environ.get("QT_QPA_PLATFORM"):
        # Must be set before the QApplication exists; only for this process.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from testimonio.gui.application import create_application
    from testimonio.gui.context import AppContext
    from testimonio.gui.main_window import MainWindow
    from testimonio.services.selftest import SelfTestFailed

    if state.lead is None:
        raise SelfTestFailed("there is no lead vault")
    state.lead.lock()  # the window opens it again, as a person would
    app = create_application()
    context = AppContext(state.folder / "lead")
    context.unlock(state.passphrase)
    window = MainWindow(context)
    try:
        window.show()
        QApplication.processEvents()
        rows = window.list_view.model.rowCount()
        if rows != 1:
            raise SelfTestFailed(f"the window lists {rows} interviews instead of 1")
        if not window.isVisible():
            raise SelfTestFailed("the window did not show")
    finally:
        window.close()
        QApplication.processEvents()
        context.lock()
        window.deleteLater()
        QApplication.processEvents()
    if context.is_open:
        raise SelfTestFailed("closing the window did not lock the vault")
    _pdf_page_drawn(SelfTestFailed)
    platform = app.platformName()
    return f"shown and closed ({platform}), 1 interview listed, a PDF page drawn"


def _pdf_page_drawn(failed: type[Exception]) -> None:
    """PDF attachments are drawn by PDFium: prove the library loads and draws."""
    from testimonio.gui.widgets.pdf_pages import PdfUnreadable, render_page, sample_document

    try:
        image = render_page(sample_document(), 0, width=40)
    except PdfUnreadable as error:
        raise failed(f"a PDF page could not be drawn: {error}") from None
    if image.pixel(20, 30) != 0xFF0000FF:
        raise failed("a PDF page was drawn wrong")


STEP = (NAME, main_window)
