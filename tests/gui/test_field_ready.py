"""Form filling under time pressure, keyboard first, on a small screen:
focus, scrolling, a layout that does not move, errors only where seen,
dates in both forms, resuming a draft, the last-question review.

Real vaults, the real border questionnaire, real key and mouse events.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget
from test_interview_view_support import every_type_form, line_edit, open_context

from testimonio.gui.views.interview_view import InterviewView


def show(qtbot: Any, context: Any, interview_id: str, size: tuple[int, int] = (1000, 540)) -> Any:
    """The interview view at a netbook's size (1024×600 less a panel)."""
    view = InterviewView(context, interview_id)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.isActiveWindow(), timeout=2000)
    qtbot.wait(20)
    return view


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def in_viewport(view: Any, widget: QWidget) -> bool:
    """Whether ``widget``'s whole rectangle is inside the scroll area's viewport."""
    viewport = view.scroll_area.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return viewport.rect().contains(rect)


@pytest.fixture
def border(app: Any, tmp_path: Path) -> Any:
    context, interview_id = open_context(tmp_path)
    yield context, interview_id
    context.lock()


@pytest.fixture
def every(app: Any, tmp_path: Path) -> Any:
    context, interview_id = open_context(tmp_path, every_type_form(tmp_path))
    yield context, interview_id
    context.lock()


def consent_and_go_to(qtbot: Any, view: Any, page_key: str) -> None:
    view.page.rows["consent"].input.buttons()["yes"].click()
    qtbot.wait(10)
    index = next(i for i, p in enumerate(view.session.pages) if p.key == page_key)
    view.show_page(index)


def test_the_first_question_has_the_keyboard_and_tab_goes_questions_then_buttons(qtbot, border) -> None:  # noqa: ANN001
    context, interview_id = border
    view = show(qtbot, context, interview_id)
    consent = view.page.rows["consent"].input.focus_widgets()
    assert focused() is consent[0]  # not the language box
    consent_and_go_to(qtbot, view, "person")
    assert focused() is line_edit(view, "person/alias")
    seen = [view.current_path()]
    for _ in range(30):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if not view.page.isAncestorOf(focused()):
            break
        if view.current_path() != seen[-1]:
            seen.append(view.current_path())
        assert in_viewport(view, focused())
    # Every question came first, in form order (a choice group is one stop,
    # as in a browser: arrows move inside it), then the page buttons.
    assert seen == [row.path for row in view.page.visible_rows()]
    assert focused() is view.previous_button
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is view.next_button


