"""Every dialog opens with the keyboard somewhere: a person who works by
keyboard alone can type or press Tab at once (the team dialog opened with
nothing focused)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def _dialogs() -> dict[str, Callable[[Any, QWidget], QDialog]]:
    from testimonio.gui.about_dialog import AboutDialog
    from testimonio.gui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
    from testimonio.gui.dialogs.settings_dialog import SettingsDialog
    from testimonio.gui.views.export_dialog import ExportDialog
    from testimonio.gui.views.import_dialog import ImportDialog
    from testimonio.gui.views.new_interview_dialog import NewInterviewDialog
    from testimonio.gui.views.reopen_dialog import ReopenDialog
    from testimonio.gui.views.report_dialog import ReportDialog
    from testimonio.gui.views.team_dialog import TeamDialog

    return {
        "team: create": lambda c, p: TeamDialog(c, p, tab=TeamDialog.CREATE, single=True),
        "team: join": lambda c, p: TeamDialog(c, p, tab=TeamDialog.JOIN, single=True),
        "team: my key": lambda c, p: TeamDialog(c, p, tab=TeamDialog.MY_KEY, single=True),
        "team: all tabs": lambda c, p: TeamDialog(c, p, tab=TeamDialog.JOIN),
        "export": lambda c, p: ExportDialog(c, p),
        "import": lambda c, p: ImportDialog(c, p),
        "report": lambda c, p: ReportDialog(c, p),
        "new interview": lambda c, p: NewInterviewDialog(c, p),
        "reopen": lambda c, p: ReopenDialog(p),
        "change passphrase": lambda c, p: ChangePassphraseDialog(c, p),
        "settings": lambda c, p: SettingsDialog(c.preferences, p),
        "about": lambda c, p: AboutDialog(p),
    }


@pytest.mark.parametrize("name", list(_dialogs()))
def test_a_dialog_opens_with_the_keyboard_in_it(qtbot: Any, context: Any, border: Any, name: str) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    dialog = _dialogs()[name](context, host)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    focus = QApplication.focusWidget()
    assert focus is not None and dialog.isAncestorOf(focus), name
    assert focus.isVisible() and focus.isEnabled(), name
