"""A form with secondary instances, pulldata and select_one_from_file through
the real command line: added with its CSV beside it, carried by the team file,
filled with ``interviews add``, exported and imported by the lead."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

from testimonio.vault import KdfParams, Vault

PASS = "correct horse battery staple 42"


def run(vault: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TESTIMONIO_PASSPHRASE": PASS, "TESTIMONIO_VAULT": str(vault)}
    done = subprocess.run([sys.executable, "-m", "testimonio", *args], capture_output=True, text=True,
                          env=env, timeout=180, check=False)
    assert done.returncode == code, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done


def write_form(folder: Path) -> Path:
    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    for row in (
        ["type", "name", "label", "choice_filter", "calculation", "privacy"],
        ["text", "alias", "Alias", None, None, "safe"],
        ["select_one country", "country", "Country"],
        ["select_one_from_file cities.csv", "city", "City", "country = ${country}"],
        ["calculate", "pop", None, None, "pulldata('cities', 'pop', 'name', ${city})"],
        ["calculate", "city_label", None, None, "instance('cities')/root/item[name = ${city}]/label"],
        ["calculate", "country_label", None, None, "instance('country')/root/item[name = ${country}]/label"],
    ):
        survey.append(row)
    choices = book.create_sheet("choices")
    for row in (["list_name", "name", "label"], ["country", "pe", "Perú"], ["country", "ec", "Ecuador"]):
        choices.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["cities", "1"])
    book.save(folder / "cities.xlsx")
    (folder / "cities.csv").write_text("name,label,country,pop\ntum,Tumbes,pe,111\npi,Piura,pe,484\n"
                                       "hua,Huaquillas,ec,57\n", encoding="utf-8")
    return folder / "cities.xlsx"


def test_attachment_form_travels_fills_exports_and_imports(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    form = write_form(forms)
    lead, res = tmp_path / "lead", tmp_path / "res"
    Vault.create(lead, PASS, kdf=KdfParams.FAST)[0].lock()
    Vault.create(res, PASS, kdf=KdfParams.FAST)[0].lock()
    checked = run(lead, "forms", "check", str(form)).stdout
    assert "attachments  cities (3 item(s))" in checked
    run(lead, "forms", "add", str(form))
    (forms / "cities.csv").unlink()  # from now on only the vault has it
    team_file = tmp_path / "team.tmt"
    run(lead, "team", "create", "--name", "Cities", "--out", str(team_file))
    run(res, "team", "join", str(team_file), "--yes")
    key_file = tmp_path / "res.pub"
    run(res, "keys", "export", "--out", str(key_file))
    run(lead, "team", "add-researcher", str(key_file), "--yes")

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"alias": "A0", "country": "ec", "city": "pi"}), encoding="utf-8")
    refused = run(res, "interviews", "add", "--form", "cities", "--site", "Tumbes", "--answers", str(bad),
                  "--complete", code=2)
    assert "city" in refused.stderr  # Piura is not offered for Ecuador: the filter read the CSV
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"alias": "A1", "country": "pe", "city": "pi"}), encoding="utf-8")
    run(res, "interviews", "add", "--form", "cities", "--site", "Tumbes", "--answers", str(good), "--complete")
    listed = json.loads(run(res, "interviews", "list", "--json").stdout)
    shown = json.loads(run(res, "interviews", "show", listed[0]["id"], "--json").stdout)
    text = json.dumps(shown, ensure_ascii=False)
    assert "484" in text and "Piura" in text and "Perú" in text

    run(res, "export", "--out", str(tmp_path / "1.tmb"), "--accept-risk")
    assert "1 new" in run(lead, "import", str(tmp_path / "1.tmb")).stdout
    imported = json.loads(run(lead, "interviews", "list", "--json").stdout)
    assert [i["alias"] for i in imported] == ["A1"]
    lead_text = run(lead, "interviews", "show", imported[0]["id"], "--json").stdout
    assert "pi" in lead_text and "484" in lead_text
