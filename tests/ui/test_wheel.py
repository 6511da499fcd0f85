"""Scrolling a page never changes a value, focused or not, and never gives a
box the focus. The wheel goes to the window at the box's position (through
the window system interface, as a real mouse's would), so Qt routes it,
gives focus by its own rules and passes it on to the page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QSlider, QSpinBox, QWidget

from recoveryplan.plans.model import Goal, GoalStatus, LifeArea


def wheel_at(widget: QWidget, notches: int = -1) -> None:
    """One notch of the wheel over the middle of ``widget``, given to its window."""
    window = widget.window()
    position = widget.mapTo(window, widget.rect().center())
    QTest.wheelEvent(window.windowHandle(), QPointF(position), QPoint(0, 120 * notches))
    QApplication.processEvents()


def _goal_page(qtbot, window):
    ctx = window.session.ctx
    goal = Goal(what="Swim again", life_area=LifeArea.HEALTH, status=GoalStatus.UNDER_WAY,
                target_date=dt.date(2027, 3, 31))
    ctx.add(goal)
    window.resize(900, 460)
    window.workspace.go_to("goals")
    page = window.workspace.current_page()
    page.select_goal(goal.id)
    qtbot.waitUntil(lambda: page.detail.isVisible())
    return ctx, goal, page


def test_scrolling_the_goals_page_changes_nothing_and_scrolls(qtbot, open_window):
    window = open_window
    ctx, goal, page = _goal_page(qtbot, window)
    boxes = [page.findChild(QComboBox, "goalArea"), page.findChild(QComboBox, "goalStatus"),
             page.target.date_edit]
    bar = page.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    for focused in (False, True):
        for box in boxes:
            page.scroll.ensureWidgetVisible(box, 0, 120)
            bar.setValue(min(bar.value(), bar.maximum() - 40))
            if focused:             # clicked or tabbed to first: still no change
                box.setFocus(Qt.FocusReason.TabFocusReason)
                qtbot.waitUntil(box.hasFocus)
            else:
                page.view.setFocus(Qt.FocusReason.TabFocusReason)
                qtbot.waitUntil(page.view.hasFocus)
            before = bar.value()
            values = [b.currentIndex() for b in boxes[:2]], page.target.date_edit.text()
            wheel_at(box)
            assert ([b.currentIndex() for b in boxes[:2]], page.target.date_edit.text()) == values
            assert bar.value() > before, f"the page did not scroll over {box.objectName()}"
            assert box.hasFocus() is focused, "the wheel gave the box the focus"
    assert (goal.life_area, goal.status, goal.target_date) == (
        LifeArea.HEALTH, GoalStatus.UNDER_WAY, dt.date(2027, 3, 31))
    assert window.session.flush()
    saved = window.session.db.load_plan().goals[0]
    assert (saved.life_area, saved.status, saved.target_date) == (
        LifeArea.HEALTH, GoalStatus.UNDER_WAY, dt.date(2027, 3, 31))
    assert not ctx.undo_stack.canRedo()


def test_scrolling_over_check_in_sliders_changes_nothing(qtbot, open_window):
    window = open_window
    window.resize(900, 460)
    window.workspace.go_to("checkins")
    page = window.workspace.current_page()
    bar = page.scroll.verticalScrollBar()
    sliders = [s for s in page.findChildren(QSlider) if s.isVisible()]
    assert sliders and bar.maximum() > 0
    for slider in sliders[:2]:
        page.scroll.ensureWidgetVisible(slider, 0, 100)
        bar.setValue(0)
        page.scroll.ensureWidgetVisible(slider, 0, 100)
        value, before = slider.value(), bar.value()
        wheel_at(slider)
        assert slider.value() == value and not slider.hasFocus()
        assert bar.value() > before
        slider.setFocus(Qt.FocusReason.TabFocusReason)
        wheel_at(slider, 1)
        assert slider.value() == value


def test_spin_box_in_preferences_keeps_its_value(qtbot, open_window):
    window = open_window
    dialog = window.show_preferences()
    qtbot.waitExposed(dialog)
    spin = dialog.findChild(QSpinBox)
    value = spin.value()
    other = dialog.findChild(QComboBox)
    other.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(other.hasFocus)
    for focused in (False, True):
        if focused:
            spin.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.waitUntil(spin.hasFocus)
        wheel_at(spin)
        assert spin.value() == value
        assert spin.hasFocus() is focused
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Up)      # the keyboard still changes it
    assert spin.value() == value + 1
    dialog.reject()
