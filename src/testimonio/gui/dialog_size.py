"""Windows never larger than the screen they open on.

A netbook has 1024×600 pixels, and a panel takes some of them: a window
taller than what is left hides its buttons (Lock, Complete, Next page, a
dialog's OK) below the edge, out of reach of the mouse and of the eye.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room kept for a window frame and title bar the toolkit does not count.
FRAME_MARGIN = QSize(16, 40)


def available_area(widget: QWidget | None = None) -> QRect:
    """The usable part of the screen ``widget`` is on (else the primary one)."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(0, 0, 1024, 600)
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, preferred: QSize | None = None) -> None:
    """Resize ``widget`` to ``preferred`` (else its current size), shrunk to
    fit the screen with its frame, and never narrower than it must be."""
    area = available_area(widget)
    want = preferred or widget.size()
    width = min(want.width(), area.width() - FRAME_MARGIN.width())
    height = min(want.height(), area.height() - FRAME_MARGIN.height())
    widget.resize(max(width, 200), max(height, 150))


class ScreenFit(QObject):
    """Application event filter: every window, as it is shown, is shrunk to
    the screen and moved onto it (dialogs by every part of the program,
    message boxes, Qt's own file chooser)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.isWindow() and not watched.windowFlags() & _POPUP):
            keep_on_screen(watched)
        return False


_POPUP = Qt.WindowType.Popup & ~Qt.WindowType.Window  # menus, tool tips, combo lists


def keep_on_screen(window: QWidget) -> None:
    """Shrink ``window`` to the screen's usable area and move it onto it."""
    area = available_area(window)
    room = QSize(area.width() - FRAME_MARGIN.width(), area.height() - FRAME_MARGIN.height())
    size = window.size()
    if size.width() > room.width() or size.height() > room.height():
        window.resize(min(size.width(), room.width()), min(size.height(), room.height()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), max(area.left(), area.right() - frame.width() + 1))
    y = min(max(frame.y(), area.top()), max(area.top(), area.bottom() - frame.height() + 1))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def install_screen_fit(app: QCoreApplication) -> None:
    """Keep every window of ``app`` within its screen (once per application)."""
    if app.findChild(ScreenFit, "testimonio-screen-fit") is None:
        fit = ScreenFit(app)
        fit.setObjectName("testimonio-screen-fit")
        app.installEventFilter(fit)
