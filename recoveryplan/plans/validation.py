"""Checks on records, with messages that name the field.

``check_record`` is used by the editor before any change is stored; the
JSON import runs the same checks (through ``record_problems``) after the
schema, so a file and a keyboard are held to the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..cleaning import CONTROL as _CONTROL
from ..cleaning import clean_text  # noqa: F401 - re-exported: the domain's API
from ..i18n import _
from .model import CheckIn, Contact, Entry, Goal, PlanInfo, Record, Review
from .sections import ENTRY_FIELDS

#: Longest text one field may hold (characters). A long letter fits easily;
#: a pasted file by mistake does not.
MAX_TEXT = 20_000
#: Longest short field (a name, a phone number).
MAX_SHORT = 500

SHORT_FIELDS = {"name", "relationship", "phone", "email", "best_times", "together_with",
                "owner_name"}

#: Half of a UTF-16 pair on its own ("\\ud800" in JSON): no UTF-8 file or
#: database can hold it, so it is refused before anything is stored.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def unstorable_message(text: str) -> str | None:
    """Why ``text`` can't be stored (a lone surrogate), or None when it can."""
    if text.isascii():          # the common case, answered without a scan
        return None
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return _("has a broken character at position {position} (half of an emoji or symbol), "
             "which can't be saved").format(position=found.start() + 1)


def unstorable_problems(value: object, path: str = "", limit: int = 20) -> list[Problem]:
    """Every text (names of fields included) anywhere inside ``value`` (a
    JSON-like tree of dicts and lists) that can't be stored, with its place.
    Walks without recursion; stops after ``limit`` problems."""
    if not _has_unstorable(value):
        return []               # the usual case: one quick pass, no places built
    problems: list[Problem] = []
    stack: list[tuple[object, str]] = [(value, path)]
    while stack and len(problems) < limit:
        item, where = stack.pop()
        if isinstance(item, str):
            message = unstorable_message(item)
            if message is not None:
                problems.append(Problem(where, message))
        elif isinstance(item, dict):
            for key, child in reversed(list(item.items())):
                key_text = str(key)
                child_path = f"{where}.{key_text}" if where else key_text
                if isinstance(key, str) and unstorable_message(key) is not None:
                    problems.append(Problem(where, _("has a field name with a broken character "
                                                     "(half of an emoji or symbol)")))
                    continue
                stack.append((child, child_path))
        elif isinstance(item, (list, tuple)):
            for i in reversed(range(len(item))):
                stack.append((item[i], f"{where}[{i}]"))
    return problems


def _has_unstorable(value: object) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            for key in item:
                if isinstance(key, str) and not key.isascii() and _SURROGATE.search(key):
                    return True
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return False


def _text_problems(path: str, name: str, value: object) -> list[Problem]:
    if not isinstance(value, str):
        return [Problem(f"{path}{name}", _("must be text"))]
    limit = MAX_SHORT if name in SHORT_FIELDS else MAX_TEXT
    if len(value) > limit:
        return [Problem(f"{path}{name}",
                        _("is too long ({count} characters; at most {limit})").format(
                            count=len(value), limit=limit))]
    if _CONTROL.search(value):
        return [Problem(f"{path}{name}", _("contains control characters"))]
    message = unstorable_message(value)
    if message is not None:
        return [Problem(f"{path}{name}", message)]
    return []


def record_problems(record: Record, path: str = "") -> list[Problem]:
    """Every problem with one record and its children; empty when fine."""
    prefix = f"{path}." if path else ""
    problems: list[Problem] = []
    for name in (*record.TEXT_FIELDS, "together_with"):
        problems += _text_problems(prefix, name, getattr(record, name))
    if not isinstance(record.private, bool):
        problems.append(Problem(f"{prefix}private", _("must be true or false")))
    if record.changed < record.created - dt.timedelta(seconds=1):
        problems.append(Problem(f"{prefix}changed", _("is earlier than when it was written")))

    if isinstance(record, Entry):
        if (record.section, record.field) not in ENTRY_FIELDS:
            problems.append(Problem(f"{prefix}field", _("is not a field of this plan")))
    elif isinstance(record, CheckIn):
        for name in ("hope", "control", "beyond"):
            value = getattr(record, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
                problems.append(Problem(f"{prefix}{name}", _("must be a whole number from 0 to 10")))
    elif isinstance(record, Goal):
        for attr in record.CHILDREN:
            for i, child in enumerate(getattr(record, attr)):
                problems += record_problems(child, f"{prefix}{attr}[{i}]")
    elif isinstance(record, Contact):
        if record.email and "@" not in record.email:
            problems.append(Problem(f"{prefix}email", _("does not look like an email address")))
    elif isinstance(record, Review):
        if record.snapshot is not None:
            problems += unstorable_problems(record.snapshot, f"{prefix}snapshot")
        if record.next_review_on and record.next_review_on < record.date:
            problems.append(Problem(f"{prefix}next_review_on",
                                    _("is before the date of the review")))
    return problems


def info_problems(info: PlanInfo, path: str = "info") -> list[Problem]:
    """Problems with the plan-wide facts (the owner's name among them)."""
    prefix = f"{path}." if path else ""
    problems: list[Problem] = []
    for name, value in info.to_dict().items():
        if name == "owner_name":
            problems += _text_problems(prefix, name, value)
        else:
            problems += unstorable_problems(value, f"{prefix}{name}")
    return problems


def check_info(info: PlanInfo) -> None:
    problems = info_problems(info)
    if problems:
        raise ValidationError(problems)


def check_record(record: Record) -> None:
    problems = record_problems(record)
    if problems:
        raise ValidationError(problems)
