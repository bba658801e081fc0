"""kill -9, interrupted passphrase changes and a full disk lose nothing saved."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from vault_fixtures import PASSPHRASE, new_vault

from testimonio.errors import WrongPassphrase
from testimonio.services.interviews import InterviewService
from testimonio.vault import SLOTS_NAME, KdfParams, Vault


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault_and_key(vault_dir: Path) -> Iterator[tuple[Vault, str]]:
    yield from new_vault(vault_dir)


@pytest.fixture
def vault(vault_and_key: tuple[Vault, str]) -> Vault:
    return vault_and_key[0]

CHILD = Path(__file__).with_name("crash_child.py")
KILLS_PER_TEST = 10
ROUNDS = 5  # 5 x 10 = 50 kills in the suite, spread over the xdist workers


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


class _Reader:
    """Collects a child's stdout lines as they come."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(proc,), daemon=True)
        self._thread.start()

    def _run(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.lines.append(line.strip())
            self.ready.set()

    def finish(self) -> list[str]:
        self._thread.join(timeout=10)
        return self.lines


def _new_vault(vault_dir: Path) -> str:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, kdf=KdfParams.FAST)
    interview = InterviewService(vault).start("form", "1", "site", "ana", "es")
    vault.lock()
    return interview


# The first round runs in `make test`; the loop of the others is marked slow.
@pytest.mark.parametrize("round_", [0, *(pytest.param(n, marks=pytest.mark.slow)
                                        for n in range(1, ROUNDS))])
def test_kill_9_while_saving_answers_loses_nothing_reported(vault_dir: Path, round_: int) -> None:
    interview = _new_vault(vault_dir)
    rng = random.Random(round_)
    reported: dict[str, str] = {}
    for kill in range(KILLS_PER_TEST):
        prefix = f"k{kill}q"
        proc = _spawn("write", str(vault_dir), PASSPHRASE, interview, prefix)
        reader = _Reader(proc)
        if kill % 3 == 0:  # sometimes at start-up (unlock, migrations), mostly mid-writing
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            reader.ready.wait(timeout=20)
            time.sleep(rng.uniform(0.0, 0.08))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        lines = reader.finish()
        for line in lines:
            if line.startswith("saved "):
                n = line.split()[1]
                reported[f"{prefix}{n}"] = f"value {prefix}{n}"
        assert proc.returncode == -signal.SIGKILL
        vault = Vault.unlock(vault_dir, PASSPHRASE)
        try:
            vault.verify()  # integrity_check and cipher_integrity_check
            answers = InterviewService(vault).answers(interview)
        finally:
            vault.lock()
        missing = {p for p, v in reported.items() if answers.get(p) != v}
        assert not missing, f"kill {kill}: reported answers lost: {sorted(missing)[:5]}"
    assert len(reported) > 0


STEPS = ["start", "written", "synced", "renamed", "done", "never"]


@pytest.mark.parametrize("step", STEPS)
def test_passphrase_change_killed_at_each_step(vault: Vault, vault_dir: Path, step: str) -> None:
    vault.lock()
    proc = subprocess.run([sys.executable, str(CHILD), "passwd", str(vault_dir), PASSPHRASE,
                           "the new passphrase", step], capture_output=True, text=True, timeout=60)
    assert proc.returncode == (0 if step == "never" else 9), proc.stderr
    opened = []
    for passphrase in (PASSPHRASE, "the new passphrase"):
        try:
            Vault.unlock(vault_dir, passphrase).lock()
            opened.append(passphrase)
        except WrongPassphrase:
            pass
    new_in_place = step in ("renamed", "done", "never")
    assert opened == (["the new passphrase"] if new_in_place else [PASSPHRASE])
    # A leftover temp file does not stop the next change.
    with Vault.unlock(vault_dir, opened[0]) as again:
        again.change_passphrase("third passphrase")
    Vault.unlock(vault_dir, "third passphrase").lock()
    assert not (vault_dir / (SLOTS_NAME + ".tmp")).exists()


