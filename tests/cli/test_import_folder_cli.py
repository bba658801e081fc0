"""``testimonio import --folder DIR``: the contract's folder import, through the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from formkit import small_form
from smallk import lower_k
from testimonio.services.export import ExportService
from testimonio.services.interviews import InterviewService
from testimonio.services.keys import KeyService
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.settings import SettingsService
from testimonio.services.team import TeamService
from testimonio.vault import KdfParams, Vault

ROOT = Path(__file__).resolve().parents[2]
PASS = "correct horse battery staple 42"


def _run(vault: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TESTIMONIO_PASSPHRASE": PASS, "TESTIMONIO_VAULT": str(vault)}
    done = subprocess.run([sys.executable, "-m", "testimonio", *args], capture_output=True,
                          text=True, env=env, timeout=180, check=False)
    assert "Traceback" not in done.stderr
    return done


def test_a_folder_is_imported_once_and_non_bundles_are_named(tmp_path: Path) -> None:
    lead, _ = Vault.create(tmp_path / "lead", PASS, kdf=KdfParams.FAST)
    res, _ = Vault.create(tmp_path / "res", PASS, kdf=KdfParams.FAST)
    form = QuestionnaireService(lead).install(small_form(tmp_path / "small.xlsx"))
    InterviewService(lead).add_site("Tumbes")
    TeamService(lead).create("Border", tmp_path / "team.tteam")
    TeamService(res).join(TeamService(res).read_team_file(tmp_path / "team.tteam"))
    KeyService(res).export_public(tmp_path / "ana.tkey", "Ana")
    TeamService(lead).add_researcher(TeamService(lead).read_public_key_file(tmp_path / "ana.tkey"))
    lower_k(SettingsService(res), 1)
    synced = tmp_path / "synced"
    synced.mkdir()
    interviews = InterviewService(res)
    for n in range(2):
        iid = interviews.start(form.form_id, form.version, "Tumbes", "Ana", "es")
        interviews.set_answer(iid, "alias", f"P{n}", "Ana")
        interviews.set_answer(iid, "travel", "n", "Ana")
        interviews.complete(iid, "Ana")
        ExportService(res).write(synced / f"{n}.tbundle", suppress_small_groups=True)
    (synced / "readme.txt").write_text("not a bundle")
    lead.lock()
    res.lock()

    first = _run(tmp_path / "lead", "import", "--folder", str(synced))
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert sum(": imported: bundle" in line for line in lines) == 2
    assert any(line.startswith("readme.txt: skipped: not a Testimonio file") for line in lines)
    second = _run(tmp_path / "lead", "import", "--folder", str(synced))
    assert second.returncode == 0
    assert "0 bundle(s) handled, 2 imported before" in second.stdout
    assert ": imported:" not in second.stdout
    bad = _run(tmp_path / "lead", "import", "--watch")
    assert bad.returncode == 2 and "--folder" in bad.stderr
