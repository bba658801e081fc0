"""Leaving a page with typing that is not yet an answer (half a date, a word
in a number field): the interviewer is asked before it is dropped.

Such text cannot be saved (it is no answer of the question's type); its
field already says "Not saved". Turning the page or closing the interview
asks whether to go back to it (the default) or leave it out. A lock asks
nothing: it must close at once, and drops the text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from testimonio.gui.plain import plain_message
from testimonio.gui.widgets.interview_page import InterviewPage


def unsaved_typing(page: InterviewPage | None) -> list[tuple[str, str]]:
    """(answer path, problem) of the shown questions whose typing is no answer."""
    if page is None:
        return []
    found = []
    for row in page.visible_rows():
        if row.input is not None and not row.input.is_read_only():
            problem = row.input.input_problem()
            if problem:
                found.append((row.path, problem))
    return found


def may_leave(parent: QWidget, page: InterviewPage | None, label_of: Callable[[str], str]) -> bool:
    """True when nothing typed on ``page`` would be dropped, or the interviewer
    chose to leave it out; False puts the keyboard back on the first such field."""
    found = unsaved_typing(page)
    if not found or page is None:
        return True
    path, problem = found[0]
    text = QCoreApplication.translate(
        "InterviewLeave", "“%1”: %2\n\nLeave it out and go on?").replace(
            "%1", label_of(path)).replace("%2", problem)
    if len(found) > 1:
        text += "\n" + QCoreApplication.translate(
            "InterviewLeave", "(and %1 more on this page)").replace("%1", str(len(found) - 1))
    answer = QMessageBox.question(parent, "Testimonio", plain_message(text),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer == QMessageBox.StandardButton.Yes:
        return True
    page.focus_row(path)
    return False
