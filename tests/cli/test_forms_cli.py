"""``testimonio forms ...`` and ``interviews add``, run as the real program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from formkit import duplicate_choices_form, duplicate_columns_form, shared_form

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "forms"
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
    version = {"border_testimony.xlsx": "2026120401", "official_meeting.xlsx": "2026012601"}[name]
    assert f"version      {version}" in out
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
    assert "  alias        person/alias (safe)" in lines
    reviewed = next(line for line in lines if "text kept until reviewed" in line)
    assert "quote_text" in reviewed and "account" in reviewed


def test_check_names_file_sheet_and_row_and_exits_2(tmp_path: Path) -> None:
    path = duplicate_choices_form(tmp_path / "coverage.xlsx", filler=120)
    done = run("forms", "check", str(path))
    assert done.returncode == 2
    assert_sentence(done.stderr)
    assert "coverage.xlsx, sheet 'choices', row 126" in done.stderr
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
    done = run("forms", "check", str(shared_form("valid", "ucl_biomass_plot.xlsx")))
    assert done.returncode == 0, done.stderr
    assert "sw (Swahili), en (English)" in done.stdout
    assert "species_names.csv" in done.stdout


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """A real vault (cheap Argon2id costs) the subprocess opens with PASS."""
    from testimonio.vault import KdfParams, Vault

    path = tmp_path / "vault"
    created = Vault.create(path, PASS, kdf=KdfParams.FAST)
    opened = created[0] if isinstance(created, tuple) else created
    opened.lock()
    return path


def _answers(tmp_path: Path, answers: dict[str, object], name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return path


ROSA: dict[str, object] = {
    "consent": "yes", "alias": "Rosa", "real_name": "Rosa Pérez", "gender": "female", "age": 34,
    "travels_with_others": "yes",
    "companions": [{"relationship": "child", "companion_age": 6},
                   {"relationship": "parent", "companion_age": 67,
                    "companion_conditions": ["chronic_illness"]}],
    "reasons": ["food", "threats"], "left_venezuela_date": "2019-10-02",
    "arrival_border_date": "2019-11-01", "destination": "chile", "documents_held": ["id_card"],
    "entry_result": "refused", "refusal_reasons": ["no_passport"],
    "exception_criteria": ["over_60"], "asylum_claimed": "yes", "claim_date": "2019-11-02",
    "decision": "rejected_verbal", "decision_date": "2019-12-12", "has_family_abroad": "no",
    "quotes": [{"quote_text": "Nos dijeron que volviéramos.", "quote_citable": "yes"}],
}


def test_forms_add_list_and_versions(vault: Path, tmp_path: Path) -> None:
    v = ("--vault", str(vault))
    done = run(*v, "forms", "add", str(FORMS / "border_testimony.xlsx"))
    assert done.returncode == 0, done.stderr
    assert "border_testimony version 2026120401: installed." in done.stdout
    again = run(*v, "forms", "add", str(FORMS / "border_testimony.xlsx"))
    assert again.returncode == 0 and "already installed" in again.stdout
    # A new version of the same form: written by build_forms with another version.
    import openpyxl

    book = openpyxl.load_workbook(FORMS / "border_testimony.xlsx")
    settings = book["settings"]
    headers = [c.value for c in settings[1]]
    settings.cell(row=2, column=headers.index("version") + 1, value="2026120402")
    newer = tmp_path / "border_testimony.xlsx"
    book.save(newer)
    assert run(*v, "forms", "add", str(newer)).returncode == 0
    # Same id and version, different content: refused, nothing changes.
    settings.cell(row=2, column=headers.index("form_title") + 1, value="Changed title")
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    refused = run(*v, "forms", "add", str(changed))
    assert refused.returncode == 2
    assert_sentence(refused.stderr)
    assert "already installed with different content" in refused.stderr
    # A malformed form installs nothing.
    bad = run(*v, "forms", "add", str(duplicate_columns_form(tmp_path / "bad.xlsx")))
    assert bad.returncode == 2 and "sheet 'survey'" in bad.stderr
    listing = run(*v, "forms", "list")
    assert listing.returncode == 0, listing.stderr
    rows = [line for line in listing.stdout.splitlines()[1:] if line.strip()]
    assert [r.split()[:2] for r in rows] == [
        ["border_testimony", "2026120402"], ["border_testimony", "2026120401"]]
    assert "Changed title" not in listing.stdout


def test_forms_list_wrong_passphrase_is_refused(vault: Path) -> None:
    done = run("--vault", str(vault), "forms", "list",
               env={"TESTIMONIO_PASSPHRASE": "not the passphrase"})
    assert done.returncode == 3
    assert_sentence(done.stderr)


def test_interviews_add_draft_and_complete(vault: Path, tmp_path: Path) -> None:
    v = ("--vault", str(vault))
    assert run(*v, "forms", "add", str(FORMS / "border_testimony.xlsx")).returncode == 0
    answers = _answers(tmp_path, ROSA)
    done = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
               "--answers", str(answers), "--complete")
    assert done.returncode == 0, done.stderr
    interview_id = done.stdout.strip().splitlines()[-1]
    shown = run(*v, "interviews", "show", interview_id, "--json")
    assert shown.returncode == 0, shown.stderr
    record = json.loads(shown.stdout)
    text = json.dumps(record, ensure_ascii=False)
    assert "complete" in text and "Rosa" in text and "CEBAF Peru" in text
    assert record["answers"]["companions[2]/companion_age"] == 67
    from testimonio.services.interviews import InterviewService
    from testimonio.vault import Vault

    with Vault.unlock(vault, PASS) as opened:
        stored = InterviewService(opened).answers(interview_id)
    assert stored["asylum/days_waited"] in ("40", 40)  # 2019-11-02 -> 2019-12-12
    assert stored["exceptions/exception_met"] == "yes"
    assert stored["companions"] == 2 and stored["companions[2]/companion_age"] == 67
    assert stored["person/real_name"] == "Rosa Pérez"  # kept in the vault, never exported
    # Without --complete a draft may miss required answers.
    partial = {k: v for k, v in ROSA.items() if k not in {"gender", "decision"}}
    draft = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
                "--answers", str(_answers(tmp_path, partial, "partial.json")))
    assert draft.returncode == 0, draft.stderr
    # With --complete every missing required answer is listed, and nothing is added.
    before = run(*v, "interviews", "list").stdout
    refused = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
                  "--answers", str(_answers(tmp_path, partial, "partial.json")), "--complete")
    assert refused.returncode == 2
    assert_sentence(refused.stderr)
    assert "2 problem(s)" in refused.stderr
    assert "person/gender" in refused.stderr and "asylum/decision" in refused.stderr
    assert run(*v, "interviews", "list").stdout == before


def test_interviews_add_lists_every_problem(vault: Path, tmp_path: Path) -> None:
    v = ("--vault", str(vault))
    assert run(*v, "forms", "add", str(FORMS / "border_testimony.xlsx")).returncode == 0
    wrong = dict(ROSA, age=130, arrival_border_date="2019-09-01", consent="maybe",
                 companions=[{"relationship": "child", "companion_conditions": ["none", "disability"]}])
    done = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
               "--answers", str(_answers(tmp_path, wrong)))
    assert done.returncode == 2
    assert_sentence(done.stderr)
    assert "consent: 'maybe' is not among the choices" in done.stderr
    unknown = dict(ROSA, age="old", nope=1)
    done = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
               "--answers", str(_answers(tmp_path, unknown, "unknown.json")))
    assert done.returncode == 2
    assert "nope" in done.stderr and "age" in done.stderr
    constraint = dict(ROSA, age=130, arrival_border_date="2019-09-01",
                      companions=[{"relationship": "child",
                                   "companion_conditions": ["none", "disability"]}])
    done = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
               "--answers", str(_answers(tmp_path, constraint, "constraint.json")))
    assert done.returncode == 2
    assert "3 problem(s)" in done.stderr
    assert "Age must be between 0 and 110 years." in done.stderr
    assert "before leaving Venezuela" in done.stderr
    assert "'None' cannot be combined" in done.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{oops", encoding="utf-8")
    done = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "X",
               "--answers", str(broken))
    assert done.returncode == 2 and "not valid JSON" in done.stderr
    missing = run(*v, "interviews", "add", "--form", "no_such_form", "--site", "X",
                  "--answers", str(_answers(tmp_path, ROSA)))
    assert missing.returncode == 2 and "No questionnaire 'no_such_form'" in missing.stderr
    assert run(*v, "interviews", "list").stdout.strip() == "No interviews."


def test_interviews_add_stores_attachments_inside_the_vault(vault: Path, tmp_path: Path) -> None:
    v = ("--vault", str(vault))
    assert run(*v, "forms", "add", str(FORMS / "border_testimony.xlsx")).returncode == 0
    photo = tmp_path / "passport.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    answers = dict(ROSA, documents_seen=["passport"], photo_consent="yes",
                   document_photos=[{"photo_document": "passport", "photo": "passport.png"}])
    done = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
               "--answers", str(_answers(tmp_path, answers)))
    assert done.returncode == 0, done.stderr
    interview_id = done.stdout.strip().splitlines()[-1]
    from testimonio.services.interviews import InterviewService
    from testimonio.vault import Vault

    with Vault.unlock(vault, PASS) as opened:
        service = InterviewService(opened)
        stored = service.answers(interview_id)
        attachment_id = stored["document_photos[1]/photo"]
        assert isinstance(attachment_id, str)
        assert service.attachment(attachment_id).data == photo.read_bytes()
    missing = dict(answers, document_photos=[{"photo_document": "passport", "photo": "gone.png"}])
    done = run(*v, "interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
               "--answers", str(_answers(tmp_path, missing, "missing.json")))
    assert done.returncode == 2 and "gone.png" in done.stderr
