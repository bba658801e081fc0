"""One question on a page: its label, required marker, hint, input and
the constraint or required message right under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from testimonio.exchange.pseudonymise import typed_text_leaves
from testimonio.forms.model import Question
from testimonio.gui.widgets.question_widgets import QuestionInput

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #5a5f66;"  # readable on light and on the pale page
NOTE_STYLE = "color: #5a5f66; font-style: italic;"
REQUIRED_MARK = "<span style='color:#b00020'> *</span>"
LEAVES_STYLE = "color:#5a5f66; font-weight:normal"


def _escape(text: str) -> str:
    # Labels come from questionnaires: never let them inject markup or links.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


class QuestionRow(QFrame):
    """Shows one question at one answer path (``companions[2]/age``).

    ``input`` is None for notes, which only show their (substituted) label.
    """

    def __init__(self, question: Question, path: str, input_widget: QuestionInput | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.path = path
        self.input = input_widget
        self.setObjectName("questionRow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(3)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        if input_widget is None:
            self.label.setProperty("note", True)
        else:
            font = self.label.font()
            font.setBold(True)
            self.label.setFont(font)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.hide()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setObjectName("questionError")
        # One line is kept for a message even when there is none (a blank),
        # so a message that comes and goes does not move the questions below.
        self.error.setText(" ")
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        if input_widget is not None:
            input_widget.setParent(self)
            layout.addWidget(input_widget)
            parts = input_widget.focus_widgets()
            if parts:
                self.label.setBuddy(parts[0])
        layout.addWidget(self.error)
        self.error.setVisible(input_widget is not None)  # a note has no answer to fault
        self._label_text = ""
        self._required = False

    def set_label(self, text: str, required: bool) -> None:
        """Show the (substituted) label, with a marker when required."""
        if text == self._label_text and required == self._required:
            return
        self._label_text, self._required = text, required
        shown = text or self.question.name
        # Typed text that leaves in exports as entered (safe/quasi): say so, so
        # nobody writes a phone number or a name there without knowing.
        leaves = self.input is not None and typed_text_leaves(self.question)
        mark = self.tr("leaves as typed in exports") if leaves else ""
        self.label.setText(_escape(shown) + (REQUIRED_MARK if required else "")
                           + (f"<span style='{LEAVES_STYLE}'> · {_escape(mark)}</span>" if mark else ""))
        self.label.setToolTip(self.tr(
            "What is typed here leaves the vault as entered when you export, without a review. "
            "Do not write names, document or phone numbers here.") if mark else "")
        if self.input is not None:
            name = shown + (" " + self.tr("(required)") if required else "") + (f" ({mark})" if mark else "")
            self.input.set_accessible_name(name)
            self.input.setAccessibleDescription(self.hint.text())

    def label_text(self) -> str:
        return self._label_text

    def set_hint(self, text: str) -> None:
        if text != self.hint.text():
            self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def set_error(self, message: str | None) -> None:
        """Show a message under the input (None hides it)."""
        text = message or ""
        if text != self.error_text():
            self.error.setText(text or " ")
            self.error.setAccessibleName(text)

    def set_note(self, text: str | None) -> None:
        """Show a neutral note where a message would go (the lead's copy of an imported
        interview: why an answer is missing); None clears it."""
        self.error.setStyleSheet(NOTE_STYLE if text else ERROR_STYLE)
        self.set_error(text)

    def error_text(self) -> str:
        return self.error.text().strip()
