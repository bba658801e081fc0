"""The About dialog names our version, SQLCipher's version and the licences."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from testimonio import __version__
from testimonio.gui.about_dialog import AboutDialog
from testimonio.services.about import components, sqlcipher_version


def test_sqlcipher_version_is_real() -> None:
    assert sqlcipher_version().split()[0].startswith("4.")


def test_about_dialog_lists_components(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert "SQLCipher" in names and "Testimonio" in names
    versions = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text()
                for r in range(dialog.table.rowCount())}
    assert versions["Testimonio"] == __version__
    assert all(c.licence for c in components())
