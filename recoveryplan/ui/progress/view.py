"""How am I doing: the check-in chart for a chosen period, the same
numbers as a table, the plain-words summary, and goal progress.

The view listens to the plan and works out again only what a change
touches (check-ins, or goals and reviews), once per burst of changes
and only while it is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from ...i18n import N_, _, ngettext
from ...plans.model import CheckIn, Goal, Review, Step
from ...plans.progress import (Period, checkins_in_period, goal_progress, grouping_note,
                               milestones, period_span, summary)
from ..context import PlanContext
from ..widgets.controls import MIN_TARGET
from ..widgets.tables import GrowingTableView
from ..widgets.translated import translations
from .chart import CheckInChart
from .models import ChartTableModel, GoalProgressModel

PERIODS: tuple[tuple[Period, str], ...] = (
    (Period.MONTH, N_("The last month")),
    (Period.QUARTER, N_("The last three months")),
    (Period.YEAR, N_("The last year")),
    (Period.ALL, N_("All my check-ins")),
)

_CHECKINS, _GOALS, _MILESTONES = "checkins", "goals", "milestones"


def goals_sentence(achieved: int, goals: int, steps_done: int, steps: int) -> str:
    """ "2 of my 5 goals achieved. 7 of 12 small steps done." """
    if not goals:
        return _("No goals yet. Progress with my goals will show here.")
    text = ngettext("{achieved} of my {count} goal achieved.", "{achieved} of my {count} goals achieved.",
                    goals).format(achieved=achieved, count=goals)
    if steps:
        text += " " + ngettext("{done} of {total} small step done.", "{done} of {total} small steps done.",
                               steps).format(done=steps_done, total=steps)
    return text


class ProgressView(QWidget):
    """The "How am I doing" panel. ``today`` can be given for tests."""

    def __init__(self, ctx: PlanContext, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today,
                 period: Period = Period.QUARTER) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.ctx = ctx
        self._today = today
        self._checkins: list[CheckIn] = []
        self._milestones = []
        self._pending = {_CHECKINS, _GOALS, _MILESTONES}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.period_label = QLabel(self)
        self.period_box = QComboBox(self)
        self.period_box.setObjectName("progressPeriod")
        self.period_box.setMinimumHeight(MIN_TARGET)
        self.period_label.setBuddy(self.period_box)
        for _period, _text in PERIODS:
            self.period_box.addItem("")
        self.set_period(period)
        row.addWidget(self.period_label)
        row.addWidget(self.period_box)
        row.addStretch(1)
        layout.addLayout(row)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("progressTabs")
        self.chart = CheckInChart(self.tabs)
        table_page = QWidget(self.tabs)
        table_box = QVBoxLayout(table_page)
        self.table_note = QLabel(table_page)
        self.table_note.setWordWrap(True)
        self.table_model = ChartTableModel(self)
        self.table = QTableView(table_page)
        self.table.setObjectName("progressTable")
        self.table.setModel(self.table_model)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table_box.addWidget(self.table_note)
        table_box.addWidget(self.table)
        self.tabs.addTab(self.chart, "")
        self.tabs.addTab(table_page, "")
        layout.addWidget(self.tabs, 1)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("progressSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                   | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.summary_label)

        self.goals_box = QGroupBox(self)
        self.goals_box.setObjectName("goalProgress")
        goals_layout = QVBoxLayout(self.goals_box)
        self.goals_label = QLabel(self.goals_box)
        self.goals_label.setObjectName("goalSummary")
        self.goals_label.setWordWrap(True)
        self.goal_model = GoalProgressModel(self)
        self.goal_table = GrowingTableView(self.goals_box, max_rows=10, stretch_column=GoalProgressModel.COL_AREA)
        self.goal_table.setObjectName("goalProgressTable")
        self.goal_table.setModel(self.goal_model)
        goals_layout.addWidget(self.goals_label)
        goals_layout.addWidget(self.goal_table)
        layout.addWidget(self.goals_box)

        self.period_box.currentIndexChanged.connect(lambda _i: self._mark(_CHECKINS))
        self.chart.points_changed.connect(self._show_points)
        ctx.changed.connect(self._on_plan_changed)
        ctx.together_changed.connect(lambda _name: self._mark(_CHECKINS, _GOALS, _MILESTONES))
        translations(self).call(self.retranslate)

    # -- state -----------------------------------------------------------------------
    def period(self) -> Period:
        return PERIODS[max(0, self.period_box.currentIndex())][0]

    def set_period(self, period: Period) -> None:
        self.period_box.setCurrentIndex([p for p, _text in PERIODS].index(period))

    def checkins(self) -> list[CheckIn]:
        """The check-ins of the chosen period, oldest first."""
        return list(self._checkins)

    def summary_text(self) -> str:
        return self.summary_label.text()

    # -- keeping in step ------------------------------------------------------------------
    def _on_plan_changed(self, action: str, subject) -> None:
        if action == "reset":
            self._mark(_CHECKINS, _GOALS, _MILESTONES)
        elif isinstance(subject, CheckIn):
            self._mark(_CHECKINS)
        elif isinstance(subject, (Goal, Step)):
            self._mark(_GOALS, _MILESTONES)
        elif isinstance(subject, Review):
            self._mark(_MILESTONES)

    def _mark(self, *parts: str) -> None:
        self._pending.update(parts)
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending:
            self.refresh()

    def refresh(self) -> None:
        """Work out again whatever changed since the last time."""
        pending, self._pending = self._pending, set()
        include_private = not self.ctx.together_with
        plan = self.ctx.plan
        chart_stale = False
        if _MILESTONES in pending:
            marks = milestones(plan, include_private)
            chart_stale = marks != self._milestones
            self._milestones = marks
        if _CHECKINS in pending:
            self._checkins = checkins_in_period(plan, self.period(), self._today(), include_private)
            chart_stale = True
        if chart_stale:
            self._update_chart()
        if _GOALS in pending:
            areas = goal_progress(plan, include_private)
            self.goal_model.set_rows(areas)
            self._update_goals_text()

    def _update_chart(self) -> None:
        span = period_span(self._checkins, self.period(), self._today())
        # the chart says when its points are ready (points_changed), and
        # the table and the words follow from there
        self.chart.set_data(self._checkins, span, self._milestones, summary([]))

    def _show_points(self) -> None:
        self.table_model.set_points(self.chart.points(), self.chart.grouping())
        self._update_texts()

    # -- words ------------------------------------------------------------------------------
    def _update_texts(self) -> None:
        said = summary(self._checkins)
        self.summary_label.setText(said)
        note = grouping_note(self.chart.grouping())
        self.table_note.setText(note or _("One row for each check-in, oldest first."))
        shown = self.chart.shown_milestones()
        marks = ""
        if shown:
            reviews = sum(1 for m in shown if m.kind == "review")
            goals = len(shown) - reviews
            marks = _("Marked on the time line: {reviews} and {goals}.").format(
                reviews=ngettext("{count} review", "{count} reviews", reviews).format(count=reviews),
                goals=ngettext("{count} goal achieved", "{count} goals achieved", goals).format(count=goals))
        description = " ".join(t for t in (said, note, marks,
                                           _("The table tab shows the same numbers.")) if t)
        self.chart.setAccessibleDescription(description)
        self.chart.setToolTip(said)

    def _update_goals_text(self) -> None:
        rows = self.goal_model.rows()
        text = goals_sentence(sum(r.achieved for r in rows), sum(r.goals for r in rows),
                              sum(r.steps_done for r in rows), sum(r.steps for r in rows))
        self.goals_label.setText(text)
        self.goal_table.setVisible(bool(rows))
        self.goal_table.setAccessibleDescription(text)

    def retranslate(self) -> None:
        self.period_label.setText(_("Show:"))
        self.period_box.setAccessibleName(_("Which check-ins to show"))
        for i, (_value, text) in enumerate(PERIODS):
            self.period_box.setItemText(i, _(text))
        self.tabs.setTabText(0, _("Chart"))
        self.tabs.setTabText(1, _("Table"))
        self.tabs.setAccessibleName(_("My check-ins over time"))
        self.chart.setAccessibleName(_("Chart of my check-ins over time"))
        self.table.setAccessibleName(_("My check-ins over time, as a table"))
        self.goals_box.setTitle(_("My goals"))
        self.goals_box.setAccessibleName(_("My goals"))
        self.goal_table.setAccessibleName(_("Progress with my goals, by life area"))
        self.table_model.retranslate()
        self.goal_model.retranslate()
        # summary and milestone labels are worded again in the new language
        self._mark(_CHECKINS, _GOALS, _MILESTONES)
