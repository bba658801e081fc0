"""The numbers of a chart's axes: round tick steps and ends, quantiles (no Qt)."""

from __future__ import annotations

import math
from collections.abc import Sequence


def nice_step(value: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 5 × 10^n) so ``ticks`` steps reach ``value``."""
    if value <= 0:
        return 1.0
    raw = value / ticks
    exp = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 5, 10):
        if step * exp >= raw:
            return float(step * exp)
    return float(10 * exp)


def nice_max(value: float, ticks: int = 5) -> float:
    """A round axis end at or above ``value``: a whole number of nice steps."""
    step = nice_step(value, ticks)
    return step * max(1, math.ceil(value / step))


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile of sorted-or-not ``values`` (non-empty)."""
    data = sorted(values)
    pos = (len(data) - 1) * q
    low = math.floor(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)
