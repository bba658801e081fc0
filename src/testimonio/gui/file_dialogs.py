"""File choosers that leave no trace of where the researcher looked.

Every chooser is Qt's own dialog, not the desktop's: a GTK or portal
dialog adds the file to the desktop's "recent files" list, and Qt's dialog
remembers visited folders in QtProject.conf. A folder or bundle named after
a person must not stay behind on a laptop searched at a border, so Qt's
memory of it is erased as soon as the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def forget_history() -> None:
    """Remove the folders Qt's file dialog remembers."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    for key in ("FileDialog/history", "FileDialog/lastVisited"):
        settings.remove(key)
    settings.sync()


def _ask(chooser: Callable[..., tuple[Any, str]], *args: str | QWidget | None) -> Any:
    """Run one of QFileDialog's static choosers as Qt's own dialog, then forget."""
    try:
        return chooser(*args, options=_OPTIONS)[0]
    finally:
        forget_history()


def open_file(parent: QWidget | None, title: str, folder: str, filter_: str) -> str:
    """One existing file, or "" if the person cancelled."""
    return str(_ask(QFileDialog.getOpenFileName, parent, title, folder, filter_) or "")


def open_files(parent: QWidget | None, title: str, folder: str, filter_: str) -> list[str]:
    """Existing files (maybe none)."""
    return [str(p) for p in _ask(QFileDialog.getOpenFileNames, parent, title, folder, filter_) or []]


def save_file(parent: QWidget | None, title: str, proposed: str, filter_: str) -> str:
    """Where to write a new file, or "" if the person cancelled."""
    return str(_ask(QFileDialog.getSaveFileName, parent, title, proposed, filter_) or "")
