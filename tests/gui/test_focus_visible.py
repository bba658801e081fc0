"""The keyboard's place is drawn on a button the program gives it to, not
only after Tab (gui.application.FocusVisibleStyle, set by create_application),
and Enter presses it (gui.enter_keys)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QPushButton, QStyleFactory, QVBoxLayout, QWidget


def _looks(button: QPushButton, focused: bool) -> QImage:
    if focused:
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        assert button.hasFocus()
    else:
        button.clearFocus()
    QApplication.processEvents()
    return button.grab().toImage()


def _window(qtbot: Any) -> tuple[QWidget, QPushButton]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    button = QPushButton("Add: Companion", window)
    layout.addWidget(button)
    layout.addWidget(QPushButton("Next page", window))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, button


def test_a_button_given_the_keyboard_by_the_program_looks_focused(qtbot: Any, app: Any) -> None:
    window, button = _window(qtbot)
    assert not window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)  # no Tab pressed
    assert _looks(button, focused=True) != _looks(button, focused=False)


def test_without_it_qt_draws_no_focus_until_tab(qtbot: Any, app: Any) -> None:
    # What the style is for: the plain style draws both alike (so the test above can fail).
    window, button = _window(qtbot)
    plain = QStyleFactory.create("fusion")
    button.setStyle(plain)
    assert _looks(button, focused=True) == _looks(button, focused=False)


def test_enter_presses_the_focused_button_where_it_did_nothing(qtbot: Any, app: Any) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit

    pressed: list[str] = []
    window, button = _window(qtbot)
    button.clicked.connect(lambda: pressed.append("add"))
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pressed == ["add"])  # outside a dialog Qt did nothing

    def dialog_with(default: bool) -> tuple[QDialog, QLineEdit, QPushButton]:
        dialog = QDialog(window)
        qtbot.addWidget(dialog)
        layout = QVBoxLayout(dialog)
        field = QLineEdit(dialog)
        cancel = QPushButton("Cancel", dialog)
        cancel.setAutoDefault(False)
        go = QPushButton("Next", dialog)
        go.setAutoDefault(False)
        go.setDefault(default)
        for widget in (field, cancel, go):
            layout.addWidget(widget)
        cancel.clicked.connect(lambda: pressed.append("cancel"))
        go.clicked.connect(lambda: pressed.append("next"))
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog, field, cancel

    # No default button (the team dialog): Enter on a button presses it.
    _dialog, _field, cancel = dialog_with(default=False)
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pressed[-1:] == ["cancel"])
    # A default button (Next, Export, Unlock): Enter presses it, whatever button
    # the keyboard was moved to (never a Cancel), and from a field too.
    _dialog, field, cancel = dialog_with(default=True)
    cancel.setFocus()
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pressed[-1:] == ["next"])
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pressed[-2:] == ["next", "next"])
    assert pressed == ["add", "cancel", "next", "next"]
