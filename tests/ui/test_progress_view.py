"""How am I doing: the chart draws what is stored, its table matches,
groups keep the right means, and the words say the same as progress.py."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from recoveryplan.plans.model import CheckIn, Goal, GoalStatus, LifeArea, Plan, Review, Step
from recoveryplan.plans.progress import Grouping, Period, checkins_in_period, local_day, summary
from recoveryplan.plans.samples import generate_plan
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.progress import ChartTableModel, GoalProgressModel, ProgressView

TODAY = dt.date(2026, 11, 26)
UTC = dt.timezone.utc


def checkin(days_ago: int, hope: int, control: int = 5, beyond: int = 5, private: bool = False) -> CheckIn:
    day = TODAY - dt.timedelta(days=days_ago)
    return CheckIn(at=dt.datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
                   hope=hope, control=control, beyond=beyond, private=private)


@pytest.fixture
def make_view(qtbot):
    contexts: list[PlanContext] = []

    def make(plan: Plan, period: Period = Period.ALL, width: int = 1000) -> ProgressView:
        ctx = PlanContext(PlanEditor(plan, MemoryStore()))
        contexts.append(ctx)
        view = ProgressView(ctx, today=lambda: TODAY, period=period)
        qtbot.addWidget(view)
        view.resize(width, 700)
        view.show()
        qtbot.waitExposed(view)
        return view

    yield make
    for ctx in contexts:
        ctx.detach()


def test_the_chart_draws_the_stored_checkins_of_each_period(qtbot, make_view):
    plan = Plan.new("Sam")
    plan.checkins = [checkin(d, hope=d % 11, control=(d * 3) % 11, beyond=(d * 7) % 11)
                     for d in (0, 5, 20, 45, 80, 200, 300, 500)]
    view = make_view(plan)
    for period in Period:
        view.set_period(period)
        view.refresh()
        stored = checkins_in_period(plan, period, TODAY)
        drawn = view.chart.series()
        assert view.chart.grouping() is Grouping.NONE
        for key in ("hope", "control", "beyond"):
            assert [v for _t, v in drawn[key]] == [getattr(c, key) for c in stored], (period, key)
            assert [t.date() for t, _v in drawn[key]] == [local_day(c.at) for c in stored]
        assert view.summary_text() == summary(stored)
        start, end = view.chart.span()
        assert end == TODAY and all(start <= local_day(c.at) for c in stored)
    assert len(view.chart.series()["hope"]) == 8
    view.set_period(Period.MONTH)
    view.refresh()
    assert len(view.chart.series()["hope"]) == 3   # 0, 5 and 20 days ago


def test_ten_years_are_grouped_and_keep_the_right_means(qtbot, make_view):
    plan = generate_plan(checkins=3650, goals=300, reviews=10)
    view = make_view(plan, Period.ALL)
    stored = checkins_in_period(plan, Period.ALL, TODAY)
    points = view.chart.points()
    assert view.chart.grouping() is not Grouping.NONE
    assert len(points) <= view.chart.width()
    assert sum(p.count for p in points) == len(stored) == 3650
    for point in points[:: max(1, len(points) // 12)]:
        inside = [c for c in stored if point.start <= local_day(c.at) <= point.end]
        assert point.count == len(inside)
        for key in ("hope", "control", "beyond"):
            assert point.value(key) == pytest.approx(sum(getattr(c, key) for c in inside) / len(inside))
    # the table shows the same points, in the same order
    model = view.table_model
    assert model.rowCount() == len(points)
    assert model.data(model.index(0, ChartTableModel.COL_COUNT)) == str(points[0].count)
    assert model.data(model.index(0, ChartTableModel.COL_HOPE)) == str(round(points[0].hope, 1))
    assert "average" in view.table_note.text()
    assert "average" in view.chart.accessibleDescription()


def test_a_narrower_chart_groups_more_and_the_table_follows(qtbot, make_view):
    plan = Plan.new("Sam")
    plan.checkins = [checkin(d, hope=5) for d in range(300)]
    view = make_view(plan, Period.YEAR, width=2000)
    assert view.chart.grouping() is Grouping.NONE and view.table_model.rowCount() == 300
    with qtbot.waitSignal(view.chart.points_changed):
        view.resize(500, 700)
    assert view.chart.grouping() is Grouping.WEEK
    assert view.table_model.rowCount() == len(view.chart.points()) < 300
    assert view.table_model.data(view.table_model.index(0, 0)).startswith("Week of")


def test_the_table_matches_the_chart_point_by_point(qtbot, make_view):
    plan = Plan.new("Sam")
    plan.checkins = [checkin(3, 2, 3, 4), checkin(1, 8, 7, 6)]
    view = make_view(plan, Period.MONTH)
    model = view.table_model
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert [row[1:] for row in rows] == [["2", "3", "4", "1"], ["8", "7", "6", "1"]]
    assert rows[0][0] == "23 Nov 2026"
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "When", "Hope", "Feeling in control", "Doing things that matter", "Check-ins"]
    assert model.data(model.index(1, 1), Qt.ItemDataRole.AccessibleTextRole) == "Hope: 8"


def test_the_summary_under_the_chart_for_a_hand_made_case(qtbot, make_view):
    plan = Plan.new("Sam")
    plan.checkins = [checkin(40, 1, 1, 1), checkin(20, 3, 4, 5), checkin(10, 4, 4, 6), checkin(2, 6, 4, 2)]
    view = make_view(plan, Period.MONTH)
    expected = ("Since 6 November 2026: 3 check-ins. Hope rose from 3 to 6. "
                "Feeling in control stayed at 4. Doing things that matter went down from 5 to 2.")
    assert view.summary_text() == expected
    assert view.chart.accessibleDescription().startswith(expected)
    assert view.chart.accessibleName() == "Chart of my check-ins over time"
    view.set_period(Period.ALL)
    view.refresh()
    assert view.summary_text().startswith("Since 17 October 2026: 4 check-ins. Hope rose from 1 to 6.")


def test_new_checkins_show_without_rebuilding_on_paint(qtbot, make_view):
    plan = Plan.new("Sam")
    view = make_view(plan, Period.MONTH)
    assert view.summary_text() == "No check-ins in this time yet."
    resets = []
    view.table_model.modelReset.connect(lambda: resets.append(1))
    view.chart.repaint()
    view.chart.repaint()
    assert resets == []
    view.ctx.add(checkin(0, 9))
    qtbot.waitUntil(lambda: view.table_model.rowCount() == 1)
    assert view.chart.series()["hope"][0][1] == 9
    assert len(resets) == 1


def test_milestones_and_goal_progress(qtbot, make_view):
    plan = Plan.new("Sam")
    plan.checkins = [checkin(60, 3), checkin(1, 6)]
    plan.reviews = [Review(date=TODAY - dt.timedelta(days=30))]
    plan.goals = [
        Goal(what="Swim a length", life_area=LifeArea.HEALTH, status=GoalStatus.ACHIEVED,
             achieved_on=TODAY - dt.timedelta(days=10), steps=[Step(text="a", done_on=TODAY), Step(text="b")]),
        Goal(what="My secret goal", life_area=LifeArea.HEALTH, status=GoalStatus.ACHIEVED,
             achieved_on=TODAY - dt.timedelta(days=5), private=True),
        Goal(what="Course", life_area=LifeArea.LEARNING, steps=[Step(text="c")]),
        Goal(what="Old win", status=GoalStatus.ACHIEVED, achieved_on=TODAY - dt.timedelta(days=700)),
    ]
    view = make_view(plan, Period.QUARTER)
    labels = [m.label for m in view.chart.shown_milestones()]
    assert labels == ["Review", "Swim a length", "My secret goal"]     # "Old win" is outside
    assert "1 review and 2 goals achieved" in view.chart.accessibleDescription()
    rows = {view.goal_model.data(view.goal_model.index(r, 0)):
            [view.goal_model.data(view.goal_model.index(r, c)) for c in range(1, 4)]
            for r in range(view.goal_model.rowCount())}
    assert rows == {"Physical health": ["2", "2", "1 of 2"], "Learning": ["1", "0", "0 of 1"],
                    "No life area chosen": ["1", "1", "0 of 0"]}
    assert view.goals_label.text() == "3 of my 4 goals achieved. 1 of 3 small steps done."
    # planning together: "just for me" goals and check-ins are left out
    view.ctx.together_with = "Priya"
    qtbot.waitUntil(lambda: "My secret goal" not in [m.label for m in view.chart.shown_milestones()])
    assert view.goal_model.rows()[0].goals == 1
    # a goal achieved now appears on the time line
    view.ctx.together_with = ""
    view.ctx.update(plan.goals[2], status=GoalStatus.ACHIEVED, achieved_on=TODAY)
    qtbot.waitUntil(lambda: "Course" in [m.label for m in view.chart.shown_milestones()])


def test_large_text_and_the_chart_still_fits(qtbot, make_view):
    plan = generate_plan(checkins=400, goals=5)
    view = make_view(plan, Period.YEAR)
    small = view.chart.minimumSizeHint()
    font = QFont(view.chart.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    view.chart.setFont(font)
    assert view.chart.minimumSizeHint().height() > small.height() * 1.5
    image = view.chart.grab()
    assert not image.isNull()
    assert isinstance(view.goal_model, GoalProgressModel)


def _hue_counts(image, base) -> list[int]:
    """Pixels of each 10° of hue among the chart's strongly coloured pixels."""
    from PySide6.QtGui import QColor

    bins = [0] * 36
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if colour.hsvSaturationF() > 0.35 and colour.valueF() > 0.2 and colour != base:
                bins[int(colour.hsvHueF() * 36) % 36] += 1
    return bins