def test_enter_moves_on_and_the_next_question_is_in_view(qtbot, border) -> None:  # noqa: ANN001
    context, interview_id = border
    view = show(qtbot, context, interview_id, (1000, 420))
    consent_and_go_to(qtbot, view, "person")
    alias = line_edit(view, "person/alias")
    qtbot.keyClicks(alias, "Rosa")
    qtbot.keyClick(alias, Qt.Key.Key_Return)
    for _ in range(3):  # real name, document, phone, then the gender choices
        assert in_viewport(view, focused())
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert view.current_path() == "person/gender"
    assert in_viewport(view, focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # picks a gender: no blind typing
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert view.current_path() == "person/age"
    age = focused()
    assert in_viewport(view, age)
    qtbot.keyClicks(age, "34")
    qtbot.keyClick(age, Qt.Key.Key_Return)
    assert view.current_path() == "person/occupation"
    assert in_viewport(view, focused())
    view.flush()
    assert context.interviews.answers(interview_id)["person/age"] == 34


def test_arrow_keys_pick_a_radio_choice_and_the_focus_is_drawn(qtbot, border) -> None:  # noqa: ANN001
    context, interview_id = border
    view = show(qtbot, context, interview_id)
    first = focused()
    assert isinstance(first, QRadioButton) and not first.isChecked()
    qtbot.keyClick(first, Qt.Key.Key_Down)
    second = focused()
    assert second is not first and isinstance(second, QRadioButton) and second.isChecked()
    qtbot.keyClick(second, Qt.Key.Key_Up)
    assert focused() is first and first.isChecked()
    view.flush()
    assert context.interviews.answers(interview_id)["consent"] == first.property("choice")
    # The style draws a ring around the focused choice (not only a dotted line).
    assert "QRadioButton:focus" in QApplication.instance().styleSheet()


def test_an_empty_repeat_page_gives_the_keyboard_to_add_and_the_new_one_is_in_view(qtbot, border) -> None:  # noqa: ANN001
    context, interview_id = border
    view = show(qtbot, context, interview_id, (1000, 420))
    consent_and_go_to(qtbot, view, "quotes")
    repeat = view.page.repeats["quotes"]
    assert focused() is repeat.add_button
    for count in range(1, 4):
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        assert repeat.count() == count
        assert view.current_path() == f"quotes[{count}]/quote_text"
        assert in_viewport(view, focused())
        qtbot.keyClicks(focused(), f"cita {count}")
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # multiline
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # to Remove, then Add
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is repeat.add_button
        assert in_viewport(view, focused())


def test_a_choice_made_and_cleared_moves_nothing_below(qtbot, border) -> None:  # noqa: ANN001
    context, interview_id = border
    view = show(qtbot, context, interview_id)
    consent_and_go_to(qtbot, view, "route")
    crossing = view.page.rows["route/crossing"].input
    below = view.page.rows["route/arrival_border_date"]
    before = (below.mapTo(view.page, QPoint(0, 0)), below.size())
    options = list(crossing.buttons().values())
    qtbot.mouseClick(options[0], Qt.MouseButton.LeftButton,
                     pos=QPoint(8, options[0].height() // 2))
    qtbot.wait(10)
    assert crossing.value() is not None
    assert (below.mapTo(view.page, QPoint(0, 0)), below.size()) == before
    qtbot.mouseClick(crossing._clear, Qt.MouseButton.LeftButton)
    qtbot.wait(10)
    assert crossing.value() is None
    assert (below.mapTo(view.page, QPoint(0, 0)), below.size()) == before
    # A message that comes and goes does not move the questions either.
    date = line_edit(view, "route/left_venezuela_date")
    date.setFocus()
    qtbot.keyClicks(date, "2099-01-01")
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert view.page.rows["route/left_venezuela_date"].error_text()
    assert (below.mapTo(view.page, QPoint(0, 0)), below.size()) == before


def test_problems_show_only_on_pages_already_seen(qtbot, border) -> None:  # noqa: ANN001
    context, interview_id = border
    view = show(qtbot, context, interview_id)
    view.page.rows["consent"].input.buttons()["yes"].click()
    qtbot.wait(10)
    problems = [view.page_model.summary(i).problems for i in range(view.page_model.rowCount())]
    assert problems == [0] * len(problems)  # nothing seen yet: nothing red
    qtbot.keyClick(view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    # The person page was left with a required alias empty: now it says so.
    person = next(i for i, p in enumerate(view.session.pages) if p.key == "person")
    assert view.page_index > person
    assert view.page_model.summary(person).problems > 0
    assert view.page_model.summary(view.page_index).problems == 0


@pytest.mark.parametrize(("language", "typed", "shown"), [
    ("es", "15/03/2024", "15/03/2024"),
    ("es", "2024-03-15", "15/03/2024"),
    ("en", "2024-03-15", "2024-03-15"),
    ("en", "15/03/2024", "2024-03-15"),
    ("es", "15032024", "15/03/2024"),  # digits only, from a number pad
    ("en", "20240315", "2024-03-15"),
])
def test_dates_in_both_forms(qtbot, border, language, typed, shown) -> None:  # noqa: ANN001
    from testimonio.gui.i18n import languages

    languages(QApplication.instance()).install(language)
    try:
        context, interview_id = border
        view = show(qtbot, context, interview_id)
        consent_and_go_to(qtbot, view, "route")
        date = line_edit(view, "route/left_venezuela_date")
        date.setFocus()
        qtbot.keyClicks(date, typed)
        assert date.text() == typed  # nothing typed is dropped ("1503")
        qtbot.keyClick(date, Qt.Key.Key_Tab)
        assert context.interviews.answers(interview_id)["route/left_venezuela_date"] == "2024-03-15"
        # Saved: digits alone are shown as a date at once; a written date stays as typed.
        assert date.text() == (shown if typed.isdigit() else typed)
        view.show_page(0)
        consent_and_go_to(qtbot, view, "route")
        assert line_edit(view, "route/left_venezuela_date").text() == shown
    finally:
        languages(QApplication.instance()).install("en")


def test_shift_tab_back_into_a_date_keeps_the_typing_there(qtbot, every) -> None:  # noqa: ANN001
    context, interview_id = every
    view = show(qtbot, context, interview_id)
    date = line_edit(view, "left")
    date.setFocus()
    qtbot.keyClicks(date, "2019-11-3")
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert view.current_path() == "at"
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is date
    qtbot.keyClick(date, Qt.Key.Key_End)
    qtbot.keyClicks(date, "0")
    assert date.text() == "2019-11-30"
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    assert context.interviews.answers(interview_id)["left"] == "2019-11-30"


def test_the_calendar_names_weekdays_refuses_forbidden_days_and_changes_year(qtbot, border) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QCalendarWidget

    context, interview_id = border
    view = show(qtbot, context, interview_id)
    consent_and_go_to(qtbot, view, "route")
    date_input = view.page.rows["route/left_venezuela_date"].input
    field = date_input._field
    assert field.calendar.horizontalHeaderFormat() == QCalendarWidget.HorizontalHeaderFormat.LongDayNames
    field._sync_calendar()
    field.year.setValue(2019)
    assert field.calendar.yearShown() == 2019
    tomorrow = QDate.currentDate().addDays(1)
    field.calendar.setCurrentPage(tomorrow.year(), tomorrow.month())
    assert field.calendar.dateTextFormat(tomorrow).fontStrikeOut()  # ". <= today()"
    assert not field.calendar.dateTextFormat(QDate.currentDate()).fontStrikeOut()
    field.calendar.clicked.emit(tomorrow)
    assert date_input.value() is None  # refused, nothing picked
    field.calendar.clicked.emit(QDate(2019, 5, 2))
    assert date_input.value() == "2019-05-02"
    assert QLocale().language() == QLocale.Language.English


def test_a_draft_resumes_where_it_was_left(qtbot, border) -> None:  # noqa: ANN001
    context, interview_id = border
    view = show(qtbot, context, interview_id)
    consent_and_go_to(qtbot, view, "conditions")
    meals = line_edit(view, "conditions/meals_per_day")
    meals.setFocus()
    qtbot.keyClicks(meals, "2")
    view.close_view()
    view.close()
    again = show(qtbot, context, interview_id)
    assert again.session.pages[again.page_index].key == "conditions"
    assert again.current_path() == "conditions/meals_per_day"


def test_the_last_question_leads_to_a_review_of_every_answer(qtbot, border, monkeypatch) -> None:  # noqa: ANN001
    from testimonio.gui.views import review_dialog

    seen: list[Any] = []

    def look(dialog: Any) -> int:
        seen.append(dialog)
        return 0

    monkeypatch.setattr(review_dialog.ReviewDialog, "exec", look)
    context, interview_id = border
    view = show(qtbot, context, interview_id)
    view.page.rows["consent"].input.buttons()["yes"].click()
    view.show_page(len(view.session.pages) - 1)
    assert view.is_last_page()
    notes = focused()
    qtbot.keyClicks(notes, "ok")
    qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # multiline
    assert focused() is view.next_button
    assert "last question" in view.last_label.text()
    qtbot.keyClick(view.next_button, Qt.Key.Key_Return)
    assert len(seen) == 1
    dialog = seen[0]
    problems = dialog.problem_paths()
    assert "person/alias" in problems and not dialog.complete_button.isEnabled()
    titles = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert len(titles) > 5
    # Picking a problem opens its question.
    dialog.go_to.connect(lambda _p: None)
    item = next(dialog.tree.topLevelItem(i).child(j)
                for i in range(dialog.tree.topLevelItemCount())
                for j in range(dialog.tree.topLevelItem(i).childCount())
                if dialog.tree.topLevelItem(i).child(j).text(2))
    dialog._picked(item)
    assert view.current_path() == "person/alias"


def test_problem_counts_have_plural_forms_in_english_and_spanish(app: Any) -> None:
    from conftest import build_qm
    from testimonio.gui.i18n import languages
    from testimonio.gui.views.page_list import PageListModel, PageSummary

    build_qm()
    model = PageListModel()
    model.set_summaries([PageSummary("A", 1, 2, 1), PageSummary("B", 0, 2, 3)])
    one, three = (str(model.data(model.index(row, 0))) for row in (0, 1))
    assert "⚠ 1 problem" in one and "(s)" not in one and "⚠ 3 problems" in three
    languages(app).install("es")
    try:
        one, three = (str(model.data(model.index(row, 0))) for row in (0, 1))
        assert "⚠ 1 problema" in one and "⚠ 3 problemas" in three
    finally:
        languages(app).install("en")
