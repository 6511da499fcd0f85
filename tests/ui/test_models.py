"""Item models tested without views."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from recoveryplan.i18n import isolate
from recoveryplan.plans.model import CheckIn, Contact, Entry, Goal, GoalStatus, Plan, Step, Topic
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.models.base import PrivateRole, RecordRole, TogetherRole
from recoveryplan.ui.models.entries import EntryListModel
from recoveryplan.ui.models.goals import GoalTableModel, StepListModel
from recoveryplan.ui.models.people import CheckInTableModel, ContactTableModel, TopicListModel

Fatal = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture
def ctx(qapp):
    context = PlanContext(PlanEditor(Plan.new("Sam"), MemoryStore()))
    yield context
    context.detach()


def entry(text, **kw):
    return Entry(section="warning_signs", field="i_notice", text=text, **kw)


def test_entry_model_follows_add_remove_move_update(ctx, qtbot):
    model = EntryListModel(ctx, "warning_signs", "i_notice")
    QAbstractItemModelTester(model, Fatal)
    a, b, c = entry("a"), entry("b"), entry("c")
    ctx.add(Entry(section="hopes", field="hopes", text="elsewhere"))
    assert model.rowCount() == 0
    with qtbot.waitSignal(model.rowsInserted):
        ctx.add(a)
    ctx.add(b)
    ctx.add(c)
    assert [model.data(model.index(r, 0)) for r in range(3)] == [isolate(t) for t in "abc"]
    with qtbot.waitSignal(model.rowsMoved):
        ctx.move(c, ctx.plan.entries.index(a))
    assert [model.record(r).text for r in range(3)] == ["c", "a", "b"]
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(1, EntryListModel.COL_TEXT), "a\x07 changed")
    assert a.text == "a changed"  # control characters cleaned
    with qtbot.waitSignal(model.rowsRemoved):
        ctx.remove(b)
    assert model.rowCount() == 2
    ctx.undo()
    assert [model.record(r).text for r in range(3)] == ["c", "a changed", "b"]


def test_entry_model_roles_and_private_filter(ctx):
    model = EntryListModel(ctx, "warning_signs", "i_notice")
    QAbstractItemModelTester(model, Fatal)
    secret = entry("secret", private=True, together_with="Jo")
    ctx.add(entry("open"))
    ctx.add(secret)
    index = model.index(1, 0)
    assert model.data(index, RecordRole) is secret
    assert model.data(index, PrivateRole) is True
    assert model.data(index, TogetherRole) == "Jo"
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    assert "Just for me" in model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    ctx.together_with = "Alex"
    assert model.rowCount() == 1 and model.hidden_count() == 1
    assert model.record(0).text == "open"
    ctx.together_with = ""
    assert model.rowCount() == 2 and model.hidden_count() == 0


def test_goal_model_columns_and_steps(ctx, qtbot):
    goals = GoalTableModel(ctx)
    steps = StepListModel(ctx)
    QAbstractItemModelTester(goals, Fatal)
    QAbstractItemModelTester(steps, Fatal)
    goal = Goal(what="Swim", target_date=dt.date(2030, 1, 2))
    ctx.add(goal)
    steps.set_goal(goal)
    ctx.add(Step(text="Find the pool"), goal)
    assert steps.rowCount() == 1
    assert goals.headerData(GoalTableModel.COL_STATUS, Qt.Orientation.Horizontal) == "How it is going"
    assert goals.data(goals.index(0, GoalTableModel.COL_STEPS)) == "0 of 1"
    with qtbot.waitSignal(goals.dataChanged):
        assert steps.setData(steps.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert goal.steps[0].done_on == dt.date.today()
    assert goals.data(goals.index(0, GoalTableModel.COL_STEPS)) == "1 of 1"
    assert steps.data(steps.index(0, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    steps.setData(steps.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert goal.steps[0].done_on is None
    ctx.update(goal, status=GoalStatus.UNDER_WAY)
    assert goals.data(goals.index(0, GoalTableModel.COL_STATUS)) == "Under way"
    ctx.remove(goal)
    assert steps.rowCount() == 0 and goals.rowCount() == 0


def test_topics_unticked_first(ctx):
    model = TopicListModel(ctx)
    QAbstractItemModelTester(model, Fatal)
    first, second = Topic(text="sleep"), Topic(text="work")
    ctx.add(first)
    ctx.add(second)
    model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert first.done_on == dt.date.today()
    assert [model.record(r) for r in range(2)] == [second, first]


def test_contact_and_checkin_models(ctx):
    contacts = ContactTableModel(ctx)
    checkins = CheckInTableModel(ctx)
    QAbstractItemModelTester(contacts, Fatal)
    QAbstractItemModelTester(checkins, Fatal)
    ctx.add(Contact(name="Ann", phone="0123", on_crisis_card=True))
    assert contacts.data(contacts.index(0, ContactTableModel.COL_CRISIS_CARD)) == "Yes"
    assert contacts.setData(contacts.index(0, ContactTableModel.COL_PHONE), "0456")
    assert ctx.plan.contacts[0].phone == "0456"
    old = CheckIn(hope=3, at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    new = CheckIn(hope=8, at=dt.datetime(2024, 2, 1, tzinfo=dt.timezone.utc))
    ctx.add(old)
    ctx.add(new)
    assert checkins.record(0) is new  # newest first
    assert checkins.data(checkins.index(1, CheckInTableModel.COL_HOPE)) == "3"
    assert checkins.rowCount(checkins.index(0, 0)) == 0
    assert checkins.index(5, 0) == QModelIndex() or not checkins.index(5, 0).isValid()
