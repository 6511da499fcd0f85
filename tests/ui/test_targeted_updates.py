"""Each change reaches only what shows it: the one row of the one model, the
binding of that record, the mark of that section. A wrong or too-wide
update fails here (how fast that is belongs in bench/)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from recoveryplan.plans.model import Entry, Goal, Plan, Step
from recoveryplan.plans.sections import SECTIONS
from recoveryplan.plans.service import MemoryStore, PlanEditor
from recoveryplan.ui.context import PlanContext
from recoveryplan.ui.models.entries import EntryListModel
from recoveryplan.ui.models.goals import GoalTableModel
from recoveryplan.ui.workspace import Workspace


@pytest.fixture
def ctx(qapp):
    plan = Plan.new("Sam")
    context = PlanContext(PlanEditor(plan, MemoryStore()))
    yield context
    context.detach()


def _rows_changed(model):
    """Rows named by each dataChanged, and every reset, as they come."""
    heard: list = []
    model.dataChanged.connect(lambda top, bottom, *_: heard.append(
        tuple(range(top.row(), bottom.row() + 1))))
    model.modelReset.connect(lambda: heard.append("reset"))
    model.rowsInserted.connect(lambda *_: heard.append("inserted"))
    model.rowsRemoved.connect(lambda *_: heard.append("removed"))
    return heard


def test_ticking_a_step_updates_only_its_goals_row(ctx):
    goals = [Goal(what=w) for w in ("swim", "read", "walk")]
    for goal in goals:
        ctx.add(goal)
    step = Step(text="find the pool")
    ctx.add(step, goals[1])
    model = GoalTableModel(ctx)
    heard = _rows_changed(model)
    ctx.update(step, done_on=dt.date(2026, 3, 1))
    assert heard == [(1,)]
    assert model.data(model.index(1, GoalTableModel.COL_STEPS)) == "1 of 1"


def test_typing_updates_the_one_row_and_no_other_fields_model(ctx):
    mine = [Entry(section="warning_signs", field="i_notice", text=t) for t in "abc"]
    other = Entry(section="warning_signs", field="others_notice", text="x")
    for record in (*mine, other):
        ctx.add(record)
    model = EntryListModel(ctx, "warning_signs", "i_notice")
    others = EntryListModel(ctx, "warning_signs", "others_notice")
    heard, heard_other = _rows_changed(model), _rows_changed(others)
    calls = []
    model.all_records = lambda: calls.append(1) or ctx.plan.entries_for("warning_signs", "i_notice")
    ctx.update(mine[2], text="c, and more")
    ctx.update(other, text="y")
    assert heard == [(2,)] and heard_other == [(0,)]
    assert calls == []          # typing did not make the model look at the other entries
    ctx.remove(mine[0])
    assert heard[-1] == "removed" and model.rowCount() == 2
    ctx.undo()
    assert "inserted" in heard[-2:] and model.record(0) is mine[0] and model.rowCount() == 3
    assert heard_other == [(0,)]


def test_the_same_kind_of_record_in_another_field_leaves_a_model_alone(ctx):
    ctx.add(Entry(section="warning_signs", field="i_notice", text="a"))
    model = EntryListModel(ctx, "warning_signs", "i_notice")
    heard = _rows_changed(model)
    calls = []
    model.all_records = lambda: calls.append(1) or []
    ctx.add(Entry(section="hopes", field="hopes", text="elsewhere"))
    assert heard == [] and calls == []


@pytest.fixture
def workspace(qtbot, ctx):
    space = Workspace(ctx)
    qtbot.addWidget(space)
    space.resize(1000, 700)
    space.show()
    space.activateWindow()
    qtbot.waitUntil(space.isActiveWindow)
    space.pages          # every page built, as after a long session
    return space


def _type(qtbot, window, widget, text: str) -> None:
    """Keys to the window, routed by Qt to the focused box."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    handle = window.window().windowHandle()
    for char in text:
        QTest.keyClick(handle, char)


def test_a_binding_for_another_record_is_untouched(qtbot, ctx, workspace):
    first = Entry(section="hopes", field="recovery_means", text="feeling like me")
    second = Entry(section="about_me", field="about", text="I like films")
    ctx.add(first)
    ctx.add(second)
    workspace.go_to("hopes")
    hopes = workspace.current_page().box("recovery_means").text_edit
    about = workspace.page(0).box("about").text_edit
    assert about.toPlainText() == "I like films"
    shown: list[str] = []
    original = about.set_text_quietly
    about.set_text_quietly = lambda text: (shown.append(text), original(text))
    hopes.setFocus()
    QTest.keyClick(workspace.windowHandle(), Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, workspace, hopes, " again")
    ctx.flush_pending()
    assert first.text == "feeling like me again"
    assert shown == []          # the other record's box was not even asked
    ctx.update(second, text="I like old films")
    assert shown == ["I like old films"] and about.toPlainText() == "I like old films"


def test_the_sidebar_updates_one_mark_and_it_follows(qtbot, ctx, workspace):
    row = next(i for i, s in enumerate(SECTIONS) if s.key == "hopes")
    item = workspace.nav.item(row)
    assert "has writing" not in item.data(Qt.ItemDataRole.AccessibleTextRole)
    refreshed: list[int] = []
    original = workspace._refresh_mark
    workspace._refresh_mark = lambda r: (refreshed.append(r), original(r))
    workspace.go_to("hopes")
    edit = workspace.current_page().findChild(QPlainTextEdit, "field-hopes-recovery_means")
    _type(qtbot, workspace, edit, "hope")
    ctx.flush_pending()
    assert ctx.plan.entries_for("hopes", "recovery_means")[0].text == "hope"
    assert set(refreshed) == {row}
    assert "has writing" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    refreshed.clear()
    ctx.undo()
    assert set(refreshed) == {row}
    assert "has writing" not in item.data(Qt.ItemDataRole.AccessibleTextRole)


def _settle() -> None:
    """Let the event loop handle what is already posted (layouts, repaints)."""
    for _turn in range(5):
        QApplication.processEvents()


def test_a_list_lays_out_again_only_when_a_changed_row_changes_height(qtbot, ctx, workspace):
    entries = [Entry(section="warning_signs", field="i_notice", text=f"sign {n}") for n in range(30)]
    for record in entries:
        ctx.add(record)
    workspace.go_to("warning_signs")
    box = workspace.current_page().box("i_notice")
    view = box.view
    qtbot.waitUntil(lambda: view.rectForIndex(box.model.index(29, 0)).height() > 0)
    _settle()
    measured: list[int] = []
    original = box.delegate.sizeHint
    box.delegate.sizeHint = lambda option, index: (measured.append(index.row()),
                                                   original(option, index))[1]
    ctx.update(entries[5], text="sign 5, again")        # still one line
    _settle()
    assert set(measured) <= {5, *range(view.max_rows)}  # that row (and the view's height rows)
    assert box.model.data(box.model.index(5, 0)).count("again") == 1
    index = box.model.index(7, 0)
    before = view.rectForIndex(index).height()
    ctx.update(entries[7], text="a long sign " * 40)    # wraps onto several lines
    qtbot.waitUntil(lambda: view.rectForIndex(index).height() > before)
    assert view.rectForIndex(index).height() == view.sizeHintForIndex(index).height()
