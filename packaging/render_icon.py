"""Render resources/icons/testimonio.png (256 px) from testimonio.svg with Qt.

The PNG is what the .desktop file, the PyInstaller build and window managers
that do not read SVG use. Run again after changing the SVG:
``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icon.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZE = 256


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "testimonio.svg"))
    if not renderer.isValid():
        print("testimonio.svg could not be read", file=sys.stderr)
        return 1
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out = ICONS / "testimonio.png"
    if not image.save(str(out), "PNG"):
        print(f"could not write {out}", file=sys.stderr)
        return 1
    print(f"{out} ({SIZE} px)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
