"""How am I doing: check-in series, goal progress and milestones.

Pure functions over a ``Plan`` so the app's chart, its table for screen
readers and the appointment PDF all show the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from ..i18n import N_, _, babel_locale, format_date, format_number, translator
from .model import CheckIn, GoalStatus, LifeArea, Plan
from .sections import CHECKIN_QUESTIONS

SCORES = tuple(key for key, _question in CHECKIN_QUESTIONS)

#: Short names of the three check-in questions, for legends and headings.
SCORE_LABELS = {"hope": N_("Hope"), "control": N_("Feeling in control"),
                "beyond": N_("Doing things that matter")}


def score_label(key: str) -> str:
    return _(SCORE_LABELS[key])


class Period(str, Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ALL = "all"

    @property
    def days(self) -> int | None:
        return {"month": 31, "quarter": 92, "year": 366, "all": None}[self.value]


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day of a check-in on this computer's clock."""
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def checkins_in_period(plan: Plan, period: Period | int, today: dt.date | None = None,
                       include_private: bool = True) -> list[CheckIn]:
    """Check-ins within the period (or the last N days), oldest first."""
    today = today or dt.date.today()
    days = period if isinstance(period, int) else period.days
    items = sorted((c for c in plan.checkins if include_private or not c.private),
                   key=lambda c: c.at)
    if days is None:
        return items
    start = today - dt.timedelta(days=days)
    return [c for c in items if local_day(c.at) > start]


