"""The interview view over a real vault and a real XLSForm, driven by qtbot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_interview_view_support import every_type_form, line_edit, open_context, open_view
from test_question_widgets import png_bytes

from testimonio.gui.views.page_list import PageListModel


@pytest.fixture
def every(tmp_path: Path):  # noqa: ANN201
    context, interview_id = open_context(tmp_path, every_type_form(tmp_path))
    yield context, interview_id
    context.lock()


@pytest.fixture
def yes_to_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answer "Yes" to every confirmation (remove, complete)."""
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def test_only_the_visible_page_is_built_and_the_page_list_is_a_good_model(qtbot, qtmodeltester, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    assert set(view.page.rows) >= {"alias", "age", "country", "place"}
    assert "extra/why" not in view.page.rows  # the next page does not exist yet
    assert isinstance(view.page_list.model(), PageListModel)
    qtmodeltester.check(view.page_model)
    # Every input carries the question's label for screen readers.
    for row in view.page.rows.values():
        if row.input is not None:
            for part in row.input.focus_widgets():
                assert part.accessibleName(), row.path
    assert view.windowTitle() == ""


def test_typing_is_saved_after_a_pause_and_at_once_on_leaving(qtbot, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    states: list[bool] = []
    view.saved_state_changed.connect(states.append)
    alias = line_edit(view, "alias")
    alias.setFocus()
    qtbot.keyClicks(alias, "Rosa")
    assert view.status_label.text() == "Saving…"
    assert "alias" not in context.interviews.answers(interview_id)
    qtbot.waitUntil(lambda: view.is_saved(), timeout=1500)  # the debounce, under a second
    assert context.interviews.answers(interview_id)["alias"] == "Rosa"
    assert states[-2:] == [False, True] and view.status_label.text() == "✓ Saved"
    # Leaving the field saves without waiting.
    age = line_edit(view, "age")
    age.setFocus()
    qtbot.keyClicks(age, "34")
    qtbot.keyClick(age, Qt.Key.Key_Tab)
    assert context.interviews.answers(interview_id)["age"] == 34
    # flush() (lock, close) saves what is being typed.
    weight = line_edit(view, "weight")
    weight.setFocus()
    qtbot.keyClicks(weight, "61,5")
    assert view.flush()
    assert context.interviews.answers(interview_id)["weight"] == 61.5


def test_enter_moves_to_the_next_question_and_places_are_kept(qtbot, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    alias = line_edit(view, "alias")
    alias.setFocus()
    qtbot.keyClicks(alias, "Rosa")
    qtbot.keyClick(alias, Qt.Key.Key_Return)
    assert view.current_path() == "age"  # the note in between takes no input
    view.focus_path("extra/photo")
    assert view.page.page.key == "extra" and view.current_path() == "extra/photo"
    view.focus_path("alias")
    assert view.current_path() == "alias"


def test_relevance_labels_and_constraint_messages_follow_the_answers(qtbot, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    alias = line_edit(view, "alias")
    alias.setFocus()
    qtbot.keyClicks(alias, "R")
    qtbot.keyClick(alias, Qt.Key.Key_Return)
    assert view.page.rows["alias"].error_text() == "At least two letters"
    assert view.page.rows["hello"].label_text() == "Hello R"  # label substitution
    alias.setFocus()
    qtbot.keyClicks(alias, "osa")
    qtbot.keyClick(alias, Qt.Key.Key_Return)
    assert view.page.rows["alias"].error_text() == ""
    assert view.page.rows["hello"].label_text() == "Hello Rosa"
    companions = [i for i, p in enumerate(view.session.pages) if p.key == "companions"][0]
    assert not view.page_model.summary(companions).relevant
    qtbot.mouseClick(view.page.rows["travels"].input.buttons()["yes"], Qt.MouseButton.LeftButton)
    assert view.page_model.summary(companions).relevant
    qtbot.mouseClick(view.page.rows["travels"].input.buttons()["no"], Qt.MouseButton.LeftButton)
    view.step_page(1)
    assert view.page.rows["extra/why"].isVisibleTo(view.page)
    assert context.interviews.answers(interview_id)["travels"] == "no"


def test_language_switch_mid_interview(qtbot, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    age = line_edit(view, "age")
    age.setFocus()
    qtbot.keyClicks(age, "140")
    qtbot.keyClick(age, Qt.Key.Key_Return)
    assert view.page.rows["age"].error_text() == "Between 0 and 110"
    view.language_combo.setCurrentIndex(view.language_combo.findData("es"))
    assert view.state.language == "es"
    assert view.page.rows["age"].label_text() == "Edad"
    assert view.page.rows["age"].error_text() == "Entre 0 y 110"
    assert view.page.rows["travels"].input.buttons()["yes"].text() == "Sí"
    assert context.interviews.answers(interview_id)["age"] == 140  # kept, only flagged
    assert context.interviews.get(interview_id).language == "es"  # remembered with the draft
    view.close_view()
    reopened = open_view(qtbot, context, interview_id)
    assert reopened.state.language == "es"
    assert reopened.language_combo.currentData() == "es"


def test_repeat_add_and_confirmed_remove(qtbot, every, yes_to_questions) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    qtbot.mouseClick(view.page.rows["travels"].input.buttons()["yes"], Qt.MouseButton.LeftButton)
    view.focus_path("companions")
    repeat = view.page.repeats["companions"]
    for name in ("Luis", "Mar", "Teo"):
        qtbot.mouseClick(repeat.add_button, Qt.MouseButton.LeftButton)
        index = repeat.count()
        field = line_edit(view, f"companions[{index}]/c_name")
        assert field.hasFocus()  # the keyboard goes to the new instance
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    stored = context.interviews.answers(interview_id)
    assert stored["companions"] == 3 and stored["companions[3]/c_name"] == "Teo"
    remove = [b for b in repeat.boxes[1].findChildren(type(repeat.add_button))
              if b.text().startswith("Remove")][0]
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    stored = context.interviews.answers(interview_id)
    assert stored["companions"] == 2
    assert stored["companions[1]/c_name"] == "Luis" and stored["companions[2]/c_name"] == "Teo"
    assert "companions[3]/c_name" not in stored
    assert repeat.count() == 2
    assert view.page.rows["companions[2]/c_name"].input.value() == "Teo"


def test_removal_can_be_refused(qtbot, every, monkeypatch) -> None:  # noqa: ANN001
    context, interview_id = every
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    view = open_view(qtbot, context, interview_id)
    qtbot.mouseClick(view.page.rows["travels"].input.buttons()["yes"], Qt.MouseButton.LeftButton)
    view.focus_path("companions")
    repeat = view.page.repeats["companions"]
    qtbot.mouseClick(repeat.add_button, Qt.MouseButton.LeftButton)
    repeat.ask_remove(1)
    assert context.interviews.answers(interview_id)["companions"] == 1


def test_attachment_bytes_go_to_the_vault_only(qtbot, every, tmp_path, yes_to_questions) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    view.focus_path("extra/photo")
    widget = view.page.rows["extra/photo"].input
    photo = tmp_path / "scan.png"
    data = png_bytes(300, 200)
    photo.write_bytes(data)
    before = {p.name for p in tmp_path.rglob("*")}
    assert widget.add_file(photo)
    attachment_id = context.interviews.answers(interview_id)["extra/photo"]
    stored = context.interviews.get_attachment(attachment_id)
    assert stored.data == data and stored.mime == "image/png"
    assert not widget.preview.pixmap().isNull()  # thumbnail made from memory
    assert {p.name for p in tmp_path.rglob("*")} - before <= {"vault"} | {
        p.name for p in (tmp_path / "vault").iterdir()}
    qtbot.mouseClick(widget.remove_button, Qt.MouseButton.LeftButton)
    assert "extra/photo" not in context.interviews.answers(interview_id)
    assert context.interviews.get_attachment(attachment_id) is None


def test_complete_lists_problems_with_links_then_is_read_only_until_reopened(
        qtbot, qtmodeltester, every, yes_to_questions) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    qtbot.mouseClick(view.complete_button, Qt.MouseButton.LeftButton)
    dialog = view.completion_dialog
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    paths = [dialog.model.path(r) for r in range(dialog.model.rowCount())]
    assert paths == ["alias", "travels"]
    dialog.pick(1)
    assert view.current_path() == "travels" and not dialog.isVisible()
    qtbot.mouseClick(view.page.rows["travels"].input.buttons()["no"], Qt.MouseButton.LeftButton)
    view.focus_path("alias")
    qtbot.keyClicks(line_edit(view, "alias"), "Rosa")
    assert "ended" not in context.interviews.answers(interview_id)
    qtbot.mouseClick(view.complete_button, Qt.MouseButton.LeftButton)
    assert context.interviews.get(interview_id).status == "complete"
    stored = context.interviews.answers(interview_id)
    assert stored["began"] <= stored["ended"]  # `end` stamped at completion
    assert view.reopen_button.isVisible() and not view.complete_button.isVisible()
    alias = line_edit(view, "alias")
    assert alias.isReadOnly()
    alias.setFocus()
    qtbot.keyClicks(alias, "XX")
    assert context.interviews.answers(interview_id)["alias"] == "Rosa"
    assert view.reopen_with("Alias misspelt")
    assert context.interviews.get(interview_id).status == "draft"
    assert not line_edit(view, "alias").isReadOnly()
    history = context.interviews.history(interview_id)
    assert any(getattr(e, "reason", "") == "Alias misspelt" for e in history)


def test_a_completed_interview_opens_read_only(qtbot, every, yes_to_questions) -> None:  # noqa: ANN001
    context, interview_id = every
    context.interviews.set_answer(interview_id, "alias", "Rosa", "Ana")
    context.interviews.set_answer(interview_id, "travels", "no", "Ana")
    view = open_view(qtbot, context, interview_id)
    assert view.mark_complete()
    view.close()
    again = open_view(qtbot, context, interview_id)
    assert again.banner.isVisible() and again.reopen_button.isVisible()
    assert not again.page.rows["travels"].input.buttons()["yes"].isEnabled()
    again.add_instance("companions")
    assert "companions" not in context.interviews.answers(interview_id)


def test_half_typed_date_stays_and_says_it_is_not_saved(qtbot, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    left = line_edit(view, "left")
    left.setFocus()
    qtbot.keyClicks(left, "2019-11")
    qtbot.keyClick(left, Qt.Key.Key_Tab)
    assert left.text() == "2019-11"
    assert view.page.rows["left"].error_text().startswith("Not saved")
    assert "left" not in context.interviews.answers(interview_id)
    left.setFocus()
    qtbot.keyClicks(left, "-30")
    qtbot.keyClick(left, Qt.Key.Key_Tab)
    assert view.page.rows["left"].error_text() == ""
    assert context.interviews.answers(interview_id)["left"] == "2019-11-30"


def test_leaving_a_page_with_half_a_date_asks_first(qtbot, every, monkeypatch) -> None:  # noqa: ANN001
    from testimonio.gui.main_window import MainWindow

    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def question(_parent, _title, text, *_args):  # noqa: ANN001, ANN202
        asked.append(text)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    left = line_edit(view, "left")
    left.setFocus()
    qtbot.keyClicks(left, "15102")
    qtbot.keyClick(left, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    # Asked, answered "go back": the page stays, the typing too, the keyboard on it.
    assert len(asked) == 1 and "Date left" in asked[0] and "Not saved" in asked[0]
    assert view.page_index == 0 and left.text() == "15102" and left.hasFocus()
    view.page_list.setCurrentIndex(view.page_model.index(1, 0))  # the list asks the same
    assert len(asked) == 2 and view.page_index == 0
    assert view.page_list.currentIndex().row() == 0
    # Closing from the main window asks too.
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.views["interview"] = view
    assert not window.close_interview() and len(asked) == 3
    window.views.pop("interview")
    # "Leave it out": the page turns; nothing half-typed was stored.
    reply[0] = QMessageBox.StandardButton.Yes
    qtbot.keyClick(left, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.page_index == 1 and "left" not in context.interviews.answers(interview_id)
    # A page with nothing half-typed turns without a word.
    view.step_page(-1)
    assert len(asked) == 4 and view.page_index == 0


def test_the_question_shows_a_label_as_text(qtbot) -> None:  # noqa: ANN001
    from testimonio.gui.plain import plain_message

    shown = plain_message("“<b>Fecha</b> & <a href='x'>y</a>”: Not saved")
    assert "&lt;b&gt;" in shown and "<b>" not in shown and "&amp;" in shown


def test_arrow_keys_in_the_page_list_turn_pages(qtbot, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = open_view(qtbot, context, interview_id)
    view.page_list.setFocus()
    qtbot.keyClick(view.page_list, Qt.Key.Key_Down)
    assert view.page_index == 1 and view.page_title.text() == "Extra"
