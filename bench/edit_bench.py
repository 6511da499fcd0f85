"""Figures of the GUI thread while the plan is open, from ``edit_child`` in
fresh processes: a typing pause committed, undo and redo of it, ticking a
step, "just for me", showing a page the first time and later, and the
large plan on screen after the key is derived. The baseline of each is
the same figure on the small plan in the same run (flat with plan size)."""

from __future__ import annotations

import statistics
from pathlib import Path

from .app_bench import _run_child, child_env
from .measure import Row, Stats, Table, ms, pct, ratio
from .plans import PASSPHRASE, BenchPlan

CHILD = Path(__file__).with_name("edit_child.py")
#: Medians and 95th percentiles the GUI thread must keep to (seconds).
FRAME, TWO_FRAMES = 0.016, 0.033
PAGE_FIRST, PAGE_ALL, KEY_TO_SCREEN = 0.100, 1.0, 0.400

ACTIONS = (
    ("commit_s", "typing pause committed"),
    ("undo_s", "undo of one typing step"),
    ("redo_s", "redo of one typing step"),
    ("tick_s", "tick a goal's step (Space)"),
    ("private_s", "toggle \u201cjust for me\u201d (click)"),
)


def _runs(plan: BenchPlan, base: Path, processes: int, rounds: int) -> list[dict]:
    env = child_env(base)
    return [_run_child(CHILD, [str(plan.folder), PASSPHRASE,
                               str(base / f"edit-{plan.size}-{i}.ini"), str(rounds)], env)
            for i in range(processes)]


def _pooled(runs: list[dict], key: str) -> Stats:
    return Stats(tuple(x for r in runs for x in r[key]))


def _per_page(runs: list[dict], key: str) -> list[float]:
    """For each page, the median over processes (and rounds) of its times."""
    pages = len(runs[0][key + "_pages"])
    out = []
    for page in range(pages):
        out.append(statistics.median(x for r in runs for x in r[key + "_pages"][page]))
    return out


def editing(small: BenchPlan, large: BenchPlan, table: Table, base: Path,
            processes: int, rounds: int) -> None:
    big = _runs(large, base, processes, rounds)
    little = _runs(small, base, max(1, processes - 1), rounds)
    for key, name in ACTIONS:
        value, baseline = _pooled(big, key), _pooled(little, key)
        p95 = value.percentile(95)
        table.add(Row(f"{name}, large, every page built",
                      f"median {ms(value.median)}, p95 {ms(p95)} (n={len(value.samples)})",
                      f"small plan {ms(baseline.median)}", ratio(value.median, baseline.median),
                      f"<= {FRAME * 1000:.0f} ms, p95 <= {TWO_FRAMES * 1000:.0f} ms",
                      value.median <= FRAME and p95 <= TWO_FRAMES, pct(value.spread)))
    first, first_small = _per_page(big, "page_first"), _per_page(little, "page_first")
    later, later_small = _per_page(big, "page_later"), _per_page(little, "page_later")
    table.add(Row("page shown the first time, large (slowest page)",
                  f"max {ms(max(first))}, median {ms(statistics.median(first))}",
                  f"small plan max {ms(max(first_small))}", ratio(max(first), max(first_small)),
                  f"<= {PAGE_FIRST * 1000:.0f} ms", max(first) <= PAGE_FIRST))
    table.add(Row("page shown again later, large (slowest page)",
                  f"max {ms(max(later))}, median {ms(statistics.median(later))}",
                  f"small plan max {ms(max(later_small))}", ratio(max(later), max(later_small)),
                  f"<= {FRAME * 1000:.0f} ms", max(later) <= FRAME))
    every, every_small = (Stats(tuple(r["all_pages_s"] for r in runs)) for runs in (big, little))
    table.add(Row(f"all {len(first) + 1} pages shown once, large", ms(every.median),
                  f"small plan {ms(every_small.median)}", ratio(every.median, every_small.median),
                  f"<= {PAGE_ALL:.0f} s", every.median <= PAGE_ALL, pct(every.spread)))
    screen, screen_small = (Stats(tuple(r["key_to_screen_s"] for r in runs)) for runs in (big, little))
    table.add(Row("key derived to large plan on screen", ms(screen.median),
                  f"small plan {ms(screen_small.median)}", ratio(screen.median, screen_small.median),
                  f"<= {KEY_TO_SCREEN * 1000:.0f} ms", screen.median <= KEY_TO_SCREEN,
                  pct(screen.spread)))
    slowest = max(range(len(first)), key=first.__getitem__)
    table.notes.append(f"slowest first page: {big[0]['page_keys'][slowest]}; "
                       f"{processes} processes x {rounds} rounds on the large plan")
