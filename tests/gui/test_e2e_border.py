"""End to end: the shipped border testimony filled through the real widgets.

Keyboard and mouse through qtbot only (no service calls to answer): from
consent to complete, with a relevance jump, a constraint error fixed, a
repeat instance, the completion check's link, then the vault is locked,
unlocked again and every answer is found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_interview_view_support import BORDER_FORM, PASSPHRASE, line_edit

from testimonio.gui.views.interview_view import InterviewView
from testimonio.gui.views.new_interview_dialog import NewInterviewDialog


def click_choice(qtbot, view: InterviewView, path: str, choice: str) -> None:  # noqa: ANN001
    widget = view.page.rows[path].input
    buttons = widget.buttons() if hasattr(widget, "buttons") else widget.boxes()
    view.scroll_area.ensureWidgetVisible(buttons[choice])
    qtbot.mouseClick(buttons[choice], Qt.MouseButton.LeftButton)


def type_answer(qtbot, view: InterviewView, path: str, text: str) -> None:  # noqa: ANN001
    edit = line_edit(view, path)
    view.scroll_area.ensureWidgetVisible(edit)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def check_in_long_list(qtbot, view: InterviewView, path: str, search: str) -> None:  # noqa: ANN001
    widget = view.page.rows[path].input
    qtbot.mouseClick(widget.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(widget.search, search)
    assert widget.proxy.rowCount() == 1
    widget.view.setFocus()
    widget.view.setCurrentIndex(widget.proxy.index(0, 0))
    qtbot.keyClick(widget.view, Qt.Key.Key_Space)


def pick_in_long_list(qtbot, view: InterviewView, path: str, search: str) -> None:  # noqa: ANN001
    widget = view.page.rows[path].input
    qtbot.mouseClick(widget.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(widget.search, search)
    rect = widget.view.visualRect(widget.proxy.index(0, 0))
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def next_page(qtbot, view: InterviewView, title: str) -> None:  # noqa: ANN001
    qtbot.keyClick(view.page_list, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.page_title.text() == title


@pytest.mark.skipif(not BORDER_FORM.exists(), reason="the shipped form is missing")
def test_border_testimony_from_consent_to_complete(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from testimonio.gui.context import AppContext
    from testimonio.vault import KdfParams

    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    context = AppContext(tmp_path / "vault", kdf=KdfParams.FAST)
    context.create(PASSPHRASE)
    context.questionnaires.install(BORDER_FORM)

    # Start it through the dialog: questionnaire, a typed site, English.
    dialog = NewInterviewDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.site_combo.setFocus()
    qtbot.keyClicks(dialog.site_combo, "CEBAF Peru")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    interview_id = dialog.interview_id
    assert interview_id and context.interviews.get(interview_id).site == "CEBAF Peru"

    view = InterviewView(context, interview_id)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)

    # Relevance jump: without consent nothing else is asked, and the page
    # buttons say so; with it, they offer the next page (at once, on this page).
    assert view.next_button.text() == "Review and complete ▶" and view.last_label.text()
    click_choice(qtbot, view, "consent", "no")
    assert view.page.rows["no_consent"].isVisibleTo(view.page)
    assert not any(view.page_model.summary(i).relevant for i in range(1, view.page_model.rowCount()))
    click_choice(qtbot, view, "consent", "yes")
    assert not view.page.rows["no_consent"].isVisibleTo(view.page)
    assert view.next_button.text() == "Next page ▶" and not view.last_label.isVisibleTo(view)
    click_choice(qtbot, view, "consent", "no")
    assert view.next_button.text() == "Review and complete ▶" and view.last_label.isVisibleTo(view)
    click_choice(qtbot, view, "consent", "yes")
    next_page(qtbot, view, "The person")

    # A constraint error, seen and fixed.
    type_answer(qtbot, view, "person/alias", "A")
    assert view.page.rows["person/alias"].error_text() == "Between 2 and 40 characters."
    assert view.current_path() == "person/real_name"  # Enter moved on
    type_answer(qtbot, view, "person/alias", "na")
    assert view.page.rows["person/alias"].error_text() == ""
    click_choice(qtbot, view, "person/gender", "female")
    type_answer(qtbot, view, "person/age", "34")
    pick_in_long_list(qtbot, view, "person/occupation", "teach")

    # The completion check lists what is missing; its link jumps there.
    qtbot.mouseClick(view.complete_button, Qt.MouseButton.LeftButton)
    problems = view.completion_dialog
    paths = [problems.model.path(r) for r in range(problems.model.rowCount())]
    assert "travel/travels_with_others" in paths and "person/alias" not in paths
    problems.pick(paths.index("travel/travels_with_others"))
    assert view.current_path() == "travel/travels_with_others"
    click_choice(qtbot, view, "travel/travels_with_others", "yes")

    # A repeat instance.
    next_page(qtbot, view, "Companion")
    qtbot.mouseClick(view.page.repeats["companions"].add_button, Qt.MouseButton.LeftButton)
    click_choice(qtbot, view, "companions[1]/relationship", "child")
    type_answer(qtbot, view, "companions[1]/companion_age", "7")

    next_page(qtbot, view, "Why they left")
    click_choice(qtbot, view, "leaving/reasons", "food")
    click_choice(qtbot, view, "leaving/reasons", "threats")
    account = line_edit(view, "leaving/account")
    qtbot.mouseClick(account, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(account, "There was no food.")

    next_page(qtbot, view, "Route and dates")
    type_answer(qtbot, view, "route/left_venezuela_date", "2019-10-01")
    click_choice(qtbot, view, "route/destination", "peru")

    next_page(qtbot, view, "Documents")
    check_in_long_list(qtbot, view, "documents/documents_held", "Passport")

    next_page(qtbot, view, "Attempt to enter Peru")  # the photo page is skipped
    click_choice(qtbot, view, "entry/entry_result", "refused")
    click_choice(qtbot, view, "entry/refusal_reasons", "no_visa")
    next_page(qtbot, view, "Humanitarian exceptions")
    click_choice(qtbot, view, "exceptions/exception_criteria", "none")
    next_page(qtbot, view, "Asylum claim")
    click_choice(qtbot, view, "asylum/asylum_claimed", "no")
    next_page(qtbot, view, "Family in Peru or Chile")
    click_choice(qtbot, view, "family/has_family_abroad", "no")
    next_page(qtbot, view, "Conditions at the border")
    type_answer(qtbot, view, "conditions/meals_per_day", "2")

    qtbot.mouseClick(view.complete_button, Qt.MouseButton.LeftButton)
    assert view.reopen_button.isVisible()

    # Lock (flush first, as the main window does), unlock, and look.
    assert view.flush()
    view.close()
    context.lock()
    context.unlock(PASSPHRASE)
    record = context.interviews.get(interview_id)
    assert record.status == "complete" and record.language == "en"
    stored = context.interviews.answers(interview_id)
    expected = {
        "consent": "yes", "person/alias": "Ana", "person/gender": "female", "person/age": 34,
        "person/occupation": "teacher", "travel/travels_with_others": "yes", "companions": 1,
        "companions[1]/relationship": "child", "companions[1]/companion_age": 7,
        "leaving/reasons": ["food", "threats"], "leaving/account": "There was no food.",
        "route/left_venezuela_date": "2019-10-01", "route/destination": "peru",
        "documents/documents_held": ["passport"], "entry/entry_result": "refused",
        "entry/refusal_reasons": ["no_visa"], "exceptions/exception_criteria": ["none"],
        "asylum/asylum_claimed": "no", "family/has_family_abroad": "no",
        "conditions/meals_per_day": 2,
    }
    assert {k: stored.get(k) for k in expected} == expected
    context.lock()
