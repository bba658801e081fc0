"""Starting an interview from the dialog, over a real vault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_interview_view_support import BORDER_FORM, PASSPHRASE, every_type_form

from testimonio.gui.views.new_interview_dialog import NewInterviewDialog


def _context(tmp_path: Path):  # noqa: ANN202
    from testimonio.gui.context import AppContext
    from testimonio.vault import KdfParams

    context = AppContext(tmp_path / "vault", kdf=KdfParams.FAST)
    context.create(PASSPHRASE)
    return context


def test_no_questionnaire_says_how_to_add_one(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from testimonio.gui.context import AppContext
    from testimonio.vault import KdfParams, Vault

    # A bare vault (the program's own set-up installs the shipped questionnaires).
    Vault.create(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.FAST)[0].lock()
    context = AppContext(tmp_path / "vault", kdf=KdfParams.FAST)
    context.unlock(PASSPHRASE)
    dialog = NewInterviewDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_label.isVisible() and not dialog.start_button.isEnabled()
    context.lock()


def test_start_with_questionnaire_site_and_language(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    context = _context(tmp_path)
    context.questionnaires.install(BORDER_FORM)
    context.questionnaires.install(every_type_form(tmp_path))
    dialog = NewInterviewDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form_combo.count() == 3  # the two shipped with the program, and ours
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findText("Every type (1)"))
    assert [dialog.language_combo.itemData(i) for i in range(dialog.language_combo.count())] == ["en", "es"]
    dialog.language_combo.setCurrentIndex(1)
    # A site is needed.
    dialog.site_combo.setEditText("")
    warnings: list[str] = []
    # The refusal is a plain-text warning box (gui/plain.warn): record it instead of waiting.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or 0)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert warnings and dialog.interview_id is None
    dialog.site_combo.setFocus()
    qtbot.keyClicks(dialog.site_combo, "Tacna")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    record = context.interviews.get(dialog.interview_id)
    assert (record.form_id, record.site, record.language, record.status) == (
        "every_type", "Tacna", "es", "draft")
    context.lock()
