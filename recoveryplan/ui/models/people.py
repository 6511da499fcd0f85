"""My people (contacts), things to talk about, check-ins and reviews."""

from __future__ import annotations

from ...i18n import N_, _, format_number, isolate, ltr, pgettext
from ...plans.labels import FIELD_LABELS
from ...plans.model import CheckIn, Contact, Record, Review, Topic, today
from ..widgets.dates import shown_date
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
        Column(FIELD_LABELS["contact", "name"], lambda c: isolate(c.name) or _("(a new person)"), edit_field="name"),
        Column(FIELD_LABELS["contact", "relationship"], lambda c: isolate(c.relationship), edit_field="relationship"),
        Column(FIELD_LABELS["contact", "phone"], lambda c: ltr(c.phone), edit_field="phone",
               whole=True),
        Column(FIELD_LABELS["contact", "email"], lambda c: ltr(c.email)),
        Column(FIELD_LABELS["contact", "best_times"], lambda c: isolate(c.best_times), edit_field="best_times"),
        Column(FIELD_LABELS["contact", "can_help_with"], lambda c: isolate(c.can_help_with),
               edit_field="can_help_with"),
        Column(N_("Professional"), lambda c: _yes(c.professional), whole=True),
        Column(N_("Agreed to be listed"), lambda c: _yes(c.agreed), whole=True),
        Column(FIELD_LABELS["contact", "on_crisis_card"], lambda c: _yes(c.on_crisis_card), whole=True),
    )

    KIND = Contact

    def all_records(self) -> list[Record]:
        return self.ctx.plan.contacts


class TopicListModel(RecordTableModel):
    """Things to talk about next time; ticked ones go to the end."""

    COL_TEXT = 0
    COLUMNS = (
        Column(FIELD_LABELS["topic", "text"],
               lambda t: isolate(t.text) if t.done_on is None else _("{text} (talked about {date})").format(
                   text=isolate(t.text), date=shown_date(t.done_on)),
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
        Column(FIELD_LABELS["checkin", "at"], lambda c: shown_date(c.at), whole=True),
        Column(FIELD_LABELS["checkin", "hope"], lambda c: format_number(c.hope), whole=True),
        Column(FIELD_LABELS["checkin", "control"], lambda c: format_number(c.control), whole=True),
        Column(FIELD_LABELS["checkin", "beyond"], lambda c: format_number(c.beyond), whole=True),
        Column(FIELD_LABELS["checkin", "note"], lambda c: isolate(c.note)),
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
        Column(FIELD_LABELS["review", "date"], lambda r: shown_date(r.date), whole=True),
        Column(FIELD_LABELS["review", "who_was_there"], lambda r: isolate(r.who_was_there)),
        Column(FIELD_LABELS["review", "agreed"], lambda r: isolate(r.agreed)),
        Column(FIELD_LABELS["review", "next_review_on"], lambda r: shown_date(r.next_review_on),
               whole=True),
    )

    KIND = Review
    ORDER_FIELDS = frozenset({"date"})

    def all_records(self) -> list[Record]:
        return self.ctx.plan.reviews

    def order(self, records: list[Record]) -> list[Record]:
        return sorted(records, key=lambda r: r.date, reverse=True)
