"""A child process for the crash tests (and bench/stress_kill.py).

    crash_child.py write VAULT PASSPHRASE INTERVIEW PREFIX
        saves answers PREFIX0, PREFIX1, ... and prints "saved N" after each commit
    crash_child.py passwd VAULT OLD NEW STEP
        changes the passphrase and dies (os._exit) at the named step of the
        slot file's atomic write; STEP "never" lets it finish
    crash_child.py flip VAULT A B
        changes the passphrase A -> B -> A ... printing "now X" after each
    crash_child.py fill VAULT PASSPHRASE INTERVIEW
        sets RLIMIT_FSIZE just above the current files and saves until the
        disk is "full"; prints "saved N" and finally "full <sentence>"
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write(folder: str, passphrase: str, interview: str, prefix: str) -> None:
    from testimonio.services.interviews import InterviewService
    from testimonio.vault import Vault

    service = InterviewService(Vault.unlock(Path(folder), passphrase))
    _say("ready")
    n = 0
    while True:
        service.set_answer(interview, f"{prefix}{n}", f"value {prefix}{n}", "child")
        _say(f"saved {n}")
        n += 1


def passwd(folder: str, old: str, new: str, step: str) -> None:
    from testimonio.vault import Vault, slots

    def die_at(name: str) -> None:
        if name == step:
            os._exit(9)

    slots._step = die_at
    vault = Vault.unlock(Path(folder), old)
    vault.change_passphrase(new)
    _say("changed")


def flip(folder: str, first: str, second: str) -> None:
    from testimonio.errors import WrongPassphrase
    from testimonio.vault import Vault

    try:
        vault = Vault.unlock(Path(folder), first)
        current = first
    except WrongPassphrase:
        vault = Vault.unlock(Path(folder), second)
        current = second
    _say("ready")
    while True:
        current = second if current == first else first
        vault.change_passphrase(current)
        _say(f"now {current}")


def fill(folder: str, passphrase: str, interview: str) -> None:
    import resource
    import signal

    from testimonio.errors import StorageFull
    from testimonio.services.interviews import InterviewService
    from testimonio.vault import Vault

    vault = Vault.unlock(Path(folder), passphrase)
    service = InterviewService(vault)
    largest = max(p.stat().st_size for p in Path(folder).iterdir())
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of dying
    _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 96 * 1024, hard))
    n = 0
    while True:
        try:
            service.set_answer(interview, f"big{n}", f"{n} " + "x" * 3000, "child")
        except StorageFull as error:
            _say(f"full {error}")
            break
        _say(f"saved {n}")
        n += 1
    try:  # a second try fails the same way, without a crash
        service.set_answer(interview, "after", "y" * 3000, "child")
        _say("second save worked")
    except StorageFull:
        _say("second full")
    try:
        vault.lock()
    except Exception as error:  # noqa: BLE001 - report, the parent checks the files
        _say(f"lock error {type(error).__name__}")


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    {"write": write, "passwd": passwd, "flip": flip, "fill": fill}[command](*rest)
