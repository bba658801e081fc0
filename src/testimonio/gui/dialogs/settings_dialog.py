"""The settings dialog, built from the one declaration in services.preferences.

Each :class:`~testimonio.services.preferences.Preference` gets the editor
its kind calls for; adding a setting to the declaration adds it here with no
other change. Values are checked as a whole and stored only when all are
valid.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.dialog_size import keep_on_screen
from testimonio.gui.mnemonics import give_letters, letters_of
from testimonio.services.preferences import (
    PREFERENCES,
    TRANSLATION_CONTEXT,
    Preference,
    SettingValue,
    split_sites,
)

log = logging.getLogger(__name__)


def translated(text: str) -> str:
    """A label of the declaration in the interface language."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


class SettingsDialog(QDialog):
    """Edits every declared setting of ``preferences``."""

    def __init__(self, preferences: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self.setWindowTitle(self.tr("Settings"))
        self.editors: dict[str, QWidget] = {}
        current = preferences.as_dict()
        form = QFormLayout()
        labels: list[QLabel] = []
        for pref in PREFERENCES:
            editor = self._editor(pref, current[pref.name])
            editor.setAccessibleName(translated(pref.label))
            help_text = " ".join(filter(None, (translated(pref.help) if pref.help else "",
                                               self._floor_text(pref))))
            if help_text:
                editor.setToolTip(help_text)
                editor.setAccessibleDescription(help_text)
            label = QLabel(translated(pref.label) + ":", self)
            label.setBuddy(editor)
            labels.append(label)
            form.addRow(label, editor)
            if help_text:
                help_label = QLabel(help_text, self)
                help_label.setObjectName("help")
                help_label.setWordWrap(True)
                form.addRow("", help_label)
            self.editors[pref.name] = editor
        self._fill_sites(current.get("default_site", ""))
        self.message = QLabel(self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        give_letters(labels, letters_of(b.text() for b in buttons.buttons()))
        self.setMinimumWidth(520)
        # The settings scroll on a screen too short for them all (a 1024×600
        # netbook in Spanish, with the lead's k explained): the buttons stay.
        self.body = QWidget(self)
        self.body.setLayout(form)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit_help)  # not after the dialog is gone

    def _fit_help(self) -> None:
        # The help lines get their small font from the style sheet only once
        # shown: give each the lines it needs then, so none is cut.
        for combo in self.findChildren(QComboBox):
            # Never narrower than its longest choice ("Mostradas como «menos de k»"),
            # measured now that the style sheet's font and padding apply.
            combo.setMinimumWidth(combo.sizeHint().width())
        for label in self.findChildren(QLabel, "help"):
            label.setMinimumHeight(label.heightForWidth(max(label.width(), 100)))
        layout = self.layout()
        if layout is not None:
            layout.activate()
        body = self.body.sizeHint()
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        wanted = QSize(body.width() + bar, body.height()) + (
            self.sizeHint() - self.scroll_area.sizeHint())  # the message, buttons and margins
        if self.height() < wanted.height() or self.width() < wanted.width():
            self.resize(max(self.width(), wanted.width()), max(self.height(), wanted.height()))
            keep_on_screen(self)  # a netbook's screen is the limit

    def _editor(self, pref: Preference, value: SettingValue) -> QWidget:
        if pref.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(pref.minimum, pref.maximum)
            # The team lead set k: a researcher may raise it, never lower it.
            spin.setMinimum(max(pref.minimum, self._floor(pref)))
            spin.setValue(int(value) if isinstance(value, int) else int(str(pref.default)))
            return spin
        if pref.kind in ("choice", "site"):
            combo = QComboBox(self)
            for stored, label in pref.choices:
                combo.addItem(translated(label), stored)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            return combo
        if pref.kind == "list":
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setPlainText("\n".join(value if isinstance(value, list) else []))
            text.setMaximumHeight(110)
            text.textChanged.connect(lambda: self._fill_sites(None))
            return text
        line = QLineEdit(self)
        line.setText(str(value))
        return line

    def _floor(self, pref: Preference) -> int:
        """The team lead's k for the k setting (0 when none or another setting)."""
        return int(getattr(self._preferences, "team_k", 0)) if pref.name == "k_anonymity" else 0

    def _floor_text(self, pref: Preference) -> str:
        floor = self._floor(pref)
        if not floor:
            return ""
        return self.tr("The team lead set %1 as the minimum; you may raise it, not lower it."
                       ).replace("%1", str(floor))

    def _fill_sites(self, keep: SettingValue | None) -> None:
        # The "site" editors offer the sites typed in the "list" editor.
        sites_editor = self.editors.get("sites")
        if not isinstance(sites_editor, QPlainTextEdit):
            return
        sites = split_sites(sites_editor.toPlainText())
        for pref in PREFERENCES:
            combo = self.editors.get(pref.name)
            if pref.kind != "site" or not isinstance(combo, QComboBox):
                continue
            chosen = combo.currentData() if keep is None else keep
            combo.clear()
            combo.addItem(self.tr("(none)"), "")
            for site in sites:
                combo.addItem(site, site)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def values(self) -> dict[str, SettingValue]:
        """The values in the editors, typed as the declaration says."""
        out: dict[str, SettingValue] = {}
        for pref in PREFERENCES:
            editor = self.editors[pref.name]
            if isinstance(editor, QSpinBox):
                out[pref.name] = editor.value()
            elif isinstance(editor, QComboBox):
                out[pref.name] = str(editor.currentData() or "")
            elif isinstance(editor, QPlainTextEdit):
                out[pref.name] = split_sites(editor.toPlainText())
            elif isinstance(editor, QLineEdit):
                out[pref.name] = editor.text().strip()
        return out

    def accept(self) -> None:
        try:
            self._preferences.update(self.values())
        except TestimonioError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        super().accept()
