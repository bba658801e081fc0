"""The recovery key, shown once, with a check that it was written down.

The key is shown as large monospaced groups that cannot be selected or
copied (nothing readable goes to the clipboard). Once the person says it is
written down the key is hidden, and one group of it, chosen at random, must
be typed back from the paper (a wrong group says so); "Show the key again"
goes back a step and asks for another group.
"""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def key_groups(recovery_key: str) -> list[str]:
    """The groups of the key as printed (split on dashes or spaces)."""
    groups = [g for g in recovery_key.replace(" ", "-").split("-") if g]
    if len(groups) > 1:
        return groups
    return [recovery_key[i:i + 4] for i in range(0, len(recovery_key), 4)]


class RecoveryKeyPanel(QWidget):
    """Shows the key and checks one group typed back; ``confirmed_changed(bool)``."""

    confirmed_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: list[str] = []
        self.asked = 0
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.key_label = QLabel(self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(font)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setWordWrap(True)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Not selectable: nothing readable may reach the clipboard.
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.check_label = QLabel(self)
        self.check_label.setWordWrap(True)
        self.check = QLineEdit(self)
        self.check.setMaxLength(64)
        self.check_label.setBuddy(self.check)
        self.check.textChanged.connect(self._checked)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.written_button = QPushButton(self)
        self.written_button.clicked.connect(self.start_check)
        self.again_button = QPushButton(self)
        self.again_button.setAutoDefault(False)
        self.again_button.clicked.connect(self.show_key)
        buttons = QHBoxLayout()
        buttons.addWidget(self.written_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.key_label)
        layout.addSpacing(8)
        layout.addWidget(self.check_label)
        layout.addWidget(self.check)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate()
        self.show_key()

    def retranslate(self) -> None:
        """Set every text in the current language."""
        self.intro.setText(self.tr(
            "This is your recovery key. Write it on paper now and keep it apart from "
            "the laptop. It opens the vault if the passphrase is forgotten. "
            "It will not be shown again."))
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.check.setAccessibleName(self.tr("Group of the recovery key, typed back"))
        self.written_button.setText(self.tr("I have &written it down"))
        self.again_button.setText(self.tr("&Show the key again"))
        self._update_question()

    @property
    def checking(self) -> bool:
        """Whether the key is hidden and a group is asked from the paper."""
        return not self.check.isHidden()

    def show_key(self) -> None:
        """Step one: the key on screen; the check waits."""
        if self.checking and self._groups:
            self.asked = secrets.randbelow(len(self._groups))  # another group
            self.check.clear()
            self._update_question()
        self.key_label.show()
        self.intro.show()
        for widget in (self.check_label, self.check, self.state, self.again_button):
            widget.hide()
        self.written_button.show()
        self.written_button.setFocus()

    def start_check(self) -> None:
        """Step two: the key hidden, one group typed back from the paper."""
        self.key_label.hide()
        self.intro.hide()
        self.written_button.hide()
        for widget in (self.check_label, self.check, self.state, self.again_button):
            widget.show()
        self.check.setFocus()

    def set_key(self, recovery_key: str) -> None:
        """Show ``recovery_key`` and pick which group to ask for."""
        self._groups = key_groups(recovery_key)
        self.key_label.setText("  ".join(self._groups))
        self.asked = secrets.randbelow(len(self._groups)) if self._groups else 0
        self.check.clear()
        self._update_question()
        self.show_key()

    def clear(self) -> None:
        """Forget the key (after it was confirmed)."""
        self._groups = []
        self.key_label.clear()
        self.check.clear()

    def _update_question(self) -> None:
        self.check_label.setText(self.tr(
            "From what you wrote, type group number {number} of the key:").format(
                number=self.asked + 1))
        self._checked(self.check.text())

    def is_confirmed(self) -> bool:
        """Whether the asked group was typed back correctly."""
        if not self._groups:
            return False
        typed = self.check.text().strip().replace(" ", "").upper()
        return typed == self._groups[self.asked].upper()

    def expected_group(self) -> str:
        """The group being asked for (for tests and screenshots)."""
        return self._groups[self.asked] if self._groups else ""

    def _checked(self, _text: str) -> None:
        ok = self.is_confirmed()
        typed = self.check.text().strip().replace(" ", "")
        wanted = len(self._groups[self.asked]) if self._groups else 0
        if ok:
            self.state.setText(self.tr("Correct."))
            self.state.setObjectName("")
        elif wanted and len(typed) >= wanted:
            self.state.setText(self.tr(
                "That is not group {number} of the key. Check what you wrote, or show "
                "the key again.").format(number=self.asked + 1))
            self.state.setObjectName("error")
        else:
            self.state.setText("")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        self.confirmed_changed.emit(ok)


class RecoveryKeyDialog(QDialog):
    """A dialog around :class:`RecoveryKeyPanel` for a newly made key."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery key"))
        self.panel = RecoveryKeyPanel(self)
        self.panel.set_key(recovery_key)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok.setText(self.tr("&Continue"))  # enabled once a group was typed back
        self._ok.setEnabled(False)
        self.panel.confirmed_changed.connect(self._ok.setEnabled)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.panel.is_confirmed():
            self.panel.clear()
            super().accept()

    def reject(self) -> None:
        # Closing without confirming is allowed only once the key is checked.
        if self.panel.is_confirmed():
            self.accept()
