"""My people (contacts), things to talk about, check-ins and reviews."""

from __future__ import annotations

from ...i18n import N_, _, format_date, format_number, isolate, ltr, pgettext
from ...plans.model import CheckIn, Contact, Record, Review, Topic, today
from .base import Column, RecordTableModel


def _yes(value: bool) -> str:
    # Translators: a table cell, e.g. under "On my crisis card".
    return pgettext("table cell", "Yes") if value else ""


class ContactTableModel(RecordTableModel):
    COL_NAME = 0
    COL_RELATIONSHIP = 1
    COL_PHONE = 2
    COL_EMAIL = 3
    COL_BEST_TIMES = 4
    COL_CAN_HELP = 5
    COL_PROFESSIONAL = 6
    COL_AGREED = 7
    COL_CRISIS_CARD = 8
    COLUMNS = (
        Column(N_("Name"), lambda c: isolate(c.name) or _("(a new person)"), edit_field="name"),
        Column(N_("Relationship or role"), lambda c: isolate(c.relationship), edit_field="relationship"),
        Column(N_("Phone"), lambda c: ltr(c.phone), edit_field="phone"),
        Column(N_("Email"), lambda c: ltr(c.email)),
        Column(N_("Best times to contact"), lambda c: isolate(c.best_times), edit_field="best_times"),
        Column(N_("What they can help with"), lambda c: isolate(c.can_help_with),
               edit_field="can_help_with"),
        Column(N_("Professional"), lambda c: _yes(c.professional)),
        Column(N_("Agreed to be listed"), lambda c: _yes(c.agreed)),
        Column(N_("On my crisis card"), lambda c: _yes(c.on_crisis_card)),
    )

    KIND = Contact

    def all_records(self) -> list[Record]:
        return self.ctx.plan.contacts


class TopicListModel(RecordTableModel):
    """Things to talk about next time; ticked ones go to the end."""

    COL_TEXT = 0
    COLUMNS = (
        Column(N_("Something to talk about"),
               lambda t: isolate(t.text) if t.done_on is None else _("{text} (talked about {date})").format(
                   text=isolate(t.text), date=format_date(t.done_on, "medium")),
               edit_field="text",
               check=lambda t: t.done_on is not None,
               set_check=lambda _t, checked: {"done_on": today() if checked else None}),
    )

    KIND = Topic
    ORDER_FIELDS = frozenset({"done_on"})

    def all_records(self) -> list[Record]:
        return self.ctx.plan.topics

    def order(self, records: list[Record]) -> list[Record]:
        return [t for t in records if t.done_on is None] + [t for t in records if t.done_on is not None]


class CheckInTableModel(RecordTableModel):
    """Past check-ins, newest first."""

    COL_DATE = 0
    COL_HOPE = 1
    COL_CONTROL = 2
    COL_BEYOND = 3
    COL_NOTE = 4
    COLUMNS = (
        Column(N_("Date"), lambda c: format_date(c.at, "medium")),
        Column(N_("Hope"), lambda c: format_number(c.hope)),
        Column(N_("In control"), lambda c: format_number(c.control)),
        Column(N_("Beyond illness"), lambda c: format_number(c.beyond)),
        Column(N_("Note"), lambda c: isolate(c.note)),
    )

    KIND = CheckIn
    ORDER_FIELDS = frozenset({"at"})

    def all_records(self) -> list[Record]:
        return self.ctx.plan.checkins

    def order(self, records: list[Record]) -> list[Record]:
        return sorted(records, key=lambda c: c.at, reverse=True)


class ReviewTableModel(RecordTableModel):
    COL_DATE = 0
    COL_WHO = 1
    COL_AGREED = 2
    COL_NEXT = 3
    COLUMNS = (
        Column(N_("Date"), lambda r: format_date(r.date, "medium")),
        Column(N_("Who was there"), lambda r: isolate(r.who_was_there)),
        Column(N_("What we agreed"), lambda r: isolate(r.agreed)),
        Column(N_("Next review"), lambda r: format_date(r.next_review_on, "medium")),
    )

    KIND = Review
    ORDER_FIELDS = frozenset({"date"})

    def all_records(self) -> list[Record]:
        return self.ctx.plan.reviews

    def order(self, records: list[Record]) -> list[Record]:
        return sorted(records, key=lambda r: r.date, reverse=True)
