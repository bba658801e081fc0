"""Every file chooser is Qt's own and forgets the folders it saw."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from testimonio.gui import file_dialogs


def _fake(monkeypatch: Any, seen: list[Any], folder: Path) -> None:
    def remembering(answer: Any) -> Any:
        def chooser(*args: Any, **kwargs: Any) -> Any:
            seen.append(kwargs.get("options"))
            settings = QSettings(QSettings.Scope.UserScope, "QtProject")
            settings.setValue("FileDialog/lastVisited", str(folder))  # as Qt's dialog leaves it
            settings.setValue("FileDialog/history", [str(folder)])
            settings.sync()
            return answer, ""
        return staticmethod(chooser)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", remembering(str(folder / "a")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", remembering([str(folder / "a")]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", remembering(str(folder / "b")))


def _qt_project_values() -> list[str]:
    """Every value Qt keeps in its own settings file, as text."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    return [str(settings.value(key)) for key in settings.allKeys()]


def _answer_with(path: Path) -> None:
    """When Qt's dialog is up, go to ``path``'s folder, pick ``path`` and accept."""
    def pick() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QFileDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, pick)
            return
        dialog.setDirectory(str(path.parent))
        dialog.selectFile(path.name)
        dialog.accept()
    QTimer.singleShot(0, pick)


def test_qts_real_dialog_leaves_no_folder_behind(qtbot: Any, app: Any, tmp_path: Path) -> None:
    """Not a fake: Qt's own dialog runs, visits the folder, and its settings keep no trace."""
    folder = tmp_path / "MariaPerez-documentos"  # Qt keeps URLs: no space to escape
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    _answer_with(folder / "a.txt")
    assert file_dialogs.open_file(None, "t", str(tmp_path), "") == str(folder / "a.txt")
    _answer_with(folder / "b.txt")
    assert file_dialogs.save_file(None, "t", str(tmp_path / "b.txt"), "") == str(folder / "b.txt")
    assert not [v for v in _qt_project_values() if "MariaPerez" in v]


def test_a_dialog_without_the_helper_would_leave_the_folder(qtbot: Any, app: Any,
                                                           tmp_path: Path) -> None:
    """The control: Qt itself does remember the folder, so the test above can fail."""
    folder = tmp_path / "MariaPerez-documentos"  # Qt keeps URLs: no space to escape
    folder.mkdir()
    (folder / "a.txt").write_text("x")
    _answer_with(folder / "a.txt")
    try:
        QFileDialog.getOpenFileName(None, "t", str(tmp_path), "",
                                    options=QFileDialog.Option.DontUseNativeDialog)
        assert [v for v in _qt_project_values() if "MariaPerez" in v]
    finally:
        file_dialogs.forget_history()


def test_each_chooser_is_qts_own_and_leaves_no_history(app: Any, tmp_path: Path, monkeypatch: Any) -> None:
    folder = tmp_path / "Maria Perez - documentos"
    seen: list[Any] = []
    _fake(monkeypatch, seen, folder)
    assert file_dialogs.open_file(None, "t", "", "") == str(folder / "a")
    assert file_dialogs.open_files(None, "t", "", "") == [str(folder / "a")]
    assert file_dialogs.save_file(None, "t", "", "") == str(folder / "b")
    assert seen == [QFileDialog.Option.DontUseNativeDialog] * 3


def test_the_import_dialog_browses_through_the_helper(qtbot: Any, app: Any, tmp_path: Path,
                                                      monkeypatch: Any) -> None:
    from exchange_setup import team

    from testimonio.gui.views.import_dialog import ImportDialog

    t = team(tmp_path)
    seen: list[Any] = []
    _fake(monkeypatch, seen, tmp_path / "usb")
    dialog = ImportDialog(t.lead)
    qtbot.addWidget(dialog)
    dialog._browse()
    assert seen == [QFileDialog.Option.DontUseNativeDialog]
    assert QSettings(QSettings.Scope.UserScope, "QtProject").value("FileDialog/lastVisited") is None
