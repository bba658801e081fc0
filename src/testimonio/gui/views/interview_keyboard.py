"""Keeping the keyboard where the interviewer can see it.

The focused question is always scrolled into view — after Enter, Tab, a
repeat added, a return after a lock — and Tab goes through the page's
questions first, then the page buttons, then the bar above.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from testimonio.gui.widgets.interview_page import InterviewPage
from testimonio.gui.widgets.question_row import QuestionRow


class FocusKeeper(QObject):
    """Scrolls ``scroll_area`` to whatever inside the current page gets the
    keyboard, and chains the tab order of a page to the buttons after it."""

    def __init__(self, scroll_area: QScrollArea, page: Callable[[], InterviewPage | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._scroll = scroll_area
        self._page = page
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self._page()
        if new is not None and page is not None and page.isAncestorOf(new):
            self.reveal(new)

    def reveal(self, widget: QWidget) -> None:
        """Scroll so ``widget`` (with its whole question, if it fits) is in view."""
        page = self._page()
        if page is None:
            return
        # A page that just grew (a repeat added) must be laid out first, or
        # the scroll area measures the old positions.
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        row: QWidget | None = widget
        while row is not None and not isinstance(row, QuestionRow) and row is not page:
            row = row.parentWidget()
        viewport = self._scroll.viewport().height()
        if isinstance(row, QuestionRow) and row.height() < viewport - 24:
            self._scroll.ensureWidgetVisible(row, 8, 12)
        self._scroll.ensureWidgetVisible(widget, 8, 12)

    def chain(self, after_page: Sequence[QWidget]) -> None:
        """Tab: the page's parts in form order, then ``after_page`` in order."""
        page = self._page()
        if page is None:
            return
        page.fix_tab_order()
        order = [*page.focus_chain()[-1:], *after_page]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
