"""Team set-up in the GUI: the lead creates the file, a researcher joins after the fingerprint check."""

from __future__ import annotations

from exchange_setup import BORDER_FORM, new_context
from PySide6.QtCore import Qt

from testimonio.gui.views.team_dialog import TeamDialog


def test_create_then_join_with_fingerprint_check(qtbot, tmp_path) -> None:
    lead = new_context(tmp_path / "lead")
    lead.questionnaires.install(BORDER_FORM)
    dialog = TeamDialog(lead, tab=TeamDialog.CREATE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert "name" in dialog.create_status.text()  # a study needs a name
    team_file = tmp_path / "peru.testimonio-team"
    qtbot.keyClicks(dialog.study_edit, "Peru border 2026")
    dialog.team_out_edit.setText(str(team_file))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert team_file.is_file(), dialog.create_status.text()
    lead_fp = lead.keys.info().fingerprint
    assert dialog.lead_fingerprint.text() == lead_fp

    researcher = new_context(tmp_path / "researcher")
    join = TeamDialog(researcher, tab=TeamDialog.JOIN)
    qtbot.addWidget(join)
    join.show()
    qtbot.keyClicks(join.team_file_edit, str(team_file))
    qtbot.keyClick(join.team_file_edit, Qt.Key.Key_Return)
    assert join.join_check.fingerprint.text() == lead_fp
    assert "Peru border 2026" in join.team_summary.text() and "border_testimony" in join.team_summary.text()
    assert "Smallest group size for exports (k): 5, set by the team lead" in join.team_summary.text()
    assert not join.join_button.isEnabled()  # not before the fingerprint is confirmed
    join.join_check.same.setChecked(True)
    qtbot.mouseClick(join.join_button, Qt.MouseButton.LeftButton)
    assert researcher.team.role() == "researcher"
    assert "You joined the team" in join.join_status.text()
    assert researcher.questionnaires.get("border_testimony").form_id == "border_testimony"


def test_forged_team_file_is_refused(qtbot, tmp_path) -> None:
    lead = new_context(tmp_path / "lead")
    lead.questionnaires.install(BORDER_FORM)
    team_file = tmp_path / "t.testimonio-team"
    lead.team.create("Peru", team_file)
    data = bytearray(team_file.read_bytes())
    data[len(data) // 3] ^= 0x20
    team_file.write_bytes(bytes(data))
    researcher = new_context(tmp_path / "researcher")
    join = TeamDialog(researcher, tab=TeamDialog.JOIN)
    qtbot.addWidget(join)
    join.show()
    join.team_file_edit.setText(str(team_file))
    join.open_team_file()
    assert join.team_summary.text().endswith(".") and join.join_check.fingerprint.text() == ""
    assert not join.join_check.same.isEnabled() and not join.join_button.isEnabled()
    assert researcher.team.role() is None


def test_my_key_tab_shows_fingerprint_and_saves_key(qtbot, tmp_path) -> None:
    researcher = new_context(tmp_path / "researcher")
    dialog = TeamDialog(researcher, tab=TeamDialog.MY_KEY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.my_fingerprint.text() == researcher.keys.info().fingerprint
    out = tmp_path / "ana.testimonio-key"
    dialog.key_name_edit.setText("Ana Torres")
    dialog.key_out_edit.setText(str(out))
    qtbot.mouseClick(dialog.key_button, Qt.MouseButton.LeftButton)
    assert out.is_file()
