"""A strength meter for the vault passphrase.

The estimate is deliberately simple and conservative: it counts the size of
the alphabet the passphrase draws from, or its words for a passphrase of
several words, and takes off for repeats, sequences and very common
choices. It only guides; Argon2id does the real protection.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

MIN_ACCEPTED_SCORE = 2
MIN_LENGTH = 10
_COMMON = {
    "password", "contraseña", "contrasena", "123456", "12345678", "qwerty", "111111",
    "testimonio", "iloveyou", "admin", "letmein", "welcome", "abc123", "secreto",
}
_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm")


def _reduce(text: str) -> str:
    """Collapse a repeated unit ("abcabc" -> "abc") and common words to one letter."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            text = text[:size]
            break
    for word in sorted(_COMMON, key=len, reverse=True):
        if len(word) >= 5 and word in text and word != text:
            text = text.replace(word, word[0])
    return text


def entropy_bits(passphrase: str) -> float:
    """A rough, conservative estimate of the passphrase's entropy in bits."""
    if not passphrase:
        return 0.0
    lowered = _reduce(passphrase.lower())
    if lowered in _COMMON:
        return 5.0
    pool = 0
    if re.search(r"[a-z]", passphrase):
        pool += 26
    if re.search(r"[A-Z]", passphrase):
        pool += 26
    if re.search(r"[0-9]", passphrase):
        pool += 10
    if re.search(r"[^a-zA-Z0-9\s]", passphrase):
        pool += 33
    if re.search(r"\s", passphrase):
        pool += 1
    # Repeated characters and runs add almost nothing.
    effective = 0
    previous = ""
    for index, char in enumerate(lowered):
        run = any(seq.find(lowered[max(0, index - 2):index + 1]) >= 0
                  for seq in _SEQUENCES) and index >= 2
        if char != previous and not run:
            effective += 1
        previous = char
    by_chars = effective * math.log2(max(pool, 2))
    words = [w for w in re.split(r"[\s\-_.,]+", lowered) if len(w) >= 3]
    # Several words: count each as a pick from a large word list (~2^11).
    by_words = len(set(words)) * 11.0 if len(words) >= 3 else 0.0
    return max(min(by_chars, 4.0 * effective), by_words)


def strength_score(passphrase: str) -> int:
    """0 (very weak) to 4 (very strong)."""
    bits = entropy_bits(passphrase)
    for score, limit in ((0, 28), (1, 40), (2, 56), (3, 72)):
        if bits < limit:
            return score
    return 4


class PasswordStrengthMeter(QWidget):
    """A bar and a word that follow the passphrase as it is typed."""

    _COLORS = ("#b3261e", "#c75400", "#a87b00", "#2e7d32", "#1b5e20")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar = QProgressBar(self)
        self._bar.setRange(0, 4)
        self._bar.setTextVisible(False)
        self._bar.setMaximumHeight(10)
        self._label = QLabel(self)
        self._label.setMinimumWidth(self._label.fontMetrics().horizontalAdvance("M" * 8))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._bar, 1)
        layout.addWidget(self._label)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.score = 0
        self.set_passphrase("")

    def _words(self) -> tuple[str, ...]:
        return (self.tr("Very weak"), self.tr("Weak"), self.tr("Fair"), self.tr("Strong"),
                self.tr("Very strong"))

    def set_passphrase(self, passphrase: str) -> None:
        """Show the strength of ``passphrase``."""
        self.score = strength_score(passphrase)
        self._bar.setValue(self.score if passphrase else 0)
        word = self._words()[self.score] if passphrase else ""
        self._label.setText(word)
        color = self._COLORS[self.score]
        self._bar.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        self.setAccessibleName(self.tr("Passphrase strength"))
        self.setAccessibleDescription(word)

    def is_acceptable(self) -> bool:
        """Whether the strength is enough to create a vault."""
        return self.score >= MIN_ACCEPTED_SCORE
