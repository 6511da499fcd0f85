"""Reviews: recording one keeps a frozen copy of the plan (also on disk and
after reopening), the page lists them newest first, opens any copy, and
"what changed" lists exactly what was added, changed and taken out."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from recoveryplan import storage
from recoveryplan.i18n import isolate
from recoveryplan.plans.changes import compare, plan_dict
from recoveryplan.plans.exchange import snapshot_of
from recoveryplan.plans.model import Entry, Goal, GoalStatus, Plan
from recoveryplan.plans.sections import SECTIONS_BY_KEY
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.pages import make_page
from recoveryplan.ui.reviews.dialog import ReviewDialog, record_review
from recoveryplan.ui.reviews.reminder import reminder_text

from conftest import PASSPHRASE

TODAY = dt.date.today()


def reviews_page(window):
    window.workspace.go_to("reviews")
    return window.workspace.current_page()


def test_a_review_keeps_a_frozen_copy_also_after_reopening(qtbot, open_window, plan_dir, unlock):
    window = open_window
    ctx = window.session.ctx
    hope = Entry(section="hopes", field="hopes", text="to visit Dublin")
    ctx.add(hope)
    ctx.add(Goal(what="Swim again"))
    page = reviews_page(window)
    dialog = page.record_review()
    assert isinstance(dialog, ReviewDialog) and dialog.who_edit.text() == ""
    qtbot.keyClicks(dialog.who_edit, "me and Priya")
    qtbot.mouseClick(dialog.findChild(QPushButton, "reviewSaveButton"), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    review = ctx.plan.reviews[0]
    frozen = copy.deepcopy(review.snapshot)
    now = snapshot_of(ctx.plan)
    assert {k: v for k, v in frozen.items() if k != "info"} == {
        k: v for k, v in now.items() if k != "info"}
    assert [e["text"] for e in frozen["entries"]] == ["to visit Dublin"]

    ctx.update(hope, text="to visit Dublin and Cork")
    ctx.remove(ctx.plan.goals[0])
    assert review.snapshot == frozen
    assert window.lock()
    db = storage.open_plan(plan_dir, PASSPHRASE)      # straight from the file on disk
    try:
        assert db.load_snapshot(review.id) == frozen
    finally:
        db.close()
    unlock(window)
    ctx = window.session.ctx
    again = ctx.plan.reviews[0]
    assert again.snapshot is None                 # not loaded with the plan...
    page = reviews_page(window)
    assert page.snapshot(again) == frozen         # ...but fetched when asked, unchanged
    assert page.model.data(page.model.index(0, 1)) == isolate("me and Priya")


def test_the_page_lists_reviews_newest_first_and_compares_any_two(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    old_entry = Entry(section="keeping_well", field="everyday", text="a walk")
    ctx.add(old_entry)
    record_review(ctx, date=TODAY - dt.timedelta(days=60), who_was_there="first")
    ctx.add(Entry(section="hopes", field="hopes", text="to visit Dublin"))
    ctx.remove(old_entry)
    goal = Goal(what="Swim again")
    ctx.add(goal)
    record_review(ctx, date=TODAY - dt.timedelta(days=10), who_was_there="second",
                  next_review_on=TODAY + dt.timedelta(days=80))
    ctx.update(goal, status=GoalStatus.ACHIEVED)
    page = reviews_page(window)
    assert [page.model.data(page.model.index(r, 1)) for r in range(2)] == [isolate("second"), isolate("first")]
    assert ctx.plan.info.last_reviewed_on == TODAY - dt.timedelta(days=10)

    since = page.show_changes_since_last()
    text = since.text.toPlainText()
    assert "I achieved 1 goal: Swim again." in text
    assert "Changed: Swim again" in text and "to visit Dublin" not in text
    since.accept()

    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.compare_button.isEnabled()
    between = page.show_changes_at_review()
    text = between.text.toPlainText()
    assert "New: to visit Dublin" in text and "Taken out: a walk" in text
    assert "New: Swim again" in text and "achieved" not in text
    between.accept()
    page.view.setCurrentIndex(page.model.index(1, 0))
    assert not page.compare_button.isEnabled()     # nothing before the first review
    snap = page.show_snapshot()
    assert "a walk" in snap.text.toPlainText() and "Dublin" not in snap.text.toPlainText()
    snap.accept()


def test_a_missing_copy_is_said_kindly(qtbot, open_window):
    window = open_window
    ctx = window.session.ctx
    record_review(ctx, date=TODAY)
    page = reviews_page(window)
    page.snapshot_loader = lambda _rid: None
    ctx.plan.reviews[0].snapshot = None
    messages = []
    ctx.status.connect(messages.append)
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.show_snapshot() is None
    assert messages and "couldn't find" in messages[-1]


@pytest.mark.parametrize("days, expected", [
    (None, ""), (8, ""), (7, "My next review is due on"), (0, "My next review is due on"),
    (-1, "My review was due on")])
def test_reminder_words(days, expected):
    when = None if days is None else TODAY + dt.timedelta(days=days)
    text = reminder_text(when, TODAY)
    assert (text.startswith(expected) if expected else text == "")


# -- what changed, through the same path the page uses -----------------------------------------

FIELDS = [("hopes", "hopes"), ("keeping_well", "everyday"), ("warning_signs", "i_notice")]
edits = st.lists(st.tuples(st.sampled_from(["add", "update", "remove", "private"]),
                           st.integers(0, 50), st.sampled_from(FIELDS)), max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=edits, second=edits, together=st.booleans())
def test_what_changed_lists_exactly_the_edits(qapp, first, second, together):
    ctx = PlanContext(PlanEditor(Plan.new("Sam"), MemoryStore()))
    page = make_page(SECTIONS_BY_KEY["reviews"], ctx)
    try:
        apply(ctx, first)
        record_review(ctx, date=TODAY - dt.timedelta(days=1))
        before = {e.id: (e.text, e.private) for e in ctx.plan.entries}
        apply(ctx, second)
        now = {e.id: (e.text, e.private) for e in ctx.plan.entries}
        record_review(ctx, date=TODAY)
        ctx.together_with = "Priya" if together else ""
        newer, older = page.model.record(0), page.model.record(1)
        report = compare(page.snapshot(older), page.snapshot(newer), hide_private=together)
        hidden = {i for side in (before, now) for i, (_t, private) in side.items()
                  if together and private}
        assert report.ids("added") == set(now) - set(before) - hidden
        assert report.ids("removed") == set(before) - set(now) - hidden
        assert report.ids("changed") == {i for i in set(now) & set(before)
                                         if now[i] != before[i]} - hidden
        # And against the plan now: nothing changed since the newest review.
        assert compare(page.snapshot(newer), plan_dict(ctx.plan)).empty
    finally:
        page.deleteLater()
        ctx.detach()


def apply(ctx: PlanContext, script) -> None:
    """Add, change, remove and mark entries "just for me" through the context."""
    for action, n, (sec, fld) in script:
        entries = ctx.plan.entries
        if action == "add" or not entries:
            ctx.add(Entry(section=sec, field=fld, text=f"words {n}"))
        elif action == "remove":
            ctx.remove(entries[n % len(entries)])
        elif action == "update":
            entry = entries[n % len(entries)]
            ctx.update(entry, text=entry.text + f" {n}")
        else:
            entry = entries[n % len(entries)]
            ctx.update(entry, private=not entry.private)
