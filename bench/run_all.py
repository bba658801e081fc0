"""`make bench`: run every bench script, then print the table of figures.

Each ``bench/bench_*.py`` runs in its own process, in name order, its output
shown as it comes; a script that fails is named in the table and the others
still run. The table lists every ``FIGURE`` line (see ``bench/figures.py``):
figure, measured value, target, and whether it was met. Exit 1 when a script
failed (a missed target is a figure to read, not a failure).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: Path) -> tuple[int, list[list[str]], float]:
    start = time.perf_counter()
    rows: list[list[str]] = []
    with subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, cwd=HERE.parent) as child:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("FIGURE\t"):
                rows.append(line.rstrip("\n").split("\t")[1:])
            else:
                print(line, end="", flush=True)
    return child.returncode, rows, time.perf_counter() - start


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem in names or s.name in names]
    table: list[list[str]] = []
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        code, rows, seconds = run(script)
        print(f"   ({seconds:.0f} s)", flush=True)
        table += [[script.stem.removeprefix("bench_"), *row] for row in rows]
        if code != 0:
            failed.append(script.name)
            table.append([script.stem.removeprefix("bench_"), "(the script failed)", "", "",
                          f"exit {code}"])
    headers = ["bench", "figure", "measured", "target", "met"]
    widths = [max(len(r[i]) for r in [headers, *table]) for i in range(len(headers))]
    print()
    for row in [headers, ["-" * w for w in widths], *table]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    met = sum(1 for r in table if r[4] == "met")
    print(f"\n{met} of {len(table)} figures met their target"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
