"""Issue 15 item 2 in the desktop program: nothing from outside is drawn as rich text.

A researcher's name is plain text of their choosing: HTML in it (a
genuine-looking fingerprint in large type) must show as the characters
typed, and the fingerprint stays in its own widget apart from the name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gui"))

from exchange_setup import add_testimony, team  # noqa: E402

from testimonio.gui.views.import_dialog import ImportDialog  # noqa: E402
from testimonio.gui.views.researchers_view import AddResearcherDialog, ResearchersView  # noqa: E402

DECOY = '<h1 style="font-size:40pt">0000 1111 2222 3333 4444 5555 6666 7777</h1>'


def test_html_in_a_name_is_shown_as_typed(qtbot, tmp_path) -> None:
    t = team(tmp_path, join=False)
    t.researcher.keys.export_public(t.key_file, DECOY)
    real = t.researcher.keys.info().fingerprint
    dialog = AddResearcherDialog(t.lead)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.file_edit, str(t.key_file))
    qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Return)
    assert dialog.who.textFormat() == Qt.TextFormat.PlainText and DECOY in dialog.who.text()
    assert dialog.check.fingerprint.text() == real  # its own widget, no name beside it
    assert "0000 1111" not in dialog.check.fingerprint.text()
    dialog.check.same.setChecked(True)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    t.researcher.team.join(t.researcher.team.read_team_file(t.team_file))

    add_testimony(t.researcher, 1)
    t.researcher.export.write(tmp_path / "1.tbundle", accept_risk=True)
    add_testimony(t.researcher, 2)
    t.researcher.export.write(tmp_path / "2.tbundle", accept_risk=True)
    importer = ImportDialog(t.lead)
    qtbot.addWidget(importer)
    importer.show()
    importer.add_files([tmp_path / "2.tbundle"])
    qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(importer.outcomes) == 1, timeout=20000)
    assert importer.gaps_label.textFormat() == Qt.TextFormat.PlainText
    assert importer.status.textFormat() == Qt.TextFormat.PlainText
    assert DECOY in importer.gaps_label.text()  # missing bundle 1, named as typed
    tips = [importer.table.item(r, c).toolTip() for r in range(importer.table.rowCount())
            for c in range(importer.table.columnCount()) if importer.table.item(r, c)]
    assert any("&lt;h1" in tip for tip in tips) and not any("<h1" in tip for tip in tips)

    view = ResearchersView(t.lead)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    for label in (view.gaps_label, view.bundles_label, view.status):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert DECOY in view.gaps_label.text() and DECOY in view.bundles_label.text()
