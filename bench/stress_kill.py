"""kill -9 a process saving answers, 1 000 times; after each kill every
answer it reported as saved must be there and both integrity checks pass.

    .venv/bin/python bench/stress_kill.py [--kills N] [--seed S]

The suite does the same 50 times (tests/vault/test_vault_crash.py); this is
the long run. Prints the kills done, answers verified, and the time.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from testimonio.services.interviews import InterviewService  # noqa: E402
from testimonio.vault import KdfParams, Vault  # noqa: E402

CHILD = ROOT / "tests" / "vault" / "crash_child.py"
PASSPHRASE = "stress passphrase"


def _kill_once(folder: Path, interview: str, prefix: str, rng: random.Random) -> list[str]:
    proc = subprocess.Popen([sys.executable, str(CHILD), "write", str(folder), PASSPHRASE,
                             interview, prefix], stdout=subprocess.PIPE, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line.strip())
            ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < 0.3:
        time.sleep(rng.uniform(0.0, 0.3))  # during start-up
    else:
        ready.wait(timeout=30)
        time.sleep(rng.uniform(0.0, 0.1))  # while saving
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    reader.join(timeout=10)
    return [f"{prefix}{line.split()[1]}" for line in lines if line.startswith("saved ")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="stress-kill-"))
    started = time.perf_counter()
    try:
        folder = work / "vault"
        vault, _ = Vault.create(folder, PASSPHRASE, kdf=KdfParams.FAST)
        interview = InterviewService(vault).start("form", "1", "site", "stress", "es")
        vault.lock()
        reported: set[str] = set()
        for kill in range(args.kills):
            reported.update(_kill_once(folder, interview, f"k{kill}q", rng))
            with Vault.unlock(folder, PASSPHRASE) as again:
                again.verify()  # integrity_check + cipher_integrity_check
                answers = InterviewService(again).answers(interview)
            lost = [p for p in reported if answers.get(p) != f"value {p}"]
            if lost:
                print(f"kill {kill + 1}: {len(lost)} reported answers LOST, e.g. {lost[:3]}")
                return 1
            if (kill + 1) % 50 == 0:
                print(f"{kill + 1:5} kills, {len(reported):6} answers verified, "
                      f"{time.perf_counter() - started:6.0f} s", flush=True)
        print(f"done: {args.kills} kills, {len(reported)} reported answers all present, "
              f"integrity checks passed every time ({time.perf_counter() - started:.0f} s)")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
