"""Refresh the .ts files from the sources with pyside6-lupdate.

Run from anywhere: ``python resources/translations/update.py``. It scans
``src/testimonio/gui`` (every view and dialog), ``app.py`` and the settings
declaration, keeps existing translations, and drops obsolete messages.
Then translate the new ``unfinished`` messages of testimonio_es.ts (Qt
Linguist, or by hand) and ``make translations`` builds the .qm files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = ROOT / "src" / "testimonio"
LANGUAGES = ("es", "en")


def sources() -> list[Path]:
    """Every Python file whose strings are shown in the interface."""
    files = sorted((PACKAGE / "gui").rglob("*.py"))
    files += [PACKAGE / "app.py", PACKAGE / "services" / "preferences.py"]
    return [f for f in files if f.is_file() and "__pycache__" not in f.parts]


def lupdate() -> str:
    """The pyside6-lupdate next to this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    found = str(beside) if beside.exists() else shutil.which("pyside6-lupdate")
    if not found:
        raise SystemExit("pyside6-lupdate not found: install PySide6 in this environment.")
    return found


def update(ts_files: list[Path] | None = None, extra: list[str] | None = None) -> int:
    """Run lupdate over :func:`sources` into the given .ts files."""
    targets = ts_files or [HERE / f"testimonio_{lang}.ts" for lang in LANGUAGES]
    code = 0
    for ts in targets:
        lang = ts.stem.rsplit("_", 1)[-1]
        command = [lupdate(), *map(str, sources()), "-no-obsolete", "-locations", "none",
                   "-source-language", "en", "-target-language", lang, *(extra or []),
                   "-ts", str(ts)]
        code |= subprocess.run(command, check=False).returncode
    return code


if __name__ == "__main__":
    sys.exit(update())
