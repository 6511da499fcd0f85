"""Plans of realistic shape in three sizes, made once per run.

``small`` is the demo's sample plan; ``large`` is a long-used plan (300
goals, 2,000 entries, ten years of daily check-ins, 20 reviews each with its
snapshot); ``medium`` is half of large. Folders are created with whatever
KDF ``kdf_for_new_slots`` gives (the real one unless
RECOVERYPLAN_KDF_PROFILE=test), so the unlock figure uses DEFAULT_KDF.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from recoveryplan.plans.model import Plan
from recoveryplan.plans.samples import generate_plan, load_sample_plan
from recoveryplan.storage import create_plan
from recoveryplan.storage.connection import connect
from recoveryplan.storage.keyslots import read_key_file

PASSPHRASE = "a passphrase for measuring"
SIZES = ("small", "medium", "large")
_GENERATED = {
    "medium": dict(goals=150, entries=1000, checkins=1825, reviews=10),
    "large": dict(goals=300, entries=2000, checkins=3650, reviews=20),
}


def make_plan(size: str) -> Plan:
    return load_sample_plan() if size == "small" else generate_plan(**_GENERATED[size])


@dataclass
class BenchPlan:
    """One plan: in memory, in an encrypted folder, and as a plain copy."""

    size: str
    plan: Plan
    folder: Path

    @property
    def db_path(self) -> Path:
        return self.folder / "plan.db"

    @cached_property
    def data_key(self) -> bytes:
        """The data key, unwrapped once (with the slot's real KDF)."""
        return read_key_file(self.folder / "keys.json").unlock(PASSPHRASE)

    @cached_property
    def records(self) -> int:
        """Rows in the records table: every record, children included."""
        with sqlite3.connect(self.plain_copy) as conn:
            return conn.execute("SELECT count(*) FROM records").fetchone()[0]

    @cached_property
    def plain_copy(self) -> Path:
        """An unencrypted copy of the same database (bench temp folder only)."""
        target = self.folder.parent / f"{self.size}-plain.db"
        conn = connect(self.db_path, self.data_key)
        try:
            conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
            conn.execute("SELECT sqlcipher_export('plain')").fetchall()
            conn.execute("DETACH DATABASE plain")
        finally:
            conn.close()
        return target


def read_plain(path: Path) -> int:
    """The baseline for opening: plain sqlite3 reading the tables
    ``load_plan`` reads and decoding each JSON column. Returns a count so
    nothing is optimised away."""
    conn = sqlite3.connect(path)
    try:
        info = {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM plan_info")}
        rows = [(i, k, p, pos, json.loads(d)) for i, k, p, pos, d in
                conn.execute("SELECT id, kind, parent_id, position, data FROM records")]
    finally:
        conn.close()
    return len(info) + len(rows)


class PlanCache:
    """Plans and their folders under ``base``, each made on first use."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self._plans: dict[str, BenchPlan] = {}

    def __getitem__(self, size: str) -> BenchPlan:
        if size not in self._plans:
            print(f"  (making the {size} plan)", flush=True)
            plan = make_plan(size)
            folder = self.base / size / "plan"
            folder.parent.mkdir(parents=True)
            db, _key = create_plan(folder, PASSPHRASE, plan)
            db.close()
            self._plans[size] = BenchPlan(size, plan, folder)
        return self._plans[size]
