"""Undo and redo across the whole plan, through PlanContext."""

from __future__ import annotations

import pytest

from recoveryplan.plans.model import Entry, Goal, Plan, Step
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.plans.validation import MAX_TEXT
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.dialogs import ScriptedDialogs


@pytest.fixture
def ctx(qapp):
    context = PlanContext(PlanEditor(Plan.new("Sam"), MemoryStore()))
    yield context
    context.detach()


def state(record):
    return record.to_dict()


def entry(text="", **kw):
    return Entry(section="warning_signs", field="i_notice", text=text, **kw)


def test_remove_then_undo_restores_record_order_and_attribution(ctx):
    a, b, c = entry("a"), entry("b", private=True), entry("c", together_with="Jo")
    for record in (a, b, c):
        ctx.add(record)
    before = [state(r) for r in ctx.plan.entries]
    ctx.remove(b)
    ctx.undo()
    assert [state(r) for r in ctx.plan.entries] == before
    assert ctx.plan.entries[1] is b and b.private and b.together_with == ""
    ctx.redo()
    assert ctx.plan.entries == [a, c]


def test_a_planning_session_starts_its_own_history(ctx):
    """Nothing done before a session can be undone or redone in it: undoing
    the removal of a "just for me" entry would put it on screen."""
    a, b = entry("a"), entry("b", private=True)
    ctx.add(a)
    ctx.add(b)
    ctx.update(a, text="a, changed")
    ctx.undo()
    ctx.remove(b)
    ctx.together_with = "Alex"
    assert not ctx.undo_stack.canUndo() and not ctx.undo_stack.canRedo()
    ctx.undo()
    ctx.redo()
    assert ctx.plan.entries == [a] and a.text == "a"
    ctx.update(a, text="with Alex")
    ctx.undo()
    assert a.text == "a" and not ctx.undo_stack.canUndo()
    ctx.together_with = ""      # after the session, its own steps can still be undone
    ctx.redo()
    assert a.text == "with Alex" and a.together_with == "Alex"


def test_update_undo_restores_text_private_and_attribution(ctx):
    record = entry("mine")
    ctx.add(record)
    before = state(record)
    ctx.together_with = "Jo"
    ctx.update(record, private=True)
    ctx.update(record, text="changed together")
    assert record.together_with == "Jo"
    after = state(record)
    ctx.undo()
    ctx.undo()
    assert state(record) == before
    ctx.redo()
    ctx.redo()
    assert state(record) == after


def test_typing_burst_is_one_undo_step_with_plain_words(ctx):
    record = entry("I")
    ctx.add(record)
    ctx.end_typing_burst()
    for text in ("I s", "I sto", "I stop"):
        ctx.update(record, text=text)
    assert ctx.undo_stack.count() == 2
    assert ctx.undo_stack.undoText() == "typing in “What I notice”"
    ctx.undo()
    assert record.text == "I"
    ctx.end_typing_burst()
    ctx.update(record, text="again")
    ctx.update(record, text="I")  # typed and deleted: nothing left to undo
    assert ctx.undo_stack.count() == 1


def test_typing_a_new_entry_then_undo_removes_it_in_one_step(ctx):
    record = entry("n")
    ctx.add(record, typing=("text",))
    ctx.update(record, text="new words")
    assert ctx.undo_stack.count() == 1
    ctx.undo()
    assert ctx.plan.entries == []
    ctx.redo()
    assert ctx.plan.entries == [record] and record.text == "new words"


def test_move_and_child_remove_undo(ctx):
    goal = Goal(what="Swim")
    ctx.add(goal)
    s1, s2 = Step(text="one"), Step(text="two")
    ctx.add(s1, goal)
    ctx.add(s2, goal)
    ctx.move(s2, 0)
    assert goal.steps == [s2, s1]
    ctx.remove(s1)
    ctx.undo()
    ctx.undo()
    assert goal.steps == [s1, s2]


def test_too_long_text_is_refused_kindly_once(ctx):
    ctx.dialogs = ScriptedDialogs()
    record = entry("short")
    ctx.add(record)
    assert not ctx.update(record, text="x" * (MAX_TEXT + 1))
    assert not ctx.update(record, text="x" * (MAX_TEXT + 2))
    assert record.text == "short"
    assert len(ctx.dialogs.shown) == 1
    shown = ctx.dialogs.shown[0]
    assert "What I notice" in shown.text and "still on the screen" in shown.text
    assert "Traceback" not in shown.text


def test_refusal_without_dialogs_goes_to_status(ctx, qtbot):
    record = entry("short")
    ctx.add(record)
    with qtbot.waitSignal(ctx.status) as blocker:
        ctx.update(record, text="x" * (MAX_TEXT + 1))
    assert "What I notice" in blocker.args[0]


def test_undo_text_follows_language(ctx):
    from recoveryplan.i18n import set_language
    ctx.add(Goal(what="x"))
    assert ctx.undo_stack.undoText() == "adding a goal"
    set_language("qps-ploc")
    assert ctx.undo_stack.undoText() != "adding a goal"
