"""The interview view marks typed text that leaves in exports as entered (safe or quasi)."""

from __future__ import annotations

from testimonio.forms.model import Privacy, Question, Text
from testimonio.gui.widgets.inputs import create_input
from testimonio.gui.widgets.question_row import QuestionRow


def _row(qtbot, privacy: Privacy, type_: str = "text") -> QuestionRow:
    question = Question(name="q", path="q", type=type_, label=Text({"default": "Where do you work?"}),
                        privacy=privacy)
    row = QuestionRow(question, "q", create_input(question))
    qtbot.addWidget(row)
    row.set_label("Where do you work?", required=False)
    return row


def test_safe_and_quasi_text_are_marked(qtbot) -> None:
    for privacy in (Privacy.SAFE, Privacy.QUASI):
        row = _row(qtbot, privacy)
        assert "leaves as typed in exports" in row.label.text()
        assert "without a review" in row.label.toolTip()


def test_reviewed_or_withheld_answers_are_not_marked(qtbot) -> None:
    # Control: free text waits for a review, identifiers never leave, selects are not typed.
    for privacy, type_ in ((Privacy.DEFAULT, "text"), (Privacy.IDENTIFIER, "text"),
                           (Privacy.SAFE, "integer")):
        row = _row(qtbot, privacy, type_)
        assert "leaves as typed" not in row.label.text() and not row.label.toolTip()
