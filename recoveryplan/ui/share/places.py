"""Where in a plan file a problem is, in words a person can follow:
``plan.goals[2].steps[0].done_on`` becomes "Goal 3 › Small step 1 › Done".
"""

from __future__ import annotations

import re

from ...i18n import N_, _
from ...plans.labels import COMMON_LABELS, FIELD_LABELS

#: A collection in the file -> (its item named with a number, record kind).
COLLECTIONS: dict[str, tuple[str, str]] = {
    "entries": (N_("Entry {number}"), "entry"),
    "goals": (N_("Goal {number}"), "goal"),
    "steps": (N_("Small step {number}"), "step"),
    "notes": (N_("Progress note {number}"), "progress_note"),
    "life_areas": (N_("Life area {number}"), "life_area"),
    "contacts": (N_("Person {number}"), "contact"),
    "topics": (N_("Something to talk about {number}"), "topic"),
    "checkins": (N_("Check-in {number}"), "checkin"),
    "services": (N_("Crisis service {number}"), "service"),
    "reviews": (N_("Review {number}"), "review"),
}

#: Fields whose names the app shows nowhere else.
OTHER_FIELDS: dict[str, str] = {
    "text": N_("The words"),
    "detail": N_("The second part"),
    "section": N_("Which section"),
    "field": N_("Which part of the section"),
    "id": N_("Its id"),
    "created": N_("When it was written"),
    "changed": N_("When it was changed"),
    "info": N_("About the plan"),
    "owner_name": N_("The name I like to be called"),
    "snapshot": N_("The copy of my plan"),
    "notes": N_("Note"),
}

_PART = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def describe_place(path: str) -> str:
    """``path`` (as import problems give it) in plain words; "" for none."""
    parts = [p for p in path.split(".") if p]
    if parts and parts[0] == "plan":
        parts = parts[1:]
    words: list[str] = []
    kind = ""
    for part in parts:
        match = _PART.fullmatch(part)
        name, index = (match.group(1), match.group(2)) if match else (part, None)
        if index is not None and name in COLLECTIONS:
            label, kind = COLLECTIONS[name]
            words.append(_(label).format(number=int(index) + 1))
            continue
        label = FIELD_LABELS.get((kind, name)) or COMMON_LABELS.get(name) or OTHER_FIELDS.get(name)
        if label and words:
            # Translators: a field's name in quotation marks, e.g. “Done”;
            # use the quotation marks of your language.
            words.append(_("“{label}”").format(label=_(label)))
        else:
            words.append(_(label) if label else part)
        if index is not None:
            words[-1] += f" [{int(index) + 1}]"
    return " › ".join(words)
