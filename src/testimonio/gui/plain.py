"""Text from outside, shown as text: never as rich text (issue 15, item 2).

A QLabel, a tooltip or a message box guesses "rich text" when a string
looks like HTML (Qt::mightBeRichText). A name in a key file, a study name,
a site or an alias in an imported bundle, or an error sentence quoting one,
could then draw a genuine-looking fingerprint in large type. Everything
that may hold such text goes through these helpers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain(label: QLabel) -> QLabel:
    """``label`` set to show its text as plain text, whatever it holds."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A new label that shows its text as plain text."""
    return plain(QLabel(text, parent))


def plain_tooltip(text: str) -> str:
    """A tooltip string that shows ``text`` literally (tooltips have no text format)."""
    return GuiQt.convertFromPlainText(text) if text else ""


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A warning message box whose text is shown as plain text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def plain_message(text: str) -> str:
    """``text`` for a message box that cannot be told to show plain text (the
    static ``QMessageBox.question``): escaped, so it shows literally."""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
