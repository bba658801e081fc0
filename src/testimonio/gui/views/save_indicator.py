"""One save state for an open interview, shown the same everywhere.

The header label ("✓ Saved", "Saving…", "Not saved") and a banner with the
failure's own sentence (shown once, not prefixed by a second copy of it)
follow the :class:`~testimonio.gui.autosave.Autosaver`. After a failure the
pending answers are retried every few seconds, so when disk space returns
they are saved and the banner goes away without anyone having to type.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from testimonio.gui.autosave import Autosaver
from testimonio.gui.service_messages import translate_message

#: Milliseconds between retries after a failed save.
RETRY_MS = 5000


class SaveIndicator(QObject):
    """Drives ``label`` and ``banner`` from ``saver``; ``changed(saved, problem)``
    tells the main window's status bar the same thing."""

    changed = Signal(bool, str)

    def __init__(self, saver: Autosaver, label: QLabel, banner: QLabel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._saver = saver
        self._label = label
        self._banner = banner
        #: The sentence of the last failure, "" once everything is saved.
        self.problem = ""
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._try_again)
        saver.state_changed.connect(self._state_changed)
        saver.failed.connect(self._failed)
        self._show(True)

    @property
    def saved(self) -> bool:
        return self._saver.is_saved and not self.problem

    def _try_again(self) -> None:
        self._saver.flush()

    def _state_changed(self, saved: bool) -> None:
        if saved:
            self.problem = ""
            self._retry.stop()
            self._banner.hide()
        self._show(saved)

    def _failed(self, message: str) -> None:
        message = translate_message(message)
        self.problem = message
        self._banner.setText(message)
        self._banner.show()
        if not self._retry.isActive():
            self._retry.start()
        self._show(False)

    def _show(self, saved: bool) -> None:
        if self.problem:
            text, style = self.tr("Not saved"), "color: #b00020; font-weight: bold;"
        elif saved:
            text, style = self.tr("✓ Saved"), "color: #1e6b34;"
        else:
            text, style = self.tr("Saving…"), "color: #8a5a00;"
        if self._label.text() != text:
            self._label.setText(text)
            self._label.setStyleSheet(style)
        self.changed.emit(saved and not self.problem, self.problem)


def failure_banner(parent: QWidget) -> QLabel:
    """The red banner that says why the last change was not saved."""
    banner = QLabel(parent)
    banner.setTextFormat(Qt.TextFormat.PlainText)  # the sentence may quote a name
    banner.setObjectName("saveProblem")
    banner.setWordWrap(True)
    banner.setStyleSheet("background: #fde7e9; color: #7a0012; padding: 6px;")
    banner.hide()
    return banner
