"""Timing helpers and the table the benchmarks print.

Every figure is a ``Stats`` over repeated samples (seconds or bytes). The
table shows the median beside a baseline measured in the same run, and the
spread (interquartile range over median) so a noisy machine shows itself.
"""

from __future__ import annotations

import gc
import math
import os
import statistics
import time
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Stats:
    """Samples of one measurement (seconds unless said otherwise)."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile (p in 0..100)."""
        ordered = sorted(self.samples)
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1]

    @property
    def spread(self) -> float:
        """Interquartile range over median: 0.05 means the middle half of
        the samples lie within 5 % of the median."""
        if len(self.samples) < 4 or self.median == 0:
            return (max(self.samples) - min(self.samples)) / self.median if self.median else 0.0
        return (self.percentile(75) - self.percentile(25)) / self.median


def sample(action: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None,
           warmup: int = 1) -> Stats:
    """Time ``action`` ``repeat`` times (after ``warmup`` untimed runs);
    ``setup`` runs untimed before each. The garbage collector is paused
    while timing, as ``timeit`` does."""
    times = []
    for i in range(warmup + repeat):
        if setup is not None:
            setup()
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            action()
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        if i >= warmup:
            times.append(elapsed)
    return Stats(tuple(times))


def growth(small_n: int, small_t: float, large_n: int, large_t: float) -> float:
    """The exponent k in time ~ n**k between two sizes: 0 = constant,
    1 = linear, 2 = quadratic."""
    return math.log(large_t / small_t) / math.log(large_n / small_n)


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


@dataclass
class Row:
    """One line of the table."""

    figure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    met: bool | None = None
    spread: str = ""


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(f"  {row.figure}: {row.value}" + (f" (baseline {row.baseline})" if row.baseline else ""),
              flush=True)

    def section(self, title: str) -> None:
        self.rows.append(Row(f"-- {title}", ""))

    def render(self) -> str:
        heads = ("Figure", "Value", "Baseline", "Ratio", "Spread", "Target", "")
        cells = []
        for r in self.rows:
            verdict = "" if r.met is None else ("met" if r.met else "MISSED")
            cells.append((r.figure, r.value, r.baseline, r.ratio, r.spread, r.target, verdict))
        widths = [max(len(h), *(len(c[i]) for c in cells if not c[0].startswith("--")))
                  for i, h in enumerate(heads)]
        lines = [" | ".join(h.ljust(w) for h, w in zip(heads, widths)).rstrip(),
                 "-+-".join("-" * w for w in widths)]
        for c in cells:
            if c[0].startswith("--"):
                lines.append(c[0])
            else:
                lines.append(" | ".join(v.ljust(w) for v, w in zip(c, widths)).rstrip())
        return "\n".join(lines + [f"note: {n}" for n in self.notes])


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline else "?"


def pct(spread: float) -> str:
    return f"±{spread * 50:.0f}%"
