"""A canary written as an answer, attachment, site and interviewer name is in no file."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("canary_child.py")


def _forms(canary: str) -> list[bytes]:
    return [canary.encode("utf-8"), canary.encode("utf-16-le"), canary.encode("utf-16-be"),
            canary.lower().encode("utf-8")]


def _leaks(folders: list[Path], canary: str) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path} ({form[:4]!r}…)" for form in _forms(canary) if form in data]
    return found


def test_canary_is_in_no_file(tmp_path: Path) -> None:
    canary = "CANARY" + secrets.token_hex(6).upper()
    vault_dir, log_dir, tmp, data = (tmp_path / n for n in ("vault", "logs", "tmp", "data"))
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "XDG_DATA_HOME": str(data)}
    proc = subprocess.Popen([sys.executable, str(CHILD), str(vault_dir), str(log_dir), canary],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == "ready"
    names = {p.name for p in vault_dir.iterdir()}
    assert "vault.db-wal" in names  # checked while the vault is open too
    open_leaks = _leaks([vault_dir, tmp, log_dir], canary)
    proc.stdin.write("\n")
    proc.stdin.flush()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "locked" in out
    assert (log_dir / "testimonio.log").stat().st_size > 0  # the log was written
    assert "expected refusal" in (log_dir / "testimonio.log").read_text()
    # The command line too: its log goes to the data folder.
    cli_env = {**env, "TESTIMONIO_PASSPHRASE": "pass phrase", "TESTIMONIO_VAULT": str(vault_dir)}
    for args in (["interviews", "list", "--json"], ["interviews", "list"]):
        shown = subprocess.run([sys.executable, "-m", "testimonio", *args], env=cli_env,
                               capture_output=True, text=True, timeout=60)
        assert shown.returncode == 0, shown.stderr
        assert canary in shown.stdout  # it is there, in the vault, for its owner
    assert open_leaks == []
    assert _leaks([vault_dir, tmp, log_dir, data], canary) == []
    assert stderr_clean(err, canary)


def stderr_clean(err: str, canary: str) -> bool:
    return canary not in err and "Traceback" not in err
