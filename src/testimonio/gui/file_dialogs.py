"""File choosers that leave no trace of where the researcher looked.

Every chooser is Qt's own dialog, not the desktop's: a GTK or portal
dialog adds the file to the desktop's "recent files" list, and Qt's dialog
remembers visited folders in QtProject.conf. A folder or bundle named after
a person must not stay behind on a laptop searched at a border, so Qt's
memory of it is erased as soon as the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def forget_history() -> None:
    """Remove the folders Qt's file dialog remembers."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    for key in ("FileDialog/history", "FileDialog/lastVisited"):
        settings.remove(key)
    settings.sync()


def open_file(parent: QWidget | None, title: str, folder: str, filter_: str) -> str:
    """One existing file, or "" if the person cancelled."""
    try:
        path, _chosen = QFileDialog.getOpenFileName(parent, title, folder, filter_, options=_OPTIONS)
    finally:
        forget_history()
    return str(path or "")


def open_files(parent: QWidget | None, title: str, folder: str, filter_: str) -> list[str]:
    """Existing files (maybe none)."""
    try:
        paths, _chosen = QFileDialog.getOpenFileNames(parent, title, folder, filter_, options=_OPTIONS)
    finally:
        forget_history()
    return [str(p) for p in paths or []]


def save_file(parent: QWidget | None, title: str, proposed: str, filter_: str) -> str:
    """Where to write a new file, or "" if the person cancelled."""
    try:
        path, _chosen = QFileDialog.getSaveFileName(parent, title, proposed, filter_, options=_OPTIONS)
    finally:
        forget_history()
    return str(path or "")
