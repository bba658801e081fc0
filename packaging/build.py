"""Build the one-folder package and print its figures.

Run by ``make package``: builds ``dist/testimonio/`` with PyInstaller, writes
``dist/SHA256SUMS``, then prints the build time, the unpacked size and the
time from launch to the unlock dialog, frozen and from source.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP = DIST / "testimonio"
EXE = APP / ("testimonio.exe" if sys.platform == "win32" else "testimonio")
SIZE_TARGET_MB = 150


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def write_sums() -> Path:
    """SHA-256 of every file of the build, as `sha256sum -c` reads it."""
    lines = []
    for path in sorted(p for p in APP.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(DIST).as_posix()}")
    sums = DIST / "SHA256SUMS"
    sums.write_text("\n".join(lines) + "\n")
    return sums


def startup_seconds(command: list[str]) -> float | None:
    """Launch to unlock dialog: the program prints the moment it shows it."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=home,
                   XDG_CONFIG_HOME=home, TESTIMONIO_STARTUP_PROBE="1")
        vault = Path(home) / "vault"
        setup = dict(env, TESTIMONIO_PASSPHRASE="startup probe passphrase")
        subprocess.run([*command, "--vault", str(vault), "init"], env=setup, check=True,
                       capture_output=True, timeout=120)
        start = time.perf_counter()
        done = subprocess.run([*command, "--vault", str(vault)], env=env, capture_output=True,
                              text=True, timeout=120)
        elapsed = time.perf_counter() - start
        if done.returncode != 0 or "unlock-dialog-shown" not in done.stdout:
            print(f"  (startup probe failed: {done.stderr.strip()[-300:]})")
            return None
        return elapsed


def main() -> int:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(ROOT / "build"),
         str(ROOT / "packaging" / "testimonio.spec")],
        check=True, cwd=ROOT,
    )
    build_s = time.perf_counter() - start
    size_mb = folder_size(APP) / 1e6
    sums = write_sums()
    version = subprocess.run([str(EXE), "--version"], capture_output=True, text=True, check=True)
    frozen = startup_seconds([str(EXE)])
    source = startup_seconds([sys.executable, "-m", "testimonio"])
    print(f"build time:              {build_s:.1f} s")
    print(f"unpacked size:           {size_mb:.1f} MB (target <= {SIZE_TARGET_MB} MB)")
    print(f"frozen --version:        {version.stdout.strip()}")
    print(f"launch to unlock dialog: frozen {frozen if frozen is None else f'{frozen:.2f} s'}, "
          f"from source {source if source is None else f'{source:.2f} s'}")
    print(f"checksums:               {sums.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
