"""What changed between two versions of a plan, section by section.

Works on the ``"plan"`` part of exchange documents (what a review snapshot
holds), so a snapshot can be compared with another snapshot or with the plan
as it is now (``plan_dict``). Records are matched by id; a record counts as
changed when anything the person wrote or chose differs (times and
attribution alone do not count). Goal steps and progress notes count under
"My goals"; a goal whose status became "achieved" is listed on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ..i18n import Translator, translator
from .model import COLLECTIONS, CheckIn, CrisisService, Entry, Plan, Record, Review
from .sections import SECTIONS, section
from .snapshots import snapshot_of

#: Keys that do not make a record "changed" on their own.
IGNORED_KEYS = frozenset({"changed", "together_with", "created", "snapshot"})

#: Where each collection's records belong, for collections that are not
#: free-text entries (those carry their own ``section``).
COLLECTION_SECTION = {
    "goals": "goals",
    "life_areas": "life_beyond",
    "contacts": "my_people",
    "topics": "appointments",
    "checkins": "checkins",
    "services": "hard_times",
}

#: The field that best names a record of each kind, for plain-words lists.
LABEL_KEYS = ("text", "what", "name", "now_text", "hope_text", "note", "agreed")


@dataclass(frozen=True)
class Change:
    kind: str            # "added" | "changed" | "removed"
    collection: str      # "entries", "goals", "steps", ...
    record_id: str
    label: str           # a short excerpt of the person's words


@dataclass
class SectionChanges:
    section: str
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


@dataclass
class ChangeReport:
    sections: list[SectionChanges]
    goals_achieved: list[Change]

    @property
    def empty(self) -> bool:
        return not self.goals_achieved and all(s.empty for s in self.sections)

    def ids(self, kind: str) -> set[str]:
        return {c.record_id for s in self.sections for c in getattr(s, kind)}


#: The plan in the same shape as a snapshot's ``plan`` part.
plan_dict = snapshot_of


def _excerpt(record: dict[str, Any], limit: int = 80) -> str:
    for key in LABEL_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def section_records(plan: Plan, key: str) -> list[Record]:
    """The top-level records that belong to the section ``key``."""
    out: list[Record] = [e for e in plan.entries if e.section == key]
    out.extend(r for r in _section_records(plan, key) if not isinstance(r, Entry))
    return out


def _section_records(plan: Plan, key: str) -> Iterator[Record]:
    """The same, one at a time (the section's own lists, then its entries)."""
    for name, sec in COLLECTION_SECTION.items():
        if sec == key:
            yield from getattr(plan, name)
    if key == "reviews":
        yield from plan.reviews
    yield from (e for e in plan.entries if e.section == key)


def section_has_writing(plan: Plan, key: str, include_private: bool = True) -> bool:
    """Whether the person has written anything in a section (for the
    navigation marks). Check-ins and reviews count even without words;
    the crisis services listed by default do not."""
    info = plan.info
    if (key == "about_me" and info.owner_name.strip()) or (
            key == "appointments" and info.next_appointment_on is not None):
        return True
    for record in _section_records(plan, key):     # the first with words will do
        if isinstance(record, CrisisService) or (record.private and not include_private):
            continue
        if isinstance(record, (CheckIn, Review)) or record.text_values():
            return True
    return False


def _private_ids(plan: dict[str, Any]) -> set[str]:
    """Ids of "just for me" records, with every child of a private record."""
    out: set[str] = set()
    for name in COLLECTIONS:
        for record in plan.get(name, []) or []:
            private = bool(record.get("private"))
            if private:
                out.add(record["id"])
            for child_name in COLLECTIONS[name].CHILDREN:
                for child in record.get(child_name, []) or []:
                    if private or child.get("private"):
                        out.add(child["id"])
    return out


def _flatten(plan: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """id -> (collection, section key, record without children)."""
    out: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for name in COLLECTIONS:
        if name == "reviews":
            continue
        for record in plan.get(name, []) or []:
            if name == "entries":
                sec = record.get("section", "")
            else:
                sec = COLLECTION_SECTION[name]
            children = tuple(COLLECTIONS[name].CHILDREN)
            own = {k: v for k, v in record.items() if k not in children}
            out[record["id"]] = (name, sec, own)
            for child_name in children:
                for child in record.get(child_name, []) or []:
                    out[child["id"]] = (child_name, sec, child)
    return out


def _significant(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in IGNORED_KEYS}


def compare(old: dict[str, Any], new: dict[str, Any], hide_private: bool = False) -> ChangeReport:
    """Compare two ``plan`` dicts (old first). Sections in plan order.

    ``hide_private`` (while planning together) leaves out every record that
    is "just for me" on either side, so not even an excerpt of one shows."""
    before, after = _flatten(old), _flatten(new)
    if hide_private:
        hidden = _private_ids(old) | _private_ids(new)
        before = {k: v for k, v in before.items() if k not in hidden}
        after = {k: v for k, v in after.items() if k not in hidden}
    by_section = {s.key: SectionChanges(s.key) for s in SECTIONS}

    def put(kind: str, rid: str, info: tuple[str, str, dict[str, Any]]) -> None:
        collection, sec, record = info
        target = by_section.get(sec)
        if target is not None:
            getattr(target, kind).append(Change(kind, collection, rid, _excerpt(record)))

    achieved: list[Change] = []
    for rid, info in after.items():
        if rid not in before:
            put("added", rid, info)
        elif _significant(before[rid][2]) != _significant(info[2]):
            put("changed", rid, info)
        if info[0] == "goals" and info[2].get("status") == "achieved":
            was = before.get(rid)
            if was is None or was[2].get("status") != "achieved":
                achieved.append(Change("achieved", "goals", rid, _excerpt(info[2])))
    for rid, info in before.items():
        if rid not in after:
            put("removed", rid, info)
    return ChangeReport([by_section[s.key] for s in SECTIONS], achieved)


def describe(report: ChangeReport, tr: Translator | None = None) -> list[str]:
    """The report in plain words, one line per section that changed; in
    ``tr``'s language if given (a PDF's), else the app's."""
    tr = tr or translator()
    if report.empty:
        return [tr._("Nothing has changed since then.")]
    lines = []
    if report.goals_achieved:
        lines.append(tr.ngettext("I achieved {count} goal: {goals}.",
                                 "I achieved {count} goals: {goals}.",
                              len(report.goals_achieved)).format(
            count=len(report.goals_achieved),
            goals=", ".join(c.label for c in report.goals_achieved)))
    for changes in report.sections:
        if changes.empty:
            continue
        parts = []
        if changes.added:
            parts.append(tr.ngettext("{count} new", "{count} new", len(changes.added)).format(
                count=len(changes.added)))
        if changes.changed:
            parts.append(tr.ngettext("{count} changed", "{count} changed",
                                     len(changes.changed)).format(count=len(changes.changed)))
        if changes.removed:
            parts.append(tr.ngettext("{count} taken out", "{count} taken out",
                                     len(changes.removed)).format(count=len(changes.removed)))
        lines.append(tr._("{section}: {changes}").format(
            section=tr._(section(changes.section).title), changes=", ".join(parts)))
    return lines


def detail_lines(changes: SectionChanges, tr: Translator | None = None) -> list[str]:
    """One plain line per changed record of a section: "New: …", "Changed: …",
    "Taken out: …"."""
    tr = tr or translator()
    formats = (("added", tr._("New: {text}")), ("changed", tr._("Changed: {text}")),
               ("removed", tr._("Taken out: {text}")))
    return [template.format(text=change.label or tr._("(no words)"))
            for kind, template in formats for change in getattr(changes, kind)]


def iter_changes(report: ChangeReport) -> Iterable[tuple[str, Change]]:
    """(section key, change) for every change, in plan order."""
    for changes in report.sections:
        for kind in ("added", "changed", "removed"):
            for change in getattr(changes, kind):
                yield changes.section, change
