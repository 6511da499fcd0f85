"""The base of every record the person writes, and the values records hold.

A record has an ``id``, ``created`` and ``changed`` times, a
``together_with`` attribution and a ``private`` flag, and converts to and
from plain dicts (``to_dict``/``from_dict``). The record kinds and the plan
are in ``model``, which re-exports these names. No Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, ClassVar


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def today() -> dt.date:
    return dt.date.today()


# -- value conversions shared by to_dict/from_dict ----------------------------

def _dump(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def parse_datetime(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


def parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


# -- records ------------------------------------------------------------------

@dataclass
class Record:
    """Base of everything the person writes. Subclasses are dataclasses too.

    ``KIND`` names the record type in storage and in the JSON format.
    ``CHILDREN`` maps attribute names holding lists of child records to the
    child class; children are saved as their own rows so that ticking one
    goal step writes one row.
    """

    KIND: ClassVar[str] = "record"
    CHILDREN: ClassVar[dict[str, type["Record"]]] = {}
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ()
    DATETIME_FIELDS: ClassVar[tuple[str, ...]] = ("created", "changed")
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: str = field(default_factory=new_id, kw_only=True)
    created: dt.datetime = field(default_factory=now, kw_only=True)
    changed: dt.datetime = field(default_factory=now, kw_only=True)
    together_with: str = field(default="", kw_only=True)
    private: bool = field(default=False, kw_only=True)

    def to_dict(self, children: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in self.CHILDREN:
                if children:
                    out[f.name] = [c.to_dict() for c in getattr(self, f.name)]
                continue
            out[f.name] = _dump(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Build from a dict that has already been validated."""
        kwargs: dict[str, Any] = {}
        names = _field_names(cls)
        for key, value in data.items():
            if key not in names:
                continue
            if key in cls.CHILDREN:
                child_cls = cls.CHILDREN[key]
                value = [child_cls.from_dict(v) for v in value]
            elif value is None:
                pass
            elif key in cls.DATETIME_FIELDS:
                value = parse_datetime(value)
            elif key in cls.DATE_FIELDS:
                value = parse_date(value)
            kwargs[key] = value
        obj = cls(**kwargs)
        obj._coerce()
        return obj

    def _coerce(self) -> None:
        """Turn plain values back into enums after ``from_dict``."""

    def touch(self, together_with: str = "") -> None:
        """Mark as changed now, attributed to a planning session if any."""
        self.changed = now()
        if together_with:
            self.together_with = together_with

    def text_values(self) -> list[str]:
        """Every free text the person wrote in this record and its children
        (for search, "what changed" and leak scans)."""
        out = [getattr(self, name) for name in self.TEXT_FIELDS]
        for attr in self.CHILDREN:
            for child in getattr(self, attr):
                out.extend(child.text_values())
        return [v for v in out if v]
