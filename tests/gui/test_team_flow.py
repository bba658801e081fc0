"""The whole researcher and lead flow through the desktop program alone (no command line).

Two real vaults, two main windows. Only the vaults' creation and the lead's
questionnaire are set up through the API (as the first-run wizard does);
everything after goes through the Team menu, the dialogs and the views:
create a team, join it comparing the fingerprint's words, hand over the
researcher's key and add it after the same check, record and complete an
interview, export it, import one bundle and a shared folder, open the data
view and filter it, write the report as XLSX and CSV, save a chart as PNG
and SVG.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exchange_setup import PASSPHRASE, wait_privacy_checked
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from test_e2e_border import click_choice, type_answer

from formkit import table, write_rows
from testimonio.exchange.fingerprint import fingerprint_words
from testimonio.gui.context import AppContext
from testimonio.gui.main_window import MainWindow
from testimonio.vault.kdf import KdfParams

SURVEY = [
    {"type": "begin_group", "name": "c", "label": "The crossing"},
    {"type": "text", "name": "alias", "label": "Alias", "privacy": "safe"},
    {"type": "select_one g", "name": "gender", "label": "Gender", "privacy": "quasi"},
    {"type": "select_one yn", "name": "refused", "label": "Refused at the border?"},
    {"type": "text", "name": "story", "label": "What happened"},
    {"type": "end_group", "name": "c"},
]
CHOICES = [
    {"list_name": "g", "name": "female", "label": "Woman"},
    {"list_name": "g", "name": "male", "label": "Man"},
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
]


def _form(path: Path) -> Path:
    return write_rows(path, {"survey": table(SURVEY), "choices": table(CHOICES),
                             "settings": table([{"form_id": "crossing", "version": "1"}])})


def _click(qtbot: Any, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def in_dialog(qtbot: Any, open_it: Callable[[], Any], drive: Callable[[Any], None]) -> None:
    """Open a modal dialog the way the person does, drive it, close it."""
    done: list[BaseException | None] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog is not None, "no dialog opened"
            drive(dialog)
            done.append(None)
        except BaseException as error:  # noqa: BLE001 - raised again below, outside Qt's loop
            done.append(error)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.accept()

    QTimer.singleShot(0, run)
    open_it()
    assert done, "the dialog was never driven"
    if done[0] is not None:
        raise done[0]


def _window(qtbot: Any, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def _record(qtbot: Any, window: MainWindow, alias: str, gender: str) -> None:
    """The researcher starts an interview from the menu, answers and completes it."""
    def start(dialog: Any) -> None:
        combo = dialog.form_combo
        combo.setCurrentIndex(next(i for i in range(combo.count()) if "crossing" in str(combo.itemData(i))))
        dialog.site_combo.setCurrentIndex(dialog.site_combo.findText("Tumbes"))
        _click(qtbot, dialog.start_button)

    in_dialog(qtbot, window.new_action.trigger, start)
    view = window.views["interview"]
    type_answer(qtbot, view, "c/alias", alias)
    click_choice(qtbot, view, "c/gender", gender)
    click_choice(qtbot, view, "c/refused", "yes")
    type_answer(qtbot, view, "c/story", "We waited three nights")
    _click(qtbot, view.complete_button)
    assert window.context.interviews.get(view.interview_id).status == "complete"
    window.show_list()


def _export(qtbot: Any, window: MainWindow, out: Path) -> None:
    def drive(dialog: Any) -> None:
        _click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.current_step() != dialog.INTRO, timeout=20000)
        if dialog.current_step() == dialog.REVIEW:
            _click(qtbot, dialog.next_button)  # the free text stays: nothing released
        wait_privacy_checked(qtbot, dialog)  # one interview is a small group
        dialog.choice_blank.setChecked(True)
        _click(qtbot, dialog.next_button)
        dialog.path_edit.setText(str(out))
        _click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=20000)

    in_dialog(qtbot, window.export_action.trigger, drive)
    assert out.is_file()


def test_the_team_works_through_the_desktop_program(qtbot: Any, app: Any, tmp_path: Path,
                                                    monkeypatch: Any) -> None:
    # "Mark this interview complete?" is answered yes, as the person would.
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    lead_ctx = AppContext(tmp_path / "lead", kdf=KdfParams.FAST)
    lead_ctx.create(PASSPHRASE)
    lead_ctx.questionnaires.install(_form(tmp_path / "crossing.xlsx"))
    lead_ctx.interviews.add_site("Tumbes")
    res_ctx = AppContext(tmp_path / "researcher", kdf=KdfParams.FAST)
    res_ctx.create(PASSPHRASE)
    lead, researcher = _window(qtbot, lead_ctx), _window(qtbot, res_ctx)
    team_file, key_file = tmp_path / "study.tteam", tmp_path / "ana.tkey"
    shown: dict[str, Any] = {}

    # The lead creates the team from the Team menu and reads out the words.
    def create(dialog: Any) -> None:
        assert not dialog.tabs.tabBar().isVisible()  # one page: the menu entry's
        dialog.study_edit.setText("Border 2026")
        dialog.team_out_edit.setText(str(team_file))
        _click(qtbot, dialog.create_button)
        shown["lead"] = dialog.lead_fingerprint.text()
        shown["lead words"] = dialog.lead_fingerprint.word_list()

    in_dialog(qtbot, lead.team_menu.create_action.trigger, create)
    assert team_file.is_file() and len(shown["lead words"]) == 12

    # The researcher joins only after ticking that the words match.
    def join(dialog: Any) -> None:
        dialog.team_file_edit.setText(str(team_file))
        qtbot.keyClick(dialog.team_file_edit, Qt.Key.Key_Return)
        check = dialog.join_check
        assert check.fingerprint.text() == shown["lead"]
        assert check.fingerprint.word_list() == shown["lead words"] == fingerprint_words(shown["lead"])
        assert not dialog.join_button.isEnabled()
        check.same.setFocus()
        qtbot.keyClick(check.same, Qt.Key.Key_Space)
        _click(qtbot, dialog.join_button)
        assert "You joined the team" in dialog.join_status.text()

    in_dialog(qtbot, researcher.team_menu.join_action.trigger, join)

    def my_key(dialog: Any) -> None:
        shown["researcher"] = dialog.my_fingerprint.text()
        dialog.key_name_edit.setText("Ana Torres")
        dialog.key_out_edit.setText(str(key_file))
        _click(qtbot, dialog.key_button)

    in_dialog(qtbot, researcher.team_menu.key_action.trigger, my_key)
    assert key_file.is_file()

    def add(dialog: Any) -> None:
        dialog.file_edit.setText(str(key_file))
        qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Return)
        assert dialog.check.fingerprint.text() == shown["researcher"]
        assert dialog.name_edit.text() == "Ana Torres"
        assert not dialog.add_button.isEnabled()
        dialog.check.same.setFocus()
        qtbot.keyClick(dialog.check.same, Qt.Key.Key_Space)
        _click(qtbot, dialog.add_button)

    in_dialog(qtbot, lead.team_menu.add_researcher_action.trigger, add)
    assert [e.name for e in lead_ctx.team.roster()] == ["Ana Torres"]

    # The researcher records two interviews, exporting each: one handed over, one synced.
    shared = tmp_path / "synced"
    shared.mkdir()
    _record(qtbot, researcher, "Rosa", "female")
    _export(qtbot, researcher, tmp_path / "first.tbundle")
    _record(qtbot, researcher, "Luis", "male")
    _export(qtbot, researcher, shared / "second.tbundle")
    (shared / "notes.txt").write_text("not a bundle")

    def import_one(dialog: Any) -> None:
        dialog.add_files([tmp_path / "first.tbundle"])
        _click(qtbot, dialog.import_button)
        qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=20000)
        assert dialog.outcomes[0].ok, dialog.outcomes[0].message

    in_dialog(qtbot, lead.import_action.trigger, import_one)
    # The folder chooser is the system's: it answers with the shared folder.
    monkeypatch.setattr("testimonio.gui.views.import_dialog.choose_folder", lambda *a: str(shared))

    def import_folder(dialog: Any) -> None:
        qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=20000)
        results = {o.path.name: o for o in dialog.outcomes}
        assert results["second.tbundle"].ok and results["notes.txt"].skipped
        assert "Skipped" in dialog.result_text(dialog.files.index(shared / "notes.txt"))

    in_dialog(qtbot, lead.team_menu.import_folder_action.trigger, import_folder)

    # The data view: both interviews, filtered by an answer; the blanked gender is marked.
    lead.data_action.trigger()
    data = lead.views["data"]
    assert data.model.rowCount() == 2
    data.question.setCurrentIndex(data.question.findData("c/refused"))
    data.choice.setCurrentIndex(data.choice.findData("yes"))
    assert data.model.rowCount() == 2
    data.choice.setCurrentIndex(data.choice.findData("no"))
    assert data.model.rowCount() == 0
    data.choice.setCurrentIndex(0)
    names = [c.name for c in data.columns]
    gender = data.model.index(0, names.index("c/gender"))
    # The bundle said its export withheld it, and why (issue 11): "withheld", not "not sent".
    assert gender.data() == "withheld" and "k-anonymity" in gender.data(Qt.ItemDataRole.ToolTipRole)
    assert data.model.index(0, names.index("_submitted_by")).data() == "Ana Torres"

    # The report, as XLSX and as CSV, from the Team menu.
    def report(kind: str, target: Path) -> Callable[[Any], None]:
        def drive(dialog: Any) -> None:
            (dialog.xlsx_radio if kind == "xlsx" else dialog.csv_radio).setChecked(True)
            dialog.path_edit.setText(str(target))
            _click(qtbot, dialog.write_button)
            qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.is_done(), timeout=20000)
            qtbot.waitUntil(dialog.write_button.isEnabled, timeout=5000)
        return drive

    in_dialog(qtbot, lead.team_menu.report_action.trigger, report("xlsx", tmp_path / "r.xlsx"))
    sheet = list(load_workbook(tmp_path / "r.xlsx", read_only=True)["crossing"].values)
    assert len(sheet) == 3 and "c/story" in sheet[0] and "We waited" not in str(sheet)
    in_dialog(qtbot, lead.team_menu.report_action.trigger, report("csv", tmp_path / "csv"))
    with open(tmp_path / "csv" / "crossing.csv", encoding="utf-8") as fh:
        assert len(list(csv.reader(fh))) == 3

    # A chart of the summary saved for the team's report.
    lead.summary_action.trigger()
    summary = lead.views["summary"]
    chart: QWidget = summary.charts()[0]
    assert summary.save_chart(chart, "png", str(tmp_path / "chart.png"))
    assert summary.save_chart(chart, "svg", str(tmp_path / "chart.svg"))
    assert (tmp_path / "chart.png").stat().st_size > 0
    assert "<svg" in (tmp_path / "chart.svg").read_text(encoding="utf-8")
    lead.close()
    researcher.close()
