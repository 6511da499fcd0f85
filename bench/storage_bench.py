"""Storage figures: unlocking with the real KDF, opening once the key is
known, and saving one changed entry (directly and through BackgroundStore).
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator
from unittest import mock

from recoveryplan.storage import DEFAULT_KDF, open_plan
from recoveryplan.storage.keyslots import KeyFile, read_key_file
from recoveryplan.storage.writer import BackgroundStore

from .measure import Row, Stats, Table, ms, pct, ratio, sample
from .plans import PASSPHRASE, BenchPlan, read_plain

UNLOCK_TARGET_S = 1.0
OPEN_TARGET_S = 0.150
SAVE_MEDIAN_TARGET_S = 0.005
SAVE_P99_TARGET_S = 0.020


@contextmanager
def known_key(data_key: bytes) -> Iterator[None]:
    """``open_plan`` with the key derivation skipped: every other step
    (key file, key check, full-file check, settings) runs as in the app."""
    with mock.patch.object(KeyFile, "unlock", lambda _self, _secret: data_key):
        yield


def open_and_load(bench: BenchPlan) -> None:
    db = open_plan(bench.folder, PASSPHRASE)
    try:
        db.load_plan()
    finally:
        db.close()


def unlock(bench: BenchPlan, table: Table, repeat: int) -> None:
    kdf = read_key_file(bench.folder / "keys.json").slot("passphrase").kdf
    assert kdf == DEFAULT_KDF, "the unlock figure needs a plan made with DEFAULT_KDF"
    plain = sample(lambda: read_plain(bench.plain_copy), repeat * 3)
    stats = sample(lambda: open_plan(bench.folder, PASSPHRASE).close(), repeat)
    table.add(Row(f"unlock {bench.size} plan (Argon2id {kdf.memory_kib // 1024} MiB x{kdf.time_cost}"
                  f" + open)", ms(stats.median), f"plain sqlite3 read {ms(plain.median)}",
                  ratio(stats.median, plain.median), "< 1 s", stats.median < UNLOCK_TARGET_S,
                  pct(stats.spread)))
    full = sample(lambda: open_and_load(bench), repeat)
    table.add(Row(f"unlock + load_plan, {bench.size} (informational)", ms(full.median),
                  spread=pct(full.spread)))


def open_after_key(bench: BenchPlan, table: Table | None, repeat: int) -> tuple[Stats, Stats]:
    """Median open + load_plan with the key known, and the plain baseline."""
    plain = sample(lambda: read_plain(bench.plain_copy), repeat)
    with known_key(bench.data_key):
        stats = sample(lambda: open_and_load(bench), repeat)
        if table is not None:
            only_open = sample(lambda: open_plan(bench.folder, PASSPHRASE).close(), repeat)
    if table is not None:
        table.add(Row(f"open + load_plan, key known, {bench.size}", ms(stats.median),
                      f"plain sqlite3 read {ms(plain.median)}", ratio(stats.median, plain.median),
                      "< 150 ms", stats.median < OPEN_TARGET_S, pct(stats.spread)))
        table.add(Row(f"  of which open_plan (checks every page it reads), {bench.size}",
                      ms(only_open.median), spread=pct(only_open.spread)))
    return stats, plain


def _changing_entries(plan, count: int):
    """``count`` (entry, position) pairs, each entry's text changed."""
    entries = plan.entries
    for i in range(count):
        position = (i * 7) % len(entries)
        entry = entries[position]
        entry.text = f"{entry.text[:200]} (changed {i})"
        yield entry, position


def saves(bench: BenchPlan, table: Table | None, count: int) -> Stats:
    """One changed entry saved ``count`` times, synchronously (each a
    transaction with a full fsync), then through the background writer."""
    with known_key(bench.data_key):
        db = open_plan(bench.folder, PASSPHRASE)
    try:
        plan = db.load_plan()
        sync = []
        for entry, position in _changing_entries(plan, count):
            start = time.perf_counter()
            db.save_record(entry, None, position)
            sync.append(time.perf_counter() - start)
        stats = Stats(tuple(sync))
        if table is None:
            return stats
        table.add(Row(f"save one entry, synchronous, {bench.size} ({count} saves)",
                      f"median {ms(stats.median)}, p99 {ms(stats.percentile(99))}", "", "",
                      "< 5 ms, p99 < 20 ms",
                      stats.median < SAVE_MEDIAN_TARGET_S and stats.percentile(99) < SAVE_P99_TARGET_S,
                      pct(stats.spread)))
        store = BackgroundStore(db)
        caller, flushed = [], []
        try:
            for entry, position in _changing_entries(plan, count):
                start = time.perf_counter()
                store.save_record(entry, None, position)
                queued = time.perf_counter()
                store.flush()
                done = time.perf_counter()
                caller.append(queued - start)
                flushed.append(done - start)
        finally:
            store.close()
        caller_stats, flushed_stats = Stats(tuple(caller)), Stats(tuple(flushed))
        table.add(Row(f"save one entry, BackgroundStore caller, {bench.size}",
                      f"median {ms(caller_stats.median)}, p99 {ms(caller_stats.percentile(99))}",
                      spread=pct(caller_stats.spread)))
        table.add(Row(f"save one entry, BackgroundStore until on disk, {bench.size}",
                      f"median {ms(flushed_stats.median)}, p99 {ms(flushed_stats.percentile(99))}",
                      f"sync {ms(stats.median)}", ratio(flushed_stats.median, stats.median),
                      "< 5 ms, p99 < 20 ms",
                      flushed_stats.median < SAVE_MEDIAN_TARGET_S
                      and flushed_stats.percentile(99) < SAVE_P99_TARGET_S,
                      pct(flushed_stats.spread)))
        return stats
    finally:
        db.close()
