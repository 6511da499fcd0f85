"""The domain side of reviews and planning together: restoring a record
keeps its own attribution, snapshots load once and stay frozen, and
"what changed" can leave out everything "just for me"."""

from __future__ import annotations

from recoveryplan.plans.changes import compare, detail_lines, plan_dict, section_records
from recoveryplan.plans.exchange import snapshot_of
from recoveryplan.plans.model import Contact, Entry, Goal, Plan, Review, Step
from recoveryplan.plans.service import MemoryStore, PlanEditor, make_review, review_snapshot


def editor_with(*records) -> PlanEditor:
    editor = PlanEditor(Plan.new("Sam"), MemoryStore())
    for record in records:
        editor.add(record)
    return editor


def test_restore_keeps_the_records_own_attribution_during_a_session():
    mine = Entry(section="hopes", field="hopes", text="mine")
    theirs = Entry(section="hopes", field="hopes", text="theirs", together_with="Jo")
    editor = editor_with(mine, theirs)
    editor.together_with = "Priya"
    for record in (mine, theirs):
        parent, index = editor.remove(record)
        editor.restore(record, parent, index)
    assert (mine.together_with, theirs.together_with) == ("", "Jo")
    assert editor.plan.entries == [mine, theirs]
    fresh = editor.add(Entry(section="hopes", field="hopes", text="new"))
    assert fresh.together_with == "Priya"


def test_restore_puts_a_child_back_in_its_place():
    goal = Goal(what="Swim", steps=[Step(text="a"), Step(text="b")])
    editor = editor_with(goal)
    editor.together_with = "Priya"
    step = goal.steps[0]
    parent, index = editor.remove(step)
    editor.restore(step, parent, index)
    assert goal.steps[0] is step and step.together_with == ""


def test_review_snapshot_is_loaded_once_and_kept():
    plan = Plan.new("Sam")
    review = make_review(plan, snapshot_of(plan))
    stored = review.snapshot
    review.snapshot = None
    calls = []

    def load(review_id):
        calls.append(review_id)
        return stored

    assert review_snapshot(review, load) == stored
    assert review_snapshot(review, load) == stored
    assert calls == [review.id]
    assert review_snapshot(Review(), lambda _rid: None) is None


def test_a_snapshot_does_not_change_when_the_plan_does():
    hope = Entry(section="hopes", field="hopes", text="Dublin")
    editor = editor_with(hope)
    review = make_review(editor.plan, snapshot_of(editor.plan))
    editor.update(hope, text="Dublin and Cork")
    editor.remove(hope)
    assert review.snapshot["entries"][0]["text"] == "Dublin"


def test_what_changed_can_leave_out_just_for_me():
    secret_goal = Goal(what="secret goal", private=True, steps=[Step(text="secret step")])
    open_goal = Goal(what="open goal", steps=[Step(text="open step")])
    editor = editor_with(secret_goal, open_goal)
    before = plan_dict(editor.plan)
    editor.add(Step(text="another secret", private=True), open_goal)
    editor.update(secret_goal.steps[0], text="changed secret")
    editor.update(open_goal.steps[0], text="changed open")
    hidden = compare(before, plan_dict(editor.plan), hide_private=True)
    everything = compare(before, plan_dict(editor.plan))
    labels = [line for s in hidden.sections for line in detail_lines(s)]
    assert labels == ["Changed: changed open"]
    assert len(everything.ids("changed")) == 2 and len(everything.ids("added")) == 1
    # Made private since the review: hidden as well, not shown as taken out.
    editor.update(open_goal, private=True)
    assert compare(before, plan_dict(editor.plan), hide_private=True).empty


def test_section_records():
    hope = Entry(section="hopes", field="hopes", text="Dublin")
    ann = Contact(name="Ann")
    editor = editor_with(hope, ann)
    assert section_records(editor.plan, "hopes") == [hope]
    assert section_records(editor.plan, "my_people") == [ann]
    assert section_records(editor.plan, "goals") == []
