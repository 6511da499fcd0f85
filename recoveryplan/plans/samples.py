"""Sample plans: the demo plan, and generated plans for benchmarks and tests.

``load_sample_plan`` reads ``resources/sample-plan.json``, the plan that
``recoveryplan --demo`` opens. ``generate_plan`` makes plans of a given size
and realistic shape, the same every time for the same arguments; with
``hard=True`` it fills them with text that is hard to print and to import
(very long entries, many scripts, emoji, characters that look like markup)
and leaves some sections empty. ``HARD_SNIPPETS`` lists short pieces of that
text, each of which appears on its own in a hard plan, so tests can look for
them in whatever they produce.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Iterator

from ..paths import resource
from .exchange import load_document
from .snapshots import snapshot_of
from .model import (CheckIn, Contact, Entry, Goal, GoalStatus, LifeArea, LifeAreaNote, Plan,
                    PlanInfo, ProgressNote, Review, Step, Topic, default_crisis_services)
from .sections import SECTIONS
from .validation import MAX_TEXT

SAMPLE_FILE = "sample-plan.json"

#: Short pieces of hard text; each is the whole text of one entry in a hard plan.
HARD_SNIPPETS: list[str] = [
    "Tŷ bach twt â gardd, a'r cŵn yn yr haul",            # Welsh: ŷ â ŵ
    "Zażółć gęślą jaźń, idę na spacer z psem",            # Polish: ą ę ł ż ź ć ń ó ś
    "Σήμερα νιώθω λίγο καλύτερα",                           # Greek
    "Сьогодні я почуваюся краще",                           # Cyrillic (Ukrainian)
    "أشعر بالأمل اليوم",                                    # Arabic
    "اتصل بـ Sam Ellis على 07700 900456",                   # Arabic with a Latin name and a number
    "Small steps 🌱 and a good day 💚",                      # emoji
    "<b>not bold</b> & <para> &amp;",                       # typed markup characters
]

#: When generated plans end (dates are relative to this).
GENERATED_END = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.timezone.utc)

_FIELD_KEYS = [(s.key, f.key, f.multi, bool(f.detail_label)) for s in SECTIONS for f in s.fields]
_HARD_EMPTY_SECTIONS = {"strengths", "back_on_track"}

_STARTS = ["It helps me to", "I feel better when I", "I would like to", "Most days I try to",
           "When I can, I", "My friend reminds me to", "Something that works for me is to"]
_MIDDLES = ["walk by the river", "ring my sister", "cook a proper meal", "sit in the garden",
            "listen to my records", "get to bed by eleven", "water my plants", "go to the library",
            "have a cup of tea with a neighbour", "write a few lines in my notebook",
            "take the long way home", "feed the birds", "swim at the leisure centre"]
_ENDS = ["and take my time.", "before lunch.", "even when it is raining.", "with music on.",
         "at the weekend.", "and let that be enough.", "a bit at a time."]
_GOALS = ["Walk to the shops on my own", "Cook a meal for my sister", "Join a choir",
          "Sort out my bills", "Go back to college part time", "Volunteer at the food bank",
          "Sleep better", "See my dad more often", "Paint the spare room", "Learn to swim"]
_NAMES = ["Sam", "Alex", "Chris", "Morgan", "Robin", "Jamie", "Taylor", "Casey", "Drew", "Kit"]
_ROLES = ["my sister", "my friend", "my neighbour", "care coordinator", "my GP", "my cousin"]


class _Maker:
    """Deterministic ids, times and words from one seeded random source."""

    def __init__(self, seed: int, days: int) -> None:
        self.rng = random.Random(seed)
        self.start = GENERATED_END - dt.timedelta(days=days)
        self.days = days

    def id(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def times(self, count: int) -> list[dt.datetime]:
        """``count`` sorted moments between the start and the end."""
        seconds = self.days * 86400
        return sorted(self.start + dt.timedelta(seconds=self.rng.randrange(seconds))
                      for _i in range(count))

    def sentence(self) -> str:
        return " ".join((self.rng.choice(_STARTS), self.rng.choice(_MIDDLES), self.rng.choice(_ENDS)))

    def text(self, most: int = 3) -> str:
        return " ".join(self.sentence() for _i in range(self.rng.randint(1, most)))

    def stamp(self, record, when: dt.datetime):
        """Give a record its id and times (changed a little after created)."""
        record.id = self.id()
        record.created = when
        record.changed = min(when + dt.timedelta(days=self.rng.choice((0, 0, 1, 7))), GENERATED_END)
        return record


def load_sample_plan() -> Plan:
    """The demo plan shipped in ``resources/sample-plan.json``."""
    return load_document(resource(SAMPLE_FILE))


def plan_as_of(plan: Plan, moment: dt.datetime) -> Plan:
    """The plan as it stood at ``moment``, without reviews: records written
    by then, and steps, topics and goals done later shown as not yet done."""
    day = moment.date()
    past = Plan(info=copy.deepcopy(plan.info))
    past.info.last_reviewed_on = past.info.next_review_on = past.info.next_appointment_on = None
    for name in ("entries", "goals", "life_areas", "contacts", "topics", "checkins", "services"):
        for record in plan.collection(name):
            if record.created <= moment:
                past.collection(name).append(_as_of(copy.deepcopy(record), moment, day))
    return past


def _as_of(record, moment: dt.datetime, day: dt.date):
    record.changed = min(record.changed, moment)
    if isinstance(record, (Step, Topic)) and record.done_on and record.done_on > day:
        record.done_on = None
    if isinstance(record, Goal):
        record.steps = [_as_of(s, moment, day) for s in record.steps if s.created <= moment]
        record.notes = [n for n in record.notes if n.created <= moment]
        if record.achieved_on and record.achieved_on > day:
            record.achieved_on = None
            record.status = GoalStatus.UNDER_WAY
    return record


def generate_plan(goals: int = 5, entries: int = 40, checkins: int = 30, reviews: int = 2,
                  contacts: int = 6, hard: bool = False, seed: int = 0) -> Plan:
    """A plan of exactly the given size, the same for the same arguments.

    Every plan also has a note for each life area (five of them when
    ``hard``), four appointment topics and the default crisis services.
    Check-ins are daily up to the end date; reviews are evenly spread and
    each carries a snapshot of the plan as it was on its day.
    """
    if hard and entries < len(HARD_SNIPPETS) + 2:
        raise ValueError("a hard plan needs room for every snippet and two long entries")
    make = _Maker(seed, days=max(checkins, 180))
    plan = Plan(info=PlanInfo(owner_name="Siân Żaneta" if hard else "Robin",
                              started_on=make.start.date()))
    plan.entries = list(_entries(make, entries, hard))
    plan.goals = [_goal(make, when, hard and i == 0) for i, when in enumerate(make.times(goals))]
    areas = list(LifeArea)[:5] if hard else list(LifeArea)
    plan.life_areas = [make.stamp(LifeAreaNote(area=a, now_text=make.text(2),
                                               hope_text="" if hard and i == 0 else make.text(2)),
                                  make.start)
                       for i, a in enumerate(areas)]
    plan.contacts = [_contact(make, i, when, hard) for i, when in enumerate(make.times(contacts))]
    plan.topics = [make.stamp(Topic(text=make.sentence()), when)
                   for when in make.times(4)]
    for topic in plan.topics[:2]:
        topic.done_on = min(topic.created.date() + dt.timedelta(days=14), GENERATED_END.date())
    plan.checkins = [_checkin(make, i, checkins, hard) for i in range(checkins)]
    plan.services = [make.stamp(s, make.start) for s in default_crisis_services()]
    plan.reviews = [_review(make, plan, i, reviews) for i in range(reviews)]
    if plan.reviews:
        plan.info.last_reviewed_on = plan.reviews[-1].date
        plan.info.next_review_on = plan.reviews[-1].next_review_on
    plan.info.next_appointment_on = GENERATED_END.date() + dt.timedelta(days=10)
    return plan


def _entries(make: _Maker, count: int, hard: bool) -> Iterator[Entry]:
    fields = [f for f in _FIELD_KEYS if not (hard and f[0] in _HARD_EMPTY_SECTIONS)]
    multi = [f for f in fields if f[2]]
    texts = (HARD_SNIPPETS + [_long_text(make), _long_text(make, unbroken=True)]) if hard else []
    singles = [f for f in fields if not f[2]]
    for i, when in enumerate(make.times(count)):
        # each single-text field once, then the list fields in turn
        section, key, _multi, paired = singles[i] if i < len(singles) else multi[i % len(multi)]
        text = texts[i] if i < len(texts) else make.text()
        entry = Entry(section=section, field=key, text=text,
                      detail=make.sentence() if paired else "",
                      private=make.rng.random() < 0.05)
        yield make.stamp(entry, when)


def _long_text(make: _Maker, unbroken: bool = False) -> str:
    """Several thousand words in paragraphs, just within the longest text
    a field may hold; ``unbroken`` adds a very long word with no spaces."""
    paragraphs: list[str] = []
    if unbroken:
        paragraphs.append("https://example.org/" + "a-very-long-address-without-spaces-" * 12)
    size = sum(len(p) + 2 for p in paragraphs)
    while True:
        paragraph = " ".join(make.sentence() for _i in range(8))
        if size + len(paragraph) + 2 > MAX_TEXT - 100:
            return "\n\n".join(paragraphs)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2


def _goal(make: _Maker, when: dt.datetime, bare: bool) -> Goal:
    goal = make.stamp(Goal(what=make.rng.choice(_GOALS)), when)
    if bare:  # a goal with nothing but a name
        return goal
    goal.why = make.text(2)
    goal.life_area = make.rng.choice(list(LifeArea))
    goal.who_can_help = make.rng.choice(_NAMES)
    goal.status = make.rng.choice([GoalStatus.UNDER_WAY, GoalStatus.UNDER_WAY, GoalStatus.ACHIEVED,
                                   GoalStatus.NOT_STARTED, GoalStatus.ON_HOLD, GoalStatus.LET_GO])
    days_left = (GENERATED_END - when).days
    goal.target_date = (when + dt.timedelta(days=make.rng.randint(30, 120))).date()
    steps = make.rng.randint(0, 6)
    for i in range(steps):
        step = make.stamp(Step(text=make.sentence()), when)
        if goal.status == GoalStatus.ACHIEVED or (i < steps // 2 and days_left > 0):
            step.done_on = (when + dt.timedelta(days=min(days_left, 3 * (i + 1)))).date()
        goal.steps.append(step)
    if goal.status == GoalStatus.ACHIEVED:
        goal.achieved_on = (when + dt.timedelta(days=min(days_left, 30))).date()
    for i in range(make.rng.randint(0, 3)):
        at = min(when + dt.timedelta(days=5 * (i + 1)), GENERATED_END)
        goal.notes.append(make.stamp(ProgressNote(date=at.date(), text=make.text(2)), at))
    return goal


def _contact(make: _Maker, index: int, when: dt.datetime, hard: bool) -> Contact:
    name = make.rng.choice(_NAMES)
    if hard and index == 0:
        return make.stamp(Contact(name="Dafydd ap Gwŷn"), when)  # just a name
    if hard and index == 1:
        name = "د. أمل Haddad"
    professional = make.rng.random() < 0.3
    return make.stamp(Contact(
        name=name, relationship=make.rng.choice(_ROLES),
        phone=f"07700 900{make.rng.randrange(1000):03d}",
        email=f"{name.lower()}@example.org" if make.rng.random() < 0.5 and not hard else "",
        best_times="Weekday evenings", can_help_with=make.sentence(),
        professional=professional, agreed=make.rng.random() < 0.8,
        on_crisis_card=index < 3), when)


def _checkin(make: _Maker, index: int, total: int, hard: bool) -> CheckIn:
    """Daily check-ins drifting gently upwards, with ups and downs."""
    at = GENERATED_END - dt.timedelta(days=total - 1 - index)
    trend = 3 + 4 * index / max(total - 1, 1)

    def score() -> int:
        return max(0, min(10, round(trend + make.rng.uniform(-2, 2))))

    note = make.sentence() if make.rng.random() < 0.3 else ""
    if hard and index == 0:
        note = "Η ελπίδα 💚 <i>ok</i>"
    return make.stamp(CheckIn(at=at, hope=score(), control=score(), beyond=score(), note=note), at)


def _review(make: _Maker, plan: Plan, index: int, total: int) -> Review:
    when = make.start + (GENERATED_END - make.start) * (index + 1) / (total + 1)
    review = make.stamp(Review(date=when.date(), who_was_there="Me and Sam (care coordinator)",
                               agreed=make.text(2),
                               next_review_on=when.date() + dt.timedelta(days=90)), when)
    review.changed = review.created
    review.snapshot = snapshot_of(plan_as_of(plan, when))
    return review


__all__ = ["HARD_SNIPPETS", "GENERATED_END", "load_sample_plan", "generate_plan", "plan_as_of"]
