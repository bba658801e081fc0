"""Check that ``testimonio selftest`` writes nothing outside the vault and the settings.

Runs the program (the frozen one by default, or any command given after
``--``) with HOME, TMPDIR and every XDG folder pointing at fresh folders,
then checks:

- the self-test passed;
- TMPDIR is empty again (the vaults, team file and bundle lived there);
- the only files left anywhere are the settings and the private log under
  the data folder, and none of them holds the self-test's sample answer
  (``selftest`` + 16 hex digits);
- the program's own folder did not change (frozen build only).

Exit 0 when all of that holds; otherwise each problem on its own line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# On Windows the console one: testimonio.exe is windowed and prints nothing.
FROZEN = ROOT / "dist" / "testimonio" / ("testimonio-cli.exe" if sys.platform == "win32" else "testimonio")
SAMPLE = re.compile(rb"selftest [0-9a-f]{16}")
FOLDERS = ("home", "tmp", "data", "config", "cache", "state", "runtime")
# What may remain, relative to the sandbox: the log and settings of the data
# and config folders (the GUI remembers the interface language there).
ALLOWED = (re.compile(r"data/testimonio/logs/testimonio\.log(\.\d+)?"),
           re.compile(r"config/testimonio/[^/]+"),
           re.compile(r"data/testimonio/[^/]+\.(json|txt|ini|conf)"))


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def sandbox_env(base: Path) -> dict[str, str]:
    """The environment with every place a program writes to moved under ``base``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TESTIMONIO_", "XDG_")) and k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    for name in FOLDERS:
        (base / name).mkdir(mode=0o700)
    env.update(HOME=str(base / "home"), TMPDIR=str(base / "tmp"), TEMP=str(base / "tmp"),
               TMP=str(base / "tmp"), XDG_DATA_HOME=str(base / "data"),
               XDG_CONFIG_HOME=str(base / "config"), XDG_CACHE_HOME=str(base / "cache"),
               XDG_STATE_HOME=str(base / "state"), XDG_RUNTIME_DIR=str(base / "runtime"),
               QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    return env


def check(command: list[str], base: Path, program_dir: Path | None = None) -> list[str]:
    """Run ``command selftest`` sandboxed under ``base``; the problems found (empty: fine)."""
    before = snapshot(program_dir) if program_dir else {}
    done = subprocess.run([*command, "selftest"], env=sandbox_env(base), capture_output=True,
                          timeout=600)
    problems = []
    if done.returncode != 0 or b"selftest passed" not in done.stdout:
        problems.append(f"selftest failed ({done.returncode}): "
                        f"{(done.stdout + done.stderr).decode(errors='replace')[-500:]}")
    left = sorted(p for p in (base / "tmp").rglob("*"))
    if left:
        problems.append("left in TMPDIR: " + ", ".join(str(p.relative_to(base)) for p in left))
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        name = path.relative_to(base).as_posix()
        if SAMPLE.search(path.read_bytes()):
            problems.append(f"sample answer written to {name}")
        elif not name.startswith("tmp/") and not any(a.fullmatch(name) for a in ALLOWED):
            problems.append(f"unexpected file {name}")
    if program_dir and snapshot(program_dir) != before:
        problems.append(f"the program changed its own folder {program_dir}")
    return problems


def main(argv: list[str]) -> int:
    if "--" in argv:
        command, program_dir = argv[argv.index("--") + 1:], None
    else:
        command, program_dir = [str(FROZEN)], FROZEN.parent
    with tempfile.TemporaryDirectory(prefix="testimonio-writes-") as base:
        problems = check(command, Path(base), program_dir)
    for problem in problems:
        print(problem)
    print("writes: only the vault (temporary) and the log" if not problems else "writes: FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
