"""Every file chooser is Qt's own and forgets the folders it saw."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

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


def test_each_chooser_is_qts_own_and_leaves_no_history(app: Any, tmp_path: Path, monkeypatch: Any) -> None:
    folder = tmp_path / "Maria Perez - documentos"
    seen: list[Any] = []
    _fake(monkeypatch, seen, folder)
    assert file_dialogs.open_file(None, "t", "", "") == str(folder / "a")
    assert file_dialogs.open_files(None, "t", "", "") == [str(folder / "a")]
    assert file_dialogs.save_file(None, "t", "", "") == str(folder / "b")
    assert seen == [QFileDialog.Option.DontUseNativeDialog] * 3
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    assert settings.value("FileDialog/lastVisited") is None
    assert settings.value("FileDialog/history") is None


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
