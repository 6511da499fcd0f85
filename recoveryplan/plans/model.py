"""The plan as plain Python objects.

No Qt, no SQL. Every piece of the person's own writing is a *record* with an
``id``, ``created`` and ``changed`` times, an ``together_with`` attribution
(empty when the person wrote it alone) and a ``private`` ("just for me")
flag. Records convert to and from plain dicts (``to_dict``/``from_dict``):
the JSON exchange format and the storage layer both use those dicts.

Times are timezone-aware UTC datetimes; dates are ``datetime.date``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any, ClassVar


from .labels import GOAL_STATUS_LABELS, LIFE_AREA_LABELS
from .record import Record, _dump, new_id, now, parse_date, parse_datetime, today  # noqa: F401
from .services import default_service_words, shown_words


class GoalStatus(str, Enum):
    NOT_STARTED = "not_started"
    UNDER_WAY = "under_way"
    ACHIEVED = "achieved"
    ON_HOLD = "on_hold"
    LET_GO = "let_go"

    @property
    def label(self) -> str:
        return GOAL_STATUS_LABELS[self.value]


class LifeArea(str, Enum):
    HOME = "home"
    WORK = "work"
    LEARNING = "learning"
    MONEY = "money"
    RELATIONSHIPS = "relationships"
    FRIENDS = "friends"
    ENJOY = "enjoy"
    HEALTH = "health"
    MEANING = "meaning"

    @property
    def label(self) -> str:
        return LIFE_AREA_LABELS[self.value]


@dataclass
class Entry(Record):
    """One free-text entry in a section field ("What helps me ...").

    ``detail`` holds the second half of paired fields, for example "what I
    can do about it" beside a thing that can knock me off balance.
    """

    KIND: ClassVar[str] = "entry"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text", "detail")

    section: str = ""
    field: str = ""
    text: str = ""
    detail: str = ""


@dataclass
class Step(Record):
    KIND: ClassVar[str] = "step"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text",)
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("done_on",)

    text: str = ""
    done_on: dt.date | None = None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass
class ProgressNote(Record):
    KIND: ClassVar[str] = "progress_note"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text",)
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date",)

    date: dt.date = field(default_factory=today)
    text: str = ""


@dataclass
class Goal(Record):
    KIND: ClassVar[str] = "goal"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("what", "why", "who_can_help")
    CHILDREN: ClassVar[dict[str, type[Record]]] = {"steps": Step, "notes": ProgressNote}
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("target_date", "achieved_on")

    what: str = ""
    why: str = ""
    life_area: LifeArea | None = None
    who_can_help: str = ""
    target_date: dt.date | None = None
    status: GoalStatus = GoalStatus.NOT_STARTED
    achieved_on: dt.date | None = None
    steps: list[Step] = field(default_factory=list)
    notes: list[ProgressNote] = field(default_factory=list)

    def _coerce(self) -> None:
        self.status = GoalStatus(self.status)
        if self.life_area is not None:
            self.life_area = LifeArea(self.life_area)

    @property
    def steps_done(self) -> int:
        return sum(1 for s in self.steps if s.done)


@dataclass
class LifeAreaNote(Record):
    """Where things are now and where I would like to be, for one life area."""

    KIND: ClassVar[str] = "life_area"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("now_text", "hope_text")

    area: LifeArea = LifeArea.HOME
    now_text: str = ""
    hope_text: str = ""

    def _coerce(self) -> None:
        self.area = LifeArea(self.area)


@dataclass
class Contact(Record):
    KIND: ClassVar[str] = "contact"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "relationship", "phone", "email", "best_times", "can_help_with")

    name: str = ""
    relationship: str = ""
    phone: str = ""
    email: str = ""
    best_times: str = ""
    can_help_with: str = ""
    professional: bool = False
    agreed: bool = False
    on_crisis_card: bool = False


@dataclass
class Topic(Record):
    """Something I want to talk about at my next appointment."""

    KIND: ClassVar[str] = "topic"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text",)
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("done_on",)

    text: str = ""
    done_on: dt.date | None = None


@dataclass
class CheckIn(Record):
    """A personal reflection, not a clinical measure. Scores are 0-10."""

    KIND: ClassVar[str] = "checkin"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("note",)
    DATETIME_FIELDS: ClassVar[tuple[str, ...]] = ("created", "changed", "at")

    at: dt.datetime = field(default_factory=now)
    hope: int = 5
    control: int = 5
    beyond: int = 5
    note: str = ""


@dataclass
class CrisisService(Record):
    """A crisis line or service; the UK ones are there by default."""

    KIND: ClassVar[str] = "service"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "phone", "notes")

    name: str = ""
    phone: str = ""
    notes: str = ""


@dataclass
class Review(Record):
    """A review of the plan. ``snapshot`` is the whole plan as it was, as an
    exchange-format dict (without reviews), kept read-only."""

    KIND: ClassVar[str] = "review"
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("who_was_there", "agreed")
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ("date", "next_review_on")

    date: dt.date = field(default_factory=today)
    who_was_there: str = ""
    agreed: str = ""
    next_review_on: dt.date | None = None
    snapshot: dict[str, Any] | None = None

    def to_dict(self, children: bool = True) -> dict[str, Any]:
        out = super().to_dict(children)
        if not children:
            out.pop("snapshot", None)
        return out


def default_crisis_services(language: str | None = None) -> list[CrisisService]:
    """The UK defaults (``services``), worded in ``language`` (the app's
    language if None): once in a plan they are the person's to change."""
    return [CrisisService(name=name, phone=phone, notes=notes)
            for name, phone, notes in default_service_words(language)]


