"""The researcher's whole flow by keyboard alone: unlock, a new interview,
pages with a date and a repeat, the review, complete, export.

Every step is a real key event sent to the widget that has the keyboard
(``QApplication.focusWidget()``) or a window shortcut: no widget method is
called to answer, move or press. A step that cannot be reached so (a focus
trap, a button Enter does not press) fails here. Real vaults, a real team
file, a real bundle on disk read back by the lead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from exchange_setup import PASSPHRASE, new_context
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from test_interview_view_support import _c, _q, write_xlsform

from testimonio.gui.main_window import MainWindow
from testimonio.gui.views.export_dialog import ExportDialog
from testimonio.gui.views.interview_view import InterviewView
from testimonio.gui.views.new_interview_dialog import NewInterviewDialog
from testimonio.gui.views.review_dialog import ReviewDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _form(tmp: Path) -> Path:
    survey = [
        _q("text", "alias", "Alias", "Alias", required="yes"),
        {"type": "begin group", "name": "trip", "label::English (en)": "The trip",
         "label::Español (es)": "El viaje"},
        _q("date", "left", "Date left", "Fecha de salida", required="yes"),
        _q("select_one yn", "alone", "Travels alone?", "¿Viaja solo?", required="yes"),
        {"type": "end group"},
        {"type": "begin repeat", "name": "companions", "label::English (en)": "Companion",
         "label::Español (es)": "Acompañante"},
        _q("integer", "c_age", "Companion age", "Edad del acompañante", required="yes"),
        {"type": "end repeat"},
    ]
    choices = [_c("yn", "yes", "Yes", "Sí"), _c("yn", "no", "No", "No")]
    settings = {"form_id": "keys", "version": "1", "form_title": "Keyboard walk",
                "default_language": "English (en)"}
    return write_xlsform(tmp / "keys.xlsx", survey, choices, settings)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          ) -> None:
    qtbot.keyClick(focused(), key, modifier)


def mnemonic(qtbot: Any, key: Qt.Key) -> None:
    """Alt+letter; a button so pressed clicks after its short press animation."""
    press(qtbot, key, ALT)
    qtbot.wait(250)


def type_text(qtbot: Any, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def back_to(qtbot: Any, window: QWidget) -> None:
    """What a window manager does when a modal dialog closes: the window is
    active again (the offscreen test platform does not do it by itself)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def when_modal(kind: type, steps: Callable[[Any], None], seen: list[str]) -> None:
    """Run ``steps`` once a modal ``kind`` is up (its ``exec`` blocks the caller)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isActiveWindow() and dialog.isAncestorOf(
                QApplication.focusWidget()):
            try:
                steps(dialog)
            except BaseException as error:  # reported by the test, not lost in the loop
                seen.append(f"{kind.__name__}: {error!r}")
                dialog.reject()
            else:
                seen.append(kind.__name__)
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


def test_unlock_fill_review_complete_and_export_by_keyboard_alone(
        qtbot: Any, app: Any, tmp_path: Path) -> None:
    lead = new_context(tmp_path / "lead")
    lead.questionnaires.install(_form(tmp_path))
    lead.interviews.add_site("Tumbes")
    lead.team.create("Keys", tmp_path / "team.tmt")
    researcher = new_context(tmp_path / "researcher")
    researcher.team.join(researcher.team.read_team_file(tmp_path / "team.tmt"))
    researcher.keys.export_public(tmp_path / "r.key", "Ana")
    lead.team.add_researcher(lead.team.read_public_key_file(tmp_path / "r.key"))
    researcher.lock()

    window = MainWindow(researcher)
    qtbot.addWidget(window)
    window.resize(1024, 600)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    seen: list[str] = []

    # Unlock: the passphrase field has the keyboard; Enter unlocks.
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: researcher.is_open and window.locked_page is None, timeout=10_000)

    # New interview (Ctrl+N): the questionnaire box has the keyboard; typing
    # picks ours among the shipped ones; Tab to the site, type it, Enter starts.
    def start(dialog: NewInterviewDialog) -> None:
        assert focused() is dialog.form_combo, focused()
        type_text(qtbot, "Keyboard")
        assert dialog.form_combo.currentText().startswith("Keyboard walk")
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() in (dialog.site_combo, dialog.site_combo.lineEdit()), focused()
        press(qtbot, Qt.Key.Key_A, CTRL)
        type_text(qtbot, "Tumbes")
        press(qtbot, Qt.Key.Key_Return)
    when_modal(NewInterviewDialog, start, seen)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert seen == ["NewInterviewDialog"]
    view = window.views["interview"]
    assert isinstance(view, InterviewView)

    # Page 1: the alias has the keyboard.
    back_to(qtbot, window)
    qtbot.waitUntil(lambda: view.current_path() == "alias")
    type_text(qtbot, "Rosa")
    press(qtbot, Qt.Key.Key_Return)  # the page ends: the keyboard goes to Next page
    assert focused() is view.next_button
    press(qtbot, Qt.Key.Key_Return)
    # Page 2: a date typed, then a choice picked with the arrows.
    qtbot.waitUntil(lambda: view.current_path() == "trip/left")
    type_text(qtbot, "2024-03-15")
    press(qtbot, Qt.Key.Key_Return)
    assert view.current_path() == "trip/alone"
    press(qtbot, Qt.Key.Key_Down)  # the second choice: "No"
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    # Page 3, the repeat: Space adds a companion and puts the keyboard in it.
    qtbot.waitUntil(lambda: focused() is view.page.repeats["companions"].add_button)
    press(qtbot, Qt.Key.Key_Space)
    assert view.current_path() == "companions[1]/c_age"
    type_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)

    # The last question: Enter reviews; the review's Enter completes.
    def review(dialog: ReviewDialog) -> None:
        assert dialog.complete_button.isEnabled()
        press(qtbot, Qt.Key.Key_Return)
    when_modal(ReviewDialog, review, seen)
    qtbot.waitUntil(lambda: view.next_button.hasFocus())
    press(qtbot, Qt.Key.Key_Return)
    assert seen[-1] == "ReviewDialog"
    back_to(qtbot, window)
    assert view.isAncestorOf(focused()), focused()  # the keyboard stays in the interview
    record = researcher.interviews.get(view.interview_id)
    assert record.status == "complete"
    answers = researcher.interviews.answers(view.interview_id)
    assert {k: answers.get(k) for k in ("alias", "trip/left", "trip/alone", "companions[1]/c_age")} \
        == {"alias": "Rosa", "trip/left": "2024-03-15", "trip/alone": "no", "companions[1]/c_age": 7}

    # Export (Ctrl+E): Enter through the steps, the file name typed.
    out = tmp_path / "rosa.tbundle"

    def export(dialog: ExportDialog) -> None:
        press(qtbot, Qt.Key.Key_Return)  # what to export: Next
        for _ in range(6):
            qtbot.waitUntil(lambda: dialog.next_button.isEnabled() or dialog.current_step()
                            == dialog.RUN, timeout=10_000)
            if dialog.current_step() == dialog.PREVIEW:
                break
            mnemonic(qtbot, Qt.Key.Key_N)  # free text, privacy check: Next
        assert dialog.current_step() == dialog.PREVIEW
        mnemonic(qtbot, Qt.Key.Key_S)  # "Save as:" puts the keyboard in the file name
        assert focused() is dialog.path_edit
        press(qtbot, Qt.Key.Key_A, CTRL)
        type_text(qtbot, str(out))
        press(qtbot, Qt.Key.Key_Return)  # Export
        qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=20_000)
        press(qtbot, Qt.Key.Key_Escape)  # the bundle is written: Close
    when_modal(ExportDialog, export, seen)
    press(qtbot, Qt.Key.Key_W, CTRL)  # back to the list first: Ctrl+E there
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_view)
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert seen[-1] == "ExportDialog", seen
    assert out.is_file()

    # The lead reads exactly that interview from the bundle.
    result = lead.import_.import_file(out)
    assert (result.records, result.added) == (1, 1)
    window.lock()
    lead.lock()
