"""Editing a plan: the one way the app and the command line change it.

``PlanEditor`` keeps the plan in memory and writes every change through a
``PlanStore`` one record at a time (the storage layer provides the real,
encrypted store; tests may use ``MemoryStore``). Every operation has an
inverse so the UI can build undo and redo on top:

    add(record)            <->  remove(record)      (undo of a remove: restore(record, ...))
    update(record, **new)  <->  update(record, **old)   (update returns old)
    move(record, index)    <->  move(record, old_index)  (move returns old)

Listeners are told about every change with ``(action, record)`` so item
models can refresh only what changed.
"""

from __future__ import annotations

import copy
from dataclasses import fields, replace
from typing import Any, Callable, Iterable, Protocol

from .model import COLLECTIONS, Plan, PlanInfo, Record, Review, now
from .validation import ValidationError, check_info, check_record

Listener = Callable[[str, Any], None]


class PlanStore(Protocol):
    """What the editor needs from storage. Each call is one transaction."""

    def save_info(self, info: PlanInfo) -> None: ...

    def save_record(self, record: Record, parent_id: str | None, position: int) -> None:
        """Insert or replace one record's own row (not its children)."""

    def delete_record(self, record_id: str) -> None:
        """Delete one record and its children."""

    def save_positions(self, ids: list[str]) -> None:
        """Store the order of sibling records (position = index in ids)."""

    def replace_plan(self, plan: Plan) -> None:
        """Replace the whole plan in one transaction (import)."""


