"""``testimonio selftest`` runs every part of the program, as the frozen build will."""

from __future__ import annotations

import os
import subprocess
import sys

from testimonio.paths import shipped_forms_dir

STUDY_STEPS = ("questionnaires", "team", "interview", "export", "import", "about", "main window")


def test_selftest_covers_the_study_and_opens_the_window_offscreen_without_a_display() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "testimonio", "selftest"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for step in STUDY_STEPS:
        assert any(line.startswith("ok") and f" {step}: " in line for line in lines), step
    assert any("main window: shown and closed (offscreen), 1 interview listed" in line
               for line in lines)
    (loaded,) = [line for line in lines if " questionnaires: " in line]
    shipped = sorted(shipped_forms_dir().glob("*.xlsx"))
    assert len(loaded.split(": ", 1)[1].split(", ")) == len(shipped) >= 2
    assert lines[-1] == "selftest passed"
    assert "Traceback" not in done.stderr
