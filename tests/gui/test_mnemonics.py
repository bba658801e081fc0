"""Each menu's Alt letters are its own: a letter two entries share only moves
between them (Team had "Researchers", "Write a receipt…" and "Write a
report…" on R), in English and in Spanish."""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMenu

from testimonio.gui.main_window import MainWindow

_MNEMONIC = re.compile(r"&([^&\s])")


def _letters(texts: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text in texts:
        match = _MNEMONIC.search(text.replace("&&", ""))
        if match:
            found.setdefault(match.group(1).casefold(), []).append(text)
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_menu_gives_one_letter_to_two_entries(qtbot: Any, context: Any, language: str) -> None:
    from testimonio.gui.i18n import languages
    from testimonio.gui.language_switch import switch_language

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    try:
        if language != "en":
            assert switch_language(window, language)
        bar = window.menuBar()
        tops = [a.text() for a in bar.actions()]
        assert not [v for v in _letters(tops).values() if len(v) > 1], tops
        for action in bar.actions():
            menu = action.menu()
            assert isinstance(menu, QMenu)
            menu.aboutToShow.emit()  # entries a role cannot use are disabled, not removed
            texts = [a.text() for a in menu.actions() if not a.isSeparator()]
            shared = {k: v for k, v in _letters(texts).items() if len(v) > 1}
            assert not shared, (action.text(), shared)
    finally:
        languages(QApplication.instance()).install("en")


def _window_letters(window: Any) -> dict[str, list[str]]:
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar

    texts = []
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel) \
            + window.findChildren(QGroupBox):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue  # a label's letter acts only through its buddy
        texts.append(widget.title() if isinstance(widget, QGroupBox) else widget.text())
    for bar in window.findChildren(QMenuBar):
        texts += [a.text() for a in bar.actions()]
    return {k: v for k, v in _letters(texts).items() if len(v) > 1}


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_window_gives_one_letter_to_two_controls(qtbot: Any, context: Any, interviews: Any,
                                                    language: str) -> None:
    from PySide6.QtWidgets import QWidget
    from test_dialog_focus import _dialogs

    from testimonio.gui.i18n import languages

    languages(QApplication.instance()).install(language)
    try:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        problems = {"main window": _window_letters(window)}
        for view in ("researchers", "summary", "data"):  # each with the menu bar's letters
            window.show_view(view)
            problems[view] = _window_letters(window)
        window.open_interview(interviews[0])
        problems["interview"] = _window_letters(window)
        window.show_list()
        host = QWidget()
        qtbot.addWidget(host)
        for name, make in _dialogs().items():
            dialog = make(context, host)  # host's child: gone with it
            dialog.show()
            problems[name] = _window_letters(dialog)
            dialog.hide()
        assert not {name: shared for name, shared in problems.items() if shared}
    finally:
        languages(QApplication.instance()).install("en")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_setting_has_an_alt_letter_that_reaches_its_field(qtbot: Any, context: Any, language: str) -> None:
    """The settings' labels come from their declaration (the command line shows
    them too): the dialog gives each a free letter, and Alt with it moves there."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from testimonio.gui.dialogs.settings_dialog import SettingsDialog
    from testimonio.gui.i18n import languages

    languages(QApplication.instance()).install(language)
    try:
        dialog = SettingsDialog(context.preferences)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
        assert len(labels) == len(dialog.editors)
        letters = {label.text(): _MNEMONIC.search(label.text()) for label in labels}
        assert all(letters.values()), letters
        assert not _window_letters(dialog)
        last = labels[-1]
        match = letters[last.text()]
        assert match is not None
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog, match.group(1).lower(), Qt.KeyboardModifier.AltModifier)
        assert last.buddy().hasFocus() or last.buddy().isAncestorOf(QApplication.focusWidget())
    finally:
        languages(QApplication.instance()).install("en")
