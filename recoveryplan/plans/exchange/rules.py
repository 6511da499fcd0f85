"""What an exchange file may hold: the limits, the schema, the rules beyond it.

The schema (with our own date checks) comes first, then the same rules the
editor applies when typing (``validation.record_problems``), then rules
about the plan as a whole (unique ids, one note per life area).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ...i18n import _
from ...paths import schema_path
from ..model import COLLECTIONS, Entry, LifeAreaNote, Plan, PlanInfo, Record, Review, parse_date, parse_datetime
from ..sections import ENTRY_FIELDS, SECTIONS_BY_KEY
from ..validation import Problem, record_problems
from .wording import Path_, _explain, _format_path, _sort_key

FORMAT = "recoveryplan"
VERSION = 1
#: Files bigger than this are refused before they are read.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Deepest nesting a plan needs is about a dozen levels; junk goes deeper.
MAX_DEPTH = 32
#: At most this many problems are listed; the rest are counted.
MAX_PROBLEMS = 100
#: Bounds on what a file may hold, counted in its bytes before it is parsed
#: (a long-used plan with twenty reviews has about 90,000 lists and groups
#: and 760,000 values), so no file can make parsing take gigabytes.
MAX_CONTAINERS = 500_000
MAX_SEPARATORS = 2_000_000
#: Checking stops after this many problems: a file of junk is refused at
#: once instead of after collecting millions of them.
MAX_COUNTED = 10 * MAX_PROBLEMS


def _header_problem(doc: Any) -> Problem | None:
    not_ours = Problem("", _("This is not a Recovery Plan file."))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return not_ours
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        return Problem("version", _("is missing or is not a whole number, so I cannot tell "
                                    "which version of the format this file uses."))
    if version > VERSION:
        return Problem("", _("This file was made by a newer version of Recovery Plan. "
                             "Please update the app, then try again."))
    if version < VERSION:
        return Problem("version", _("must be {version}").format(version=VERSION))
    return None


def _depth(value: Any) -> int:
    """Deepest nesting of lists and dicts, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


# -- the schema ----------------------------------------------------------------

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATE_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})")

