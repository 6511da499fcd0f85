"""Editing a plan: the one way the app and the command line change it.

``PlanEditor`` keeps the plan in memory and writes every change through a
``PlanStore`` one record at a time (the storage layer provides the real,
encrypted store; tests may use ``MemoryStore``). Every operation has an
inverse so the UI can build undo and redo on top:

    add(record)            <->  remove(record)      (undo of a remove: restore(record, ...))
    update(record, **new)  <->  update(record, **old)   (update returns old)
    move(record, index)    <->  move(record, old_index)  (move returns old)

Listeners are told about every change with ``(action, record)``; change
listeners get a typed :class:`PlanChange` (kind, record, its id, parent,
index, the fields changed and the sections touched) so item models,
bindings and marks can each update only the one thing that changed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Iterable, Protocol

from .model import COLLECTIONS, Entry, Plan, PlanInfo, Record, Review, now
from .snapshots import frozen_copy
from .validation import ValidationError, check_info, check_record

Listener = Callable[[str, Any], None]

#: Where each top-level collection's records belong (entries carry their own
#: ``section``; steps and progress notes belong with their goal).
_COLLECTION_SECTION = {
    "goals": "goals", "life_areas": "life_beyond", "contacts": "my_people",
    "topics": "appointments", "checkins": "checkins", "services": "hard_times",
    "reviews": "reviews",
}
#: Plan-wide facts shown in a section.
_INFO_SECTION = {"owner_name": "about_me", "next_appointment_on": "appointments",
                 "next_review_on": "reviews", "last_reviewed_on": "reviews"}


@dataclass(frozen=True, eq=False)
class PlanChange:
    """Exactly what one editor operation changed.

    ``kind``: "add", "update", "remove", "move", "info" or "reset";
    ``subject``: the record (the ``PlanInfo`` for "info", the new ``Plan``
    for "reset"); ``parent``: the goal of a step or progress note;
    ``index``: the record's place among its siblings (after an add or move,
    before a remove); ``old_index``: its place before a move; ``fields``:
    the fields an "update" or "info" changed; ``sections``: the keys of the
    sections whose content it touches (every section for "reset").
    """

    kind: str
    subject: Any
    parent: Record | None = None
    index: int | None = None
    old_index: int | None = None
    fields: tuple[str, ...] = ()
    sections: frozenset[str] = frozenset()

    @property
    def record(self) -> Record | None:
        return self.subject if self.kind in ("add", "update", "remove", "move") else None

    @property
    def record_id(self) -> str | None:
        record = self.record
        return record.id if record is not None else None

    @property
    def parent_id(self) -> str | None:
        return self.parent.id if self.parent is not None else None

    def touches(self, section: str) -> bool:
        """Whether this change can alter what section ``section`` shows."""
        return self.kind == "reset" or section in self.sections

    def changes_any(self, names) -> bool:
        """An add, remove, move or reset, or an update of one of ``names``."""
        return self.kind != "update" or not set(names).isdisjoint(self.fields)


def record_section(record: Record, parent: Record | None = None) -> str:
    """The key of the section a record belongs to."""
    if parent is not None:
        return record_section(parent)
    if isinstance(record, Entry):
        return record.section
    for name, cls in COLLECTIONS.items():
        if type(record) is cls:
            return _COLLECTION_SECTION.get(name, "")
    return ""


def _index(items: list, record: Any) -> int:
    """Position of ``record`` in ``items`` by identity (records are unique
    objects; comparing dataclasses field by field is slow on long lists)."""
    for i, item in enumerate(items):
        if item is record:
            return i
    return items.index(record)


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
        self._change_listeners: list[Callable[[PlanChange], None]] = []

    # -- listeners -------------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        """``listener(action, subject)`` after every change."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def add_change_listener(self, listener: Callable[[PlanChange], None]) -> None:
        """``listener(change)`` with a :class:`PlanChange` after every change."""
        self._change_listeners.append(listener)

    def remove_change_listener(self, listener: Callable[[PlanChange], None]) -> None:
        if listener in self._change_listeners:
            self._change_listeners.remove(listener)

    def _emit(self, change: PlanChange) -> None:
        for listener in list(self._change_listeners):
            listener(change)
        for listener in list(self._listeners):
            listener(change.kind, change.subject)

    def _record_change(self, kind: str, record: Record, parent: Record | None, index: int,
                       **extra: Any) -> PlanChange:
        return PlanChange(kind, record, parent, index,
                          sections=frozenset({record_section(record, parent)}), **extra)

    # -- where a record lives ----------------------------------------------------
    def parent_of(self, record: Record) -> Record | None:
        """The goal a step or progress note belongs to, else None."""
        if type(record) in COLLECTIONS.values():
            return None
        for goal in self.plan.goals:
            if any(r is record for r in goal.steps) or any(r is record for r in goal.notes):
                return goal
        for goal in self.plan.goals:    # an equal copy, as ``in`` would find
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
        self._emit(PlanChange("info", info, fields=tuple(changes), sections=frozenset(
            _INFO_SECTION[k] for k in changes if k in _INFO_SECTION)))
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
        self._emit(self._record_change("add", record, parent, index))
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
        index = _index(self.siblings(record, parent), record)
        self.store.save_record(record, parent.id if parent else None, index)
        self._emit(self._record_change("update", record, parent, index, fields=tuple(changes)))
        return old

    def remove(self, record: Record) -> tuple[Record | None, int]:
        """Remove a record (with its children); returns (parent, index) so
        ``add(record, parent, index)`` puts it back exactly."""
        parent = self.parent_of(record)
        siblings = self.siblings(record, parent)
        index = _index(siblings, record)
        siblings.pop(index)
        self.store.delete_record(record.id)
        self._emit(self._record_change("remove", record, parent, index))
        return parent, index

    def move(self, record: Record, new_index: int) -> int:
        """Move a record among its siblings; returns the old index."""
        parent = self.parent_of(record)
        siblings = self.siblings(record, parent)
        old_index = _index(siblings, record)
        new_index = max(0, min(new_index, len(siblings) - 1))
        if new_index != old_index:
            siblings.insert(new_index, siblings.pop(old_index))
            self.store.save_positions([r.id for r in siblings])
            self._emit(self._record_change("move", record, parent, new_index, old_index=old_index))
        return old_index

    def replace_plan(self, plan: Plan) -> None:
        """Replace everything (after an import has been validated)."""
        self.store.replace_plan(plan)
        self.plan = plan
        self._emit(PlanChange("reset", plan))

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
    """A review carrying a frozen copy of the plan (see ``snapshots``)."""
    review = Review(**values)
    review.snapshot = frozen_copy(snapshot)
    review.created = review.changed = now()
    return review


__all__ = ["PlanChange", "PlanEditor", "PlanStore", "MemoryStore", "record_section", "ValidationError", "latest_review",
           "load_snapshots", "make_review", "review_snapshot"]
