"""Adding and removing repeat instances (part of the interview view): a family
member more, with the keyboard put in it, or one removed (already confirmed)
with its answers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QWidget

from testimonio.errors import TestimonioError
from testimonio.gui.autosave import Autosaver
from testimonio.gui.plain import warn
from testimonio.gui.views.interview_keyboard import FocusKeeper
from testimonio.gui.views.interview_session import FormSession


class RepeatSteps:
    """Mixed into :class:`~testimonio.gui.views.interview_view.InterviewView`."""

    # Provided by the view.
    session: FormSession
    saver: Autosaver
    keeper: FocusKeeper
    page: Any
    touched: set[str]
    show_required: bool
    _persisted: dict[str, Any]

    def add_instance(self, repeat_path: str) -> None:
        """Add an instance to a repeat and put the keyboard in it."""
        if self.session.read_only:
            return
        self.flush()
        new_path = self.session.add_instance(repeat_path)
        self.sync(now=True)
        if self.page is not None:
            self.page.refresh(self.show_required, self.touched)
            self.fix_tab_order()
            first = [r for r in self.page.visible_rows() if r.path.startswith(new_path + "/")]
            if first and first[0].input is not None:
                first[0].input.focus_input()
                self.keeper.reveal(first[0].input)
        self.update_summaries()

    def remove_instance(self, repeat_path: str, index: int) -> None:
        """Remove a repeat instance (already confirmed) with its answers."""
        if self.session.read_only:
            return
        self.flush()
        self.saver.discard(f"{repeat_path}[{index}]")
        try:
            self.session.remove_instance(repeat_path, index)
            self._persisted = dict(self.session.stored_answers)
            self.sync(now=True)
        except TestimonioError as error:
            warn(cast(QWidget, self), self.tr("Remove"), error.message)
            return
        self.touched = {p for p in self.touched if not p.startswith(repeat_path + "[")}
        if self.page is not None:
            self.page.refresh(self.show_required, self.touched)
            self.fix_tab_order()
        self.update_summaries()

    # Last: pyside6-lupdate gives this class no context of its own (its messages
    # would go untranslated) when these one-line stubs come before its methods.
    if TYPE_CHECKING:  # the view's own (QWidget's and InterviewView's)
        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...
        def flush(self) -> bool: ...
        def sync(self, now: bool) -> None: ...
        def fix_tab_order(self) -> None: ...
        def update_summaries(self) -> None: ...
