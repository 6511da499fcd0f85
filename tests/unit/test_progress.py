"""Check-in periods, series and the plain-words summary."""

import datetime as dt

from recoveryplan.plans.model import CheckIn, Goal, GoalStatus, LifeArea, Plan, Review, Step
from recoveryplan.plans.progress import (Period, checkins_in_period, goal_progress, milestones,
                                         series, summary)

UTC = dt.timezone.utc
TODAY = dt.date(2026, 11, 26)


def checkin(day: dt.date, hope: int, control: int = 5, beyond: int = 5, private=False) -> CheckIn:
    at = dt.datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return CheckIn(at=at, hope=hope, control=control, beyond=beyond, private=private,
                   created=at, changed=at)


def test_periods_pick_the_right_checkins():
    plan = Plan.new()
    plan.checkins = [checkin(TODAY - dt.timedelta(days=d), 5) for d in (0, 10, 40, 100, 400)]
    counts = {p: len(checkins_in_period(plan, p, today=TODAY)) for p in Period}
    assert counts == {Period.MONTH: 2, Period.QUARTER: 3, Period.YEAR: 4, Period.ALL: 5}
    assert len(checkins_in_period(plan, 15, today=TODAY)) == 2


def test_series_match_the_checkins_oldest_first():
    plan = Plan.new()
    plan.checkins = [checkin(TODAY, 7, 6, 5), checkin(TODAY - dt.timedelta(days=3), 2, 3, 4)]
    items = checkins_in_period(plan, Period.ALL, today=TODAY)
    hope, control, beyond = series(items)
    assert [v for _t, v in hope.points] == [2, 7]
    assert [v for _t, v in control.points] == [3, 6]
    assert [v for _t, v in beyond.points] == [4, 5]


def test_private_checkins_can_be_left_out():
    plan = Plan.new()
    plan.checkins = [checkin(TODAY, 7), checkin(TODAY, 1, private=True)]
    assert len(checkins_in_period(plan, Period.ALL, TODAY, include_private=False)) == 1


def test_summary_hand_made_cases():
    rising = [checkin(dt.date(2026, 3, 3), 3, 4, 5), checkin(dt.date(2026, 3, 10), 4, 4, 6),
              checkin(dt.date(2026, 4, 1), 6, 4, 2)]
    text = summary(rising)
    assert text.startswith("Since 3 March 2026: 3 check-ins.")
    assert "Hope rose from 3 to 6." in text
    assert "Feeling in control stayed at 4." in text
    assert "Doing things that matter went down from 5 to 2." in text
    assert summary([rising[0]]) == "Since 3 March 2026: 1 check-in."
    assert summary([]) == "No check-ins in this time yet."


def test_goal_progress_per_area_and_milestones():
    plan = Plan.new()
    plan.goals = [
        Goal(what="Swim", life_area=LifeArea.HEALTH, status=GoalStatus.ACHIEVED,
             achieved_on=dt.date(2026, 5, 1), steps=[Step(text="a", done_on=TODAY), Step(text="b")]),
        Goal(what="Course", life_area=LifeArea.LEARNING, steps=[Step(text="c")]),
        Goal(what="Walk", life_area=LifeArea.HEALTH),
    ]
    plan.reviews = [Review(date=dt.date(2026, 2, 1))]
    progress = {p.area: p for p in goal_progress(plan)}
    assert progress[LifeArea.HEALTH].goals == 2 and progress[LifeArea.HEALTH].achieved == 1
    assert (progress[LifeArea.HEALTH].steps_done, progress[LifeArea.HEALTH].steps) == (1, 2)
    assert progress[LifeArea.LEARNING].steps == 1
    assert [m.kind for m in milestones(plan)] == ["review", "goal"]
