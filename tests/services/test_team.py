"""Team file, joining, roster: real vaults and signed files."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_world import BORDER, new_side, team_of

from testimonio import errors
from testimonio.errors import BadInput, BundleError
from testimonio.services.keys import KeyService
from testimonio.services.questionnaires import QuestionnaireService


def test_join_installs_forms_and_sites_and_keeps_the_lead_key(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    assert lead.team.role() == "lead" and r.team.role() == "researcher"
    assert [f.form_id for f in QuestionnaireService(r.vault).list()] == ["border_testimony"]
    assert "CEBAF Peru" in r.interviews.sites()
    assert r.team.study() == "Border 2019"
    roster = lead.team.roster()
    assert [e.name for e in roster] == ["Researcher 1"]
    assert roster[0].fingerprint == KeyService(r.vault).info().fingerprint


def test_keys_are_made_once_and_survive_unlock(tmp_path: Path) -> None:
    side = new_side(tmp_path, "a")
    first = KeyService(side.vault).info()
    assert KeyService(side.vault).info() == first
    side.vault.lock()
    from testimonio.vault import Vault

    again = Vault.unlock(side.dir, "pass phrase")
    assert KeyService(again).info() == first
    assert len(first.fingerprint.split()) == 8


def test_tampered_team_file_installs_nothing(tmp_path: Path) -> None:
    lead = new_side(tmp_path, "lead")
    QuestionnaireService(lead.vault).install(BORDER)
    team_file = tmp_path / "team.tmt"
    lead.team.create("Study", team_file)
    data = bytearray(team_file.read_bytes())
    data[len(data) // 2] ^= 0x01
    team_file.write_bytes(bytes(data))
    r = new_side(tmp_path, "r")
    with pytest.raises(errors.TestimonioError) as caught:
        r.team.join(r.team.read_team_file(team_file))
    assert caught.value.exit_code in (2, 3)
    assert QuestionnaireService(r.vault).list() == [] and r.team.role() is None


def test_roles_are_kept_apart(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    with pytest.raises(BadInput):
        lead.team.join(lead.team.read_team_file(tmp_path / "team.tmt"))
    with pytest.raises(BadInput):
        r.team.create("Other", tmp_path / "other.tmt")
    with pytest.raises(BadInput):  # a researcher keeps no roster
        r.team.add_researcher(lead.team.read_public_key_file(tmp_path / "r1.pub"))


def test_tampered_public_key_file_is_refused(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    key_file = tmp_path / "r1.pub"
    data = bytearray(key_file.read_bytes())
    data[-10] ^= 0x01
    key_file.write_bytes(bytes(data))
    with pytest.raises((BundleError, BadInput)):
        lead.team.read_public_key_file(key_file)
