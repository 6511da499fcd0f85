"""How am I doing: check-in series, goal progress and milestones.

Pure functions over a ``Plan`` so the app's chart, its table for screen
readers and the appointment PDF all show the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from ..i18n import _, format_date, ngettext
from .model import CheckIn, GoalStatus, LifeArea, Plan
from .sections import CHECKIN_QUESTIONS

SCORES = tuple(key for key, _question in CHECKIN_QUESTIONS)


class Period(str, Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    ALL = "all"

    @property
    def days(self) -> int | None:
        return {"month": 31, "quarter": 92, "year": 366, "all": None}[self.value]


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
    return [c for c in items if c.at.astimezone().date() > start]


@dataclass(frozen=True)
class Series:
    key: str                      # "hope" | "control" | "beyond"
    points: list[tuple[dt.datetime, int]]


def series(checkins: list[CheckIn]) -> list[Series]:
    return [Series(key, [(c.at, getattr(c, key)) for c in checkins]) for key in SCORES]


def summary(checkins: list[CheckIn], language: str | None = None) -> str:
    """One plain sentence about a period, e.g. "Since 3 March 2026: 5
    check-ins. Hope went from 3 to 6." Empty periods say so kindly."""
    if not checkins:
        return _("No check-ins in this time yet.")
    first, last = checkins[0], checkins[-1]
    parts = [ngettext("Since {date}: {count} check-in.", "Since {date}: {count} check-ins.",
                      len(checkins)).format(date=format_date(first.at, language=language),
                                            count=len(checkins))]
    if len(checkins) > 1:
        labels = {"hope": _("Hope"), "control": _("Feeling in control"),
                  "beyond": _("Doing things that matter")}
        for key in SCORES:
            a, b = getattr(first, key), getattr(last, key)
            if a == b:
                parts.append(_("{what} stayed at {value}.").format(what=labels[key], value=b))
            elif b > a:
                parts.append(_("{what} rose from {start} to {end}.").format(
                    what=labels[key], start=a, end=b))
            else:
                parts.append(_("{what} went down from {start} to {end}.").format(
                    what=labels[key], start=a, end=b))
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


def milestones(plan: Plan) -> list[Milestone]:
    """Reviews and goals achieved, oldest first, for the time line."""
    out = [Milestone(r.date, "review", _("Review")) for r in plan.reviews]
    for goal in plan.goals:
        if goal.status == GoalStatus.ACHIEVED and goal.achieved_on:
            out.append(Milestone(goal.achieved_on, "goal", goal.what))
    return sorted(out, key=lambda m: m.date)
