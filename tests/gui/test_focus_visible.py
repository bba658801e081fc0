"""The keyboard's place is drawn on a button the program gives it to, not
only after Tab (gui.application.FocusVisibleStyle, set by create_application)."""

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
