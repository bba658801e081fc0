"""The pages the main window stacks besides the list and the interview: the views
it hosts (built by name, imported when first opened: the window and its list
come up without them) and what it shows while locked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from testimonio.gui.context import AppContext
from testimonio.gui.dialogs.unlock_dialog import UnlockDialog

#: The views hosted in the stack besides the list and the interview.
HOSTED_VIEWS = ("researchers", "summary", "data")


def hosted_view(name: str, context: AppContext, parent: QWidget) -> QWidget:
    """Build one of :data:`HOSTED_VIEWS`."""
    if name == "researchers":
        from testimonio.gui.views.researchers_view import ResearchersView

        return ResearchersView(context, parent)
    if name == "summary":
        from testimonio.gui.views.summary_view import SummaryView

        return SummaryView(context, parent)
    from testimonio.gui.views.data_view import DataView

    return DataView(context, parent)


class LockedPage(QWidget):
    """What the window shows while locked: the unlock dialog, embedded.

    The dialog's top sits a third of the free height down, reckoned from its
    height without the lines that come and go (a wrong passphrase's message,
    the Caps Lock warning): they grow it downwards, and the field being typed
    in stays where it was.
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unlock = UnlockDialog(context, self)
        self.unlock.setWindowFlags(Qt.WindowType.Widget)
        self.unlock.setMaximumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(self.unlock, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        self._margins = layout.contentsMargins()

    def event(self, event: QEvent) -> bool:
        # A LayoutRequest comes when the dialog's size hint changed (a line came or went).
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return super().event(event)

    def _place(self) -> None:
        top = max(0, (self.height() - self.unlock.resting_height()) // 3)
        layout = self.layout()
        if layout is not None and layout.contentsMargins().top() != self._margins.top() + top:
            m = self._margins
            layout.setContentsMargins(m.left(), m.top() + top, m.right(), m.bottom())
