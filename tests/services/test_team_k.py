"""k travels in the team file: the lead alone sets it; a researcher may
raise it, never lower it. Real vaults, real signed team files."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_world import BORDER, new_side

from testimonio.errors import BadInput
from testimonio.exchange import teamfile
from testimonio.services.export import ExportService
from testimonio.services.preferences import Preferences
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.settings import SettingsService


def _prefs(side: object) -> Preferences:
    return Preferences(SettingsService(side.vault))  # type: ignore[attr-defined]


def test_the_leads_k_travels_and_a_researcher_can_only_raise_it(tmp_path: Path) -> None:
    lead = new_side(tmp_path, "lead")
    QuestionnaireService(lead.vault).install(BORDER)
    _prefs(lead).set("k_anonymity", 8)
    team_file = tmp_path / "team.tmt"
    lead.team.create("Border 2019", team_file)
    assert teamfile.read_team_file(team_file).k == 8
    researcher = new_side(tmp_path, "researcher")
    prefs = _prefs(researcher)
    prefs.set("k_anonymity", 3)  # before joining: their own
    researcher.team.join(researcher.team.read_team_file(team_file))
    assert prefs.team_k == 8 and prefs.k_anonymity == 8  # raised to the lead's
    assert ExportService(researcher.vault).k() == 8
    with pytest.raises(BadInput, match="never lower"):
        prefs.set("k_anonymity", 2)
    with pytest.raises(BadInput, match="never lower"):
        prefs.update({"k_anonymity": 7})
    assert prefs.k_anonymity == 8
    prefs.set("k_anonymity", 12)  # raising is fine
    assert ExportService(researcher.vault).k() == 12


def test_a_team_file_with_a_bad_k_is_refused(tmp_path: Path) -> None:
    from testimonio.services.keys import KeyService

    lead = new_side(tmp_path, "lead")
    keys = KeyService(lead.vault).ensure()
    with pytest.raises(BadInput):
        teamfile.write_team_file(tmp_path / "t.tmt", keys, "S", [], ["A"], k=1)
    # An older team file without k still reads (k None).
    teamfile.write_team_file(tmp_path / "old.tmt", keys, "S", [], ["A"])
    assert teamfile.read_team_file(tmp_path / "old.tmt").k is None
