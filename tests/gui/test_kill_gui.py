"""Killing the program mid-interview loses nothing that was shown as saved.

A child process (offscreen Qt) opens the interview view on a real vault,
types answers into the real widgets and prints each answer once the view
says "saved"; the test kills it with SIGKILL at a random moment (while
typing, while waiting for the debounce, or while writing), reopens the
vault and checks every answer printed as saved is there — or, for the field
being typed when the kill came, a value typed after it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_interview_view_support import PASSPHRASE, every_type_form, open_context

CHILD = r"""
import json, os, sys, time
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
from testimonio.gui.context import AppContext
from testimonio.gui.views.interview_view import InterviewView

vault_dir, interview_id, passphrase, start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
context = AppContext(Path(vault_dir))
context.unlock(passphrase)
view = InterviewView(context, interview_id)
view.resize(1200, 800)
view.show()
view.activateWindow()
while not view.isActiveWindow():
    app.processEvents()
print("READY", flush=True)
paths = ["alias", "age", "weight"]
i = start
while True:
    path = paths[i % len(paths)]
    edit = view.page.rows[path].input.focus_widgets()[0]
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    text = f"n{i}" if path == "alias" else str(10 + i % 89)
    print("TYPING", path, text, flush=True)
    QTest.keyClicks(edit, text)
    if i % 2:
        QTest.keyClick(edit, Qt.Key.Key_Tab)  # leaving the field saves at once
    while not view.is_saved():  # else the debounce saves after the pause
        app.processEvents()
        time.sleep(0.002)
    print("SAVED", path, text, flush=True)
    i += 1
"""


def _same(path: str, stored: object, text: str) -> bool:
    if stored is None:
        return False
    if path == "alias":
        return stored == text
    try:
        return float(stored) == float(text)  # type: ignore[arg-type]
    except ValueError:
        return False


def _run_and_kill(vault_dir: Path, interview_id: str, start: int, saves: int,
                  delay: float) -> list[tuple[str, str, str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault_dir), interview_id, PASSPHRASE, str(start)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert child.stdout is not None
    events: list[tuple[str, str, str]] = []
    saved = 0
    deadline = time.monotonic() + 30
    try:
        for line in child.stdout:
            parts = line.split()
            if parts and parts[0] in ("TYPING", "SAVED"):
                events.append((parts[0], parts[1], parts[2]))
                saved += parts[0] == "SAVED"
            if saved >= saves or time.monotonic() > deadline:
                break
        time.sleep(delay)  # lands in typing, the debounce or a write
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    # Whatever the child printed before dying counts too.
    for line in child.stdout.read().splitlines():
        parts = line.split()
        if parts and parts[0] in ("TYPING", "SAVED"):
            events.append((parts[0], parts[1], parts[2]))
    return events


@pytest.mark.slow
def test_kill_mid_interview_loses_nothing_shown_as_saved(tmp_path: Path) -> None:
    context, interview_id = open_context(tmp_path, every_type_form(tmp_path))
    context.lock()
    rng = random.Random(os.getpid())
    start = 0
    for _round in range(3):
        events = _run_and_kill(tmp_path / "vault", interview_id, start,
                               saves=rng.randint(2, 7), delay=rng.uniform(0, 0.7))
        assert any(kind == "SAVED" for kind, _p, _t in events)
        last_saved: dict[str, str] = {}
        typed_after: dict[str, str] = {}
        for kind, path, text in events:
            if kind == "SAVED":
                last_saved[path] = text
                typed_after.pop(path, None)
            else:
                typed_after[path] = text
        context.unlock(PASSPHRASE)
        stored = context.interviews.answers(interview_id)
        for path, text in last_saved.items():
            later = typed_after.get(path)
            options = [text] + ([later[:n] for n in range(1, len(later) + 1)] if later else [])
            assert any(_same(path, stored.get(path), o) for o in options), (path, stored.get(path), options)
        context.lock()
        start += 100  # new values each round, so an old one cannot pass for a new one
