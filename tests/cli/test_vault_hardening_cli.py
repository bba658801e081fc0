"""Issue 15 items 7, 8, 10 (the vault's part), as the real program in a subprocess.

Set-up is atomic (Ctrl-C, leftovers, a file or a full folder in the way),
bad input gets exit 2 and a sentence, two ``passwd`` at once cannot both
"succeed", a damaged recovery slot opens with a warning, and sites are
checked.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from testimonio.errors import WrongPassphrase
from testimonio.vault import DB_NAME, SLOTS_NAME, KdfParams, Vault

PASS = "correct horse battery staple 42"
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str | bytes, env: dict[str, str] | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "testimonio", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=timeout,
                          check=False, input="")


def sentence(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("testimonio: "), done.stderr
    return done.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# --- init ----------------------------------------------------------------------


def test_init_with_a_non_utf8_passphrase_is_bad_input_and_makes_nothing(tmp_path: Path) -> None:
    env = dict(os.environb)
    env[b"TESTIMONIO_PASSPHRASE"] = b"caf\xe9 con leche y pan"  # Latin-1, not UTF-8
    done = subprocess.run([sys.executable, "-m", "testimonio", "--vault", str(tmp_path / "v"),
                           "init"], capture_output=True, text=True, env=env, timeout=120)  # type: ignore[arg-type]
    assert done.returncode == 2
    assert "not valid text" in sentence(done)
    assert list(tmp_path.iterdir()) == []


def test_init_under_a_file_or_into_a_full_folder_is_bad_input(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("field notes")
    for target in (a_file, a_file / "vault"):
        done = run("--vault", str(target), "init", env={"TESTIMONIO_PASSPHRASE": PASS})
        assert done.returncode == 2, done.stderr
        assert "is a file, not a folder" in sentence(done)
    busy = tmp_path / "documents"
    busy.mkdir()
    (busy / "report.odt").write_bytes(b"mine")
    done = run("--vault", str(busy), "init", env={"TESTIMONIO_PASSPHRASE": PASS})
    assert done.returncode == 2
    assert "already holds other files" in sentence(done)
    assert a_file.read_text() == "field notes"
    assert _tree(busy) == {"report.odt": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents", "notes.txt"]


def test_a_non_utf8_vault_path_is_bad_input(tmp_path: Path) -> None:
    target = os.fsencode(tmp_path) + b"/b\xf3veda"
    done = subprocess.run([sys.executable, "-m", "testimonio", "--vault", target, "init"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TESTIMONIO_PASSPHRASE": PASS})
    assert done.returncode == 2, done.stderr
    assert "not valid text" in sentence(done)
    assert "\x1b" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_leftover_of_an_old_interrupted_init_is_named_then_tidied(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / DB_NAME).touch()  # what an interrupted init of an older version left
    opened = run("--vault", str(folder), "interviews", "list", env={"TESTIMONIO_PASSPHRASE": PASS})
    assert opened.returncode == 1
    assert "interrupted set-up" in sentence(opened)
    assert "key file" not in opened.stderr
    done = run("--vault", str(folder), "init", env={"TESTIMONIO_PASSPHRASE": PASS})
    assert done.returncode == 0, done.stderr
    assert "interrupted set-up" in done.stdout
    assert run("--vault", str(folder), "interviews", "list",
               env={"TESTIMONIO_PASSPHRASE": PASS}).returncode == 0


def test_ctrl_c_during_init_never_leaves_a_half_vault(tmp_path: Path) -> None:
    for attempt, delay in enumerate((0.9, 2.0, 3.2)):
        folder = tmp_path / f"vault{attempt}"
        proc = subprocess.Popen([sys.executable, "-m", "testimonio", "--vault", str(folder), "init"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "TESTIMONIO_PASSPHRASE": PASS})
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
        assert leftovers == [], (delay, leftovers)
        if not folder.exists():
            assert proc.returncode != 0
            continue
        # Made: complete, and its recovery key was printed.
        assert proc.returncode == 0, err
        key = [line.strip() for line in out.splitlines() if line.count("-") == 8]
        assert len(key) == 1
        assert {DB_NAME, SLOTS_NAME} <= {p.name for p in folder.iterdir()}


@pytest.fixture
def in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., int]]:
    """The command line run in this process (fast key derivation, the log under
    tmp_path); SIGINT's handler and the program's log handlers put back after."""
    from testimonio.cli import run as cli_run

    monkeypatch.setenv("TESTIMONIO_PASSPHRASE", PASS)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(KdfParams, "tuned", staticmethod(lambda: KdfParams.FAST))
    before = signal.getsignal(signal.SIGINT)
    logger = logging.getLogger("testimonio")  # a command starts its log file here
    handlers, level = list(logger.handlers), logger.level
    yield lambda *args: cli_run(list(args))
    signal.signal(signal.SIGINT, before)
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


def _ctrl_c_first(step: Callable[..., Any]) -> Callable[..., Any]:
    """``step``, with a SIGINT sent to this process just before it."""
    def interrupted(*args: Any) -> Any:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # the signal is handled (or ignored) before the step
        return step(*args)

    return interrupted


def test_ctrl_c_while_the_made_vault_moves_into_place_still_ends_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        in_process: Callable[..., int]) -> None:
    """The recovery key is shown before the vault moves into place: a Ctrl-C from then on
    must not report "interrupted" (exit 1), nor kill the process (-2), over a vault that is
    made. Seen under load with the test above (SIGINT at 3.2 s: 2 failures in 8 runs);
    here the signal comes exactly as the vault moves, in this process."""
    from testimonio.services.setup import NewVault

    monkeypatch.setattr(NewVault, "install", _ctrl_c_first(NewVault.install))
    folder = tmp_path / "vault"
    assert in_process("--vault", str(folder), "init") == 0
    # Ignored to the end of the process: Python puts the default action back
    # during its shutdown, and a Ctrl-C then killed a made init (exit -2).
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    assert "interrupted" not in capsys.readouterr().err
    Vault.unlock(folder, PASS).lock()


def test_ctrl_c_once_the_new_passphrase_is_written_still_ends_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        in_process: Callable[..., int]) -> None:
    """As for init: once passwd wrote the new key slot, a Ctrl-C (during the lock that
    follows) must not report "interrupted" over a passphrase that was changed."""
    folder = tmp_path / "vault"
    Vault.create(folder, PASS, kdf=KdfParams.FAST)[0].lock()
    lock = Vault.lock
    monkeypatch.setattr(Vault, "lock", _ctrl_c_first(lock))
    monkeypatch.setenv("TESTIMONIO_NEW_PASSPHRASE", PASS + " changed")
    assert in_process("--vault", str(folder), "passwd") == 0
    assert "interrupted" not in capsys.readouterr().err
    monkeypatch.setattr(Vault, "lock", lock)
    Vault.unlock(folder, PASS + " changed").lock()


# --- passwd --------------------------------------------------------------------


def test_two_passwd_at_once_only_one_succeeds(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASS, kdf=KdfParams.FAST)[0].lock()
    procs = [subprocess.Popen([sys.executable, "-m", "testimonio", "--vault", str(folder), "passwd"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TESTIMONIO_PASSPHRASE": PASS,
                                   "TESTIMONIO_NEW_PASSPHRASE": f"new passphrase number {n}"})
             for n in (1, 2)]
    results = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    codes = [code for code, _, _ in results]
    assert sorted(codes)[0] == 0 and codes.count(0) == 1, results
    loser = next(r for r in results if r[0] != 0)
    assert loser[0] in (1, 3) and "Traceback" not in loser[2]
    assert "changed meanwhile" in loser[2] or "Wrong passphrase" in loser[2]
    works = []
    for n in (1, 2):
        try:
            Vault.unlock(folder, f"new passphrase number {n}").lock()
            works.append(n)
        except WrongPassphrase:
            pass
    assert works == [codes.index(0) + 1]


def test_a_damaged_recovery_slot_opens_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    Vault.create(folder, PASS, kdf=KdfParams.FAST)[0].lock()
    doc = json.loads((folder / SLOTS_NAME).read_text())
    recovery = next(s for s in doc["slots"] if s["kind"] == "recovery")
    first = recovery["wrapped_key"][0]
    # A different first character (replacing it with "A" changed nothing 1 time in 64).
    recovery["wrapped_key"] = ("B" if first == "A" else "A") + recovery["wrapped_key"][1:]
    (folder / SLOTS_NAME).write_text(json.dumps(doc))
    done = run("--vault", str(folder), "interviews", "list", env={"TESTIMONIO_PASSPHRASE": PASS})
    assert done.returncode == 0
    assert "recovery-key slot is damaged" in done.stderr
    assert "No interviews." in done.stdout


# --- sites ---------------------------------------------------------------------


@pytest.fixture
def with_form(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    Vault.create(folder, PASS, kdf=KdfParams.FAST)[0].lock()
    done = run("--vault", str(folder), "forms", "add", str(ROOT / "forms" / "border_testimony.xlsx"),
               env={"TESTIMONIO_PASSPHRASE": PASS})
    assert done.returncode == 0, done.stderr
    return folder


def test_sites_with_control_characters_too_long_or_unknown_are_refused(with_form: Path,
                                                                        tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"consent": "yes", "alias": "Rosa"}))
    env = {"TESTIMONIO_PASSPHRASE": PASS}

    def add(site: str) -> subprocess.CompletedProcess[str]:
        return run("--vault", str(with_form), "interviews", "add", "--form", "border_testimony",
                   "--site", site, "--answers", str(answers), env=env)

    for bad in ("Tumbes\x1b[8m", "Tumbes\nAguas Verdes", "Tumbes\u202e", "x" * 101):
        done = add(bad)
        assert done.returncode == 2, (bad, done.stderr)
        sentence(done)
        assert "\x1b" not in done.stderr
    assert add("Tumbes").returncode == 0  # no site list yet: added, and said so
    with Vault.unlock(with_form, PASS) as vault:  # the list the settings (or the team) give
        from testimonio.services.preferences import Preferences
        from testimonio.services.settings import SettingsService

        Preferences(SettingsService(vault)).set("sites", ["Tumbes", "Aguas Verdes"])
    unknown = add("Tumbez")
    assert unknown.returncode == 2
    assert "not in this vault's site list" in sentence(unknown)
    listed = run("--vault", str(with_form), "interviews", "list", "--json", env=env)
    assert [r["site"] for r in json.loads(listed.stdout)] == ["Tumbes"]
