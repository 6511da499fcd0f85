"""The JSON exchange format: the whole plan as a documented file.

The person can take their plan anywhere as JSON (``to_document``,
``write_document``) and bring it back (``load_document``, ``from_document``).
The format is described by ``recoveryplan/schema/recoveryplan-v1.schema.json``
and in plain words in ``docs/exchange-format.md``.

Importing checks everything before anything is built: first the schema
(with our own date checks), then the same rules the editor applies when
typing (``validation.record_problems``), then rules about the plan as a
whole (unique ids, one note per life area). Every problem found is reported
at once, each with its path such as ``plan.goals[2].steps[0].done_on``.
Nothing here ever lets a traceback reach the person: a file that cannot be
used becomes ``ImportProblems`` with plain messages.

No Qt, no SQL.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..files import FileTooLarge, NotARegularFile, read_bounded
from ..i18n import N_, _, ngettext
from ..paths import schema_path
from .model import (COLLECTIONS, Entry, LifeAreaNote, Plan, PlanInfo, Record, Review, now,
                    parse_date, parse_datetime)
from .sections import ENTRY_FIELDS, SECTIONS_BY_KEY
from .validation import Problem, ValidationError, record_problems, unstorable_problems

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

Path_ = tuple[str | int, ...]


class ImportProblems(ValidationError):
    """A file or document that cannot become a plan, with every reason."""


# -- writing -------------------------------------------------------------------

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


def snapshot_of(plan: Plan) -> dict[str, Any]:
    """A review's read-only copy of the plan: the document's ``plan`` part
    without reviews (see ``service.make_review``)."""
    body = to_document(plan)["plan"]
    body.pop("reviews")
    return body


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


# -- reading a file ------------------------------------------------------------

def load_document(path: str | os.PathLike[str]) -> Plan:
    """Read, check and build a plan from an exchange file."""
    return _build(_read_json(Path(path)), share=True)


def _fail(message: str) -> ImportProblems:
    return ImportProblems([Problem("", message)])


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _read_json(path: Path) -> Any:
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise _fail(_("There is no file there any more.")) from None
    except FileTooLarge:
        raise _fail(_("This file is too big to be a plan (more than {size} MB).").format(
            size=MAX_FILE_BYTES // (1024 * 1024))) from None
    except NotARegularFile:
        if path.is_dir():
            raise _fail(_("That is a folder, not a file.")) from None
        raise _fail(_("That isn't an ordinary file (it may be a device or a pipe), so it "
                      "can't be a plan.")) from None
    except PermissionError:
        raise _fail(_("I am not allowed to open this file.")) from None
    except OSError:
        raise _fail(_("This file could not be read.")) from None
    if raw.count(b"{") + raw.count(b"[") > MAX_CONTAINERS or raw.count(b",") > MAX_SEPARATORS:
        raise _fail(_("This file holds far more entries than any plan has, so it can't be "
                      "a plan."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(_("This file is not UTF-8 text (a wrong byte at position {position}).").format(
            position=exc.start)) from None
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _fail(_("This file is not valid JSON (line {line}, column {column}).").format(
            line=exc.lineno, column=exc.colno)) from None
    except _DuplicateKey as exc:
        raise _fail(_("The same name \u201c{name}\u201d appears twice in one place in this file.").format(
            name=_short_key(str(exc)))) from None
    except ValueError:  # NaN or Infinity, which JSON does not allow
        raise _fail(_("This file holds a number that JSON does not allow.")) from None
    except RecursionError:
        raise _fail(_("This file is nested too deeply to be a plan.")) from None


# -- checking a document ---------------------------------------------------------

def from_document(doc: Any) -> Plan:
    """Check an exchange document completely, then build the plan.

    Raises ``ImportProblems`` listing every problem found; nothing is built
    unless the whole document is fine. The plan shares nothing with ``doc``.
    """
    return _build(doc, share=False)


def _build(doc: Any, share: bool) -> Plan:
    """``from_document``; with ``share`` the plan may keep parts of ``doc``
    (review snapshots) instead of copies, for documents nobody else holds."""
    header = _header_problem(doc)
    if header is not None:
        raise ImportProblems([header])
    if _depth(doc) > MAX_DEPTH:
        raise _fail(_("This file is nested too deeply to be a plan."))
    # Text no file or database can hold, anywhere (review snapshots and
    # names included): refused here, or it would jam saving later.
    broken = unstorable_problems(doc, limit=MAX_PROBLEMS)
    if broken:
        raise ImportProblems(broken)
    schema_found = _schema_problems(doc)
    if len(schema_found) > MAX_COUNTED:
        # Enough to say the file can't be used; don't go on collecting more.
        problems = [Problem(_format_path(p), m) for p, m in schema_found[:MAX_PROBLEMS]]
        error = ImportProblems(problems + [Problem("", _("\u2026and many more problems."))])
        error.more_than = MAX_COUNTED
        raise error
    dirty = {p[:i] for p, _msg in schema_found for i in range(len(p) + 1)}
    checker = _RuleChecker(dirty, copy_snapshots=not share)
    body = checker.plan_body(doc.get("plan"), ("plan",), with_reviews=True)
    problems = [Problem(_format_path(p), m) for p, m in schema_found] + checker.problems
    if problems:
        raise ImportProblems(_limit(_dedupe(problems)))
    assert body is not None  # no problems means the whole body was built
    return body


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


_TYPE_WORDS = {
    # Translators: completes "must be {kind}" in a message about a file that cannot be imported.
    "string": N_("text"),
    # Translators: completes "must be {kind}" in a message about a file that cannot be imported.
    "integer": N_("a whole number"),
    # Translators: completes "must be {kind}" in a message about a file that cannot be imported.
    "number": N_("a number"),
    # Translators: completes "must be {kind}" in a message about a file that cannot be imported.
    "boolean": N_("true or false"),
    # Translators: completes "must be {kind}" in a message about a file that cannot be imported.
    "array": N_("a list"),
    # Translators: completes "must be {kind}" in a message about a file that cannot be imported.
    "object": N_("a group of named values"),
    # Translators: completes "must be {kind}" in a message about a file that cannot be imported.
    "null": N_("null (empty)"),
}


def _explain(error) -> list[tuple[Path_, str]]:
    """Our path and plain message(s) for one schema error."""
    path: Path_ = tuple(error.absolute_path)
    keyword = error.validator
    value = error.validator_value
    instance = error.instance
    if keyword == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [key for key in instance if key not in known] if isinstance(instance, dict) else []
        return [((*path, _short_key(str(key))), _("is not part of this format (unknown field)"))
                for key in extra]
    if keyword == "type":
        kinds = [value] if isinstance(value, str) else list(value)
        words = [_(_TYPE_WORDS[k]) for k in kinds]
        what = words[0] if len(words) == 1 else _("{first} or {second}").format(
            first=", ".join(words[:-1]), second=words[-1])
        # Translators: said of a field of an imported file; {kind} is one of "text", "a whole number", "a list", … (translated separately).
        return [(path, _("must be {kind}").format(kind=what))]
    name = path[-1] if path else None
    return [(path, _value_message(keyword, value, error.schema, instance, name))]


_PATTERN_MESSAGES = {
    "id": N_("must be 1 to 64 letters, digits, '-' or '_'"),
    "language": N_("must be a language code such as en, cy, pl or ar"),
    "region": N_("must be a two-letter country code such as GB"),
}


def _value_message(keyword: str, value: Any, rule: dict[str, Any], instance: Any,
                   name: object) -> str:
    if keyword in ("format", "pattern") and rule.get("format") == "date":
        return _("is not a date (write it as YYYY-MM-DD, for example 2026-11-03)")
    if keyword in ("format", "pattern") and rule.get("format") == "date-time":
        return _("is not a date and time (for example 2026-11-03T14:30:00+00:00)")
    if keyword == "pattern" and "maxLength" in rule:
        return _("contains control characters")
    if keyword == "pattern" and name in _PATTERN_MESSAGES:
        return _(_PATTERN_MESSAGES[name])
    if keyword == "maxLength":
        return _("is too long ({count} characters; at most {limit})").format(
            count=len(instance), limit=value)
    if keyword in ("minimum", "maximum"):
        return _("must be a whole number from {low} to {high}").format(
            low=rule.get("minimum"), high=rule.get("maximum"))
    if keyword == "enum":
        return _("must be one of: {choices}").format(
            choices=", ".join("null" if v is None else str(v) for v in value))
    if keyword == "const":
        return _("must be {value}").format(value=value)
    return _("is not allowed here")


def _short_key(key: str, limit: int = 40) -> str:
    """A field name from a file, safe and short enough to show."""
    key = "".join(ch if ch.isprintable() else "?" for ch in key)
    return key if len(key) <= limit else key[:limit] + "\u2026"


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


# -- paths and lists of problems -----------------------------------------------------

def _format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _sort_key(path: Path_) -> list[tuple[int, int, str]]:
    return [(0, part, "") if isinstance(part, int) else (1, 0, str(part)) for part in path]


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _limit(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [Problem("", ngettext(
        "\u2026and {count} more problem.", "\u2026and {count} more problems.", rest).format(count=rest))]


__all__ = ["FORMAT", "VERSION", "MAX_FILE_BYTES", "ImportProblems", "to_document", "from_document",
           "snapshot_of", "load_document", "dumps_document", "write_document", "schema"]