def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        parse_date(value)
    except ValueError:
        return False
    return True


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    try:
        parse_datetime(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The shipped JSON Schema of the format."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():
    """A validator for the schema with its ``$ref``s written out in place,
    which checks the same rules several times faster.

    The entry's ``allOf`` (which field belongs to which section) is left to
    ``record_problems``, which applies the same pairs from ``ENTRY_FIELDS``
    at a fraction of the cost; the schema keeps them for other tools.
    """
    import jsonschema  # loaded on the first import of a file, not at start-up

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date")(_is_date)
    checker.checks("date-time")(_is_date_time)
    return jsonschema.Draft202012Validator(_inline_refs(schema()), format_checker=checker)


def _inline_refs(root: dict[str, Any]) -> dict[str, Any]:
    defs = root["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: inline(value) for key, value in node.items() if key != "$ref"}
        ref = node.get("$ref")
        if ref is not None:
            out = {**inline(defs[ref.removeprefix("#/$defs/")]), **out}
        return out

    entry = defs["entry"]
    defs = {**defs, "entry": {key: value for key, value in entry.items() if key != "allOf"}}
    return {key: inline(value) for key, value in root.items() if key != "$defs"}


def _schema_problems(doc: dict[str, Any]) -> list[tuple[Path_, str]]:
    found: list[tuple[Path_, str]] = []
    missing: dict[Path_, list[str]] = {}
    for error in _validator().iter_errors(doc):
        if len(found) + len(missing) > MAX_COUNTED:
            break           # enough to refuse the file; millions would take minutes
        if error.validator == "required":
            names = missing.setdefault(tuple(error.absolute_path), [])
            names.extend(n for n in error.validator_value
                         if n not in error.instance and n not in names)
        else:
            found.extend(_explain(error))
    for path, names in missing.items():
        if len(names) == 1:
            found.append(((*path, names[0]), _("is missing")))
        else:
            found.append((path, _("is missing {names}").format(names=", ".join(names))))
    found.sort(key=lambda item: _sort_key(item[0]))
    return found


# -- rules beyond the schema -------------------------------------------------------

class _RuleChecker:
    """Builds records from schema-clean parts of a document and applies the
    editor's rules, collecting problems instead of stopping at the first."""

    def __init__(self, dirty: set[Path_], copy_snapshots: bool) -> None:
        self.dirty = dirty
        self.copy_snapshots = copy_snapshots
        self.problems: list[Problem] = []

    def _add(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(_format_path(path), message))

    def plan_body(self, body: Any, path: Path_, with_reviews: bool) -> Plan | None:
        """Check one plan body (the document's plan, or a review snapshot);
        return it built when everything in it is fine."""
        if not isinstance(body, dict):
            return None
        before = len(self.problems)
        plan = Plan()
        info = body.get("info")
        if (*path, "info") not in self.dirty and isinstance(info, dict):
            plan.info = PlanInfo.from_dict(info)
        seen_ids: dict[str, Path_] = {}
        for name, cls in COLLECTIONS.items():
            items = body.get(name)
            if not isinstance(items, list) or (name == "reviews" and not with_reviews):
                continue
            built: list[tuple[Path_, Record]] = []
            for i, item in enumerate(items):
                item_path = (*path, name, i)
                self._unique_ids(item, item_path, cls, seen_ids)
                if item_path not in self.dirty:
                    built.append((item_path, self._record(cls, item, item_path)))
                elif cls is Review and isinstance(item, dict):
                    self.plan_body(item.get("snapshot"), (*item_path, "snapshot"), with_reviews=False)
            self._collection_rules(built)
            plan.collection(name).extend(record for _path, record in built)
        if path in self.dirty or len(self.problems) > before:
            return None
        return plan

    def _record(self, cls: type[Record], data: dict[str, Any], path: Path_) -> Record:
        record = cls.from_dict(data)
        self.problems.extend(record_problems(record, _format_path(path)))
        if isinstance(record, Review) and record.snapshot is not None:
            self.plan_body(record.snapshot, (*path, "snapshot"), with_reviews=False)
            if self.copy_snapshots:
                record.snapshot = copy.deepcopy(record.snapshot)
        return record

    def _unique_ids(self, item: Any, path: Path_, cls: type[Record],
                    seen: dict[str, Path_]) -> None:
        if not isinstance(item, dict):
            return
        record_id = item.get("id")
        if isinstance(record_id, str):
            if record_id in seen:
                self._add((*path, "id"), _("is the same as the id of {other}; every id must be different")
                          .format(other=_format_path(seen[record_id])))
            else:
                seen[record_id] = path
        for attr, child_cls in cls.CHILDREN.items():
            children = item.get(attr)
            if isinstance(children, list):
                for i, child in enumerate(children):
                    self._unique_ids(child, (*path, attr, i), child_cls, seen)

    def _collection_rules(self, built: list[tuple[Path_, Record]]) -> None:
        """One note per life area; one entry for a field that holds one text."""
        seen: set[Any] = set()
        for path, record in built:
            if isinstance(record, LifeAreaNote):
                if record.area in seen:
                    self._add((*path, "area"), _("appears twice; each life area has one note"))
                seen.add(record.area)
            elif isinstance(record, Entry) and _single_text(record):
                key = (record.section, record.field)
                if key in seen:
                    self._add((*path, "field"),
                              _("holds one text, and there is already an entry for it"))
                seen.add(key)


def _single_text(entry: Entry) -> bool:
    """Whether the entry's field holds one text rather than a list."""
    spec = SECTIONS_BY_KEY.get(entry.section)
    if spec is None or (entry.section, entry.field) not in ENTRY_FIELDS:
        return False
    return not spec.field(entry.field).multi
