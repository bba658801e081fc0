"""docs/vault.md is enough: a script that imports nothing of ours reads a vault back."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from testimonio.services.interviews import InterviewService
from testimonio.vault import KdfParams, Vault

SCRIPT = Path(__file__).with_name("recover_vault.py")
DOC = Path(__file__).resolve().parents[2] / "docs" / "vault.md"
ALLOWED = {"base64", "hashlib", "json", "os", "sys", "unicodedata", "sqlcipher3", "cryptography"}


def test_script_imports_only_cryptography_and_sqlcipher3() -> None:
    tree = ast.parse(SCRIPT.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    assert names <= ALLOWED, names - ALLOWED


@pytest.mark.parametrize("use_recovery", [False, True])
def test_standalone_script_reads_interviews(tmp_path: Path, use_recovery: bool) -> None:
    folder = tmp_path / "vault"
    params = KdfParams(time_cost=2, memory_kib=1024, lanes=2)
    vault, recovery = Vault.create(folder, "pässphrase ünicode", kdf=params)
    service = InterviewService(vault)
    interview = service.start("border", "2026012601", "Tumbes", "ana", "es")
    service.set_answer(interview, "alias", "Rosa", "ana")
    service.set_answer(interview, "companions[2]/age", 7, "ana")
    service.set_answer(interview, "languages", ["es", "qu"], "ana")
    service.add_attachment(interview, "photo", b"\x89PNG data", "image/png")
    vault.change_passphrase("pässphrase ünicode")  # the slot file rewritten once
    # Left open: the newest rows are still in the -wal file, as after a crash.
    secret = recovery if use_recovery else "pässphrase ünicode"
    check = ("import runpy, sys; sys.argv = sys.argv[1:]; "
             "runpy.run_path(sys.argv[0], run_name='__main__'); "
             "assert not [m for m in sys.modules if m.startswith('testimonio')]")
    args = [sys.executable, "-c", check, str(SCRIPT), str(folder)]
    if use_recovery:
        args.append("--recovery")
    done = subprocess.run(args, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "RECOVER_SECRET": secret})
    vault.lock()
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert row["id"] == interview and row["site"] == "Tumbes"
    assert row["answers"] == {"alias": "Rosa", "companions[2]/age": 7, "languages": ["es", "qu"]}
    (attachment,) = row["attachments"]
    assert attachment["sha256"] == attachment["check"]


def test_doc_names_what_the_script_relies_on() -> None:
    doc = DOC.read_text()
    for needle in ("keyslots.json", "testimonio-keyslot/1/", "chacha20-poly1305", "Argon2id",
                   "NFC", "cipher_compatibility = 4", "x'", "wrapped_key", "check",
                   "sort_keys", "answers", "interview_id"):
        assert needle in doc, needle
