"""What the interview view needs from the services, in one place.

:class:`FormSession` ties one interview's record, its questionnaire, the
form state and the interview service together: reading answers, writing
one answer, repeats, attachments, completing and reopening. The view keeps
only widgets; this keeps the rules of how answers are stored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Container, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from testimonio.forms.model import AnswerValue, Group, Question, Questionnaire
from testimonio.forms.state_paths import model_path
from testimonio.gui.context import AppContext
from testimonio.gui.views.page_list import (
    HIDDEN_TYPES,
    Page,
    PageSummary,
    input_questions,
    pages_of,
)
from testimonio.gui.views.review_dialog import ReviewLine, ReviewPage
from testimonio.gui.widgets.attachment_widget import AttachmentInput
from testimonio.gui.widgets.date_inputs import DateInput
from testimonio.gui.widgets.inputs import create_input
from testimonio.gui.widgets.interview_page import is_empty
from testimonio.gui.widgets.question_widgets import ChoiceItem, QuestionInput

log = logging.getLogger(__name__)
_INDEX = re.compile(r"\[\d+\]")


def top_name(answer_path: str) -> str:
    """The first segment of a path, without its instance index."""
    return model_path(answer_path).split("/", 1)[0]


def _field(record: Any, name: str, default: Any = None) -> Any:
    if isinstance(record, dict):
        return record.get(name, default)
    return getattr(record, name, default)


def problem_list(state: Any) -> list[tuple[str, str]]:
    """Every problem of the form state as (answer path, message)."""
    found: list[tuple[str, str]] = []
    for problem in state.problems():
        if isinstance(problem, tuple):
            path, message = str(problem[0]), str(problem[1])
        else:
            path = str(_field(problem, "path", ""))
            message = str(_field(problem, "message", "") or problem)
        found.append((path, message))
    return found


class FormSession:
    """One open interview: record, questionnaire, state and service."""

    def __init__(self, context: AppContext, interview_id: str, record: Any,
                 questionnaire: Questionnaire, state: Any, imported_from: str | None = None) -> None:
        self.context = context
        self.interview_id = interview_id
        self.record = record
        self.questionnaire = questionnaire
        self.state = state
        self.pages: list[Page] = pages_of(questionnaire)
        self._page_by_top: dict[str, int] = {}
        for index, page in enumerate(self.pages):
            for name in page.top_names():
                self._page_by_top[name] = index
        self.status = str(_field(record, "status", "draft"))
        #: Who sent it, for an interview imported from a bundle (a pseudonymised
        #: copy: generalised values, never reopened here); None if taken here.
        self.imported_from = imported_from
        #: For an imported copy, what its export withheld (answer path -> the
        #: bundle's reason); None when taken here or its bundle did not say.
        self.withheld: dict[str, str] | None = None
        #: The answers as read from (or last known in) the vault.
        self.stored_answers: dict[str, AnswerValue] = dict(state.answers())

    @classmethod
    def open(cls, context: AppContext, interview_id: str) -> FormSession:
        """Read the interview, its questionnaire and answers from the vault."""
        from testimonio.forms.state import FormState

        interviews = context.interviews
        record = interviews.get(interview_id)
        form_id, version = record.form_id, record.form_version
        questionnaire = context.questionnaires.get(form_id, version)
        language = _field(record, "language") or questionnaire.default_language
        if language not in questionnaire.languages:
            language = questionnaire.default_language
        stored = dict(interviews.answers(interview_id))
        state = FormState(questionnaire, stored, language)
        session = cls(context, interview_id, record, questionnaire, state,
                      imported_from=interviews.imported_from(interview_id))
        session.stored_answers = {k: v for k, v in stored.items() if v is not None}
        if session.imported_from is not None:
            session.withheld = interviews.withheld(interview_id)
        return session

    # --- who and what -------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self.status == "complete"

    def who(self) -> str:
        """The interviewer's name for the edit log."""
        try:
            name = self.context.preferences.interviewer
            name = name() if callable(name) else name
        except Exception:  # noqa: BLE001 - a missing setting must not block saving
            name = ""
        return str(name or "interviewer")

    def title(self) -> str:
        lang = self.state.language
        return self.questionnaire.title.get(lang, self.questionnaire.default_language)

    def languages(self) -> list[tuple[str, str]]:
        names = getattr(self.questionnaire, "language_names", None) or {}
        return [(code, names.get(code, code) if code != "default" else "—")
                for code in self.questionnaire.languages]

    def set_language(self, code: str) -> None:
        """Show the questionnaire in ``code``; a draft remembers it in the vault."""
        self.state.language = code
        if not self.read_only:
            self.context.interviews.set_language(self.interview_id, code, self.who())

    # --- pages --------------------------------------------------------------
    def page_title(self, index: int) -> str:
        page = self.pages[index]
        lang, fallback = self.state.language, self.questionnaire.default_language
        if page.group is not None:
            return page.group.label.get(lang, fallback) or page.group.name
        if index == 0:
            return self.title() or page.key
        shown = [n for n in page.nodes if isinstance(n, Question) and n.type != "note"]
        if len(shown) == 1:
            return shown[0].label.get(lang, fallback) or shown[0].name
        return self.title()

    def page_relevant(self, index: int) -> bool:
        page = self.pages[index]
        if page.group is not None:
            return bool(self.state.is_relevant(page.group.path))
        return any(self.state.is_relevant(n.path) for n in page.nodes)

    def next_asked_page(self, index: int, step: int) -> int | None:
        """The next page after ``index`` (``step`` 1 or -1) that is asked, if any."""
        index += step
        while 0 <= index < len(self.pages) and not self.page_relevant(index):
            index += step
        return index if 0 <= index < len(self.pages) else None

    def page_summaries(self, checked: Container[int] | None = None) -> list[PageSummary]:
        """Progress and problems of every page, for the side list.

        Problems are counted only on pages in ``checked`` (None: every page):
        as in ODK, a page nobody has reached yet is not marked as wrong.
        """
        problems_by_top: dict[str, int] = {}
        # An imported copy is generalised on purpose: no "problems" to fix.
        for path, _message in problem_list(self.state) if self.imported_from is None else ():
            name = top_name(path)
            problems_by_top[name] = problems_by_top.get(name, 0) + 1
        summaries = []
        for index, page in enumerate(self.pages):
            relevant = self.page_relevant(index)
            answered = total = 0
            if relevant:
                for path in self.answer_paths(input_questions(page.nodes), page):
                    if self.state.is_relevant(path):
                        total += 1
                        answered += not is_empty(self.state.value(path))
            problems = sum(problems_by_top.get(n, 0) for n in page.top_names())
            if checked is not None and index not in checked:
                problems = 0
            summaries.append(PageSummary(self.page_title(index), answered, total,
                                         problems if relevant else 0, relevant))
        return summaries

    def resume_path(self) -> str | None:
        """Where a draft was left: the last question answered (from the edit
        log), if it is still asked; None for a new or completed interview."""
        if self.read_only:
            return None
        try:
            history = self.context.interviews.history(self.interview_id)
        except Exception:  # noqa: BLE001 - resuming at page 1 is still correct
            return None
        for entry in reversed(history):
            path = str(entry.path or "")
            if entry.action != "set" or not path:
                continue
            model = model_path(path)
            if not self.questionnaire.has_path(model):
                continue
            node = self.questionnaire.node(model)
            if not isinstance(node, Question) or not node.takes_input or node.type in HIDDEN_TYPES:
                continue
            if self.state.is_relevant(path) and self.page_of(path) is not None:
                return path
        return None

    def display_value(self, answer_path: str) -> str:
        """An answer as the interviewer reads it: choice labels, not codes."""
        value = self.state.value(answer_path)
        if is_empty(value):
            return ""
        if self.questionnaire.has_path(model_path(answer_path)):
            node = self.questionnaire.node(model_path(answer_path))
            if isinstance(node, Question) and node.is_attachment:
                return QCoreApplication.translate("FormSession", "(attached)")
        labels = dict(self.choice_items(answer_path))
        if isinstance(value, list):
            return ", ".join(labels.get(str(v), str(v)) for v in value)
        if labels:
            return labels.get(str(value), str(value))
        return str(value)

    def review_pages(self) -> list[ReviewPage]:
        """Every asked page with its questions, answers and problems."""
        problems: dict[str, str] = {}
        for path, message in problem_list(self.state):
            problems.setdefault(path, message)
        pages: list[ReviewPage] = []
        for index, page in enumerate(self.pages):
            if not self.page_relevant(index):
                continue
            lines = []
            for path in self.answer_paths(input_questions(page.nodes), page):
                if self.state.is_relevant(path):
                    lines.append(ReviewLine(path, self.describe(path)[1], self.display_value(path),
                                            problems.pop(path, "")))
            pages.append(ReviewPage(self.page_title(index), tuple(lines)))
        if problems:  # a problem outside any page's questions (a repeat's count)
            lines = [ReviewLine(p, self.describe(p)[1], self.display_value(p), m)
                     for p, m in problems.items()]
            pages.append(ReviewPage(self.title(), tuple(lines)))
        return pages

    def page_of(self, answer_path: str) -> int | None:
        return self._page_by_top.get(top_name(answer_path))

    def page_title_of_path(self, answer_path: str) -> str:
        index = self.page_of(answer_path)
        return self.page_title(index) if index is not None else ""

    def describe(self, answer_path: str) -> tuple[str, str]:
        """(page title, question label) of an answer path, for the problem list."""
        try:
            label = self.state.label(answer_path)
        except Exception:  # noqa: BLE001 - a label is a nicety, the path still works
            label = ""
        if not label and self.questionnaire.has_path(model_path(answer_path)):
            node = self.questionnaire.node(model_path(answer_path))
            label = node.label.get(self.state.language, self.questionnaire.default_language)
        index = _INDEX.search(answer_path)
        if index:
            label = f"{label} ({answer_path[index.start() + 1:index.end() - 1]})"
        return self.page_title_of_path(answer_path), label or answer_path

    def answer_paths(self, questions: Iterable[Question], page: Page) -> list[str]:
        """Answer paths of ``questions``, one per repeat instance."""
        paths: list[str] = []
        for question in questions:
            paths.extend(self.expand(question.path))
        return paths

    def expand(self, path: str) -> list[str]:
        """Answer paths of a model path, through every repeat on the way."""
        prefixes = [""]
        model = ""
        for segment in path.split("/"):
            model = f"{model}/{segment}" if model else segment
            node = self.questionnaire.node(model)
            grown: list[str] = []
            for prefix in prefixes:
                here = f"{prefix}/{segment}" if prefix else segment
                if isinstance(node, Group) and node.repeat and model != path:
                    grown.extend(f"{here}[{i}]" for i in range(1, self.instance_count(here) + 1))
                else:
                    grown.append(here)
            prefixes = grown
        return prefixes

    def instance_count(self, repeat_path: str) -> int:
        found = self.state.instances(repeat_path)
        return found if isinstance(found, int) else len(found)

    # --- inputs -------------------------------------------------------------
    def make_input(self, question: Question, path: str, parent: QWidget) -> QuestionInput | None:
        if question.type == "note":
            return None
        if question.is_attachment:
            def store(data: bytes, mime: str) -> str:
                return self.store_attachment(path, data, mime)

            return AttachmentInput(
                question,
                store=store,
                load=self.load_attachment,
                discard=self.discard_attachment,
                parent=parent)
        widget = create_input(question, self.choice_items(path) if question.choices else ())
        if question.constraint and isinstance(widget, DateInput):
            widget.set_day_check(lambda day: self.accepts(path, day))
        return widget

    def accepts(self, path: str, value: AnswerValue) -> bool:
        """Whether the question at ``path`` would accept ``value`` (tried on
        the form state and put back; nothing is saved)."""
        before = self.state.value(path)
        try:
            self.state.set(path, value)
            return self.state.error(path) is None
        except Exception:  # noqa: BLE001 - a value the state refuses is not accepted
            return False
        finally:
            try:
                self.state.set(path, before)
            except Exception:  # noqa: BLE001
                log.warning("could not put an answer back after a calendar check")

    def choice_items(self, path: str) -> list[ChoiceItem]:
        lang, fallback = self.state.language, self.questionnaire.default_language
        return [(c.name, c.label.get(lang, fallback) or c.name) for c in self.state.choices(path)]

    # --- writing ------------------------------------------------------------
    def write(self, path: str, value: AnswerValue) -> None:
        """One answer, one transaction (and its edit-log row)."""
        self.context.interviews.set_answer(self.interview_id, path, value, self.who())

    def add_instance(self, repeat_path: str) -> str:
        """Add a repeat instance to the state; returns its answer path.
        (The view saves the new count with the other changed answers.)"""
        self.state.add_instance(repeat_path)
        return f"{repeat_path}[{self.instance_count(repeat_path)}]"

    def remove_instance(self, repeat_path: str, index: int) -> None:
        """Remove instance ``index`` (1-based) and its answers, in the vault
        in one transaction (later instances move up), then in the state."""
        self.context.interviews.remove_repeat_instance(
            self.interview_id, repeat_path, index, self.who())
        self.state.remove_instance(repeat_path, index)
        self.stored_answers = {k: v for k, v in
                               self.context.interviews.answers(self.interview_id).items()
                               if v is not None}

    def store_attachment(self, path: str, data: bytes, mime: str) -> str:
        """Put the bytes in the vault; the attachment's id is the answer."""
        return str(self.context.interviews.add_attachment(
            self.interview_id, path, data, mime, "", self.who()))

    def load_attachment(self, attachment_id: str) -> tuple[bytes, str] | None:
        found = self.context.interviews.get_attachment(attachment_id)
        if found is None:
            return None
        return bytes(found.data), str(found.mime)

    def discard_attachment(self, attachment_id: str) -> None:
        self.context.interviews.remove_attachment(attachment_id, self.who())

    def complete(self) -> None:
        """Mark complete; the service checks the answers as stored."""
        for path, stamp in self.state.finish().items():  # the `end` metadata
            self.write(path, stamp)
            self.stored_answers[path] = stamp
        self.context.interviews.complete(self.interview_id, self.who())
        self.status = "complete"

    def reopen(self, reason: str) -> None:
        self.context.interviews.reopen(self.interview_id, reason, self.who())
        self.status = "draft"
