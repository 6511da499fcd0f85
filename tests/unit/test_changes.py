"""'What changed since the last review' lists exactly what was added,
changed and removed, in plain words."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from recoveryplan.plans.changes import compare, describe, plan_dict
from recoveryplan.plans.model import Entry, Goal, GoalStatus, Plan, Step
from recoveryplan.plans.service import MemoryStore, PlanEditor

FIELDS = [("hopes", "hopes"), ("keeping_well", "everyday"), ("warning_signs", "i_notice")]


def base_plan() -> Plan:
    plan = Plan.new("Sam")
    editor = PlanEditor(plan, MemoryStore())
    for i, (sec, fld) in enumerate(FIELDS * 2):
        editor.add(Entry(section=sec, field=fld, text=f"entry {i}"))
    editor.add(Goal(what="Swim again", steps=[Step(text="find the pool")]))
    return plan


def test_plain_words_for_a_simple_change():
    plan = base_plan()
    before = copy.deepcopy(plan_dict(plan))
    editor = PlanEditor(plan, MemoryStore())
    editor.add(Entry(section="hopes", field="hopes", text="to visit Dublin"))
    goal = plan.goals[0]
    editor.update(goal, status=GoalStatus.ACHIEVED)
    editor.remove(plan.entries_for("keeping_well")[0])
    report = compare(before, plan_dict(plan))
    lines = describe(report)
    assert lines[0] == "I achieved 1 goal: Swim again."
    assert "My hopes: 1 new" in lines
    assert "My goals: 1 changed" in lines
    assert "Keeping well: 1 taken out" in lines
    assert [c.label for c in report.goals_achieved] == ["Swim again"]


def test_nothing_changed():
    plan = base_plan()
    assert describe(compare(plan_dict(plan), plan_dict(plan))) == ["Nothing has changed since then."]


def test_touching_without_changing_words_is_not_a_change():
    plan = base_plan()
    before = copy.deepcopy(plan_dict(plan))
    editor = PlanEditor(plan, MemoryStore())
    editor.together_with = "Priya"
    entry = plan.entries[0]
    editor.update(entry, text=entry.text)
    assert compare(before, plan_dict(plan)).empty


ops = st.lists(st.tuples(st.sampled_from(["add", "update", "remove", "step", "tick"]),
                         st.integers(0, 50), st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=12)),
               max_size=25)


@settings(max_examples=120, deadline=None)
@given(ops)
def test_report_matches_random_edits_exactly(operations):
    plan = base_plan()
    before = copy.deepcopy(plan_dict(plan))
    original = {rid: rec for rid, rec in _all_records(plan)}
    editor = PlanEditor(plan, MemoryStore())
    created: set[str] = set()
    removed: set[str] = set()
    for op, n, text in operations:
        entries = plan.entries
        if op == "add":
            sec, fld = FIELDS[n % len(FIELDS)]
            created.add(editor.add(Entry(section=sec, field=fld, text=text)).id)
        elif op == "update" and entries:
            editor.update(entries[n % len(entries)], text=text)
        elif op == "remove" and entries:
            victim = entries[n % len(entries)]
            editor.remove(victim)
            (created.discard if victim.id in created else removed.add)(victim.id)
        elif op == "step" and plan.goals:
            step = editor.add(Step(text=text), parent=plan.goals[0])
            created.add(step.id)
        elif op == "tick" and plan.goals and plan.goals[0].steps:
            steps = plan.goals[0].steps
            step = steps[n % len(steps)]
            editor.update(step, done_on=None if step.done_on else __import__("datetime").date(2026, 1, n % 28 + 1))
    after = {rid: rec for rid, rec in _all_records(plan)}
    expected_changed = {rid for rid, rec in after.items() if rid in original
                        and rec != original[rid]}
    report = compare(before, plan_dict(plan))
    assert report.ids("added") == created
    assert report.ids("removed") == removed
    assert report.ids("changed") == expected_changed


def _words(record):
    return (getattr(record, "text", None), getattr(record, "done_on", None),
            getattr(record, "status", None))


def _all_records(plan):
    for entry in plan.entries:
        yield entry.id, _words(entry)
    for goal in plan.goals:
        yield goal.id, _words(goal)
        for step in goal.steps:
            yield step.id, _words(step)
