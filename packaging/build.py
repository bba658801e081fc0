"""Build the one-folder package and print its figures.

Run by ``make package``: builds ``dist/testimonio/`` with PyInstaller, writes
``dist/SHA256SUMS``, then prints the build time, the unpacked size and the
time from launch to the unlock dialog, frozen and from source.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from sums import write_sums  # noqa: E402

DIST = ROOT / "dist"
APP = DIST / "testimonio"
EXE = APP / ("testimonio.exe" if sys.platform == "win32" else "testimonio")
# What the checks below run: on Windows testimonio.exe is a windowed program
# without a console (its output goes nowhere), so they run its console twin
# testimonio-cli.exe, the same program from the same folder (testimonio.spec).
CLI = APP / "testimonio-cli.exe" if sys.platform == "win32" else EXE
SIZE_TARGET_MB = 150
STARTUP_RUNS = 5


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def startup_seconds(command: list[str]) -> float | None:
    """Launch to unlock dialog (median of a few runs): the program prints the moment it shows it."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=home,
                   XDG_CONFIG_HOME=home, TESTIMONIO_STARTUP_PROBE="1")
        vault = Path(home) / "vault"
        setup = dict(env, TESTIMONIO_PASSPHRASE="startup probe passphrase")
        subprocess.run([*command, "--vault", str(vault), "init"], env=setup, check=True,
                       capture_output=True, timeout=120)
        times = []
        for _ in range(STARTUP_RUNS):
            start = time.perf_counter()
            with subprocess.Popen([*command, "--vault", str(vault)], env=env, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as run:
                assert run.stdout is not None
                shown = any(line.strip() == "unlock-dialog-shown" for line in run.stdout)
                # Timed at the line (read as it comes), not at the exit after it.
                times.append(time.perf_counter() - start)
            if run.returncode != 0 or not shown:
                print(f"  (startup probe failed with exit code {run.returncode})")
                return None
        return statistics.median(times)


def source_size() -> int:
    """What running from source needs installed: the virtual environment."""
    return folder_size(Path(sys.prefix))


def main() -> int:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(ROOT / "build"),
         str(ROOT / "packaging" / "testimonio.spec")],
        check=True, cwd=ROOT,
    )
    build_s = time.perf_counter() - start
    print(f"build time:              {build_s:.1f} s (from source: none)", flush=True)
    if sys.platform.startswith("linux"):
        # Beside the program, for the menu entry (docs/install.md).
        shutil.copy2(ROOT / "packaging" / "testimonio.desktop", APP / "testimonio.desktop")
    # The documentation and the standalone readers (docs/tools) travel with the program.
    shutil.copytree(ROOT / "docs", APP / "docs", dirs_exist_ok=True)
    size_mb = folder_size(APP) / 1e6
    sums = write_sums(APP)
    version = subprocess.run([str(CLI), "--version"], capture_output=True, text=True, check=True)
    frozen = startup_seconds([str(CLI)])
    source = startup_seconds([sys.executable, "-m", "testimonio"])
    over = "" if size_mb <= SIZE_TARGET_MB else "  OVER TARGET"
    print(f"unpacked size:           {size_mb:.1f} MB (target <= {SIZE_TARGET_MB} MB){over}; "
          f"from source the environment is {source_size() / 1e6:.0f} MB")
    print(f"frozen --version:        {version.stdout.strip()}")
    print(f"launch to unlock dialog: frozen {frozen if frozen is None else f'{frozen:.2f} s'}, "
          f"from source {source if source is None else f'{source:.2f} s'} "
          f"(median of {STARTUP_RUNS}, offscreen)")
    print(f"checksums:               {sums.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