@pytest.mark.slow
def test_passphrase_change_killed_at_random_moments(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    rng = random.Random(7)
    both = (PASSPHRASE, "the other passphrase")
    for _ in range(8):
        proc = _spawn("flip", str(vault_dir), *both)
        reader = _Reader(proc)
        reader.ready.wait(timeout=20)
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        reader.finish()
        works = []
        for passphrase in both:
            try:
                Vault.unlock(vault_dir, passphrase).lock()
                works.append(passphrase)
            except WrongPassphrase:
                pass
        assert len(works) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_during_a_save_is_an_error_and_keeps_earlier_answers(vault_dir: Path) -> None:
    interview = _new_vault(vault_dir)
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    service = InterviewService(vault)
    for n in range(20):
        service.set_answer(interview, f"early{n}", f"early {n}", "ana")
    vault.lock()
    proc = subprocess.run([sys.executable, str(CHILD), "fill", str(vault_dir), PASSPHRASE,
                           interview], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    saved = [line.split()[1] for line in lines if line.startswith("saved ")]
    full = [line for line in lines if line.startswith("full ")]
    assert saved and full, lines[-5:]
    assert "file-size limit" in full[0]  # RLIMIT_FSIZE: not a full disk, and said so
    assert "second full" in lines
    with Vault.unlock(vault_dir, PASSPHRASE) as again:
        again.verify()
        answers = InterviewService(again).answers(interview)
    for n in range(20):
        assert answers[f"early{n}"] == f"early {n}"
    for n in saved:
        assert str(answers[f"big{n}"]).startswith(f"{n} ")


# --- issue 15 item 9: kill -9 during `interviews add` leaves all of it or nothing --------

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = {
    "consent": "yes", "alias": "Rosa", "real_name": "Rosa Pérez", "gender": "female", "age": 34,
    "travels_with_others": "yes",
    "companions": [{"relationship": "child", "companion_age": 6},
                   {"relationship": "parent", "companion_age": 67}],
    "reasons": ["food", "threats"], "left_venezuela_date": "2019-10-02",
    "arrival_border_date": "2019-11-01", "destination": "chile",
}


def _add_killed(folder: Path, answers: Path, delay: float) -> tuple[int, str]:
    import os

    proc = subprocess.Popen([sys.executable, "-m", "testimonio", "--vault", str(folder),
                             "interviews", "add", "--form", "border_testimony", "--site", "Tumbes",
                             "--answers", str(answers)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TESTIMONIO_PASSPHRASE": PASSPHRASE})
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return proc.returncode, out


def _kill_adds(tmp_path: Path, kills: int) -> None:
    import json

    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf=KdfParams.FAST)
    from testimonio.services.questionnaires import QuestionnaireService

    QuestionnaireService(vault).install_shipped()
    InterviewService(vault).add_site("Tumbes")
    vault.lock()
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    rng = random.Random(15)
    acknowledged = 0
    full: int | None = None
    for kill in range(kills):
        code, out = _add_killed(folder, answers, rng.uniform(0.8, 4.0))
        acknowledged += code == 0 and "added" in out
        with Vault.unlock(folder, PASSPHRASE) as again:
            again.verify()
            with again.read() as db:
                counts = [int(n) for (n,) in db.execute(
                    "SELECT count(a.path) FROM interviews i LEFT JOIN answers a "
                    "ON a.interview_id = i.id GROUP BY i.id")]
        if counts and full is None:
            full = max(counts)
        # Every interview there is whole: no half-written draft, whatever the moment.
        assert all(n == full for n in counts), f"kill {kill}: answers per interview {counts}"
        assert len(counts) >= acknowledged


def test_kill_9_during_interviews_add_leaves_no_half_draft(tmp_path: Path) -> None:
    _kill_adds(tmp_path, 4)


@pytest.mark.slow
def test_kill_9_during_interviews_add_loop(tmp_path: Path) -> None:
    _kill_adds(tmp_path, 40)
