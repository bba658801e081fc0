"""The lead's researchers view over a real roster and import log."""

from __future__ import annotations

from exchange_setup import add_testimony, team
from PySide6.QtCore import Qt

from testimonio.gui.views.researchers_view import AddResearcherDialog, ResearchersView


def test_add_researcher_after_fingerprint_check(qtbot, tmp_path) -> None:
    t = team(tmp_path, join=False)
    dialog = AddResearcherDialog(t.lead)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.file_edit, str(t.key_file))
    qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Return)
    assert dialog.check.fingerprint.text() == t.researcher.keys.info().fingerprint
    assert "Ana Torres" in dialog.who.text()
    assert not dialog.add_button.isEnabled()
    dialog.check.same.setChecked(True)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in t.lead.team.roster()] == ["Ana Torres"]


def test_roster_bundles_and_gaps(qtbot, qtmodeltester, tmp_path) -> None:
    t = team(tmp_path)
    for n in range(5):
        add_testimony(t.researcher, n)
    t.researcher.export.write(tmp_path / "1.tbundle", accept_risk=True)
    add_testimony(t.researcher, 7)
    t.researcher.export.write(tmp_path / "2.tbundle", accept_risk=True)
    t.lead.import_.import_file(tmp_path / "2.tbundle")
    view = ResearchersView(t.lead)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.bundles_model)
    row = view.model.row_at(0)
    assert (row.name, row.bundles, row.last_sequence, row.gaps) == ("Ana Torres", 1, 2, ((1, 1),))
    assert row.fingerprint == t.researcher.keys.info().fingerprint
    assert "Ana Torres (1)" in view.gaps_label.text()
    outcomes = [view.bundles_model.row_at(r).outcome for r in range(view.bundles_model.rowCount())]
    assert outcomes[0].startswith("missing") and outcomes[1] == "imported"
    t.lead.import_.import_file(tmp_path / "1.tbundle")
    view.refresh()
    assert view.model.row_at(0).gaps == () and "No bundle is missing" in view.gaps_label.text()
