"""On "Life beyond illness", the links to an area's goals are made when the
area comes near the view (shown, scrolled to, or the focus on it), and the
rest soon after the page shows; until then the room they take is kept, so
nothing moves when they come. Made late, each link is still reached by Tab
and Shift+Tab in its place, named for screen readers, and opens its goal.
Keys and clicks go to the window (Qt routes them); the plan is the real
encrypted one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from conftest import key_to_window, settle
from recoveryplan.plans.model import Goal, LifeArea

PER_AREA = 15


def _links(box) -> list[QPushButton]:
    return [b for b in box.findChildren(QPushButton) if b.property("goalLink") and b.isVisible()]


def _life_beyond(qtbot, window):
    """The page, first shown with fifteen goals in every area (each area
    taller than the window)."""
    ctx = window.session.ctx
    for area in LifeArea:
        for n in range(PER_AREA):
            ctx.add(Goal(what=f"{area.value} goal {n}", life_area=area))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.go_to("life_beyond")
    settle()
    return window.workspace.current_page()


def _goal(window, what: str) -> Goal:
    return next(g for g in window.session.ctx.plan.goals if g.what == what)


def test_far_areas_make_their_links_later_in_the_room_kept_for_them(qtbot, open_window):
    page = _life_beyond(qtbot, open_window)
    bar = page.scroll.verticalScrollBar()
    assert [b.text() for b in _links(page.boxes[LifeArea.HOME])] == [
        f"home goal {n}" for n in range(PER_AREA)]
    assert _links(page.boxes[LifeArea.MEANING]) == []       # far below the view: not yet
    height, meaning_top = bar.maximum(), page.boxes[LifeArea.MEANING].y()
    qtbot.waitUntil(lambda: all(len(_links(box)) == PER_AREA for box in page.boxes.values()),
                    timeout=5000)
    settle()
    assert (bar.maximum(), page.boxes[LifeArea.MEANING].y()) == (height, meaning_top)
    link = _links(page.boxes[LifeArea.MEANING])[3]
    assert link.accessibleName() == "Go to my goal: meaning goal 3"


def test_tab_reaches_a_far_areas_links_and_space_opens_the_goal(qtbot, open_window):
    window = open_window
    page = _life_beyond(qtbot, window)
    box = page.boxes[LifeArea.MEANING]
    assert not box.links_made
    box.edits["hope_text"].setFocus(Qt.FocusReason.TabFocusReason)   # as Tab brings it there
    settle()
    key_to_window(window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box.just_for_me
    key_to_window(window, Qt.Key.Key_Tab)
    link = QApplication.focusWidget()
    assert isinstance(link, QPushButton) and link.text() == "meaning goal 0"
    assert link.accessibleName() == "Go to my goal: meaning goal 0"
    key_to_window(window, Qt.Key.Key_Tab)
    assert QApplication.focusWidget().text() == "meaning goal 1"
    key_to_window(window, Qt.Key.Key_Space)
    goals = window.workspace.current_page()
    assert goals.spec.key == "goals"
    assert goals.current_goal() is _goal(window, "meaning goal 1")


def test_shift_tab_from_an_area_reaches_the_last_link_of_the_one_above(qtbot, open_window):
    window = open_window
    page = _life_beyond(qtbot, window)
    above = page.boxes[LifeArea.HEALTH]
    assert not above.links_made
    page.boxes[LifeArea.MEANING].edits["now_text"].setFocus(Qt.FocusReason.BacktabFocusReason)
    settle()
    key_to_window(window, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    link = QApplication.focusWidget()
    assert isinstance(link, QPushButton) and link.text() == f"health goal {PER_AREA - 1}"


def test_a_link_scrolled_to_opens_its_goal_when_clicked(qtbot, open_window):
    window = open_window
    page = _life_beyond(qtbot, window)
    box = page.boxes[LifeArea.ENJOY]
    assert not box.links_made
    bar = page.scroll.verticalScrollBar()
    bar.setValue(box.y())                      # the person scrolls down to it
    settle()
    link = next(b for b in _links(box) if b.text() == "enjoy goal 2")
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     link.mapTo(window, link.rect().center()))
    settle()
    goals = window.workspace.current_page()
    assert goals.spec.key == "goals"
    assert goals.current_goal() is _goal(window, "enjoy goal 2")
