"""The lead answers back through the real command line, as scripts use it.

receipt write / receipt import, purge (the policy's due part) and purge
--received, team revoke, team
recipient add, team publish, team update: exit codes 0, 2 (not confirmed)
and 3 (refused), and what ``interviews list`` / ``show`` print.
"""

from __future__ import annotations

import json
from pathlib import Path

from test_exchange_cli import BORDER, CANARIES, PASS, answers, run

from testimonio.exchange.teamupdate import Retention
from testimonio.services.team_admin import TeamAdminService
from testimonio.vault import KdfParams, Vault


def test_receipt_purge_revoke_recipient_publish_update(tmp_path: Path) -> None:
    lead, res, backup = tmp_path / "lead", tmp_path / "res", tmp_path / "backup"
    for vault in (lead, res, backup):
        Vault.create(vault, PASS, kdf=KdfParams.FAST)[0].lock()
    run(lead, "forms", "add", str(BORDER))
    team_file = tmp_path / "team.tmt"
    run(lead, "team", "create", "--name", "Border 2019", "--out", str(team_file))
    run(res, "team", "join", str(team_file), "--yes")
    run(res, "keys", "export", "--out", str(tmp_path / "res.pub"))
    run(lead, "team", "add-researcher", str(tmp_path / "res.pub"), "--yes")
    fp = run(res, "keys", "show").stdout.splitlines()[0].split(":", 1)[1].strip()

    f = tmp_path / "a.json"
    f.write_text(json.dumps(answers(1, 31)), encoding="utf-8")
    run(res, "interviews", "add", "--form", "border_testimony", "--site", "Tumbes",
        "--answers", str(f), "--complete")
    run(res, "export", "--out", str(tmp_path / "1.tmb"), "--accept-risk")
    run(lead, "import", str(tmp_path / "1.tmb"))

    written = run(lead, "receipt", "write", "--researcher", fp.replace(" ", "").lower(),
                  "--out", str(tmp_path / "r.tmr"))
    assert "1 interview(s)" in written.stdout
    run(res, "receipt", "import", str(tmp_path / "r.tmr"))
    listed = run(res, "interviews", "list").stdout
    assert "received by the lead on" in listed
    iid = json.loads(run(res, "interviews", "list", "--json").stdout)[0]["id"]
    assert "received by the lead on" in run(res, "interviews", "show", iid).stdout
    again = run(res, "receipt", "import", str(tmp_path / "r.tmr"), code=3)
    assert "already imported" in again.stderr

    # The team's policy (set in the lead's program, carried by the update):
    # identifiers go on the day of the receipt. ``purge`` alone applies it.
    with Vault.unlock(lead, PASS) as vault:
        TeamAdminService(vault).set_retention(Retention("identifiers", 0))
    run(lead, "team", "publish", "--out", str(tmp_path / "u0.tmu"))
    run(res, "team", "update", str(tmp_path / "u0.tmu"))
    asked = run(res, "purge", code=2)  # no terminal, no --yes: nothing deleted
    assert iid in asked.stdout and "identifiers and attachments" in asked.stdout
    assert CANARIES[0] in run(res, "interviews", "show", iid, "--json").stdout
    done = run(res, "purge", "--yes").stdout
    assert "Purged 1 interview(s) (identifiers and attachments)" in done
    shown_after = run(res, "interviews", "show", iid, "--json").stdout
    assert CANARIES[0] not in shown_after and "teacher" in shown_after
    assert "Nothing is due" in run(res, "purge", "--yes").stdout

    asked = run(res, "purge", "--received", code=2)  # no terminal, no --yes: nothing deleted
    assert iid in asked.stdout
    assert len(json.loads(run(res, "interviews", "list", "--json").stdout)) == 1
    run(res, "purge", "--received", "--yes")
    assert json.loads(run(res, "interviews", "list", "--json").stdout) == []
    run(res, "interviews", "show", iid, code=2)

    run(backup, "keys", "export", "--out", str(tmp_path / "backup.pub"))
    run(lead, "team", "recipient", "add", str(tmp_path / "backup.pub"), "--yes")
    run(lead, "team", "revoke", fp, "--yes")
    run(lead, "team", "publish", "--out", str(tmp_path / "u1.tmu"))
    published = run(lead, "team", "publish", "--out", str(tmp_path / "u2.tmu")).stdout
    assert "1 revocation(s), 1 backup recipient(s)" in published
    run(res, "team", "update", str(tmp_path / "u2.tmu"))
    older = run(res, "team", "update", str(tmp_path / "u1.tmu"), code=3)
    assert "already imported" in older.stderr

    run(res, "interviews", "add", "--form", "border_testimony", "--site", "Tumbes",
        "--answers", str(f), "--complete")
    run(res, "export", "--out", str(tmp_path / "2.tmb"), "--accept-risk")
    refused = run(lead, "import", str(tmp_path / "2.tmb"), code=3)
    assert "revoked" in refused.stderr
