"""The plan model and the editor: every change has an inverse that puts the
plan back exactly as it was."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from recoveryplan.plans.exchange import from_document, snapshot_of, to_document
from recoveryplan.plans.model import (COLLECTIONS, CheckIn, Entry, Goal, GoalStatus, LifeArea,
                                      Plan, PlanInfo, Step)
from recoveryplan.plans.samples import generate_plan
from recoveryplan.plans.service import MemoryStore, PlanEditor, make_review
from recoveryplan.plans.validation import ValidationError

PRIYA = "Priya (care coordinator)"


@pytest.fixture
def editor(sample_document):
    return PlanEditor(from_document(sample_document), MemoryStore())


def every_record(plan: Plan):
    """One of each: the first record of each collection, a step and a note."""
    out = [plan.collection(name)[0] for name in COLLECTIONS]
    goal = next(g for g in plan.goals if g.steps and g.notes)
    return out + [goal.steps[1], goal.notes[0]]


def test_remove_then_add_back_restores_exactly(editor):
    before = copy.deepcopy(editor.plan)
    for record in every_record(editor.plan):
        parent, index = editor.remove(record)
        assert editor.plan != before
        editor.add(record, parent, index)
        assert editor.plan == before


def test_add_then_remove_restores_exactly(editor):
    before = copy.deepcopy(editor.plan)
    goal = editor.plan.goals[0]
    for record, parent in [(Entry(section="hopes", field="hopes", text="To learn to drive"), None),
                           (Step(text="Ring the driving school"), goal),
                           (CheckIn(hope=6, control=6, beyond=5), None)]:
        editor.add(record, parent, 0)
        assert editor.siblings(record)[0] is record
        editor.remove(record)
        assert editor.plan == before


def test_update_then_update_back_restores_exactly(editor):
    before = copy.deepcopy(editor.plan)
    entry, goal, step = editor.plan.entries[3], editor.plan.goals[0], editor.plan.goals[0].steps[-1]
    changes = [(entry, {"text": "New words", "private": True}),
               (goal, {"status": GoalStatus.ACHIEVED, "achieved_on": dt.date(2026, 11, 8)}),
               (step, {"done_on": dt.date(2026, 11, 8)})]
    for record, new in changes:
        old = editor.update(record, **new)
        assert record.changed >= before.find(record.id).changed
        editor.update(record, **old)
        assert editor.plan == before


def test_move_then_move_back_restores_exactly(editor):
    before = copy.deepcopy(editor.plan)
    for record in every_record(editor.plan):
        old_index = editor.move(record, 99)
        if len(editor.siblings(record)) > 1:
            assert editor.plan != before
        editor.move(record, old_index)
        assert editor.plan == before


def test_set_info_returns_what_undoes_it(editor):
    before = copy.deepcopy(editor.plan)
    old = editor.set_info(owner_name="Jo", next_review_on=None)
    assert editor.plan.info.owner_name == "Jo"
    editor.set_info(**old)
    assert editor.plan == before
    with pytest.raises(AttributeError):
        editor.set_info(favourite_colour="green")


def test_every_change_reaches_the_store_and_the_listeners(editor):
    heard = []
    editor.add_listener(lambda action, subject: heard.append(action))
    entry = editor.add(Entry(section="hopes", field="hopes", text="See the sea"))
    editor.update(entry, text="See the sea with Megan")
    editor.move(entry, 0)
    editor.remove(entry)
    assert heard == ["add", "update", "move", "remove"]
    assert [c[0] for c in editor.store.calls] == ["save_record", "save_record", "save_positions",
                                                  "delete_record"]


def test_invalid_changes_are_refused_and_change_nothing(editor):
    before = copy.deepcopy(editor.plan)
    with pytest.raises(ValidationError):
        editor.add(Entry(section="hopes", field="nope", text="x"))
    with pytest.raises(ValidationError):
        editor.update(editor.plan.checkins[0], hope=11)
    with pytest.raises(AttributeError):
        editor.update(editor.plan.entries[0], colour="blue")
    assert editor.plan == before
    assert editor.store.calls == []


def test_planning_together_attributes_new_and_changed_words(editor):
    editor.together_with = PRIYA
    entry = editor.add(Entry(section="hopes", field="hopes", text="A holiday"))
    assert entry.together_with == PRIYA
    mine = next(e for e in editor.plan.entries if not e.together_with)
    old = editor.update(mine, text="Changed together")
    assert mine.together_with == PRIYA
    editor.update(mine, **old)
    assert mine.together_with == ""  # undo puts the attribution back too


def test_just_for_me_hidden_while_planning_together(editor):
    private = [e for e in editor.plan.entries if e.private]
    assert editor.visible(editor.plan.entries) == editor.plan.entries
    editor.together_with = PRIYA
    shown = editor.visible(editor.plan.entries)
    assert len(shown) == len(editor.plan.entries) - len(private)
    assert not any(e.private for e in shown)


def test_replace_plan_swaps_everything(editor):
    new = generate_plan(seed=4)
    heard = []
    editor.add_listener(lambda action, subject: heard.append((action, subject)))
    editor.replace_plan(new)
    assert editor.plan is new and heard == [("reset", new)]
    assert editor.store.calls == [("replace_plan", None)]


def test_make_review_keeps_a_frozen_copy(editor):
    snapshot = snapshot_of(editor.plan)
    review = make_review(editor.plan, snapshot, date=dt.date(2026, 11, 9), agreed="Keep going")
    editor.add(review)
    editor.plan.entries[0].text = "Changed after the review"
    assert review.snapshot["entries"][0]["text"] != "Changed after the review"
    assert "reviews" not in review.snapshot
    from_document(to_document(editor.plan))  # still a valid plan


# -- model ------------------------------------------------------------------------

def test_record_dicts_round_trip():
    plan = generate_plan(seed=2)
    for name, cls in COLLECTIONS.items():
        for record in plan.collection(name):
            assert cls.from_dict(record.to_dict()) == record
    assert PlanInfo.from_dict(plan.info.to_dict()) == plan.info


def test_children_left_out_when_asked():
    goal = Goal(what="Swim", steps=[Step(text="Find the pool")])
    assert "steps" not in goal.to_dict(children=False)
    assert goal.to_dict()["steps"][0]["text"] == "Find the pool"


def test_plan_lookups(sample_document):
    plan = from_document(sample_document)
    step = plan.goals[0].steps[0]
    assert plan.find(step.id) is step and plan.find("missing") is None
    assert plan.life_area(LifeArea.WORK).area == LifeArea.WORK
    assert plan.goals[0] in plan.goals_in_area(plan.goals[0].life_area)
    private_text = next(e.text for e in plan.entries if e.private)
    assert private_text in plan.all_text() and private_text not in plan.all_text(include_private=False)
    assert all(e.section == "hopes" for e in plan.entries_for("hopes"))
