"""The words for records and fields, in one Qt-free place: field names shared
by item models (headers), pages (form labels), undo texts ("Undo typing in
'What I want'") and PDFs, the names of goal statuses and life areas, and the
nouns for records.

Strings are ``N_``-marked; call :func:`field_label` / :func:`record_noun`
(or ``_()`` on a label) each time a string is shown so a language switch
takes effect. This module imports no record class (``plans/model.py`` asks
it for the status and life-area names), so records are named by ``KIND``.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ..i18n import N_, _, format_date, isolate
from .sections import SECTIONS_BY_KEY


class RecordLike(Protocol):
    """What is read of a record here (``plans.model.Record``, not imported:
    the model imports this module)."""

    KIND: str
    together_with: str
    changed: dt.datetime

#: ``GoalStatus`` value -> its name.
GOAL_STATUS_LABELS: dict[str, str] = {
    "not_started": N_("Not started"),
    "under_way": N_("Under way"),
    "achieved": N_("Achieved"),
    "on_hold": N_("On hold"),
    "let_go": N_("Let go"),
}

#: ``LifeArea`` value -> its name.
LIFE_AREA_LABELS: dict[str, str] = {
    "home": N_("Home"),
    "work": N_("Work and volunteering"),
    "learning": N_("Learning"),
    "money": N_("Money"),
    "relationships": N_("Relationships and family"),
    "friends": N_("Friends and community"),
    "enjoy": N_("Things I enjoy"),
    "health": N_("Physical health"),
    "meaning": N_("Faith and meaning"),
}

#: (record kind, field name) -> label.
FIELD_LABELS: dict[tuple[str, str], str] = {
    ("goal", "what"): N_("What I want"),
    ("goal", "why"): N_("Why it matters to me"),
    ("goal", "life_area"): N_("Life area"),
    ("goal", "who_can_help"): N_("Who can help"),
    ("goal", "target_date"): N_("Target date"),
    # Translators: the heading of a goal's status (Not started, Under way, Achieved, …).
    ("goal", "status"): N_("How it is going"),
    ("goal", "achieved_on"): N_("Achieved on"),
    ("step", "text"): N_("Small step"),
    # Translators: heading of the date a small step of a goal was done.
    ("step", "done_on"): N_("Done"),
    ("progress_note", "text"): N_("Progress note"),
    ("progress_note", "date"): N_("Date"),
    ("life_area", "now_text"): N_("Where things are now"),
    ("life_area", "hope_text"): N_("Where I would like to be"),
    # Translators: the name of a person or of a service in "My people".
    ("contact", "name"): N_("Name"),
    ("contact", "relationship"): N_("Relationship or role"),
    ("contact", "phone"): N_("Phone"),
    ("contact", "email"): N_("Email"),
    ("contact", "best_times"): N_("Best times to contact"),
    ("contact", "can_help_with"): N_("What they can help with"),
    ("contact", "professional"): N_("A professional or service"),
    ("contact", "agreed"): N_("They have agreed to be listed"),
    ("contact", "on_crisis_card"): N_("On my crisis card"),
    ("topic", "text"): N_("Something to talk about"),
    ("topic", "done_on"): N_("Talked about"),
    ("checkin", "note"): N_("Note"),
    ("checkin", "hope"): N_("Hope"),
    ("checkin", "control"): N_("In control"),
    ("checkin", "beyond"): N_("Beyond illness"),
    ("checkin", "at"): N_("Date"),
    ("review", "date"): N_("Date"),
    ("review", "who_was_there"): N_("Who was there"),
    ("review", "agreed"): N_("What we agreed"),
    ("review", "next_review_on"): N_("Next review"),
}

#: Fields every record has.
COMMON_LABELS: dict[str, str] = {
    "private": N_("Just for me"),
    "together_with": N_("Added together with"),
}

#: Record ``KIND`` -> a noun for it.
_NOUNS: dict[str, str] = {
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "goal": N_("a goal"),
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "step": N_("a small step"),
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "progress_note": N_("a progress note"),
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "life_area": N_("a life area note"),
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "contact": N_("a person"),
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "topic": N_("something to talk about"),
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "checkin": N_("a check-in"),
    # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words.
    "review": N_("a review"),
}


# Translators: completes "Undo adding …", "Undo removing …", "Undo moving …".
_AN_ENTRY = N_("an entry")


def field_label(record: RecordLike, name: str) -> str:
    """The translated label of one field of ``record``."""
    if record.KIND == "entry":
        spec = SECTIONS_BY_KEY[record.section].field(record.field)
        if name == "text":
            return _(spec.label)
        if name == "detail" and spec.detail_label:
            return _(spec.detail_label)
    if name in COMMON_LABELS:
        return _(COMMON_LABELS[name])
    label = FIELD_LABELS.get((record.KIND, name))
    return _(label) if label else name


def record_noun(record: RecordLike) -> str:
    """A short phrase naming the record ("a goal", "an entry in 'What I notice'")."""
    if record.KIND == "entry":
        # Translators: completes "Undo adding …", "Undo removing …", "Undo moving …": use the form that fits after those words. {field} is a field heading such as "What I notice".
        return _("an entry in “{field}”").format(field=field_label(record, "text"))
    return _(_NOUNS.get(record.KIND, _AN_ENTRY))


def attribution(record: RecordLike | None) -> str:
    """ "Added together with Priya, 3 March 2026" for a record written or last
    changed in a planning session, else "" (the date is that of its last change)."""
    if record is None or not record.together_with:
        return ""
    return _("Added together with {name}, {date}").format(
        name=isolate(record.together_with), date=format_date(record.changed.astimezone(), "long"))
