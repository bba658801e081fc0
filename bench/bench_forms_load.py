"""Loading questionnaires: our whole load beside pyxform's own parse of the file.

pyxform's parse is ``parse_file_to_json`` (read the workbook, build its nested
survey dict), which our loader also does once; on top of it we check the rows,
build the immutable model and the dependency graph. Target: ours <= 1.5x.

    .venv/bin/python bench/bench_forms_load.py
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from pyxform.xls2json import parse_file_to_json

from testimonio.forms.loader import load_file

ROOT = Path(__file__).resolve().parents[1]
# The conformance form from the design folder when it lies beside the checkout.
FILES = [p for p in (ROOT.parent / "shared" / "xlsforms" / "valid" / "xlsform_spec_test.xlsx",
                     ROOT / "forms" / "border_testimony.xlsx") if p.is_file()]
ROUNDS = 21


def _times_ms(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    warnings.simplefilter("ignore")
    worst = 0.0
    print(f"{'file':<28} {'pyxform parse':>14} {'testimonio load':>16} {'ratio':>7}"
          f"   (median of {ROUNDS}; best-of ratio)")
    for path in FILES:
        def theirs(p: Path = path) -> object:
            return parse_file_to_json(str(p), warnings=[])

        def ours(p: Path = path) -> object:
            return load_file(p)

        theirs(), ours()  # warm up imports and caches outside the measurement
        mine: list[float] = []
        pyx: list[float] = []
        for _ in range(ROUNDS):  # interleaved, so a busy machine slows both alike
            pyx.append(_times_ms(theirs))
            mine.append(_times_ms(ours))
        ratio = statistics.median(mine) / statistics.median(pyx)
        best = min(mine) / min(pyx)
        worst = max(worst, ratio)
        print(f"{path.name:<28} {statistics.median(pyx):>11.1f} ms "
              f"{statistics.median(mine):>13.1f} ms {ratio:>6.2f}x   ({best:.2f}x)")
    print(f"worst ratio {worst:.2f}x (target <= 1.50x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
