"""Check-in periods, series and the plain-words summary."""

import datetime as dt

from recoveryplan.plans.model import CheckIn, Goal, GoalStatus, LifeArea, Plan, Review, Step
from recoveryplan.i18n import current_language
from recoveryplan.plans.progress import (Grouping, Period, chart_points, checkins_in_period,
                                         goal_progress, group_counts, grouping_for, milestones,
                                         period_span, series, summary)

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


# -- grouping for the chart ----------------------------------------------------------

def test_grouping_buckets_cover_whole_weeks_months_quarters_and_years():
    day = dt.date(2026, 2, 18)  # a Wednesday
    assert Grouping.WEEK.bucket(day) == (dt.date(2026, 2, 16), dt.date(2026, 2, 22))
    assert Grouping.WEEK.bucket(day, first_weekday=6) == (dt.date(2026, 2, 15), dt.date(2026, 2, 21))
    assert Grouping.MONTH.bucket(day) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert Grouping.QUARTER.bucket(dt.date(2026, 11, 30)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert Grouping.YEAR.bucket(day) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert Grouping.DAY.bucket(day) == (day, day)


def test_chart_points_one_per_checkin_or_the_means_of_each_group():
    items = [checkin(dt.date(2026, 3, 2), 2, 4, 6), checkin(dt.date(2026, 3, 4), 5, 5, 5),
             checkin(dt.date(2026, 3, 9), 9, 0, 10), checkin(dt.date(2026, 4, 1), 1, 1, 1)]
    single = chart_points(items)
    assert [(p.hope, p.count) for p in single] == [(2, 1), (5, 1), (9, 1), (1, 1)]
    weeks = chart_points(items, Grouping.WEEK)
    assert [(p.start, p.count) for p in weeks] == [(dt.date(2026, 3, 2), 2), (dt.date(2026, 3, 9), 1),
                                                   (dt.date(2026, 3, 30), 1)]
    assert (weeks[0].hope, weeks[0].control, weeks[0].beyond) == (3.5, 4.5, 5.5)
    assert weeks[0].start <= weeks[0].at.date() <= weeks[0].end
    months = chart_points(items, Grouping.MONTH)
    assert [p.count for p in months] == [3, 1]
    assert months[0].hope == (2 + 5 + 9) / 3 and months[0].control == 3.0
    # every check-in counted once, whatever the grouping
    for grouping in Grouping:
        assert sum(p.count for p in chart_points(items, grouping)) == len(items)


def test_grouping_for_picks_the_finest_that_fits():
    start = dt.date(2016, 11, 5)
    items = [checkin(start + dt.timedelta(days=i), 5) for i in range(3650)]
    counts = group_counts(items)
    assert counts[Grouping.NONE] == counts[Grouping.DAY] == 3650
    assert counts[Grouping.MONTH] == 121
    assert grouping_for(counts, 5000) is Grouping.NONE
    assert grouping_for(counts, 800) is Grouping.WEEK
    assert grouping_for(counts, 200) is Grouping.MONTH
    assert grouping_for(counts, 3) is Grouping.YEAR
    assert len(chart_points(items, grouping_for(counts, 200))) <= 200


def test_period_span_runs_up_to_today():
    items = [checkin(TODAY - dt.timedelta(days=500), 5), checkin(TODAY - dt.timedelta(days=3), 5)]
    assert period_span(items, Period.MONTH, TODAY) == (TODAY - dt.timedelta(days=30), TODAY)
    assert period_span(items, Period.ALL, TODAY) == (TODAY - dt.timedelta(days=500), TODAY)
    assert period_span([], Period.ALL, TODAY)[1] == TODAY


def test_summary_in_another_language_leaves_the_app_language_alone():
    items = [checkin(dt.date(2026, 3, 3), 3), checkin(dt.date(2026, 3, 10), 6)]
    before = current_language()
    text = summary(items, language="pl")
    assert "2026" in text and "marca" in text      # the date in Polish
    assert current_language() == before
    assert summary(items).startswith("Since 3 March 2026: 2 check-ins.")


def test_milestones_can_leave_out_just_for_me_goals():
    plan = Plan.new()
    plan.goals = [Goal(what="Secret", status=GoalStatus.ACHIEVED, achieved_on=TODAY, private=True),
                  Goal(what="Open", status=GoalStatus.ACHIEVED, achieved_on=TODAY)]
    assert [m.label for m in milestones(plan)] == ["Secret", "Open"]
    assert [m.label for m in milestones(plan, include_private=False)] == ["Open"]
