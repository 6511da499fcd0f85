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
import functools
import uuid
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, ClassVar

from ..i18n import N_, translator
from .labels import GOAL_STATUS_LABELS, LIFE_AREA_LABELS


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def today() -> dt.date:
    return dt.date.today()


# -- value conversions shared by to_dict/from_dict ----------------------------

def _dump(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def parse_datetime(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    return parsed


def parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@functools.cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


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


# -- records ------------------------------------------------------------------

@dataclass
class Record:
    """Base of everything the person writes. Subclasses are dataclasses too.

    ``KIND`` names the record type in storage and in the JSON format.
    ``CHILDREN`` maps attribute names holding lists of child records to the
    child class; children are saved as their own rows so that ticking one
    goal step writes one row.
    """

    KIND: ClassVar[str] = "record"
    CHILDREN: ClassVar[dict[str, type["Record"]]] = {}
    DATE_FIELDS: ClassVar[tuple[str, ...]] = ()
    DATETIME_FIELDS: ClassVar[tuple[str, ...]] = ("created", "changed")
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ()

    id: str = field(default_factory=new_id, kw_only=True)
    created: dt.datetime = field(default_factory=now, kw_only=True)
    changed: dt.datetime = field(default_factory=now, kw_only=True)
    together_with: str = field(default="", kw_only=True)
    private: bool = field(default=False, kw_only=True)

    def to_dict(self, children: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in self.CHILDREN:
                if children:
                    out[f.name] = [c.to_dict() for c in getattr(self, f.name)]
                continue
            out[f.name] = _dump(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Build from a dict that has already been validated."""
        kwargs: dict[str, Any] = {}
        names = _field_names(cls)
        for key, value in data.items():
            if key not in names:
                continue
            if key in cls.CHILDREN:
                child_cls = cls.CHILDREN[key]
                value = [child_cls.from_dict(v) for v in value]
            elif value is None:
                pass
            elif key in cls.DATETIME_FIELDS:
                value = parse_datetime(value)
            elif key in cls.DATE_FIELDS:
                value = parse_date(value)
            kwargs[key] = value
        obj = cls(**kwargs)
        obj._coerce()
        return obj

    def _coerce(self) -> None:
        """Turn plain values back into enums after ``from_dict``."""

    def touch(self, together_with: str = "") -> None:
        """Mark as changed now, attributed to a planning session if any."""
        self.changed = now()
        if together_with:
            self.together_with = together_with

    def text_values(self) -> list[str]:
        """Every free text the person wrote in this record and its children
        (for search, "what changed" and leak scans)."""
        out = [getattr(self, name) for name in self.TEXT_FIELDS]
        for attr in self.CHILDREN:
            for child in getattr(self, attr):
                out.extend(child.text_values())
        return [v for v in out if v]


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


#: The UK crisis services every new plan starts with: (name, phone, note).
DEFAULT_CRISIS_SERVICES: tuple[tuple[str, str, str], ...] = (
    # Translators: a crisis service in a new plan, reached by calling 999.
    (N_("Emergency services"), "999",
     # Translators: when to call 999, a note in the person's own plan.
     N_("If my life or someone else's is in danger right now")),
    # Translators: the NHS's urgent helpline. Keep the name, unless the NHS uses another in your language (in Welsh: GIG 111 Cymru); where people may not know it, add what it is in brackets, as in Polish: NHS 111 (pilna pomoc medyczna).
    (N_("NHS 111"), "111",
     # Translators: when to call NHS 111, a note in the person's own plan.
     N_("Urgent help for my mental health, any time (option 2)")),
    # Translators: the name of a charity. Keep the name, unless the charity uses another in your language (in Welsh: Samariaid); where people may not know it, add what it is in brackets, as in Polish: Samaritans (telefon zaufania).
    (N_("Samaritans"), "116 123",
     # Translators: when to call Samaritans, a note in the person's own plan.
     N_("Someone to talk to, day or night, free")),
)


def default_crisis_services(language: str | None = None) -> list[CrisisService]:
    """The UK defaults, worded in ``language`` (the app's language if None):
    once in a plan they are the person's to change. Numbers stay as they are."""
    tr = translator(language)
    return [CrisisService(name=tr._(name), phone=phone, notes=tr._(notes))
            for name, phone, notes in DEFAULT_CRISIS_SERVICES]


def _built_in_wordings() -> dict[str, list[tuple[str, str, str, str]]]:
    """phone -> (name, notes, name source, notes source) in every shipped language."""
    from ..i18n import LANGUAGES, CatalogueMissing

    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for language in ("en", *LANGUAGES):
        try:
            tr = translator(language)
        except CatalogueMissing:
            continue
        for name, phone, notes in DEFAULT_CRISIS_SERVICES:
            out.setdefault(phone, []).append((tr._(name), tr._(notes), name, notes))
    return out


def shown_crisis_service(service: CrisisService, language: str | None = None) -> CrisisService:
    """``service`` as the crisis screen shows it: a built-in service whose
    name (or note) the person never changed is worded in ``language`` (the
    app's language if None), whatever language the plan was made in. Words
    the person wrote are kept as they are. Returns a copy; the plan is unchanged."""
    wordings = _built_in_wordings().get(service.phone.strip(), [])
    name, notes = service.name, service.notes
    tr = None
    for built_name, built_notes, name_source, notes_source in wordings:
        if name == built_name or notes == built_notes:
            tr = tr or translator(language)
            if name == built_name:
                name = tr._(name_source)
            if notes == built_notes:
                notes = tr._(notes_source)
            break
    if (name, notes) == (service.name, service.notes):
        return service
    import dataclasses

    return dataclasses.replace(service, name=name, notes=notes)


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
