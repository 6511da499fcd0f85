"""The words a person reads about a file that can't be imported.

Every problem has a path such as ``plan.goals[2].steps[0].done_on`` and a
plain message; schema errors are explained here, in the person's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..validation import Problem, ValidationError
from ...i18n import N_, _

Path_ = tuple[str | int, ...]


class ImportProblems(ValidationError):
    """A file or document that cannot become a plan, with every reason."""


def _fail(message: str) -> ImportProblems:
    return ImportProblems([Problem("", message)])


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
