"""k travels in the team file and in every team update: the lead alone sets
it; a researcher may raise it, never lower it. Real vaults, real signed
files; the hostile ones are signed with our own writer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from exchange_world import BORDER, Side, new_side

from testimonio.errors import EXIT_SECURITY, BadInput
from testimonio.exchange import teamfile, teamupdate
from testimonio.exchange.kanon import DEFAULT_K, effective_k
from testimonio.services.export import ExportService
from testimonio.services.keys import KeyService
from testimonio.services.preferences import Preferences
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.settings import SettingsService, group_size
from testimonio.services.team_admin import TeamAdminService
from testimonio.vault.repo_team import read_team


def _prefs(side: Side) -> Preferences:
    return Preferences(SettingsService(side.vault))


def _lead(tmp_path: Path, k: int | None) -> tuple[Side, Path]:
    lead = new_side(tmp_path, "lead")
    QuestionnaireService(lead.vault).install(BORDER)
    if k is not None:
        _prefs(lead).set("k_anonymity", k)
    team_file = tmp_path / "team.tmt"
    lead.team.create("Border 2019", team_file)
    return lead, team_file


def _publish(lead: Side, k: int, out: Path) -> Path:
    _prefs(lead).set("k_anonymity", k)
    assert TeamAdminService(lead.vault).publish(out).k == k
    return out


def _update(side: Side, path: Path) -> Any:
    admin = TeamAdminService(side.vault)
    return admin.apply_update(admin.read_update(path))


def test_effective_k_is_the_leads_or_the_researchers_higher_own() -> None:
    assert effective_k(None, None) == DEFAULT_K
    assert effective_k(3, None) == 3
    assert effective_k(None, 3) == 3  # the lead's k, even below the default
    assert effective_k(2, 8) == 8
    assert effective_k(12, 8) == 12


def test_the_leads_k_travels_and_a_researcher_can_only_raise_it(tmp_path: Path) -> None:
    _, team_file = _lead(tmp_path, 8)
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


def test_a_lead_who_never_set_k_sends_the_default(tmp_path: Path) -> None:
    _, team_file = _lead(tmp_path, None)
    assert teamfile.read_team_file(team_file).k == DEFAULT_K
    researcher = new_side(tmp_path, "researcher")
    researcher.team.join(researcher.team.read_team_file(team_file))
    assert _prefs(researcher).team_k == DEFAULT_K


def test_team_updates_carry_k_lowering_and_raising_it(tmp_path: Path) -> None:
    lead, team_file = _lead(tmp_path, 8)
    follower, raiser = new_side(tmp_path, "follower"), new_side(tmp_path, "raiser")
    for side in (follower, raiser):
        side.team.join(side.team.read_team_file(team_file))
    _prefs(follower).update({"k_anonymity": 8})  # saved as shown: the lead's, no raise
    _prefs(raiser).set("k_anonymity", 12)

    lower = _publish(lead, 3, tmp_path / "u1.tmu")
    assert teamupdate.read_update(lower).k == 3
    for side in (follower, raiser):
        assert _update(side, lower).k == 3
    assert ExportService(follower.vault).k() == 3  # the lead lowered it: followed
    assert ExportService(raiser.vault).k() == 12  # an own raise is kept
    with pytest.raises(BadInput, match="never lower"):
        _prefs(follower).set("k_anonymity", 2)

    higher = _publish(lead, 20, tmp_path / "u2.tmu")
    for side in (follower, raiser):
        _update(side, higher)
        assert ExportService(side.vault).k() == 20 and _prefs(side).k_anonymity == 20


def _hostile_team_file(path: Path, keys: Any, k: object) -> Path:
    body: dict[str, Any] = {"format": 1, "study": "S", "sites": ["A"], "questionnaires": [],
                            "created": "2026-01-01T00:00:00Z"}
    if k is not None:
        body["k"] = k
    path.write_bytes(teamfile._seal(teamfile.TEAM_MAGIC, teamfile.TEAM_DOMAIN, keys, body))
    return path


@pytest.mark.parametrize("k", [0, 1, 101, 10**40, -5, "5", 5.0, True, None])
def test_a_signed_team_file_with_k_out_of_bounds_is_refused(tmp_path: Path, k: object) -> None:
    lead = new_side(tmp_path, "lead")
    keys = KeyService(lead.vault).ensure()
    with pytest.raises(BadInput):
        teamfile.write_team_file(tmp_path / "t.tmt", keys, "S", [], ["A"], k=1)
    path = _hostile_team_file(tmp_path / "hostile.tmt", keys, k)
    if k is None:  # an older team file without k still reads, and changes no k
        assert teamfile.read_team_file(path).k is None
        return
    with pytest.raises(teamfile.GroupSizeRefused, match="smallest group size") as refused:
        teamfile.read_team_file(path)
    assert refused.value.exit_code == EXIT_SECURITY
    assert "nothing was changed" in str(refused.value)


def test_a_signed_team_update_with_k_out_of_bounds_changes_nothing(tmp_path: Path) -> None:
    lead, team_file = _lead(tmp_path, 8)
    researcher = new_side(tmp_path, "researcher")
    researcher.team.join(researcher.team.read_team_file(team_file))
    good = TeamAdminService(lead.vault).publish(tmp_path / "good.tmu")
    keys = KeyService(lead.vault).ensure()
    hostile = teamupdate.TeamUpdate(**{**good.__dict__, "k": None, "number": 5})
    teamupdate.write_update(tmp_path / "h.tmu", keys, hostile)
    # Re-sign the same body with k = 1, which the writer itself refuses.
    with pytest.raises(BadInput):
        teamupdate.write_update(tmp_path / "x.tmu", keys, teamupdate.TeamUpdate(
            **{**good.__dict__, "k": 1}))
    _, body = teamfile._open((tmp_path / "h.tmu").read_bytes(), teamupdate.MAGIC,
                             teamupdate.DOMAIN, "team update")
    body["k"] = 1
    (tmp_path / "h.tmu").write_bytes(teamfile._seal(teamupdate.MAGIC, teamupdate.DOMAIN, keys, body))
    with pytest.raises(teamfile.GroupSizeRefused, match="team update sets the smallest group"):
        TeamAdminService(researcher.vault).read_update(tmp_path / "h.tmu")
    with researcher.vault.read() as db:
        assert group_size(db) == 8
    assert int(read_team(researcher.vault)["update_number"]) == 0
