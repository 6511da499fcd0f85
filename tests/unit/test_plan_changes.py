"""PlanEditor says exactly what changed: a typed PlanChange per operation."""

from __future__ import annotations

from recoveryplan.plans.model import Entry, Goal, Plan, Step
from recoveryplan.plans.service import MemoryStore, PlanChange, PlanEditor, record_section


def _editor():
    editor = PlanEditor(Plan.new("Sam"), MemoryStore())
    heard: list[PlanChange] = []
    editor.add_change_listener(heard.append)
    return editor, heard


def test_each_operation_names_its_record_parent_index_and_fields():
    editor, heard = _editor()
    first = editor.add(Entry(section="hopes", field="hopes", text="a"))
    second = editor.add(Entry(section="hopes", field="hopes", text="b"))
    goal = editor.add(Goal(what="swim"))
    step = editor.add(Step(text="find the pool"), goal)
    editor.update(second, text="b, changed")
    editor.update(step, done_on=goal.created.date())
    editor.move(second, 0)
    editor.remove(first)
    editor.set_info(next_appointment_on=goal.created.date())

    add_first, add_second, add_goal, add_step, typed, ticked, moved, removed, info = heard
    assert (add_second.kind, add_second.record_id, add_second.parent_id, add_second.index) == \
        ("add", second.id, None, 1)
    assert add_second.sections == frozenset({"hopes"})
    assert (add_step.kind, add_step.subject, add_step.parent, add_step.index) == ("add", step, goal, 0)
    assert add_step.sections == frozenset({"goals"})     # a step belongs with its goal
    assert (typed.kind, typed.record_id, typed.fields, typed.index) == ("update", second.id, ("text",), 1)
    assert (ticked.fields, ticked.parent_id, ticked.sections) == (("done_on",), goal.id,
                                                                    frozenset({"goals"}))
    assert (moved.kind, moved.old_index, moved.index) == ("move", 1, 0)
    assert (removed.kind, removed.record_id, removed.index) == ("remove", first.id, 1)
    assert (info.kind, info.record_id, info.fields, info.sections) == (
        "info", None, ("next_appointment_on",), frozenset({"appointments"}))
    assert add_first.touches("hopes") and not add_first.touches("goals")
    assert add_goal.touches("goals")


def test_old_listeners_still_hear_action_and_subject_after_the_change_listeners():
    editor, heard = _editor()
    order: list[str] = []
    editor.add_listener(lambda action, subject: order.append(f"old {action} {subject.text}"))
    editor.add_change_listener(lambda change: order.append(f"new {change.kind}"))
    editor.add(Entry(section="hopes", field="hopes", text="a"))
    assert order == ["new add", "old add a"]


def test_a_reset_touches_every_section_and_changes_any_field():
    editor, heard = _editor()
    editor.replace_plan(Plan.new("Jo"))
    (reset,) = heard
    assert reset.kind == "reset" and reset.record is None
    assert all(reset.touches(key) for key in ("about_me", "goals", "checkins"))
    assert reset.changes_any(("private",))


def test_record_section():
    goal = Goal()
    assert record_section(Entry(section="warning_signs")) == "warning_signs"
    assert record_section(goal) == "goals"
    assert record_section(Step(), goal) == "goals"
