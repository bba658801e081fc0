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


# --- choosers by kind of file, remembering the last folder in memory only ---------------

_LAST_FOLDER = "testimonio_last_folder_"  # + kind: a dynamic property of the QApplication


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def last_folder(kind: str) -> str:
    """The folder last chosen for ``kind`` while the program runs (home at first).

    Kept as a property of the running application, never written anywhere:
    the next start begins at the home folder again.
    """
    from pathlib import Path

    app = _app()
    value = app.property(_LAST_FOLDER + kind) if app is not None else None
    return str(value) if value and Path(str(value)).is_dir() else str(Path.home())


def remember_folder(kind: str, chosen: str) -> None:
    """Remember the folder of ``chosen`` (a file or a folder) for ``kind``."""
    from pathlib import Path

    app = _app()
    if app is None or not chosen:
        return
    path = Path(chosen)
    app.setProperty(_LAST_FOLDER + kind, str(path if path.is_dir() else path.parent))


def kind_filter(kind: Any, description: str) -> str:
    """``"Bundles (*.tbundle *.testimonio-bundle);;All files (*)"``."""
    from PySide6.QtCore import QCoreApplication

    every = QCoreApplication.translate("FileDialogs", "All files (*)")
    return f"{description} ({' '.join(kind.patterns)});;{every}"


def open_kind(parent: QWidget | None, title: str, kind: Any, description: str) -> str:
    """One existing file of ``kind`` (an exchange.file_kinds.FileKind), or ""."""
    path = open_file(parent, title, last_folder(kind.name), kind_filter(kind, description))
    remember_folder(kind.name, path)
    return path


def open_kinds(parent: QWidget | None, title: str, kind: Any, description: str) -> list[str]:
    """Existing files of ``kind`` (maybe none)."""
    paths = open_files(parent, title, last_folder(kind.name), kind_filter(kind, description))
    if paths:
        remember_folder(kind.name, paths[0])
    return paths


def save_kind(parent: QWidget | None, title: str, kind: Any, description: str, name: str) -> str:
    """Where to write a new file of ``kind`` (its extension added), or ""."""
    from pathlib import Path

    from testimonio.exchange.file_kinds import with_extension

    proposed = str(Path(last_folder(kind.name)) / name)
    path = save_file(parent, title, proposed, kind_filter(kind, description))
    if not path:
        return ""
    remember_folder(kind.name, path)
    return str(with_extension(Path(path), kind))


def choose_folder(parent: QWidget | None, title: str, kind: str) -> str:
    """An existing folder, or "" (remembered under ``kind``)."""
    try:
        folder = str(QFileDialog.getExistingDirectory(
            parent, title, last_folder(kind), QFileDialog.Option.ShowDirsOnly | _OPTIONS) or "")
    finally:
        forget_history()
    remember_folder(kind, folder)
    return folder
