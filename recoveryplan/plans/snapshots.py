"""A review's copy of the plan: the one conversion between a ``Plan`` and a snapshot.

A snapshot is the exchange document's ``plan`` part without reviews
(plain JSON-ready dicts), kept with each review. ``snapshot_of`` makes one
from a plan, ``plan_from_snapshot`` turns one back into plan objects (to
show or print it), ``frozen_copy`` is what a new review keeps, and
``changes.compare`` works on two of them. No Qt, no SQL.
"""

from __future__ import annotations

import copy
from typing import Any

from .model import COLLECTIONS, Plan, PlanInfo


def snapshot_of(plan: Plan) -> dict[str, Any]:
    """A review's read-only copy of the plan: the document's ``plan`` part
    without reviews (see ``service.make_review``)."""
    out: dict[str, Any] = {"info": plan.info.to_dict()}
    for name in COLLECTIONS:
        if name != "reviews":
            out[name] = [record.to_dict() for record in plan.collection(name)]
    return out


def plan_from_snapshot(snapshot: dict[str, Any]) -> Plan:
    """Plan objects from a snapshot dict (already validated when stored)."""
    plan = Plan(info=PlanInfo.from_dict(snapshot.get("info") or {}))
    for name, cls in COLLECTIONS.items():
        if name != "reviews":
            setattr(plan, name, [cls.from_dict(item) for item in snapshot.get(name) or []])
    return plan


def frozen_copy(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A snapshot a new review can keep: shares nothing, holds no reviews."""
    out = copy.deepcopy(snapshot)
    out.pop("reviews", None)
    return out


__all__ = ["frozen_copy", "plan_from_snapshot", "snapshot_of"]
