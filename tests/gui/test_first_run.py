"""The first-run wizard: nothing on disk before the passphrase, the recovery
key checked, the first settings stored in the vault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from conftest import PASSPHRASE
from testimonio.gui.context import AppContext
from testimonio.gui.dialogs.first_run_wizard import FirstRunWizard
from testimonio.gui.i18n import languages
from testimonio.vault import Vault
from testimonio.vault.kdf import KdfParams


@pytest.fixture
def wizard(qtbot: Any, app: Any, vault_dir: Path) -> FirstRunWizard:
    context = AppContext(vault_dir, kdf=KdfParams.FAST)
    w = FirstRunWizard(context, languages(app))
    qtbot.addWidget(w)
    w.show()
    yield w
    context.lock()


def _commit(wizard: FirstRunWizard) -> Any:
    return wizard.button(QWizard.WizardButton.CommitButton)


def test_nothing_is_written_before_the_passphrase_is_chosen(qtbot: Any, wizard: FirstRunWizard,
                                                            vault_dir: Path) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.passphrase_page
    qtbot.keyClicks(page.passphrase, "short")
    assert not _commit(wizard).isEnabled()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE + "x")
    page.understood.setChecked(True)
    assert "not the same" in page.hint.text()
    assert not _commit(wizard).isEnabled()
    assert not vault_dir.exists()
    page.repeat.clear()
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    page.understood.setChecked(False)
    assert not _commit(wizard).isEnabled(), "the warning must be acknowledged"
    page.understood.setChecked(True)
    assert _commit(wizard).isEnabled()
    assert not vault_dir.exists()


def test_weak_passphrases_are_refused_with_a_hint(qtbot: Any, wizard: FirstRunWizard) -> None:
    wizard.next()
    page = wizard.passphrase_page
    for weak in ("passwordpassword", "aaaaaaaaaaaaaaaa", "abcdefghijklmnop"):
        page.passphrase.setText(weak)
        page.repeat.setText(weak)
        page.understood.setChecked(True)
        assert not page.isComplete(), weak
        assert page.hint.text()
    assert page.meter.score <= 1


def test_the_whole_first_run_creates_a_vault_with_the_settings(
        qtbot: Any, wizard: FirstRunWizard, vault_dir: Path) -> None:
    wizard.next()
    page = wizard.passphrase_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    page.understood.setChecked(True)
    qtbot.mouseClick(_commit(wizard), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=10_000)
    # Built and open, but not in place until the recovery key has been checked.
    assert wizard.context.is_open and not Vault.exists(vault_dir)
    panel = wizard.recovery_page.panel
    assert len(panel.key_label.text().split()) >= 8
    assert panel.key_label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert not _commit(wizard).isEnabled()
    # One button says "I have written it down"; the wizard's own goes on once checked.
    assert _commit(wizard).text().replace("&", "") != panel.written_button.text().replace("&", "")
    assert panel.key_label.isVisible() and not panel.check.isVisible()
    qtbot.mouseClick(panel.written_button, Qt.MouseButton.LeftButton)
    # The key is hidden while a group of it is asked from the paper.
    assert not panel.key_label.isVisible() and panel.check.isVisible() and panel.check.hasFocus()
    qtbot.keyClicks(panel.check, "ZZZZ" if panel.expected_group() != "ZZZZ" else "YYYY")
    assert not _commit(wizard).isEnabled()
    assert "not group" in panel.state.text()  # a wrong group is told so
    qtbot.mouseClick(panel.again_button, Qt.MouseButton.LeftButton)
    assert panel.key_label.isVisible() and not panel.check.isVisible()
    qtbot.mouseClick(panel.written_button, Qt.MouseButton.LeftButton)
    panel.check.clear()
    qtbot.keyClicks(panel.check, panel.expected_group().lower())
    assert _commit(wizard).isEnabled()
    qtbot.mouseClick(_commit(wizard), Qt.MouseButton.LeftButton)
    profile = wizard.profile_page
    assert wizard.currentPage() is profile
    assert Vault.exists(vault_dir) and wizard.context.is_open
    assert panel.key_label.text() == "", "the key is shown once"
    qtbot.keyClicks(profile.name, "Ana Quispe")
    profile.sites.setPlainText("Tumbes\nHuaquillas\nTumbes\n")
    profile.default_site.setCurrentIndex(profile.default_site.findData("Huaquillas"))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == 1
    context = wizard.context
    context.lock()
    context.unlock(PASSPHRASE)
    prefs = context.preferences
    assert prefs.interviewer == "Ana Quispe"
    assert prefs.sites == ["Tumbes", "Huaquillas"]
    assert prefs.default_site == "Huaquillas"
    assert prefs.auto_lock_minutes == 5


def test_choosing_spanish_translates_the_wizard_at_once(qtbot: Any, wizard: FirstRunWizard) -> None:
    from conftest import build_qm

    build_qm()
    page = wizard.language_page
    english = page.title()
    page.language.setCurrentIndex(page.language.findData("es"))
    qtbot.waitUntil(lambda: page.title() == "Bienvenida a Testimonio", timeout=2000)
    assert wizard.passphrase_page.understood.text().startswith("&Entiendo")
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: page.title() == english, timeout=2000)


def test_leaving_before_the_recovery_key_is_checked_leaves_no_vault(
        qtbot: Any, wizard: FirstRunWizard, vault_dir: Path, monkeypatch: Any) -> None:
    wizard.next()
    page = wizard.passphrase_page
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    page.understood.setChecked(True)
    qtbot.mouseClick(_commit(wizard), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=10_000)
    before = sorted(p.name for p in vault_dir.parent.iterdir())
    assert any(name.startswith(".") for name in before), "the vault is built beside its folder"
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    wizard.reject()
    assert wizard.result() == 0 and not wizard.context.is_open
    assert not vault_dir.exists() and not Vault.exists(vault_dir)
    assert sorted(p.name for p in vault_dir.parent.iterdir()) == [
        name for name in before if not name.startswith(".")]
