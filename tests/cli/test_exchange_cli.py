"""End to end through the real command line: team, keys, export, import, report.

A lead and a researcher, each with a vault made in-process the way ``testimonio
init`` makes it but with cheap Argon2id costs (``init`` itself, with tuned
costs, is tested in test_vault_cli.py): about twenty commands each unlock a
vault again, and tuned costs would make this test minutes long. The
researcher's identifiers and unreviewed free text (the canaries) must be
nowhere in the decrypted bundle, the lead's vault, or the reports, while a
``safe`` answer and the alias are.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from testimonio.services.settings import SettingsService
from testimonio.services.setup import create_vault
from testimonio.vault import KdfParams, Vault

ROOT = Path(__file__).resolve().parents[2]
BORDER = ROOT / "forms" / "border_testimony.xlsx"
PASS = "correct horse battery staple 42"
CANARIES = ("CANARYNAME Quispe", "CANARYDOC-4471", "+51 999 471 123", "CANARYSTORY hid in the house")


def run(vault: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TESTIMONIO_PASSPHRASE": PASS, "TESTIMONIO_VAULT": str(vault)}
    done = subprocess.run([sys.executable, "-m", "testimonio", *args], capture_output=True, text=True,
                          env=env, timeout=180, check=False)
    assert done.returncode == code, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done


def answers(n: int, age: int) -> dict[str, object]:
    return {
        "consent": "yes", "alias": f"Alias{n}", "real_name": CANARIES[0], "document_number": CANARIES[1],
        "phone": CANARIES[2], "gender": "female", "age": age, "occupation": "teacher",
        "travels_with_others": "no", "reasons": ["food"], "account": CANARIES[3], "destination": "peru",
        "documents_held": ["passport", "visa_peru"], "entry_result": "refused",
        "refusal_reasons": ["no_visa"], "sent_to_asylum": "yes", "exception_criteria": ["none"],
        "asylum_claimed": "yes", "claim_date": "2019-10-01", "interview_minutes": 5,
        "decision": "pending", "has_family_abroad": "no",
        "quotes": [{"quote_text": f"SAFEQUOTE {n}", "quote_citable": "yes"}],
    }


def test_team_export_import_report(tmp_path: Path) -> None:
    lead, res = tmp_path / "lead", tmp_path / "res"
    create_vault(lead, PASS, kdf=KdfParams.FAST).vault.lock()  # what 'init' does, cheaply
    run(lead, "forms", "add", str(BORDER))
    team_file = tmp_path / "team.tmt"
    created = run(lead, "team", "create", "--name", "Border 2019", "--out", str(team_file))
    lead_fp = created.stdout.strip().splitlines()[-1].strip()
    create_vault(res, PASS, kdf=KdfParams.FAST).vault.lock()
    refused = run(res, "team", "join", str(team_file), code=2)  # no terminal, no --yes: not confirmed
    assert lead_fp in refused.stdout
    run(res, "team", "join", str(team_file), "--yes")
    keys = run(res, "keys", "show").stdout
    key_file = tmp_path / "res.pub"
    run(res, "keys", "export", "--out", str(key_file))
    added = run(lead, "team", "add-researcher", str(key_file), "--yes")
    assert keys.splitlines()[0].split(":", 1)[1].strip() in added.stdout

    for n, age in enumerate((31, 33, 35)):
        f = tmp_path / f"a{n}.json"
        f.write_text(json.dumps(answers(n, age)), encoding="utf-8")
        run(res, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
            "--answers", str(f), "--complete")

    risk = run(res, "export", "--out", str(tmp_path / "1.tmb"), code=2)  # 3 < k = 5
    assert "person/age=30-39" in risk.stderr and not (tmp_path / "1.tmb").exists()
    preview = json.loads(run(res, "export", "--preview").stdout)
    text = json.dumps(preview, ensure_ascii=False)
    assert not [c for c in CANARIES if c in text]
    # The quote is free text nobody reviewed (the CLI has no review step): it stays.
    assert "Alias0" in text and "SAFEQUOTE" not in text and len(preview["records"]) == 3
    run(res, "export", "--out", str(tmp_path / "1.tmb"), "--accept-risk")
    f = tmp_path / "a9.json"
    f.write_text(json.dumps(answers(9, 37)), encoding="utf-8")
    run(res, "interviews", "add", "--form", "border_testimony", "--site", "Tumbes", "--answers", str(f),
        "--complete")
    run(res, "export", "--out", str(tmp_path / "2.tmb"), "--suppress-small-groups", "--accept-risk")

    second = run(lead, "import", str(tmp_path / "2.tmb")).stdout
    assert "1 new" in second and "Missing bundles" in second
    first = run(lead, "import", str(tmp_path / "1.tmb"), str(tmp_path / "2.tmb")).stdout
    assert "3 new" in first and "already imported" in first
    bad = tmp_path / "bad.tmb"
    data = (tmp_path / "1.tmb").read_bytes()
    bad.write_bytes(data[: len(data) - 7])
    assert run(lead, "import", str(bad), code=3).stderr.startswith("testimonio: ")

    listed = json.loads(run(lead, "interviews", "list", "--json").stdout)
    assert sorted(i["alias"] for i in listed) == ["Alias0", "Alias1", "Alias2", "Alias9"]
    # The text list says the month the bundle sent, not a made-up "…-01 00:00:00".
    month = listed[0]["updated_at"][:7]
    assert re.fullmatch(r"\d{4}-\d{2}", month)
    text = run(lead, "interviews", "list").stdout
    assert f" {month} " in text and f"{month}-01 00:00:00" not in text

    # At the lead the k-check runs over everyone's data (3 aged 30-39 are fewer than 5, so
    # their ages would be blanked: tests/services/test_report.py); exact here, for internal use.
    vault = Vault.unlock(lead, PASS)
    SettingsService(vault).set("pref.small_counts", "exact")
    vault.lock()
    run(lead, "report", "--csv", str(tmp_path / "csv"), "--lang", "en")
    run(lead, "report", "--xlsx", str(tmp_path / "r.xlsx"))
    with open(tmp_path / "csv" / "border_testimony.csv", encoding="utf-8", newline="") as fh:
        rows = {row["person/alias"]: row for row in csv.DictReader(fh)}
    assert sorted(rows) == ["Alias0", "Alias1", "Alias2", "Alias9"]
    assert rows["Alias0"]["person/age"] == "30-39" and rows["Alias9"]["person/age"] == ""  # blanked
    assert rows["Alias0"]["documents/documents_held/visa_peru"] == "1"
    assert rows["Alias0"]["entry/entry_result"] not in ("", "refused")  # an English label
    assert (tmp_path / "csv" / "border_testimony_quotes.csv").exists()
    report_text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").iterdir())
    wb = load_workbook(tmp_path / "r.xlsx")
    xlsx_text = "\n".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row)
    for where in (report_text, xlsx_text):
        assert "Alias0" in where and "SAFEQUOTE" not in where
        assert not [c for c in CANARIES if c in where]
    shown = run(lead, "interviews", "show", listed[0]["id"], "--json").stdout
    assert not [c for c in CANARIES if c in shown]
