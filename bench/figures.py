"""A figure and its target, printed so that `make bench` can gather them.

Each bench prints its own readable lines; for every figure with a target it
also calls :func:`report`, which prints one tab-separated ``FIGURE`` line.
``bench/run_all.py`` runs every bench and ends with the table of those lines
(figure → measured → target → met).
"""

from __future__ import annotations


def report(figure: str, value: float, target: float, unit: str = "", *,
           at_least: bool = False) -> bool:
    """Print the machine-readable line for ``figure``; return whether the target is met."""
    met = value >= target if at_least else value <= target
    sign = "≥" if at_least else "≤"
    print(f"FIGURE\t{figure}\t{value:.3g}{unit}\t{sign} {target:g}{unit}\t"
          f"{'met' if met else 'MISSED'}", flush=True)
    return met
