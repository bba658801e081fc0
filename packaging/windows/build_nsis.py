"""Compile the Windows installer script with NSIS's makensis.

On Windows (the workflow in .github/workflows/build.yml), after
``packaging/build.py``: ``python packaging/windows/build_nsis.py`` builds
``dist/testimonio-<version>-setup.exe`` from ``dist/testimonio`` and adds it
to ``dist/SHA256SUMS``.

On Linux, ``--stand-in`` compiles the same script against a small stand-in
payload (placeholders for testimonio.exe, testimonio-cli.exe and the _internal
folder), which proves the script builds; that installer is not for anyone to
run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DIST = ROOT / "dist"
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "src"))
from sums import add_sums  # noqa: E402

from testimonio import __version__  # noqa: E402


def makensis() -> str:
    found = shutil.which("makensis")
    if not found:
        raise SystemExit("makensis not found: install NSIS (Debian: apt-get install nsis).")
    return found


def compile_script(payload: Path, out: Path) -> None:
    subprocess.run([makensis(), "-V2", "-INPUTCHARSET", "UTF8", f"-DPAYLOAD={payload}",
                    f"-DVERSION={__version__}", f"-DOUTFILE={out}",
                    str(HERE / "testimonio.nsi")], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stand-in", action="store_true",
                        help="compile against a stand-in payload (Linux CI)")
    args = parser.parse_args()
    DIST.mkdir(exist_ok=True)
    if args.stand_in:
        with tempfile.TemporaryDirectory() as tmp:
            payload = Path(tmp) / "testimonio"
            (payload / "_internal").mkdir(parents=True)
            for program in ("testimonio.exe", "testimonio-cli.exe"):
                (payload / program).write_bytes(b"MZ stand-in, not a program\n")
            (payload / "_internal" / "README.txt").write_text("stand-in payload\n")
            out = Path(tmp) / "testimonio-stand-in-setup.exe"
            compile_script(payload, out)
            size = out.stat().st_size
        print(f"windows installer:       script compiles (stand-in payload, {size} bytes)")
        return 0
    payload = DIST / "testimonio"
    for program in ("testimonio.exe", "testimonio-cli.exe"):
        if not (payload / program).exists():
            raise SystemExit(f"dist\\testimonio\\{program} is missing: run packaging/build.py first.")
    out = DIST / f"testimonio-{__version__}-setup.exe"
    compile_script(payload, out)
    add_sums([out])
    print(f"windows installer:       {out.name} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