class MemoryStore:
    """A store that keeps nothing; for tests of the domain and demos."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def save_info(self, info: PlanInfo) -> None:
        self.calls.append(("save_info", info.to_dict()))

    def save_record(self, record: Record, parent_id: str | None, position: int) -> None:
        self.calls.append(("save_record", record.id))

    def delete_record(self, record_id: str) -> None:
        self.calls.append(("delete_record", record_id))

    def save_positions(self, ids: list[str]) -> None:
        self.calls.append(("save_positions", list(ids)))

    def replace_plan(self, plan: Plan) -> None:
        self.calls.append(("replace_plan", None))


def _collection_name(record: Record) -> str:
    for name, cls in COLLECTIONS.items():
        if type(record) is cls:
            return name
    raise TypeError(f"{type(record).__name__} is not a top-level record")


class PlanEditor:
    """All changes to a plan go through here."""

    def __init__(self, plan: Plan, store: PlanStore) -> None:
        self.plan = plan
        self.store = store
        #: Name of the care coordinator while planning together, else "".
        self.together_with = ""
        self._listeners: list[Listener] = []

    # -- listeners -------------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, action: str, subject: Any) -> None:
        for listener in list(self._listeners):
            listener(action, subject)

    # -- where a record lives ----------------------------------------------------
    def parent_of(self, record: Record) -> Record | None:
        """The goal a step or progress note belongs to, else None."""
        for goal in self.plan.goals:
            if record in goal.steps or record in goal.notes:
                return goal
        return None

    def siblings(self, record: Record, parent: Record | None = None) -> list[Record]:
        parent = parent if parent is not None else self.parent_of(record)
        if parent is not None:
            for attr, cls in parent.CHILDREN.items():
                if type(record) is cls:
                    return getattr(parent, attr)
            raise TypeError(f"{type(record).__name__} cannot belong to {type(parent).__name__}")
        return getattr(self.plan, _collection_name(record))

    # -- operations --------------------------------------------------------------
    def set_info(self, **changes: Any) -> dict[str, Any]:
        """Change plan-wide facts; returns the old values for undo."""
        info = self.plan.info
        names = {f.name for f in fields(info)}
        unknown = set(changes) - names
        if unknown:
            raise AttributeError(", ".join(sorted(unknown)))
        old = {k: getattr(info, k) for k in changes}
        check_info(replace(info, **changes))
        for key, value in changes.items():
            setattr(info, key, value)
        self.store.save_info(info)
        self._emit("info", info)
        return old

    def add(self, record: Record, parent: Record | None = None, index: int | None = None) -> Record:
        """Add a new record; while planning together it is attributed to the session."""
        if self.together_with and not record.together_with:
            record.together_with = self.together_with
        return self.restore(record, parent, index)

    def restore(self, record: Record, parent: Record | None = None, index: int | None = None) -> Record:
        """Put a record back exactly as it was (undo of a remove, redo of an
        add): its attribution stays its own, even during a planning session."""
        check_record(record)
        siblings = self.siblings(record, parent)
        if index is None or index > len(siblings):
            index = len(siblings)
        siblings.insert(index, record)
        self._save_with_children(record, parent, index)
        if index != len(siblings) - 1:
            self.store.save_positions([r.id for r in siblings])
        self._emit("add", record)
        return record

    def _save_with_children(self, record: Record, parent: Record | None, index: int) -> None:
        self.store.save_record(record, parent.id if parent else None, index)
        for attr in record.CHILDREN:
            for i, child in enumerate(getattr(record, attr)):
                self.store.save_record(child, record.id, i)

    def update(self, record: Record, **changes: Any) -> dict[str, Any]:
        """Change fields of one record; returns the old values for undo.

        ``changed`` and ``together_with`` are kept in the returned dict so an
        undo puts the attribution back as it was.
        """
        names = {f.name for f in fields(record)} - set(record.CHILDREN)
        unknown = set(changes) - names
        if unknown:
            raise AttributeError(", ".join(sorted(unknown)))
        trial = copy.copy(record)
        for key, value in changes.items():
            setattr(trial, key, value)
        check_record(trial)
        old = {k: getattr(record, k) for k in changes}
        restoring = "changed" in changes
        if not restoring:
            old["changed"] = record.changed
            old["together_with"] = record.together_with
        for key, value in changes.items():
            setattr(record, key, value)
        if not restoring:
            record.touch(self.together_with)
        parent = self.parent_of(record)
        siblings = self.siblings(record, parent)
        self.store.save_record(record, parent.id if parent else None, siblings.index(record))
        self._emit("update", record)
        return old

    def remove(self, record: Record) -> tuple[Record | None, int]:
        """Remove a record (with its children); returns (parent, index) so
        ``add(record, parent, index)`` puts it back exactly."""
        parent = self.parent_of(record)
        siblings = self.siblings(record, parent)
        index = siblings.index(record)
        siblings.pop(index)
        self.store.delete_record(record.id)
        self._emit("remove", record)
        return parent, index

    def move(self, record: Record, new_index: int) -> int:
        """Move a record among its siblings; returns the old index."""
        siblings = self.siblings(record)
        old_index = siblings.index(record)
        new_index = max(0, min(new_index, len(siblings) - 1))
        if new_index != old_index:
            siblings.insert(new_index, siblings.pop(old_index))
            self.store.save_positions([r.id for r in siblings])
            self._emit("move", record)
        return old_index

    def replace_plan(self, plan: Plan) -> None:
        """Replace everything (after an import has been validated)."""
        self.store.replace_plan(plan)
        self.plan = plan
        self._emit("reset", plan)

    # -- convenience -------------------------------------------------------------
    def visible(self, records: Iterable[Record]) -> list[Record]:
        """Records to show on screen: "just for me" ones are hidden while
        planning together."""
        if not self.together_with:
            return list(records)
        return [r for r in records if not r.private]


def review_snapshot(review: Review, load: Callable[[str], dict[str, Any] | None]) -> dict[str, Any] | None:
    """The plan as it was at ``review``. Snapshots are not loaded with the
    plan: ``load`` (the storage's ``load_snapshot``) fetches one on first
    use and it is kept with the review from then on."""
    if review.snapshot is None:
        review.snapshot = load(review.id)
    return review.snapshot


def latest_review(plan: Plan, include_private: bool = True) -> Review | None:
    """The newest review by date; "just for me" ones only if ``include_private``."""
    reviews = [r for r in plan.reviews if include_private or not r.private]
    return max(reviews, key=lambda r: r.date, default=None)


def load_snapshots(plan: Plan, load: Callable[[str], dict[str, Any] | None]) -> None:
    """Fetch every review's copy of the plan not loaded yet (before a
    whole-plan export); ``load`` is the storage's ``load_snapshot``."""
    for review in plan.reviews:
        review_snapshot(review, load)


def make_review(plan: Plan, snapshot: dict[str, Any], **values: Any) -> Review:
    """A review carrying a frozen copy of the plan (see exchange.to_document)."""
    review = Review(**values)
    review.snapshot = copy.deepcopy(snapshot)
    review.snapshot.pop("reviews", None)
    review.created = review.changed = now()
    return review


__all__ = ["PlanEditor", "PlanStore", "MemoryStore", "ValidationError", "latest_review",
           "load_snapshots", "make_review", "review_snapshot"]
