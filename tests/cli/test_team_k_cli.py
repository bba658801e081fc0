"""The lead's k through the real command line: team create / join / publish /
update print it, and a signed file with k out of bounds is refused (exit 3)
with a sentence, changing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from test_exchange_cli import BORDER, PASS, run

from testimonio.exchange import teamfile, teamupdate
from testimonio.services.keys import KeyService
from testimonio.services.preferences import Preferences
from testimonio.services.settings import SettingsService, group_size
from testimonio.vault import KdfParams, Vault
from testimonio.vault.repo_team import read_team


@contextmanager
def _open(path: Path) -> Iterator[Vault]:
    vault = Vault.unlock(path, PASS)
    try:
        yield vault
    finally:
        vault.lock()


def _set_k(path: Path, k: int) -> None:
    with _open(path) as vault:  # the lead's Settings dialog stores it so
        Preferences(SettingsService(vault)).set("k_anonymity", k)


def _k(path: Path) -> int:
    with _open(path) as vault, vault.read() as db:
        return group_size(db)


def _resigned(path: Path, lead: Path, magic: bytes, domain: bytes, **changes: Any) -> Path:
    """``path`` with its body changed and signed again with the lead's own key."""
    with _open(lead) as vault:
        keys = KeyService(vault).ensure()
    _, body = teamfile._open(path.read_bytes(), magic, domain, "file")
    path.write_bytes(teamfile._seal(magic, domain, keys, {**body, **changes}))
    return path


def test_k_travels_by_team_file_and_update_and_bad_k_is_refused(tmp_path: Path) -> None:
    lead, res, late = tmp_path / "lead", tmp_path / "res", tmp_path / "late"
    for vault in (lead, res, late):
        Vault.create(vault, PASS, kdf=KdfParams.FAST)[0].lock()
    run(lead, "forms", "add", str(BORDER))
    _set_k(lead, 7)
    team_file = tmp_path / "team.tmt"
    run(lead, "team", "create", "--name", "Border 2019", "--out", str(team_file))
    joined = run(res, "team", "join", str(team_file), "--yes").stdout
    assert "Smallest group size for exports (k): 7, set by the team lead" in joined
    assert _k(res) == 7

    _set_k(lead, 3)
    published = run(lead, "team", "publish", "--out", str(tmp_path / "u1.tmu")).stdout
    assert "smallest group size (k): 3." in published
    updated = run(res, "team", "update", str(tmp_path / "u1.tmu")).stdout
    assert "Team update 1 imported" in updated and "smallest group size (k): 3." in updated
    assert _k(res) == 3  # the lead lowered it; this researcher had not raised it

    run(lead, "team", "publish", "--out", str(tmp_path / "u2.tmu"))
    hostile = _resigned(tmp_path / "u2.tmu", lead, teamupdate.MAGIC, teamupdate.DOMAIN, k=1)
    refused = run(res, "team", "update", str(hostile), code=3)
    assert "team update sets the smallest group size for exports (k) outside 2 to 100" \
        in refused.stderr and "nothing was changed" in refused.stderr
    assert _k(res) == 3
    with _open(res) as vault:
        assert int(read_team(vault)["update_number"]) == 1

    bad_team = _resigned(team_file, lead, teamfile.TEAM_MAGIC, teamfile.TEAM_DOMAIN, k=500)
    refused = run(late, "team", "join", str(bad_team), "--yes", code=3)
    assert "team file sets the smallest group size" in refused.stderr
    assert "500" not in refused.stderr  # a value from outside is not echoed
    with _open(late) as vault:
        assert read_team(vault) is None
