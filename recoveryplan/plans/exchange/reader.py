"""Reading an exchange file: bytes → JSON → checked ``Plan``.

Reading is bounded (size, containers, nesting) before anything is parsed;
nothing is built unless the whole document passes ``rules``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ...files import FileTooLarge, NotARegularFile, read_bounded
from ...i18n import _, ngettext
from ..model import Plan
from ..validation import Problem, unstorable_problems
from .rules import (MAX_CONTAINERS, MAX_COUNTED, MAX_DEPTH, MAX_PROBLEMS, MAX_SEPARATORS,
                    _depth, _header_problem, _RuleChecker, _schema_problems)
from .wording import ImportProblems, _fail, _format_path, _short_key


def read_file(path: Path, max_bytes: int) -> Plan:
    """Read, check and build a plan from an exchange file of at most
    ``max_bytes`` (``exchange.load_document`` passes ``MAX_FILE_BYTES``)."""
    return _build(_read_json(path, max_bytes), share=True)


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


#: A JSON string (the unrolled form: linear, no backtracking per character).
_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
#: More quote marks than this and the file has far more strings than a plan.
MAX_QUOTES = 2 * (MAX_CONTAINERS + MAX_SEPARATORS)


def _too_many_parts(raw: bytes) -> bool:
    """Does the file hold more lists, groups or values than any plan? The
    commas and brackets inside the person's words don't count: they are
    counted (where the plain count is over a bound, and only then) string by
    string, in place."""
    containers = raw.count(b"{") + raw.count(b"[")
    separators = raw.count(b",")
    if containers <= MAX_CONTAINERS and separators <= MAX_SEPARATORS:
        return False
    if raw.count(b'"') > MAX_QUOTES:
        return True
    for match in _STRINGS.finditer(raw):
        start, end = match.span()
        separators -= raw.count(b",", start, end)
        containers -= raw.count(b"{", start, end) + raw.count(b"[", start, end)
    return containers > MAX_CONTAINERS or separators > MAX_SEPARATORS


def _read_json(path: Path, max_bytes: int) -> Any:
    try:
        raw = read_bounded(path, max_bytes)
    except FileNotFoundError:
        raise _fail(_("There is no file there any more.")) from None
    except FileTooLarge:
        raise _fail(_("This file is too big to be a plan (more than {size} MB).").format(
            size=max_bytes // (1024 * 1024))) from None
    except NotARegularFile:
        if path.is_dir():
            raise _fail(_("That is a folder, not a file.")) from None
        raise _fail(_("That isn't an ordinary file (it may be a device or a pipe), so it "
                      "can't be a plan.")) from None
    except PermissionError:
        raise _fail(_("I am not allowed to open this file.")) from None
    except OSError:
        raise _fail(_("This file could not be read.")) from None
    if _too_many_parts(raw):
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


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _limit(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    rest = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [Problem("", ngettext(
        "\u2026and {count} more problem.", "\u2026and {count} more problems.", rest).format(count=rest))]
