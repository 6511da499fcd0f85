"""Goals, their small steps and their progress notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from ...i18n import N_, _, isolate
from ...plans.labels import FIELD_LABELS
from ...plans.model import Goal, ProgressNote, Record, Step, today
from ..context import PlanContext
from ..widgets.dates import shown_date
from .base import Column, RecordTableModel


def steps_text(goal: Goal) -> str:
    if not goal.steps:
        return ""
    return _("{done} of {total}").format(done=goal.steps_done, total=len(goal.steps))


class GoalTableModel(RecordTableModel):
    COL_WHAT = 0
    COL_AREA = 1
    COL_STATUS = 2
    COL_STEPS = 3
    COL_TARGET = 4
    COLUMNS = (
        Column(FIELD_LABELS["goal", "what"], lambda g: isolate(g.what) or _("(a new goal)"), edit_field="what"),
        Column(FIELD_LABELS["goal", "life_area"], lambda g: _(g.life_area.label) if g.life_area else ""),
        Column(FIELD_LABELS["goal", "status"], lambda g: _(g.status.label), whole=True),
        Column(N_("Steps done"), steps_text, whole=True),
        Column(FIELD_LABELS["goal", "target_date"], lambda g: shown_date(g.target_date),
               whole=True),
    )

    KIND = Goal

    def all_records(self) -> list[Record]:
        return self.ctx.plan.goals

    def related_change(self, change: Any) -> None:
        if isinstance(change.parent, Goal):
            self._row_changed(self.row_of(change.parent))  # a step changes its goal's count


class _GoalChildModel(RecordTableModel):
    ATTR = ""

    def __init__(self, ctx: PlanContext, parent: QObject | None = None) -> None:
        self.goal: Goal | None = None
        super().__init__(ctx, parent)

    def set_goal(self, goal: Goal | None) -> None:
        if goal is self.goal:
            return
        self.beginResetModel()
        self.goal = goal
        self._set_rows(self._source())
        self.endResetModel()

    def all_records(self) -> list[Record]:
        if self.goal is None or not any(g is self.goal for g in self.ctx.plan.goals):
            return []
        return getattr(self.goal, self.ATTR)

    def accepts(self, record: Any, parent: Record | None) -> bool:
        return parent is not None and parent is self.goal and isinstance(record, self.KIND)

    def related_change(self, change: Any) -> None:
        if change.subject is self.goal and change.kind in ("add", "remove"):
            self.sync()     # the goal itself was removed, or put back by undo


def _done_changes(_record: Record, checked: bool) -> dict[str, Any]:
    return {"done_on": today() if checked else None}


def _step_display(step: Step) -> str:
    if step.done_on is None:
        return isolate(step.text)
    return _("{text} (done {date})").format(text=isolate(step.text),
                                             date=shown_date(step.done_on))


class StepListModel(_GoalChildModel):
    """Small steps as a checklist: ticking sets the day it was done."""

    ATTR = "steps"
    KIND = Step
    COL_TEXT = 0
    COLUMNS = (
        Column(FIELD_LABELS["step", "text"], _step_display, edit_field="text",
               check=lambda s: s.done_on is not None, set_check=_done_changes),
    )


class NoteListModel(_GoalChildModel):
    ATTR = "notes"
    KIND = ProgressNote
    COL_DATE = 0
    COL_TEXT = 1
    COLUMNS = (
        Column(FIELD_LABELS["progress_note", "date"], lambda n: shown_date(n.date), whole=True),
        Column(FIELD_LABELS["progress_note", "text"], lambda n: isolate(n.text), edit_field="text"),
    )