def _two_line_hues(bins: list[int]) -> tuple[int, int]:
    """The two most used hues (in 10° steps) that are not next to each other."""
    first = max(range(36), key=lambda i: bins[i])
    others = [i for i in range(36) if min(abs(i - first), 36 - abs(i - first)) > 2]
    second = max(others, key=lambda i: bins[i])
    return first, second


@pytest.mark.parametrize("dark", [False, True])
def test_each_line_has_its_own_colour_as_well_as_its_own_dash(qtbot, dark):
    """Drawn lines: the two coloured ones are at least 60° apart on the colour
    wheel, in the app's light palette and a dark one."""
    import datetime as dt

    from PySide6.QtGui import QColor, QPalette

    from recoveryplan.plans.model import CheckIn
    from recoveryplan.ui.progress import CheckInChart

    chart = CheckInChart()
    qtbot.addWidget(chart)
    if dark:
        palette = QPalette(QColor("#202124"))
        palette.setColor(QPalette.ColorRole.Base, QColor("#181818"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#3daee9"))
        palette.setColor(QPalette.ColorRole.Link, QColor("#2980b9"))
        chart.setPalette(palette)
    start = dt.datetime(2026, 1, 1, 12)
    checkins = [CheckIn(at=start + dt.timedelta(days=d), hope=2 + d % 3, control=5, beyond=8 - d % 2)
                for d in range(12)]
    chart.set_data(checkins, (start.date(), (start + dt.timedelta(days=11)).date()), [])
    chart.resize(700, 360)
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    bins = _hue_counts(image, chart.palette().color(QPalette.ColorRole.Base))
    first, second = _two_line_hues(bins)
    assert bins[second] >= 40, bins                      # two coloured lines are drawn
    assert min(abs(first - second), 36 - abs(first - second)) >= 6, bins   # 60° or more apart
