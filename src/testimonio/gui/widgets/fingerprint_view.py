"""A fingerprint shown to be compared aloud: twelve words, then the hex.

Both say the same 128 bits (see :func:`testimonio.exchange.fingerprint.fingerprint_words`);
people compare whichever is easier over the line. The text is plain and not
selectable: it is read, never copied into a chat.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from testimonio.errors import TestimonioError
from testimonio.exchange.fingerprint import fingerprint_words


def _plain_label(parent: QWidget, scale: float, fixed: bool) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = (QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if fixed
            else QFont(label.font()))
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class FingerprintView(QFrame):
    """Words and hex of one fingerprint, in a framed box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprintView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.words = _plain_label(self, 1.2, False)
        self.words.setObjectName("fingerprintWords")
        self.hex = _plain_label(self, 1.1, True)
        self.hex.setObjectName("fingerprintHex")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.words)
        layout.addWidget(self.hex)
        self._fingerprint = ""

    def setText(self, fingerprint: str) -> None:  # noqa: N802 - a QLabel's name, on purpose
        """Show ``fingerprint`` (display form); an empty text clears the box."""
        self._fingerprint = fingerprint
        try:
            words = fingerprint_words(fingerprint) if fingerprint else ()
        except TestimonioError:
            words = ()
        # Three lines of four words: short enough to read one line at a time.
        self.words.setText("\n".join("  ".join(words[i:i + 4]) for i in range(0, len(words), 4)))
        self.words.setVisible(bool(words))
        self.hex.setText(fingerprint)
        self.setAccessibleDescription(" ".join(words) + (" — " if words else "") + fingerprint)

    def text(self) -> str:
        """The fingerprint shown (hex display form), or ""."""
        return self._fingerprint

    def word_list(self) -> tuple[str, ...]:
        """The words shown."""
        return tuple(self.words.text().split()) if self.words.isVisible() or self.words.text() else ()
