"""A figure and its target, printed so that `make bench` can gather them.

Each bench prints its own readable lines; for every figure with a target it
also calls :func:`report`, which prints one tab-separated ``FIGURE`` line.
``bench/run_all.py`` runs every bench and ends with the table of those lines
(figure → measured → target → met).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path


def report(figure: str, value: float, target: float, unit: str = "", *,
           at_least: bool = False) -> bool:
    """Print the machine-readable line for ``figure``; return whether the target is met."""
    met = value >= target if at_least else value <= target
    sign = "≥" if at_least else "≤"
    print(f"FIGURE\t{figure}\t{value:.3g}{unit}\t{sign} {target:g}{unit}\t"
          f"{'met' if met else 'MISSED'}", flush=True)
    return met


def peak_rss_mb() -> float:
    """This process's peak RSS in MB. VmHWM, unlike ru_maxrss, does not carry
    the parent's peak across fork+exec on Linux (benches measure in a child)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / (1 << 20)


def written_back() -> float:
    """Wait until the kernel has written every file's changes to the disk; the seconds it took.

    A bench that has just written a vault (or copied one) may leave that data
    for the kernel to write back, and a commit's fdatasync (synchronous FULL)
    would wait behind it: timed straight after, saves and imports would
    measure the bench's own build, which a person typing never meets.
    """
    start = time.perf_counter()
    if hasattr(os, "sync"):
        os.sync()
    return time.perf_counter() - start


_ROOT = Path(__file__).resolve().parents[1]
# What every measuring child runs first: the project's code, and the vault unlocked.
_CHILD_PRELUDE = """
import sys, time
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
from pathlib import Path
from figures import peak_rss_mb
from testimonio.vault import Vault
vault = Vault.unlock(Path({vault!r}), "pw")
"""


def in_child(name: str, body: str, vault: Path, **values: str) -> list[str]:
    """Run ``body`` (a format string: ``values`` filled in, braces doubled) in a fresh
    process, after the vault at ``vault`` is unlocked there; the words it printed.
    Peak RSS read there (``peak_rss_mb``) counts nothing of this process."""
    code = (_CHILD_PRELUDE + body).format(src=str(_ROOT / "src"), bench=str(_ROOT / "bench"),
                                          vault=str(vault), **values)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"the {name} child failed:\n{out.stderr[-2000:]}")
    return out.stdout.split()
