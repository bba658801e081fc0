"""``--version``, ``init``, ``passwd``, ``selftest``, ``interviews list|show``, as the real program."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from formkit import install_form
from testimonio import __version__
from testimonio.services.interviews import InterviewService
from testimonio.vault import DB_NAME, SLOTS_NAME, KdfParams, Vault
from testimonio.vault.kdf import MIN_TIME_COST

PASS = "correct horse battery staple 42"


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "testimonio", *args], capture_output=True,
                          text=True, env=full_env, timeout=120, check=False,
                          input=stdin if stdin is not None else "")


def sentence(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("testimonio: ")
    return done.stderr


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASS, kdf=KdfParams.FAST)
    install_form(vault, tmp_path / "forms", "border", "2026012601", [
        {"type": "text", "name": "alias", "label": "Alias"},
        {"type": "begin_repeat", "name": "companions", "label": "Companions"},
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "end_repeat"},
        {"type": "image", "name": "photo", "label": "Photo"},
    ])
    service = InterviewService(vault)
    first = service.start("border", "2026012601", "Tumbes", "ana", "es")
    service.set_answer(first, "alias", "Rosa", "ana")
    service.set_answer(first, "companions[1]/age", 9, "ana")
    service.add_attachment(first, "photo", b"jpeg", "image/jpeg")
    second = service.start("border", "2026012601", "Huaquillas", "luis", "es")
    service.complete(second, "luis")
    vault.lock()
    return folder, first


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"testimonio {__version__}"


def test_init_uses_tuned_kdf_and_prints_recovery_key_once(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    done = run("--vault", str(folder), "init", env={"TESTIMONIO_PASSPHRASE": PASS})
    assert done.returncode == 0, done.stderr
    assert PASS not in done.stdout + done.stderr
    key_lines = [line.strip() for line in done.stdout.splitlines() if line.count("-") == 8]
    assert len(key_lines) == 1
    slot = json.loads((folder / SLOTS_NAME).read_text())["slots"][0]
    # Never below 64 MiB x 2 passes (OWASP's Argon2id floor: 19 MiB x 2, 46 MiB x 1).
    assert slot["memory_kib"] >= 64 * 1024 and slot["time_cost"] >= MIN_TIME_COST >= 2
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    again = run("--vault", str(folder), "init", env={"TESTIMONIO_PASSPHRASE": "other passphrase"})
    assert again.returncode == 1
    assert "already a vault" in sentence(again)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    vault = Vault.unlock_with_recovery(folder, key_lines[0])  # one slow (real) derivation
    try:
        # A new vault has its device keys and the shipped questionnaires.
        from testimonio.services.keys import KeyService
        from testimonio.services.questionnaires import QuestionnaireService

        assert KeyService(vault).info().fingerprint in done.stdout
        forms = {f.form_id for f in QuestionnaireService(vault).list()}
        assert {"border_testimony", "official_meeting"} <= forms
    finally:
        vault.lock()


def test_init_refuses_a_short_or_missing_passphrase(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    short = run("--vault", str(folder), "init", env={"TESTIMONIO_PASSPHRASE": "short"})
    assert short.returncode == 2
    sentence(short)
    none = run("--vault", str(folder), "init")  # no variable, no terminal
    assert none.returncode == 2
    assert "TESTIMONIO_PASSPHRASE" in sentence(none)
    assert not folder.exists()


def test_missing_vault_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    for args in (["interviews", "list"], ["interviews", "show", "abc"], ["passwd"]):
        done = run("--vault", str(folder), *args, env={"TESTIMONIO_PASSPHRASE": PASS})
        assert done.returncode == 1
        assert "no vault" in sentence(done).lower()
    assert not folder.exists()
    env_folder = run("interviews", "list", env={"TESTIMONIO_VAULT": str(folder),
                                                 "TESTIMONIO_PASSPHRASE": PASS})
    assert env_folder.returncode == 1 and str(folder) in env_folder.stderr
    assert not folder.exists()


def test_wrong_passphrase_exit_3_and_nothing_changes(filled: tuple[Path, str]) -> None:
    folder, _ = filled
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    done = run("--vault", str(folder), "interviews", "list",
               env={"TESTIMONIO_PASSPHRASE": "not the passphrase"})
    assert done.returncode == 3
    text = sentence(done)
    assert "Wrong passphrase" in text and "damaged" not in text
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_damaged_vault_exit_3_with_its_own_sentence(filled: tuple[Path, str]) -> None:
    folder, _ = filled
    db = folder / DB_NAME
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))
    done = run("--vault", str(folder), "interviews", "list", env={"TESTIMONIO_PASSPHRASE": PASS})
    assert done.returncode == 3
    assert "damaged" in sentence(done)
    assert "Wrong passphrase" not in done.stderr


def test_interviews_list_and_show(filled: tuple[Path, str]) -> None:
    folder, first = filled
    env = {"TESTIMONIO_PASSPHRASE": PASS}
    listed = run("--vault", str(folder), "interviews", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert {r["site"] for r in rows} == {"Tumbes", "Huaquillas"}
    assert {r["status"] for r in rows} == {"draft", "complete"}
    text = run("--vault", str(folder), "interviews", "list", env=env)
    assert text.returncode == 0 and "Rosa" in text.stdout and "2 interview(s)" in text.stdout
    shown = run("--vault", str(folder), "interviews", "show", first[:10], "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert doc["id"] == first and doc["alias"] == "Rosa"
    assert doc["answers"] == {"alias": "Rosa", "companions[1]/age": 9}
    assert doc["attachments"][0]["size"] == 4 and "data" not in doc["attachments"][0]
    assert [h["action"] for h in doc["history"]] == ["start", "set", "set", "attach"]
    plain = run("--vault", str(folder), "interviews", "show", first, env=env)
    assert plain.returncode == 0 and "companions[1]/age = 9" in plain.stdout
    missing = run("--vault", str(folder), "interviews", "show", "ffff", env=env)
    assert missing.returncode == 2
    sentence(missing)


def test_passwd_with_environment(filled: tuple[Path, str]) -> None:
    folder, _ = filled
    done = run("--vault", str(folder), "passwd",
               env={"TESTIMONIO_PASSPHRASE": PASS, "TESTIMONIO_NEW_PASSPHRASE": "a brand new one"})
    assert done.returncode == 0, done.stderr
    slot = json.loads((folder / SLOTS_NAME).read_text())["slots"][0]
    assert slot["memory_kib"] >= 64 * 1024  # passwd tunes real costs
    Vault.unlock(folder, "a brand new one").lock()
    wrong = run("--vault", str(folder), "passwd",
                env={"TESTIMONIO_PASSPHRASE": PASS, "TESTIMONIO_NEW_PASSPHRASE": "whatever 123"})
    assert wrong.returncode == 3


def test_selftest_runs_every_step() -> None:
    done = run("selftest")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for step in ("crash files", "create", "unlock", "write", "read", "lock"):
        assert any(line.startswith("ok") and f" {step}:" in line for line in lines), step
    assert lines[-1] == "selftest passed"


@pytest.mark.skipif(sys.platform == "win32", reason="pty")
def test_init_prompt_does_not_echo(tmp_path: Path) -> None:
    import pty

    folder = tmp_path / "vault"
    env = {k: v for k, v in os.environ.items() if k != "TESTIMONIO_PASSPHRASE"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the program on a terminal
        os.execve(sys.executable, [sys.executable, "-m", "testimonio", "--vault", str(folder),
                                   "init"], env)
    output = b""
    secret = b"typed secret passphrase"

    def read_until(marker: bytes, limit: float = 60.0) -> None:
        nonlocal output
        deadline = time.monotonic() + limit
        while marker not in output and time.monotonic() < deadline:
            try:
                output += os.read(fd, 1024)
            except OSError:
                break

    read_until(b"New passphrase:")
    os.write(fd, secret + b"\n")
    read_until(b"again:")
    os.write(fd, secret + b"\n")
    read_until(b"Recovery key")
    read_until(b"\n\n", 5)
    while True:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert secret not in output
    Vault.unlock(folder, secret.decode()).lock()


def test_without_a_console_the_commands_still_work(tmp_path: Path) -> None:
    """Under pythonw (or the windowed testimonio.exe) sys.stdout and sys.stderr are None:
    a command still ends with its own exit code instead of an AttributeError (1)."""
    folder = tmp_path / "vault"
    Vault.create(folder, PASS, kdf=KdfParams.FAST)[0].lock()
    windowed = ("import sys; sys.stdout = sys.stderr = None; "
                "from testimonio.__main__ import main; raise SystemExit(main(sys.argv[1:]))")

    def run_windowed(*args: str) -> int:
        return subprocess.run([sys.executable, "-c", windowed, *args], capture_output=True, timeout=120,
                              env={**os.environ, "TESTIMONIO_PASSPHRASE": PASS}, check=False).returncode

    assert run_windowed("--vault", str(folder), "interviews", "list") == 0  # writes its lines
    assert run_windowed("--vault", str(folder), "interviews", "list", "--no-such-option") == 2  # usage
    assert run_windowed("--vault", str(tmp_path / "nothing"), "interviews", "list") == 1  # no vault
