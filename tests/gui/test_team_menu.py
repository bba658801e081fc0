"""The Team menu: its shape, what each role may use, reports from the program."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from exchange_setup import add_testimony, team
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox

from smallk import lower_k
from testimonio.gui.main_window import MainWindow
from testimonio.gui.team_menu import ANSWERS_PLACE
from testimonio.gui.views.report_dialog import ReportDialog


def _window(qtbot: Any, context: Any) -> MainWindow:
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_menu_has_its_agreed_shape_and_follows_the_role(qtbot: Any, tmp_path: Path, app: Any) -> None:
    world = team(tmp_path)
    lead = _window(qtbot, world.lead)
    menu = lead.team_menu.menu
    texts = [a.text() or ("|" + a.objectName()) for a in menu.actions()]
    assert texts == ["&Create a team…", "&Join a team…", "My &key…", "|",
                     "&Add a researcher…", "&Researchers", "|",
                     "&Export for the team lead…", "&Import bundles…", "Import a &folder…",
                     "&Write a receipt…", "&Publish a team update…",
                     "Re&voke a researcher's key…", "Add a &backup recipient…",
                     "Retention polic&y…", "Import a receip&t…", "Import a team &update…",
                     "Retention: what is &deleted and when…", "Pur&ge received interviews…",
                     "|" + ANSWERS_PLACE, "Write a rep&ort…"]
    lead.team_menu.update_actions()
    assert not lead.team_menu.join_action.isEnabled()
    assert not lead.export_action.isEnabled()
    assert lead.team_menu.report_action.isEnabled() and lead.import_action.isEnabled()
    researcher = _window(qtbot, world.researcher)
    researcher.team_menu.update_actions()
    assert not researcher.team_menu.create_action.isEnabled()
    assert not researcher.team_menu.report_action.isEnabled()
    assert researcher.export_action.isEnabled()
    world.lead.lock()
    world.researcher.lock()


def test_export_without_a_team_offers_to_join(qtbot: Any, context: Any, monkeypatch: Any) -> None:
    window = _window(qtbot, context)
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    opened: list[str] = []
    monkeypatch.setattr(window, "open_dialog", opened.append)
    window.export_action.trigger()
    assert asked and "has not joined a team" in asked[0]
    assert opened == []  # declined: no export dialog with an English service error


@pytest.mark.parametrize("as_xlsx", [True, False])
def test_the_lead_writes_the_report_from_the_program(qtbot: Any, tmp_path: Path, app: Any,
                                                      as_xlsx: bool) -> None:
    world = team(tmp_path)
    lower_k(world.researcher.settings_store, 1)
    for n in range(3):
        add_testimony(world.researcher, n)
    bundle = tmp_path / "one.tbundle"
    world.researcher.export.write(bundle)
    world.lead.import_.import_file(bundle)
    # Three testimonies are groups under k, which a report blanks unless the
    # lead asks for exact counts (internal use): the labels are what is tested.
    world.lead.settings_store.set("pref.small_counts", "exact")
    dialog = ReportDialog(world.lead, None)
    qtbot.addWidget(dialog)
    (dialog.xlsx_radio if as_xlsx else dialog.csv_radio).setChecked(True)
    target = tmp_path / ("out.xlsx" if as_xlsx else "csv")
    dialog.path_edit.setText(str(target))
    dialog.values.setCurrentIndex(dialog.values.findData("es"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.is_done(), timeout=20000)
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=5000)
    if as_xlsx:
        sheet = load_workbook(target, read_only=True)["border_testimony"]
        rows = list(sheet.values)
        assert "saved as" in dialog.status.text()
    else:
        with open(target / "border_testimony.csv", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert "tables written" in dialog.status.text() or "table written" in dialog.status.text()
    assert len(rows) == 4
    header = list(rows[0])
    gender = header.index("person/gender")
    assert {rows[i][gender] for i in (1, 2, 3)} == {"Mujer", "Hombre"}
    world.lead.lock()
    world.researcher.lock()