def period_span(checkins: list[CheckIn], period: Period | int,
                today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day a chart of ``period`` covers: the whole period up
    to today, or for "all" from the first check-in (oldest first) to today."""
    today = today or dt.date.today()
    days = period if isinstance(period, int) else period.days
    if days is not None:
        return today - dt.timedelta(days=days - 1), today
    if not checkins:
        return today - dt.timedelta(days=30), today
    first = local_day(checkins[0].at)
    return min(first, today), max(today, local_day(checkins[-1].at))


@dataclass(frozen=True)
class Series:
    key: str                      # "hope" | "control" | "beyond"
    points: list[tuple[dt.datetime, int]]


def series(checkins: list[CheckIn]) -> list[Series]:
    return [Series(key, [(c.at, getattr(c, key)) for c in checkins]) for key in SCORES]


class Grouping(str, Enum):
    """How check-ins are put together when there are too many to show one by one."""

    NONE = "none"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    def bucket(self, day: dt.date, first_weekday: int = 0) -> tuple[dt.date, dt.date]:
        """First and last day of the group ``day`` falls in (not for NONE).
        ``first_weekday``: 0 for Monday ... 6 for Sunday."""
        if self in (Grouping.NONE, Grouping.DAY):
            return day, day
        if self is Grouping.WEEK:
            start = day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)
            return start, start + dt.timedelta(days=6)
        months = {Grouping.MONTH: 1, Grouping.QUARTER: 3, Grouping.YEAR: 12}[self]
        first_month = (day.month - 1) // months * months + 1
        start = dt.date(day.year, first_month, 1)
        following = first_month + months
        end = (dt.date(day.year + (following - 1) // 12, (following - 1) % 12 + 1, 1)
               - dt.timedelta(days=1))
        return start, end


@dataclass(frozen=True)
class ChartPoint:
    """One point of each line: a single check-in, or the means of a group."""

    start: dt.date                # first day covered
    end: dt.date                  # last day covered (== start for one day)
    at: dt.datetime               # where it sits on the time line (local, naive)
    count: int                    # check-ins behind it
    hope: float
    control: float
    beyond: float

    def value(self, key: str) -> float:
        return getattr(self, key)


def chart_points(checkins: list[CheckIn], grouping: Grouping = Grouping.NONE,
                 first_weekday: int = 0) -> list[ChartPoint]:
    """The points a chart draws for ``checkins`` (oldest first): one per
    check-in, or the mean of each day, week, month... that has check-ins,
    placed in the middle of its group."""
    if grouping is Grouping.NONE:
        out = []
        for c in checkins:
            local = c.at.astimezone().replace(tzinfo=None) if c.at.tzinfo else c.at
            out.append(ChartPoint(local.date(), local.date(), local, 1, c.hope, c.control, c.beyond))
        return out
    groups: dict[tuple[dt.date, dt.date], list[CheckIn]] = {}
    for c in checkins:
        groups.setdefault(grouping.bucket(local_day(c.at), first_weekday), []).append(c)
    out = []
    for (start, end), items in sorted(groups.items()):
        middle = dt.datetime.combine(start, dt.time(12)) + (end - start) / 2
        n = len(items)
        out.append(ChartPoint(start, end, middle, n,
                              *(sum(getattr(c, key) for c in items) / n for key in SCORES)))
    return out


def group_counts(checkins: list[CheckIn], first_weekday: int = 0) -> dict[Grouping, int]:
    """How many points each grouping would give (worked out once per data)."""
    days = {local_day(c.at) for c in checkins}
    counts = {Grouping.NONE: len(checkins), Grouping.DAY: len(days)}
    for grouping in (Grouping.WEEK, Grouping.MONTH, Grouping.QUARTER, Grouping.YEAR):
        counts[grouping] = len({grouping.bucket(d, first_weekday) for d in days})
    return counts


def grouping_for(counts: dict[Grouping, int], max_points: int) -> Grouping:
    """The finest grouping that leaves at most ``max_points`` points
    (``counts`` from :func:`group_counts`); years if none does."""
    for grouping in Grouping:
        if counts[grouping] <= max_points:
            return grouping
    return Grouping.YEAR


def first_weekday(language: str | None = None) -> int:
    """The first day of the week where the person lives (0 = Monday)."""
    return babel_locale(language).first_week_day


def grouping_note(grouping: Grouping) -> str:
    """A plain sentence saying what each point stands for."""
    return {
        Grouping.NONE: "",
        Grouping.DAY: _("Each point is the average of one day."),
        Grouping.WEEK: _("Each point is the average of one week."),
        Grouping.MONTH: _("Each point is the average of one month."),
        Grouping.QUARTER: _("Each point is the average of three months."),
        Grouping.YEAR: _("Each point is the average of one year."),
    }[grouping]


def summary(checkins: list[CheckIn], language: str | None = None) -> str:
    """One plain sentence about a period, e.g. "Since 3 March 2026: 5
    check-ins. Hope rose from 3 to 6." Empty periods say so kindly.

    ``language`` words and formats it in that language without changing the
    app's own (a PDF in Welsh); None uses the app's current language."""
    tr = translator(language)
    if not checkins:
        return tr._("No check-ins in this time yet.")
    first, last = checkins[0], checkins[-1]

    def number(value: int) -> str:
        return format_number(value, language=language)

    parts = [tr.ngettext("Since {date}: {count} check-in.", "Since {date}: {count} check-ins.",
                         len(checkins)).format(date=format_date(first.at, language=language),
                                               count=number(len(checkins)))]
    if len(checkins) > 1:
        for key in SCORES:
            what = tr._(SCORE_LABELS[key])
            a, b = getattr(first, key), getattr(last, key)
            if a == b:
                # Translators: {what} is "Hope", "Feeling in control" or "Doing things that matter"; {value}, {start} and {end} are scores from 0 to 10.
                parts.append(tr._("{what} stayed at {value}.").format(what=what, value=number(b)))
            elif b > a:
                # Translators: {what} is "Hope", "Feeling in control" or "Doing things that matter"; {value}, {start} and {end} are scores from 0 to 10.
                parts.append(tr._("{what} rose from {start} to {end}.").format(
                    what=what, start=number(a), end=number(b)))
            else:
                # Translators: {what} is "Hope", "Feeling in control" or "Doing things that matter"; {value}, {start} and {end} are scores from 0 to 10.
                parts.append(tr._("{what} went down from {start} to {end}.").format(
                    what=what, start=number(a), end=number(b)))
    return " ".join(parts)


@dataclass(frozen=True)
class AreaProgress:
    area: LifeArea | None
    goals: int
    achieved: int
    steps_done: int
    steps: int


def goal_progress(plan: Plan, include_private: bool = True) -> list[AreaProgress]:
    """Goals and steps per life area (areas with goals only; None last)."""
    out = []
    for area in [*LifeArea, None]:
        goals = [g for g in plan.goals if g.life_area == area and (include_private or not g.private)]
        if not goals:
            continue
        out.append(AreaProgress(
            area=area,
            goals=len(goals),
            achieved=sum(1 for g in goals if g.status == GoalStatus.ACHIEVED),
            steps_done=sum(g.steps_done for g in goals),
            steps=sum(len(g.steps) for g in goals),
        ))
    return out


@dataclass(frozen=True)
class Milestone:
    date: dt.date
    kind: str                     # "review" | "goal"
    label: str


def milestones(plan: Plan, include_private: bool = True) -> list[Milestone]:
    """Reviews and goals achieved, oldest first, for the time line."""
    out = [Milestone(r.date, "review", _("Review")) for r in plan.reviews
           if include_private or not r.private]
    for goal in plan.goals:
        if (goal.status == GoalStatus.ACHIEVED and goal.achieved_on
                and (include_private or not goal.private)):
            out.append(Milestone(goal.achieved_on, "goal", goal.what))
    return sorted(out, key=lambda m: m.date)