def shown_crisis_service(service: CrisisService, language: str | None = None) -> CrisisService:
    """``service`` as the crisis screen shows it (``services.shown_words``).
    Returns a copy; the plan is unchanged."""
    name, notes = shown_words(service.name, service.phone, service.notes, language)
    if (name, notes) == (service.name, service.notes):
        return service
    return replace(service, name=name, notes=notes)


#: Collections of the plan: attribute name -> record class.
COLLECTIONS: dict[str, type[Record]] = {
    "entries": Entry,
    "goals": Goal,
    "life_areas": LifeAreaNote,
    "contacts": Contact,
    "topics": Topic,
    "checkins": CheckIn,
    "services": CrisisService,
    "reviews": Review,
}


@dataclass
class PlanInfo:
    """Facts about the plan as a whole (not free-text records)."""

    owner_name: str = ""
    language: str = "en"
    started_on: dt.date = field(default_factory=today)
    last_reviewed_on: dt.date | None = None
    next_review_on: dt.date | None = None
    next_appointment_on: dt.date | None = None
    region: str = "GB"

    DATE_FIELDS: ClassVar[tuple[str, ...]] = (
        "started_on", "last_reviewed_on", "next_review_on", "next_appointment_on")

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PlanInfo":
        kwargs = {}
        for f in fields(cls):
            if f.name in data:
                value = data[f.name]
                if value is not None and f.name in cls.DATE_FIELDS:
                    value = parse_date(value)
                kwargs[f.name] = value
        return cls(**kwargs)


@dataclass
class Plan:
    info: PlanInfo = field(default_factory=PlanInfo)
    entries: list[Entry] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    life_areas: list[LifeAreaNote] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    services: list[CrisisService] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)

    @classmethod
    def new(cls, owner_name: str = "", language: str = "en") -> "Plan":
        plan = cls(info=PlanInfo(owner_name=owner_name, language=language))
        plan.services = default_crisis_services()
        return plan

    # -- lookups ---------------------------------------------------------------
    def entries_for(self, section: str, field_key: str | None = None) -> list[Entry]:
        return [e for e in self.entries
                if e.section == section and (field_key is None or e.field == field_key)]

    def life_area(self, area: LifeArea) -> LifeAreaNote | None:
        for note in self.life_areas:
            if note.area == area:
                return note
        return None

    def goals_in_area(self, area: LifeArea) -> list[Goal]:
        return [g for g in self.goals if g.life_area == area]

    def crisis_contacts(self) -> list[Contact]:
        return [c for c in self.contacts if c.on_crisis_card]

    def collection(self, name: str) -> list[Record]:
        return getattr(self, name)

    def find(self, record_id: str) -> Record | None:
        for name in COLLECTIONS:
            for rec in getattr(self, name):
                if rec.id == record_id:
                    return rec
                for child_attr in rec.CHILDREN:
                    for child in getattr(rec, child_attr):
                        if child.id == record_id:
                            return child
        return None

    def all_text(self, include_private: bool = True) -> list[str]:
        out = [self.info.owner_name] if self.info.owner_name else []
        for name in COLLECTIONS:
            for rec in getattr(self, name):
                if rec.private and not include_private:
                    continue
                out.extend(rec.text_values())
        return out
