"""A 1024×600 netbook: the main window and every dialog fit the screen, with
their buttons (Lock, Complete, Close, Next page, OK/Cancel) and the status
bar on it, in English and in Spanish; and in Spanish every text of every
widget of every screen (menus, labels, buttons, tool tips, placeholders,
headers, list items, Qt's own file chooser) is translated. Run in a child
process whose offscreen screen is 1024×600 (Qt's offscreen platform reads
its screens from a JSON file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import build_qm

HERE = Path(__file__).resolve().parent


def test_every_window_fits_a_1024x600_screen_and_is_all_spanish(tmp_path: Path) -> None:
    build_qm()
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "netbook", "x": 0, "y": 0, "width": 1024, "height": 600,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, str(HERE / "small_screen_child.py")], env=env,
                          capture_output=True, text=True, timeout=170, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    problems = json.loads(done.stdout.strip().splitlines()[-1])
    assert not problems, "\n".join(problems)


def test_the_main_window_opens_within_the_screen(qtbot: Any, app: Any, context: Any) -> None:
    from testimonio.gui.dialog_size import available_area
    from testimonio.gui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    area = available_area(window)
    assert window.width() <= area.width() and window.height() <= area.height()
