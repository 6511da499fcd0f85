"""A click on a small step's check box ticks it and makes that step the
current one, so the keys (Up, Down, Space) then act from the row the
person just clicked; Undo gives the tick back as before."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from recoveryplan.plans.model import Goal, Step


def _check_box_centre(view, row: int):
    """Where the check box of ``row`` is drawn, in the viewport."""
    index = view.model().index(row, 0)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    return view.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view).center()


def _goal_with_steps(qtbot, window):
    ctx = window.session.ctx
    goal = Goal(what="Swim again", steps=[Step(text="Find the pool"), Step(text="Buy goggles"),
                                           Step(text="Go on a quiet morning")])
    ctx.add(goal)
    window.workspace.go_to("goals")
    page = window.workspace.current_page()
    page.select_goal(goal.id)
    qtbot.waitUntil(page.detail.isVisible)
    steps = page.steps
    page.scroll.ensureWidgetVisible(steps)
    steps.setFocus()
    steps.setCurrentIndex(page.steps_model.index(0, 0))
    qtbot.waitUntil(lambda: steps.visualRect(page.steps_model.index(2, 0)).height() > 0)
    return ctx, goal, page, steps


def test_clicking_a_steps_check_box_makes_it_the_current_step(qtbot, open_window) -> None:
    window = open_window
    _ctx, goal, page, steps = _goal_with_steps(qtbot, window)
    QTest.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _check_box_centre(steps, 1))
    qtbot.waitUntil(lambda: goal.steps[1].done_on is not None)
    assert goal.steps[1].done_on == dt.date.today()
    assert steps.currentIndex().row() == 1
    assert steps.hasFocus()
    # The keys go on from there: Down, then Space ticks the third step, not the second.
    QTest.keyClick(steps, Qt.Key.Key_Down)
    QTest.keyClick(steps, Qt.Key.Key_Space)
    assert steps.currentIndex().row() == 2
    assert goal.steps[2].done_on == dt.date.today()
    assert goal.steps[0].done_on is None and goal.steps[1].done_on is not None
    # Ctrl+Z takes back the last tick, then the clicked one.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: goal.steps[2].done_on is None)
    assert goal.steps[1].done_on is not None
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: goal.steps[1].done_on is None)


def test_a_second_click_on_the_check_box_takes_the_tick_off_the_same_step(qtbot, open_window):
    window = open_window
    _ctx, goal, page, steps = _goal_with_steps(qtbot, window)
    where = _check_box_centre(steps, 2)
    QTest.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    qtbot.waitUntil(lambda: goal.steps[2].done_on is not None)
    qtbot.wait(600)     # not a double-click
    QTest.mouseClick(steps.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _check_box_centre(steps, 2))
    qtbot.waitUntil(lambda: goal.steps[2].done_on is None)
    assert steps.currentIndex().row() == 2
    assert [s.done_on for s in goal.steps] == [None, None, None]
