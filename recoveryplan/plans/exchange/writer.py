"""Writing an exchange file: ``Plan`` → document (plain JSON-ready dicts) → file."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

from ...atomic import write_atomic
from ..model import COLLECTIONS, Plan, Record, Review, now
from .rules import FORMAT, VERSION

def to_document(plan: Plan, include_private: bool = True,
                include_snapshots: bool = True) -> dict[str, Any]:
    """The whole plan as an exchange document (plain JSON-ready dicts).

    ``include_private=False`` leaves out "just for me" records, also inside
    goals and inside review snapshots. ``include_snapshots=False`` writes
    ``null`` instead of each review's copy of the plan.
    """
    body: dict[str, Any] = {"info": plan.info.to_dict()}
    for name in COLLECTIONS:
        body[name] = [_record_dict(rec, include_private, include_snapshots)
                      for rec in plan.collection(name) if include_private or not rec.private]
    return {"format": FORMAT, "version": VERSION, "exported": now().isoformat(), "plan": body}


def _record_dict(record: Record, include_private: bool, include_snapshots: bool) -> dict[str, Any]:
    out = record.to_dict()
    if not include_private:
        _drop_private_children(out, type(record))
    if isinstance(record, Review):
        snapshot = record.snapshot if include_snapshots else None
        out["snapshot"] = None if snapshot is None else _snapshot_copy(snapshot, include_private)
    return out


def _drop_private_children(data: dict[str, Any], cls: type[Record]) -> None:
    for attr in cls.CHILDREN:
        data[attr] = [child for child in data[attr] if not child.get("private")]


def _snapshot_copy(snapshot: dict[str, Any], include_private: bool) -> dict[str, Any]:
    out = copy.deepcopy(snapshot)
    if not include_private:
        for name, cls in COLLECTIONS.items():
            if name in out:
                out[name] = [item for item in out[name] if not item.get("private")]
                for item in out[name]:
                    _drop_private_children(item, cls)
    return out


def dumps_document(doc: dict[str, Any]) -> str:
    """The document as UTF-8-ready JSON text, readable by people."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_document(path: str | os.PathLike[str], doc: dict[str, Any]) -> None:
    """Write the document atomically and owner-only (see ``recoveryplan.atomic``)."""
    write_atomic(path, dumps_document(doc).encode("utf-8"))
