"""GUI test fixtures: offscreen Qt, our style and English, a fresh vault per test.

Vaults are made through the real API with cheap Argon2id parameters
(``KdfParams.FAST``); everything else is the real program.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[2]
BORDER_FORM = ROOT / "forms" / "border_testimony.xlsx"
TRANSLATIONS = ROOT / "resources" / "translations"
PASSPHRASE = "correct horse battery staple"


def build_qm() -> None:
    """Compile the .ts files when their .qm is missing or older (as make does)."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in TRANSLATIONS.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


@pytest.fixture
def app(qapp: Any) -> Iterator[Any]:
    """The QApplication with our style sheet, in English (reset afterwards)."""
    from testimonio.gui.application import create_application
    from testimonio.gui.i18n import languages

    create_application()
    langs = languages(qapp)
    langs.install("en")
    yield qapp
    langs.install("en")


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def context(app: Any, vault_dir: Path) -> Iterator[Any]:
    """An AppContext over a new, open vault (cheap key derivation)."""
    from testimonio.gui.context import AppContext
    from testimonio.vault.kdf import KdfParams

    ctx = AppContext(vault_dir, kdf=KdfParams.FAST)
    ctx.recovery_key = ctx.create(PASSPHRASE)
    yield ctx
    ctx.lock()


@pytest.fixture
def border(context: Any) -> Any:
    """border_testimony.xlsx installed in the context's vault."""
    return context.questionnaires.install(BORDER_FORM)


def add_interviews(context: Any, form: Any, count: int, sites: tuple[str, ...] = ("Tumbes", "Huaquillas"),
                   alias_prefix: str = "Persona") -> list[str]:
    """Start ``count`` interviews through the service, each with an alias."""
    ids = []
    service = context.interviews
    for number in range(count):
        interview_id = str(service.start(form.form_id, form.version, sites[number % len(sites)],
                                         "Ana", "es"))
        service.set_answer(interview_id, "consent", "yes", who="Ana")
        service.set_answer(interview_id, "person/alias", f"{alias_prefix} {number:04d}", who="Ana")
        ids.append(interview_id)
    return ids


@pytest.fixture
def interviews(context: Any, border: Any) -> list[str]:
    """Twelve interviews in two sites (the sites set up as in the first run)."""
    context.preferences.update({"sites": ["Tumbes", "Huaquillas"], "interviewer": "Ana"})
    return add_interviews(context, border, 12)


def _inside(widget: Any, kinds: tuple[type, ...]) -> bool:
    """Whether ``widget`` is part of a combo box or spin box (its popup or editor)."""
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, kinds) or type(parent).__name__ == "QComboBoxPrivateContainer":
            return True
        parent = parent.parent()
    return False


def unnamed_inputs(root: Any) -> list[str]:
    """Inputs under ``root`` (shown or about to be) that have no accessible name."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QCheckBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox, QAbstractItemView, QCheckBox)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or _inside(widget, (QComboBox, QAbstractSpinBox)):
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            continue  # a check box is named by its own text
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing
