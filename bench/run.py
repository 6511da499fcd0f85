"""Run every benchmark and print one table.

    python bench/run.py            the full run (about five minutes on 2 cores)
    python bench/run.py --quick    fewer repeats, for a fast look
    python bench/run.py --only pdf,save [--dir FOLDER] [--json FILE]

Each figure stands beside a baseline measured in the same run; nothing is
asserted (speed belongs here, not in the tests). See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.pop("RECOVERYPLAN_KDF_PROFILE", None)   # the unlock figure needs the real KDF

from bench import app_bench, edit_bench, pdf_bench, storage_bench  # noqa: E402
from bench.measure import Row, Table, growth, load_average, ms  # noqa: E402
from bench.plans import SIZES, PlanCache  # noqa: E402

PARTS = ("launch", "unlock", "open", "edit", "save", "pdf", "memory", "growth")
#: Highest growth exponent (time ~ records**k, medium to large) still called linear.
LINEAR_K = 1.2


def machine() -> str:
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info
                          if line.startswith("model name")), "?")
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, {platform.system()}"


def per_record(seconds: float, records: int) -> str:
    return f"{seconds / records * 1e6:.1f} us"


def growth_row(name: str, records: dict[str, int], medians: dict[str, float],
               constant: bool = False) -> Row:
    """How a cost grows from small to large: time per record at each size,
    and the exponent between medium and large."""
    k = growth(records["medium"], medians["medium"], records["large"], medians["large"])
    if constant:
        value = ", ".join(f"{s} {ms(medians[s])}" for s in SIZES)
    else:
        value = ", ".join(f"{s} {per_record(medians[s], records[s])}/rec" for s in SIZES)
    return Row(f"growth: {name}", value, "", f"k={k:.2f}",
               "flat (k ~ 0)" if constant else f"linear (k <= {LINEAR_K})", k <= LINEAR_K)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated: " + ",".join(PARTS))
    parser.add_argument("--dir", type=Path, help="make the plans here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    unknown = parts - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
        base = Path(tempfile.mkdtemp(prefix="rp-bench-", dir=args.dir))
        return run(base, parts, args.quick, args.json)
    with tempfile.TemporaryDirectory(prefix="rp-bench-") as tmp:
        return run(Path(tmp), parts, args.quick, args.json)


def run(base: Path, parts: set[str], quick: bool, json_path: Path | None) -> int:
    started = time.monotonic()
    rep = (lambda full, fast: fast if quick else full)
    print(f"Recovery Plan benchmarks, {dt.date.today()}, {machine()}", flush=True)
    print(f"load average at start: {load_average()}", flush=True)
    plans = PlanCache(base)
    table = Table()
    opened, saved, printed = {}, {}, {}

    if "launch" in parts:
        table.section("launch")
        app_bench.launch(plans["small"], table, base, rep(9, 3))
    if "unlock" in parts:
        table.section("unlock (real KDF)")
        storage_bench.unlock(plans["large"], table, rep(7, 3))
    if "open" in parts:
        table.section("open with the key known")
        opened["large"] = storage_bench.open_after_key(plans["large"], table, rep(15, 5))[0].median
    if "edit" in parts:
        table.section("the GUI thread with the plan open (every page built)")
        edit_bench.editing(plans["small"], plans["large"], table, base, rep(3, 1), rep(40, 16))
    if "save" in parts:
        table.section("saving")
        saved["large"] = storage_bench.saves(plans["large"], table, rep(500, 100)).median
    if "pdf" in parts:
        table.section("PDF")
        print("  first PDF of a session (loads fonts): "
              f"{ms(pdf_bench.first_pdf().median)}", flush=True)
        for size in ("small", "large"):
            stats = pdf_bench.layouts(size, plans[size].plan, table, rep(3, 1), judge=size == "large")
            printed[size] = {layout: s.median for layout, s in stats.items()}
    if "memory" in parts:
        table.section("memory")
        app_bench.memory(plans["large"], table, base, rep(3, 1))
    if "growth" in parts:
        table.section("growth with plan size (k: time ~ records**k, medium to large)")
        records = {size: plans[size].records for size in SIZES}
        for size in SIZES:
            if size not in opened:
                opened[size] = storage_bench.open_after_key(plans[size], None, rep(9, 3))[0].median
            if size not in saved:
                saved[size] = storage_bench.saves(plans[size], None, rep(200, 50)).median
            if size not in printed:
                stats = pdf_bench.layouts(size, plans[size].plan, None, rep(3, 1), judge=False)
                printed[size] = {layout: s.median for layout, s in stats.items()}
        table.add(Row("records (rows, children included)",
                      ", ".join(f"{s} {records[s]}" for s in SIZES)))
        table.add(growth_row("open + load_plan", records, opened))
        table.add(growth_row("save one entry (should not grow)", records, saved, constant=True))
        for layout in pdf_bench.Layout:
            table.add(growth_row(f"PDF {layout.value}", records,
                                 {s: printed[s][layout] for s in SIZES}))

    table.notes.append(f"load average at end: {load_average()}; "
                       f"whole run {time.monotonic() - started:.0f} s")
    table.notes.append("Spread: half the interquartile range over the median.")
    print()
    print(table.render())
    if json_path is not None:
        json_path.write_text(json.dumps([asdict(r) for r in table.rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
