"""``testimonio forms ...`` and ``interviews add``, run as the real program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
SHARED = ROOT.parent / "shared" / "xlsforms"
PASS = "correct horse battery staple 42"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "TESTIMONIO_PASSPHRASE": PASS, **(env or {})}
    return subprocess.run([sys.executable, "-m", "testimonio", *args], capture_output=True,
                          text=True, env=full_env, timeout=120, check=False)


def assert_sentence(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.startswith("testimonio: ")


@pytest.mark.parametrize("name", ["border_testimony.xlsx", "official_meeting.xlsx"])
def test_check_shipped_forms(name: str) -> None:
    done = run("forms", "check", str(FORMS / name))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"{name}: OK" in out
    assert f"form id      {name.removesuffix('.xlsx')}" in out
    assert "version      2026012601" in out
    assert "es (Español), en (English); default es" in out
    assert "identifier:" in out and "quasi:" in out and "safe:" in out
    assert "warning" not in out  # clean: no warnings
    assert done.stderr == ""


def test_check_counts_types_and_privacy() -> None:
    done = run("forms", "check", str(FORMS / "border_testimony.xlsx"))
    lines = done.stdout.splitlines()
    questions = next(line for line in lines if line.strip().startswith("questions"))
    assert "select_one" in questions and "select_multiple" in questions and "image 1" in questions
    identifier = next(line for line in lines if "identifier:" in line)
    assert "real_name" in identifier and "photo" in identifier
    reviewed = next(line for line in lines if "text kept until reviewed" in line)
    assert "quote_text" in reviewed and "account" in reviewed


def test_check_names_file_sheet_and_row_and_exits_2() -> None:
    done = run("forms", "check", str(SHARED / "invalid" / "liberia_coverage_duplicate_choices.xlsx"))
    assert done.returncode == 2
    assert_sentence(done.stderr)
    assert "liberia_coverage_duplicate_choices.xlsx, sheet 'choices', row 126" in done.stderr
    assert done.stdout == ""


def test_check_wrong_file_type_and_missing_file(tmp_path: Path) -> None:
    fake = tmp_path / "notes.xlsx"
    fake.write_text("hello")
    done = run("forms", "check", str(fake))
    assert done.returncode == 2
    assert_sentence(done.stderr)
    assert "not an XLSForm" in done.stderr
    done = run("forms", "check", str(tmp_path / "nothing.xlsx"))
    assert done.returncode == 2
    assert_sentence(done.stderr)


def test_check_a_foreign_valid_form_lists_notes() -> None:
    done = run("forms", "check", str(SHARED / "valid" / "ucl_biomass_plot.xlsx"))
    assert done.returncode == 0, done.stderr
    assert "sw (Swahili), en (English)" in done.stdout
    assert "species_names.csv" in done.stdout


def _init_vault(vault: Path) -> None:
    done = run("--vault", str(vault), "init", env={"TESTIMONIO_FAST_KDF": "1"})
    assert done.returncode == 0, done.stderr


def _answers(tmp_path: Path, answers: dict[str, object]) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return path


