"""Each change reaches only what shows it: the one row of the one model, the
binding of that record, the mark of that section. A wrong or too-wide
update fails here (how fast that is belongs in bench/)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from recoveryplan.plans.model import Entry, Goal, LifeArea, Plan, Step
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


class _LayoutWatch(QObject):
    def __init__(self, within: QWidget) -> None:
        super().__init__(within)
        self.within, self.heard = within, []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QWidget)
                and (watched is self.within or self.within.isAncestorOf(watched))):
            self.heard.append(watched.objectName() or type(watched).__name__)
        return False


def _layouts_in(widget: QWidget) -> list[str]:
    """The widgets in ``widget`` laid out again from now on (filled as they come)."""
    watch = _LayoutWatch(widget)
    QApplication.instance().installEventFilter(watch)
    return watch.heard


def test_ticking_a_step_updates_its_goals_row_without_measuring_the_table_again(qtbot, ctx, workspace):
    """The goals table's other columns gave way to the goal's words (a
    narrow table): ticking a step repaints the goal's row and count, and
    measures no column again over the sampled rows."""
    goals = [Goal(what=f"goal {n}", life_area=LifeArea.HEALTH,
                  target_date=dt.date(2027, 9, 1 + n % 28)) for n in range(40)]
    for goal in goals:
        ctx.add(goal)
    for text in ("find the pool", "buy goggles"):
        ctx.add(Step(text=text), goals[0])
    workspace.resize(760, 700)
    workspace.go_to("goals")
    page = workspace.current_page()
    table = page.view
    table.setCurrentIndex(page.model.index(0, 0))
    _settle()
    header = table.horizontalHeader()
    assert any(header.sectionSize(c) < table.sizeHintForColumn(c)
               for c in range(1, page.model.columnCount())), "the columns should have given way"
    steps = page.steps
    steps.setFocus()
    qtbot.waitUntil(steps.hasFocus)
    steps.setCurrentIndex(page.steps_model.index(0, 0))
    _settle()
    measured: list[int] = []
    original = table.sizeHintForColumn
    table.sizeHintForColumn = lambda column: (measured.append(column), original(column))[1]
    laid_out = _layouts_in(page)
    qtbot.keyClick(steps, Qt.Key.Key_Space)
    _settle()
    assert goals[0].steps[0].done_on == dt.date.today() and goals[0].steps[1].done_on is None
    count = page.model.index(0, GoalTableModel.COL_STEPS)
    assert page.model.data(count) == "1 of 2"
    assert page.model.data(page.model.index(1, GoalTableModel.COL_STEPS)) == ""
    assert page.steps_model.data(page.steps_model.index(0, 0), Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Checked
    steps.setCurrentIndex(page.steps_model.index(1, 0))
    qtbot.keyClick(steps, Qt.Key.Key_Space)
    _settle()
    assert page.model.data(count) == "2 of 2"
    assert measured == []       # the row repainted; no column measured again
    assert laid_out == []       # and nothing on the page changed size: no layout ran
    ctx.undo()
    _settle()
    assert goals[0].steps[1].done_on is None and page.model.data(count) == "1 of 2"


def test_just_for_me_below_a_lists_first_rows_leaves_its_height_alone(qtbot, ctx, workspace):
    """The list is as tall as its first rows: "Just for me" on an entry
    further down marks its row without the list (and the page) being
    measured again; on the first entry, the list makes room for the mark."""
    entries = [Entry(section="warning_signs", field="i_notice", text=f"sign {n}") for n in range(30)]
    for record in entries:
        ctx.add(record)
    workspace.go_to("warning_signs")
    box = workspace.current_page().box("i_notice")
    view, model = box.view, box.model
    qtbot.waitUntil(lambda: view.rectForIndex(model.index(29, 0)).height() > 0)
    view.setCurrentIndex(model.index(20, 0))
    _settle()
    check = box.just_for_me
    assert check.isVisible()
    measured: list[int] = []
    original = box.delegate.sizeHint
    box.delegate.sizeHint = lambda option, index: (measured.append(index.row()),
                                                   original(option, index))[1]
    height, row_height = view.height(), view.rectForIndex(model.index(20, 0)).height()
    laid_out = _layouts_in(workspace.current_page())
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    _settle()
    assert entries[20].private and check.isChecked()
    qtbot.waitUntil(lambda: view.rectForIndex(model.index(20, 0)).height() > row_height)
    assert not any(entries[n].private for n in range(30) if n != 20)
    # The rows below move down, so QListView measures every row to place it
    # again; the list's own height is not asked: the page is not laid out.
    assert 20 in measured and laid_out == []
    assert view.height() == height
    view.setCurrentIndex(model.index(0, 0))
    _settle()
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    assert entries[0].private
    qtbot.waitUntil(lambda: view.height() > height)          # room for the first row's mark
    first = model.index(0, 0)
    assert view.rectForIndex(first).height() == view.sizeHintForIndex(first).height()
    ctx.undo()
    assert not entries[0].private and not check.isChecked()
    qtbot.waitUntil(lambda: view.height() == height)
