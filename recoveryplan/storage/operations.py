"""Writes as values, and the plan rebuilt from rows.

Each change is turned into an operation holding plain rows (JSON text)
*when it is asked for*, on the caller's thread; applying it later (at once,
or on the background writer's thread) never looks at the live records
again, so an edit made in between can't tear a row or reorder writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterable

from ..plans.model import COLLECTIONS, Plan, PlanInfo, Record, Review
from .errors import PlanDamaged


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class SaveInfo:
    items: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, info: PlanInfo) -> "SaveInfo":
        return cls(tuple((key, to_json(value)) for key, value in info.to_dict().items()))

    def apply(self, conn) -> None:
        conn.executemany(
            "INSERT INTO plan_info(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", self.items)


@dataclass(frozen=True)
class SaveRecord:
    """One record's own row (children are rows of their own), plus the
    review snapshot when there is one to store."""

    id: str
    kind: str
    parent_id: str | None
    position: int
    data: str
    snapshot: str | None = None

    @classmethod
    def of(cls, record: Record, parent_id: str | None, position: int) -> "SaveRecord":
        snapshot = record.snapshot if isinstance(record, Review) else None
        return cls(record.id, record.KIND, parent_id, position,
                   to_json(record.to_dict(children=False)),
                   None if snapshot is None else to_json(snapshot))

    def apply(self, conn) -> None:
        # An upsert, not INSERT OR REPLACE: replacing would delete the row
        # first and take its children and snapshot with it.
        conn.execute(
            "INSERT INTO records(id, kind, parent_id, position, data) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, parent_id = excluded.parent_id,"
            " position = excluded.position, data = excluded.data",
            (self.id, self.kind, self.parent_id, self.position, self.data))
        if self.snapshot is not None:
            conn.execute(
                "INSERT INTO snapshots(review_id, data) VALUES (?, ?)"
                " ON CONFLICT(review_id) DO UPDATE SET data = excluded.data",
                (self.id, self.snapshot))


@dataclass(frozen=True)
class DeleteRecord:
    record_id: str

    def apply(self, conn) -> None:
        conn.execute("DELETE FROM records WHERE id = ?", (self.record_id,))


@dataclass(frozen=True)
class SavePositions:
    ids: tuple[str, ...]

    def apply(self, conn) -> None:
        conn.executemany("UPDATE records SET position = ? WHERE id = ?",
                         [(i, record_id) for i, record_id in enumerate(self.ids)])


@dataclass(frozen=True)
class ReplacePlan:
    """The whole plan in one transaction (import, restore).

    A review that comes without its snapshot (as ``load_plan`` gives them)
    keeps the snapshot already stored for it."""

    info: SaveInfo
    records: tuple[SaveRecord, ...]

    @classmethod
    def of(cls, plan: Plan) -> "ReplacePlan":
        return cls(SaveInfo.of(plan.info), tuple(_rows_of(plan)))

    def apply(self, conn) -> None:
        keep = [r.id for r in self.records if r.kind == Review.KIND and r.snapshot is None]
        kept = _stored_snapshots(conn, keep)
        conn.execute("DELETE FROM records")
        conn.execute("DELETE FROM snapshots")
        conn.execute("DELETE FROM plan_info")
        self.info.apply(conn)
        for row in self.records:
            row.apply(conn)
        conn.executemany("INSERT INTO snapshots(review_id, data) VALUES (?, ?)", kept)


Operation = SaveInfo | SaveRecord | DeleteRecord | SavePositions | ReplacePlan


class OperationStore:
    """The five ``PlanStore`` methods, written once: each turns its change
    into an operation at once, on the caller's thread, and hands it to
    ``write_operation`` (applied at once, or queued for a writer thread)."""

    def write_operation(self, operation: Operation) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def save_info(self, info: PlanInfo) -> None:
        self.write_operation(SaveInfo.of(info))

    def save_record(self, record: Record, parent_id: str | None, position: int) -> None:
        self.write_operation(SaveRecord.of(record, parent_id, position))

    def delete_record(self, record_id: str) -> None:
        self.write_operation(DeleteRecord(record_id))

    def save_positions(self, ids: list[str]) -> None:
        self.write_operation(SavePositions(tuple(ids)))

    def replace_plan(self, plan: Plan) -> None:
        self.write_operation(ReplacePlan.of(plan))


def _rows_of(plan: Plan) -> Iterable[SaveRecord]:
    """Parents before their children, as the foreign keys require."""
    for name in COLLECTIONS:
        for position, record in enumerate(plan.collection(name)):
            yield SaveRecord.of(record, None, position)
            for attr in record.CHILDREN:
                for child_position, child in enumerate(getattr(record, attr)):
                    yield SaveRecord.of(child, record.id, child_position)


def _stored_snapshots(conn, review_ids: list[str]) -> list[tuple[str, str]]:
    out = []
    for review_id in review_ids:
        row = conn.execute("SELECT data FROM snapshots WHERE review_id = ?", (review_id,)).fetchone()
        if row is not None:
            out.append((review_id, row[0]))
    return out


# -- reading -----------------------------------------------------------------

_TOP_LEVEL = {cls.KIND: (name, cls) for name, cls in COLLECTIONS.items()}


def _child_slot(parent: Record, kind: str) -> tuple[str, type[Record]] | None:
    for attr, cls in parent.CHILDREN.items():
        if cls.KIND == kind:
            return attr, cls
    return None


def _load(data: str) -> Any:
    try:
        return json.loads(data)
    except ValueError as exc:
        raise PlanDamaged("database") from exc


def load_plan(conn) -> Plan:
    """The plan in position order, reviews without their snapshots.

    Rows of a kind this version doesn't know are left alone (not shown, not
    deleted by ordinary edits)."""
    try:
        info = PlanInfo.from_dict({k: _load(v) for k, v in conn.execute("SELECT key, value FROM plan_info")})
        plan = Plan(info=info)
        parents: dict[str, Record] = {}
        rows = conn.execute("SELECT id, kind, data FROM records WHERE parent_id IS NULL"
                            " ORDER BY kind, position, rowid")
        for record_id, kind, data in rows:
            if kind in _TOP_LEVEL:
                name, cls = _TOP_LEVEL[kind]
                record = cls.from_dict(_load(data))
                plan.collection(name).append(record)
                parents[record_id] = record
        rows = conn.execute("SELECT parent_id, kind, data FROM records WHERE parent_id IS NOT NULL"
                            " ORDER BY parent_id, position, rowid")
        for parent_id, kind, data in rows:
            parent = parents.get(parent_id)
            slot = _child_slot(parent, kind) if parent is not None else None
            if slot is not None:
                attr, cls = slot
                getattr(parent, attr).append(cls.from_dict(_load(data)))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PlanDamaged("database") from exc
    return plan


def load_snapshot(conn, review_id: str) -> dict | None:
    row = conn.execute("SELECT data FROM snapshots WHERE review_id = ?", (review_id,)).fetchone()
    return None if row is None else _load(row[0])
