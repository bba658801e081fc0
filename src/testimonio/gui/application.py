"""The QApplication with the program's names, icon and style sheet."""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionButton,
    QWidget,
)

from testimonio.gui.dialog_size import install_screen_fit
from testimonio.gui.enter_keys import install_enter_presses
from testimonio.paths import resource_path

_HAS_FOCUS = QStyle.StateFlag.State_HasFocus
_PUSH_BUTTON = QStyle.ControlElement.CE_PushButton


class FocusVisibleStyle(QProxyStyle):
    """The platform's style, with the keyboard's place always drawn on buttons.

    Qt draws a focused button's frame only after Tab moved the keyboard in
    that window, so a button the program gives the keyboard to (the "Add"
    of an empty repeat, "I have written it down", "Next page" after the last
    answer) looked like any other while Enter or Space would press it.
    Choices and fields show theirs through the style sheet.
    """

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,  # noqa: N802
                    painter: QPainter, widget: QWidget | None = None) -> None:
        if element == _PUSH_BUTTON and option.state & _HAS_FOCUS and isinstance(option, QStyleOptionButton):
            option = QStyleOptionButton(option)
            option.state |= QStyle.StateFlag.State_KeyboardFocusChange
        super().drawControl(element, option, painter, widget)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, icon and style sheet (reused if it exists)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Testimonio")
    app.setOrganizationName("Testimonio")
    app.setApplicationDisplayName("Testimonio")
    app.setWindowIcon(QIcon(str(resource_path("icons", "testimonio.svg"))))
    if not app.property("focusVisible"):  # once: the style sheet wraps whatever style is set
        app.setStyle(FocusVisibleStyle(app.style().name()))
        app.setProperty("focusVisible", True)
    style = resource_path("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    install_screen_fit(app)  # no window larger than a 1024×600 netbook's screen
    install_enter_presses(app)  # Enter presses the focused button, as Space does
    return app
