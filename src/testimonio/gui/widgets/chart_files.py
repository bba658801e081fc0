"""Saving a chart of the summary for the team's report: PNG at print resolution, SVG.

The charts themselves are drawn by :mod:`testimonio.gui.widgets.charts`;
here each is rendered, as it is on screen, into a file.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

PRINT_DPI = 300
_SCREEN_DPI = 96


def save_png(chart: QWidget, path: str, dpi: int = PRINT_DPI) -> bool:
    """Draw ``chart`` into a PNG at print resolution (``dpi``; 300 by default)."""
    from PySide6.QtGui import QImage

    scale = dpi / _SCREEN_DPI
    size = chart.size()
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.setDotsPerMeterX(int(dpi / 0.0254))
    image.setDotsPerMeterY(int(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        chart.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    return bool(image.save(path))  # the format from the .png suffix


def save_svg(chart: QWidget, path: str, title: str = "") -> bool:
    """Draw ``chart`` into an SVG file (vector: sharp at any print size)."""
    from PySide6.QtCore import QRect
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(chart.size())
    generator.setViewBox(QRect(0, 0, chart.width(), chart.height()))
    generator.setResolution(_SCREEN_DPI)
    generator.setTitle(title)
    painter = QPainter()
    if not painter.begin(generator):
        return False
    try:
        chart.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    from pathlib import Path

    return Path(path).is_file() and Path(path).stat().st_size > 0
