"""Storage figures: unlock time with the real KDF, one-entry save time.

    python bench/storage_bench.py [folder-on-the-disk-to-measure]

Prints medians; asserts nothing (speed is not a test).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.pop("RECOVERYPLAN_KDF_PROFILE", None)   # the real, slow KDF

from recoveryplan.plans.model import Entry, Plan  # noqa: E402
from recoveryplan.storage import DEFAULT_KDF, create_plan, open_plan  # noqa: E402
from recoveryplan.storage.writer import BackgroundStore  # noqa: E402

PASSPHRASE = "a passphrase for measuring"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})"


def main(base: Path) -> None:
    folder = base / "plan"
    plan = Plan.new(owner_name="Bench")
    plan.entries = [Entry(section="keeping_well", field="everyday", text=f"Entry number {i} " * 8)
                    for i in range(500)]
    db, recovery_key = create_plan(folder, PASSPHRASE, plan)
    db.close()
    print(f"DEFAULT_KDF: {DEFAULT_KDF}")

    unlocks = [timed(lambda: open_plan(folder, PASSPHRASE).close()) for _ in range(7)]
    print(f"unlock with passphrase (KDF + checks + open): {median_ms(unlocks)}")
    recovery = [timed(lambda: open_plan(folder, recovery_key).close()) for _ in range(3)]
    print(f"unlock with recovery key: {median_ms(recovery)}")

    db = open_plan(folder, PASSPHRASE)
    try:
        loads = [timed(db.load_plan) for _ in range(20)]
        print(f"load_plan, 500 entries: {median_ms(loads)}")
        loaded = db.load_plan()
        saves = []
        for i in range(200):
            target = loaded.entries[i % 500]
            target.text = f"Changed {i}"
            saves.append(timed(lambda: db.save_record(target, None, i % 500)))
        print(f"save one changed entry (synchronous, fsync), 500 entries, 200 saves: {median_ms(saves)}")

        store = BackgroundStore(db)
        queued = []
        for i in range(200):
            target = loaded.entries[i % 500]
            target.text = f"Queued {i}"
            queued.append(timed(lambda: store.save_record(target, None, i % 500)))
        drain = timed(store.flush)
        store.close()
        print(f"BackgroundStore.save_record on the caller's thread: {median_ms(queued)}; "
              f"then flush of the rest: {drain * 1000:.0f} ms")
    finally:
        db.close()


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory(prefix="rp-bench-") as tmp:
            main(Path(tmp))
