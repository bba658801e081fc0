"""docs/tools/read_vault.py and read_bundle.py open what the program wrote, without it.

They import only the standard library, cryptography and sqlcipher3 (checked
below) and run in a subprocess against real vaults and bundles: a version 2
bundle opened with the lead's and with a backup recipient's keys as read
from their vaults, and a version 1 bundle.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from exchange_world import Side, border_answers, new_side, team_of

from testimonio.exchange.bundle import open_bundle
from testimonio.services.import_ import ImportService
from testimonio.services.keys import KeyService
from testimonio.services.team_admin import TeamAdminService

TOOLS = Path(__file__).resolve().parents[2] / "docs" / "tools"
STDLIB = {"base64", "hashlib", "json", "os", "struct", "sys", "unicodedata", "zlib"}


@pytest.mark.parametrize("name", ["read_vault.py", "read_bundle.py"])
def test_readers_import_only_cryptography_and_sqlcipher3(name: str) -> None:
    names = set()
    for node in ast.walk(ast.parse((TOOLS / name).read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    allowed = STDLIB | {"cryptography"} | ({"sqlcipher3"} if name == "read_vault.py" else set())
    assert names <= allowed, names - allowed


def tool(name: str, *args: str, secret: str = "pass phrase") -> Any:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-I", str(TOOLS / name), *args], capture_output=True,
                          text=True, env={**env, "RECOVER_SECRET": secret}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def in_process(side: Side, bundle: Path) -> list[dict[str, Any]]:
    roster = {k: v[0] for k, v in ImportService(side.vault).roster().items()}
    with open_bundle(bundle, recipient=KeyService(side.vault).ensure(), known_signers=roster) as b:
        return list(b.records())


def test_readers_open_vaults_and_bundles_the_program_wrote(tmp_path: Path) -> None:
    lead, (r1,) = team_of(tmp_path)
    backup = new_side(tmp_path, "backup")
    KeyService(backup.vault).export_public(tmp_path / "backup.pub", name="Office safe")
    admin = TeamAdminService(lead.vault)
    admin.add_recipient(admin.read_recipient_file(tmp_path / "backup.pub"))
    admin.publish(tmp_path / "u1.tmu")
    for side in (r1, backup):
        if side is backup:
            side.team.join(side.team.read_team_file(tmp_path / "team.tmt"))
        service = TeamAdminService(side.vault)
        service.apply_update(service.read_update(tmp_path / "u1.tmu"))
    r1.add(border_answers(1))
    v2 = r1.export.write(tmp_path / "2.tmb", accept_risk=True).path
    lead.import_.import_file(v2)

    lead_dump = tool("read_vault.py", str(lead.dir))
    assert lead_dump["team"][0]["role"] == "lead" and len(lead_dump["imported_origin"]) == 1
    assert [i["site"] for i in lead_dump["interviews"]] == ["CEBAF Peru"]
    assert lead_dump["interviews"][0]["withheld"]["leaving/account"] == "not-reviewed"
    (researcher,) = lead_dump["roster"]
    keys = tmp_path / "lead-keys.json"
    keys.write_text(json.dumps(lead_dump), encoding="utf-8")
    opened = tool("read_bundle.py", str(v2), str(keys), "--signer", researcher["public"])
    assert opened["manifest"]["format"] == 2 and len(opened["manifest"]["recipients"]) == 2
    assert opened["records"] == in_process(lead, v2)
    assert opened["records"][0]["export_id"] == lead_dump["imported_origin"][0]["export_id"]

    backup_keys = tmp_path / "backup-keys.json"
    backup_keys.write_text(json.dumps(tool("read_vault.py", str(backup.dir))), encoding="utf-8")
    assert tool("read_bundle.py", str(v2), str(backup_keys))["records"] == opened["records"]

    with r1.vault.transaction() as db:  # as if r1 had joined before the lead's upgrade
        db.execute("UPDATE team SET lead_kem = NULL")
    r1.add(border_answers(2))
    v1 = r1.export.write(tmp_path / "3.tmb", accept_risk=True).path
    old = tool("read_bundle.py", str(v1), str(keys), "--signer", researcher["public"])
    assert old["manifest"]["format"] == 1 and old["records"] == in_process(lead, v1)
