"""Settings declared once; the dialog built from the declaration."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from conftest import PASSPHRASE
from testimonio.errors import BadInput
from testimonio.gui.dialogs.settings_dialog import SettingsDialog
from testimonio.services.preferences import PREFERENCES, Preferences, preference


def test_defaults_are_the_declared_ones(context: Any) -> None:
    prefs = context.preferences
    assert isinstance(prefs, Preferences)
    assert prefs.auto_lock_minutes == 5
    assert prefs.k_anonymity == 5
    assert prefs.sites == [] and prefs.language == ""
    assert {p.name for p in PREFERENCES} >= {
        "auto_lock_minutes", "language", "interviewer", "sites", "default_site", "k_anonymity"}


def test_the_dialog_has_one_labelled_editor_per_declared_setting(qtbot: Any, context: Any) -> None:
    dialog = SettingsDialog(context.preferences)
    qtbot.addWidget(dialog)
    assert list(dialog.editors) == [p.name for p in PREFERENCES]
    kinds = {"int": QSpinBox, "choice": QComboBox, "site": QComboBox, "list": QPlainTextEdit,
             "str": QLineEdit}
    for pref in PREFERENCES:
        editor = dialog.editors[pref.name]
        assert isinstance(editor, kinds[pref.kind])
        assert editor.accessibleName() == pref.label
    spin = dialog.editors["auto_lock_minutes"]
    assert isinstance(spin, QSpinBox)
    assert (spin.minimum(), spin.maximum()) == (preference("auto_lock_minutes").minimum,
                                                preference("auto_lock_minutes").maximum)


def test_saved_settings_are_in_the_vault_after_a_lock(qtbot: Any, context: Any) -> None:
    dialog = SettingsDialog(context.preferences)
    qtbot.addWidget(dialog)
    dialog.editors["auto_lock_minutes"].setValue(12)
    dialog.editors["interviewer"].setText("Rosa Huamán")  # QTest types ASCII only
    dialog.editors["sites"].setPlainText("Tumbes\nAguas Verdes")
    site = dialog.editors["default_site"]
    assert [site.itemData(i) for i in range(site.count())] == ["", "Tumbes", "Aguas Verdes"]
    site.setCurrentIndex(2)
    dialog.accept()
    assert dialog.result() == 1
    context.lock()
    context.unlock(PASSPHRASE)
    prefs = context.preferences
    assert prefs.auto_lock_minutes == 12
    assert prefs.interviewer == "Rosa Huamán"
    assert prefs.sites == ["Tumbes", "Aguas Verdes"]
    assert prefs.default_site == "Aguas Verdes"
    # The sites setting is mirrored in the vault's site table (exports read it).
    assert context.interviews.sites() == ["Aguas Verdes", "Tumbes"]
    prefs.update({"sites": ["Tumbes"], "default_site": "Tumbes"})
    assert context.interviews.sites() == ["Tumbes"]


def test_invalid_values_are_refused_and_nothing_is_stored(context: Any) -> None:
    prefs = context.preferences
    prefs.update({"sites": ["Tumbes"]})
    with pytest.raises(BadInput, match="Lima"):
        prefs.update({"interviewer": "X", "default_site": "Lima"})
    assert prefs.interviewer == ""
    for bad in ({"auto_lock_minutes": 0}, {"language": "fr"}, {"k_anonymity": "five"}):
        with pytest.raises(BadInput):
            prefs.update(bad)  # type: ignore[arg-type]
    assert prefs.auto_lock_minutes == 5 and prefs.language == ""


def test_the_dialog_shows_a_refusal_and_stays_open(qtbot: Any, context: Any) -> None:
    dialog = SettingsDialog(context.preferences)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.editors["sites"].setPlainText("Tumbes")
    dialog.editors["default_site"].setCurrentIndex(1)
    dialog.editors["sites"].setPlainText("Huaquillas")  # the default site disappears
    assert dialog.values()["default_site"] == ""
    dialog.editors["interviewer"].setText("  Ana  ")
    dialog.accept()
    assert dialog.result() == 1
    assert context.preferences.interviewer == "Ana"


def test_every_input_of_the_dialogs_is_named_for_screen_readers(qtbot: Any, context: Any) -> None:
    from conftest import unnamed_inputs
    from testimonio.gui.dialogs.first_run_wizard import FirstRunWizard
    from testimonio.gui.dialogs.recovery_key_dialog import RecoveryKeyDialog
    from testimonio.gui.dialogs.unlock_dialog import UnlockDialog

    recovering = UnlockDialog(context)
    recovering.use_recovery_key()
    from testimonio.gui.dialogs.change_passphrase_dialog import ChangePassphraseDialog

    for dialog in (SettingsDialog(context.preferences), UnlockDialog(context), recovering,
                   ChangePassphraseDialog(context),
                   FirstRunWizard(context), RecoveryKeyDialog(context.recovery_key)):
        qtbot.addWidget(dialog)
        assert unnamed_inputs(dialog) == [], type(dialog).__name__


def test_a_researcher_cannot_lower_the_leads_k_in_settings(qtbot: Any, tmp_path: Any) -> None:
    from exchange_setup import BORDER_FORM, new_context
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QSpinBox

    lead = new_context(tmp_path / "lead")
    lead.questionnaires.install(BORDER_FORM)
    lead.preferences.set("k_anonymity", 9)  # the lead's Settings: travels in the team file
    lead.team.create("Border", tmp_path / "team.tmt")
    researcher = new_context(tmp_path / "researcher")
    researcher.team.join(researcher.team.read_team_file(tmp_path / "team.tmt"))

    dialog = SettingsDialog(researcher.preferences)
    qtbot.addWidget(dialog)
    dialog.show()
    spin = dialog.editors["k_anonymity"]
    assert isinstance(spin, QSpinBox) and spin.minimum() == 9 and spin.value() == 9
    shown = [label.text() for label in dialog.findChildren(QLabel, "help")]
    assert any("team lead set 9 as the minimum" in text for text in shown), shown
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "3")
    qtbot.keyClick(spin, Qt.Key.Key_Down)  # the arrows stop at the lead's minimum too
    assert spin.value() >= 9
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "12")
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # the dialog's default button: OK
    assert dialog.result() == 1
    assert researcher.preferences.k_anonymity == 12
    assert researcher.export.k() == 12
