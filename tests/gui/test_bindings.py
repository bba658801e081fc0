"""The Qt bindings we ship do not corrupt Python's reference counts.

PySide6 6.12.0 took one reference from ``True`` at every signal emitted from
Python. On Python 3.11, where ``True`` is not immortal, a researcher's long
session (every keystroke emits) ends in "Fatal Python error: bool_dealloc".
We pin a release without the bug; this test refuses any release with it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QPushButton, QWizard, QWizardPage

from testimonio.gui.context import AppContext
from testimonio.gui.dialogs.first_run_wizard import FirstRunWizard
from testimonio.gui.i18n import languages
from testimonio.vault.kdf import KdfParams

ROUNDS = 2_000


class _Emitter(QObject):
    plain = Signal()
    flag = Signal(bool)
    text = Signal(str)


def _drift(action: Callable[[], object]) -> tuple[int, int]:
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(ROUNDS):
        action()
    after = sys.getrefcount(True), sys.getrefcount(False)
    return after[0] - before[0], after[1] - before[1]


def _cases(app: Any) -> dict[str, Callable[[], object]]:
    unconnected = _Emitter()
    to_python = _Emitter()
    to_python.plain.connect(lambda: None)
    button = QPushButton()
    to_cpp = _Emitter()
    to_cpp.flag.connect(button.setEnabled)
    wizard = QWizard()
    page = QWizardPage()
    wizard.addPage(page)
    box = QCheckBox()
    app._keep = (unconnected, to_python, button, to_cpp, wizard, page, box)
    return {
        "signal without a connection": unconnected.plain.emit,
        "signal to a Python slot": to_python.plain.emit,
        "bool signal to a C++ slot": lambda: to_cpp.flag.emit(True),
        "str signal": lambda: unconnected.text.emit("x"),
        "QWizardPage.completeChanged": page.completeChanged.emit,
        "QCheckBox toggled": lambda: box.setChecked(not box.isChecked()),
    }


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and False are immortal")
def test_emitting_signals_leaves_the_refcount_of_true_and_false_alone(app: Any) -> None:
    for name, action in _cases(app).items():
        true_drift, false_drift = _drift(action)
        assert abs(true_drift) < 10 and abs(false_drift) < 10, (
            f"{name}: True drifted by {true_drift}, False by {false_drift} over {ROUNDS} "
            "emits; this Qt binding would crash a long session")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and False are immortal")
def test_typing_a_passphrase_leaves_the_refcount_of_true_and_false_alone(
        qtbot: Any, app: Any, vault_dir: Path) -> None:
    """Each keystroke in the first-run wizard re-checks the page from Python."""
    wizard = FirstRunWizard(AppContext(vault_dir, kdf=KdfParams.FAST), languages(app))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.passphrase_page
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(20):
        QTest.keyClicks(page.passphrase, "correct horse")
        page.understood.setChecked(not page.understood.isChecked())
        page.passphrase.clear()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert abs(after[0] - before[0]) < 10 and abs(after[1] - before[1]) < 10
    assert not vault_dir.exists()
