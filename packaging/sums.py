"""dist/SHA256SUMS: one line a file, as `sha256sum -c` (and `shasum -a 256 -c`) reads it.

`packaging/build.py` writes it for the program folder; the installer builders
(`packaging/deb.py`, `packaging/windows/build_nsis.py`, the macOS steps of the
workflow) add their files, so one list covers everything that is handed out.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

DIST = Path(__file__).resolve().parents[1] / "dist"
SUMS = DIST / "SHA256SUMS"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _line(path: Path) -> tuple[str, str]:
    name = path.resolve().relative_to(DIST.resolve()).as_posix()
    return name, f"{sha256_file(path)}  {name}"


def write_sums(folder: Path) -> Path:
    """Start the list afresh with every file of ``folder`` (inside dist/)."""
    lines = [_line(p)[1] for p in sorted(folder.rglob("*")) if p.is_file()]
    SUMS.write_text("\n".join(lines) + "\n")
    return SUMS


def add_sums(files: list[Path]) -> Path:
    """Add (or replace) the lines of ``files`` (inside dist/), keeping the others."""
    entries: dict[str, str] = {}
    if SUMS.exists():
        for line in SUMS.read_text().splitlines():
            if "  " in line:
                entries[line.split("  ", 1)[1]] = line
    for path in files:
        name, line = _line(path)
        entries[name] = line
    SUMS.write_text("\n".join(entries.values()) + "\n")
    return SUMS


if __name__ == "__main__":
    # `python packaging/sums.py FILE...`: add installer files built outside
    # Python (the macOS .dmg in the workflow) to dist/SHA256SUMS.
    import sys

    print(add_sums([Path(arg) for arg in sys.argv[1:]]))
