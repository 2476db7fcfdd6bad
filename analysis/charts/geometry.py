"""Scales and ticks: where a value lands on the drawing. Pure arithmetic."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class LinearScale:
    """Maps [lo, hi] of the data onto [start, end] of the drawing (end < start for a y axis,
    whose pixels grow downwards)."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.hi - self.lo
        fraction = (float(value) - self.lo) / span if span else 0.5
        return round(self.start + fraction * (self.end - self.start), 1)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) covering [lo, hi]: about `count` of them."""
    lo, hi = float(lo), float(hi)
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    value = first
    while value <= hi + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks
