"""The main window: list, search, filters, delete, menus, status bar."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from testimonio.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, context: Any, interviews: list[str]) -> MainWindow:
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_list_shows_every_interview_and_says_saved(window: MainWindow) -> None:
    table = window.list_view.table
    assert table.model().rowCount() == 12
    assert window.save_label.text() == "All changes saved"
    assert window.windowTitle() == "Testimonio"
    assert window.stack.currentWidget() is window.list_view


def test_search_and_filters_narrow_the_list(qtbot: Any, window: MainWindow) -> None:
    view = window.list_view
    qtbot.keyClicks(view.search, "0003")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert view.model.data(view.model.index(0, 0)) == "Persona 0003"
    view.search.clear()
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.model.rowCount() == 12
    view.site.setCurrentIndex(view.site.findData("Tumbes"))
    view.apply_filters()
    assert view.model.rowCount() == 6
    view.status.setCurrentIndex(view.status.findData("complete"))
    view.apply_filters()
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    assert "No interview matches" in view.empty.text()
    assert view.form.findData("border_testimony") > 0


def test_deleting_a_draft_asks_first(qtbot: Any, window: MainWindow, monkeypatch: Any,
                                     context: Any) -> None:
    view = window.list_view
    view.table.selectRow(0)
    doomed = view.current_id()
    assert window.delete_action.isEnabled()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    window.delete_action.trigger()
    assert view.model.rowCount() == 12
    view.table.selectRow(0)
    assert view.current_id() == doomed
    window.delete_action.trigger()
    assert view.model.rowCount() == 11
    assert context.interviews.count(view.model._query()) == 11


def test_menus_show_shortcuts_for_the_main_actions(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Interview", "&Team", "&View", "&Help"]
    for action in (window.new_action, window.open_action, window.delete_action,
                   window.lock_action, window.panic_action, window.settings_action,
                   window.quit_action):
        assert not action.shortcut().isEmpty(), action.text()
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert window.panic_action.shortcut().toString() == "Ctrl+Shift+L"


def test_every_input_has_an_accessible_name(window: MainWindow) -> None:
    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox, QTableView)
    inputs = [w for w in window.findChildren(QWidget) if isinstance(w, kinds)
              and w.isVisibleTo(window) and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]
    assert len(inputs) >= 5
    assert [w for w in inputs if not w.accessibleName()] == []


def test_keyboard_reaches_search_filters_and_table_in_order(qtbot: Any, window: MainWindow) -> None:
    view = window.list_view
    view.search.setFocus()
    order = [view.search]
    for _ in range(4):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        order.append(window.focusWidget())
    assert order == [view.search, view.site, view.status, view.form, view.table]


def test_the_status_bar_follows_the_save_state(window: MainWindow) -> None:
    window.set_save_state(False)
    assert window.save_label.text() == "Saving…"
    window.set_save_state(False, "the disk is full")
    assert window.save_label.text() == "Not saved" and "disk is full" in window.save_label.toolTip()
    window.set_save_state(True)
    assert window.save_label.text() == "All changes saved"


def test_enter_opens_an_interview_and_ctrl_w_saves_and_returns(
        qtbot: Any, window: MainWindow, interviews: list[str]) -> None:
    from PySide6.QtWidgets import QApplication

    view = window.list_view
    view.table.setFocus()
    view.table.selectRow(1)
    chosen = view.current_id()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    interview = window.views["interview"]
    assert interview.interview_id == chosen and window.stack.currentWidget() is interview
    assert not window.back_action.isEnabled() and not window.delete_action.isEnabled()
    interview.focus_path("person/alias")
    qtbot.keyClick(QApplication.focusWidget() or interview, Qt.Key.Key_W,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.list_view, timeout=2000)
    assert "interview" not in window.views
    assert window.save_label.text() == "All changes saved"


def test_every_hosted_view_opens(qtbot: Any, window: MainWindow) -> None:
    for name in ("researchers", "summary"):
        window.show_view(name)
        assert window.stack.currentWidget() is window.views[name]
    window.show_list()
    assert window.stack.currentWidget() is window.list_view


def test_a_damaged_recovery_slot_is_said_once_the_vault_is_open(qtbot, app, tmp_path) -> None:
    import json

    from PySide6.QtWidgets import QApplication, QMessageBox

    from testimonio.gui.context import AppContext
    from testimonio.vault import SLOTS_NAME, KdfParams, Vault

    folder = tmp_path / "vault"
    Vault.create(folder, "a passphrase long enough 42", kdf=KdfParams.FAST)[0].lock()
    doc = json.loads((folder / SLOTS_NAME).read_text())
    recovery = next(s for s in doc["slots"] if s["kind"] == "recovery")
    first = recovery["wrapped_key"][0]
    # A different first character (replacing it with "A" changed nothing 1 time in 64).
    recovery["wrapped_key"] = ("B" if first == "A" else "A") + recovery["wrapped_key"][1:]
    (folder / SLOTS_NAME).write_text(json.dumps(doc))
    context = AppContext(folder)
    context.unlock("a passphrase long enough 42")
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()

    def boxes() -> list[QMessageBox]:
        return [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]

    qtbot.waitUntil(lambda: bool(boxes()), timeout=5000)
    box = boxes()[0]
    assert "recovery-key slot is damaged" in box.text() and "passphrase still does" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.accept()
    window.close()
