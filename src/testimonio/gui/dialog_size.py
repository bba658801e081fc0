"""Windows never larger than the screen they open on.

A netbook has 1024×600 pixels, and a panel takes some of them: a window
taller than what is left hides its buttons (Lock, Complete, Next page, a
dialog's OK) below the edge, out of reach of the mouse and of the eye.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
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
    # A maximum keeps a layout with large minimum sizes from growing past it.
    widget.setMaximumSize(area.width(), area.height())
