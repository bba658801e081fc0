"""The interview list, keyboard first: accent-insensitive search, Enter opens
the selected or first row (the keyboard arriving selects the row it lands
on), Alt+T is not taken by a filter, Ctrl+E reaches Export from the search
field, an interview started by mistake leaves no blank draft, and the delete
confirmation names the interview."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from testimonio.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, context: Any, interviews: list[str]) -> MainWindow:
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _search(qtbot: Any, window: MainWindow, text: str) -> int:
    view = window.list_view
    view.search.setFocus()
    view.search.clear()
    qtbot.keyClicks(view.search, text)
    view.apply_search()
    return view.model.rowCount()


def test_search_ignores_accents_and_case(qtbot: Any, window: MainWindow, context: Any,
                                         interviews: list[str]) -> None:
    context.interviews.set_answer(interviews[0], "person/alias", "José Ñáñez", who="Ana")
    context.interviews.set_answer(interviews[1], "person/alias", "MARÍA jose", who="Ana")
    window.list_view.refresh()
    assert _search(qtbot, window, "jose") == 2
    assert _search(qtbot, window, "JOSÉ") == 2
    assert _search(qtbot, window, "nanez") == 1
    assert _search(qtbot, window, "maria") == 1
    assert _search(qtbot, window, "Persona 0005") == 1  # plain text still found


def test_enter_opens_the_first_row_then_the_selected_one(qtbot: Any, window: MainWindow) -> None:
    view = window.list_view
    first = view.model.interview_id(0)
    view.table.clearSelection()
    view.table.setFocus()
    assert view.current_id() is None
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.views["interview"].interview_id == first
    window.show_list()
    # From the search field: Enter searches and puts the keyboard on the first match.
    _search(qtbot, window, "Persona 0007")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.table.hasFocus() and view.current_id() is not None
    wanted = view.current_id()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.views["interview"].interview_id == wanted


def test_alt_t_is_left_to_the_team_menu_and_ctrl_e_reaches_export(
        qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    mnemonics = [label.text().lower() for label in window.list_view.findChildren(QLabel)
                 if "&" in label.text()]
    assert not any("&t" in text or "&i" in text for text in mnemonics), mnemonics
    opened: list[str] = []
    monkeypatch.setattr(window, "open_dialog", lambda name: opened.append(name) or 0)
    window.export_action.triggered.disconnect()
    window.export_action.triggered.connect(lambda: window.open_dialog("export"))
    window.list_view.search.setFocus()
    qtbot.keyClicks(window.list_view.search, "Pers")
    qtbot.keyClick(window.list_view.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["export"]
    assert window.list_view.search.text() == "Pers"
    # Where the desktop binds Ctrl+E to "end of line" (X11, macOS) the line
    # edit accepts the shortcut override; the filter refuses it for the window.
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E,
                         Qt.KeyboardModifier.ControlModifier, "e")
    override.accept()
    assert window.list_view._shortcuts.eventFilter(window.list_view.search, override)
    assert not override.isAccepted()
    plain = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier, "e")
    assert not window.list_view._shortcuts.eventFilter(window.list_view.search, plain)


def test_a_new_interview_left_without_answers_is_not_kept(
        qtbot: Any, window: MainWindow, context: Any, border: Any) -> None:
    before = context.interviews.count(_all())
    interview_id = context.interviews.start(border.form_id, border.version, "Tumbes", "Ana", "es")
    window._fresh_id = interview_id  # as new_interview() does after its dialog
    window.open_interview(interview_id)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert context.interviews.count(_all()) == before
    assert "not kept" in window.statusBar().currentMessage()
    # One with an answer stays.
    kept = context.interviews.start(border.form_id, border.version, "Tumbes", "Ana", "es")
    window._fresh_id = kept
    window.open_interview(kept)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # consent: a choice
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert context.interviews.count(_all()) == before + 1


def test_the_delete_confirmation_names_the_interview(
        qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def answer(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    view = window.list_view
    _search(qtbot, window, "Persona 0003")
    view.table.selectRow(0)
    window.delete_interview()
    assert asked and "“Persona 0003”" in asked[0] and "Huaquillas" in asked[0]


def _all() -> Any:
    from testimonio.vault.records import InterviewQuery

    return InterviewQuery()


def test_the_keyboard_arriving_in_the_list_selects_the_row_it_lands_on(qtbot: Any, window: MainWindow) -> None:
    # Enter opens the row the keyboard is on; the toolbar's Open acts on the same row.
    view = window.list_view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.search.setFocus()
    view.table.clearSelection()
    window._update_actions()
    assert not window.open_action.isEnabled()
    last_filter = view.researcher if view.researcher.isVisibleTo(view) else view.form
    last_filter.setFocus()
    qtbot.waitUntil(last_filter.hasFocus)
    qtbot.keyClick(last_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.table, QApplication.focusWidget()
    assert view.current_id() == view.model.interview_id(0)
    assert window.open_action.isEnabled()


def test_an_empty_list_tells_a_lead_to_import(qtbot: Any, context: Any, tmp_path: Any) -> None:
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    assert "Interview → New" in w.list_view.empty.text()
    context.team.create("Tumbes", tmp_path / "team.tteam")
    w.list_view.refresh()
    assert "Import bundles (Ctrl+I)" in w.list_view.empty.text()
