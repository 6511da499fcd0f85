"""The control with the keyboard focus is in sight on a scrolling page:
Tab scrolls to each stop (all of it, not a pixel of its edge), Shift+Tab
from the toolbar shows the page's last control, a list that lays its rows
out again above the focus doesn't push the focus below the fold, and a
person who scrolls away with the wheel is left where they scrolled.

Keys and the wheel are sent to the window and routed by Qt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from recoveryplan.plans.model import Entry
from recoveryplan.plans.sections import SECTIONS
from recoveryplan.ui.widgets.lists import GrowingListView

SECTIONS_WITH_LISTS = ("strengths", "warning_signs", "hard_times")


def wheel_at(widget, notches: int) -> None:
    """Notches of the wheel over ``widget`` (up for positive), given to its window."""
    window = widget.window()
    position = widget.mapTo(window, widget.rect().center())
    QTest.wheelEvent(window.windowHandle(), QPointF(position), QPoint(0, 120 * notches))
    QApplication.processEvents()

def _fully_in_sight(page, widget) -> bool:
    viewport = page.scroll.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    if widget.height() > viewport.height():
        return top_left.y() <= viewport.height() // 2 and top_left.y() + widget.height() >= 0
    return top_left.y() >= 0 and top_left.y() + widget.height() <= viewport.height()


def _fill(ctx, section: str, fields, n: int = 4) -> None:
    for field in fields:
        for i in range(n):
            ctx.add(Entry(section=section, field=field,
                          text=f"Something that helps, number {i + 1}, in a few more words than fit"))


def _open_on(qtbot, window, section: str):
    ctx = window.session.ctx
    spec = next(s for s in SECTIONS if s.key == section)
    _fill(ctx, section, [f.key for f in spec.fields if f.multi])
    window.resize(900, 560)
    window.workspace.go_to(section)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = window.workspace.current_page()
    page.scroll.verticalScrollBar().setValue(0)
    window.workspace.nav.setFocus()
    QTest.qWait(50)
    return page


@pytest.mark.parametrize("section", SECTIONS_WITH_LISTS)
def test_every_tab_stop_on_the_page_is_wholly_in_sight(qtbot, open_window, section) -> None:
    page = _open_on(qtbot, open_window, section)
    seen, hidden = [], []
    for _ in range(80):
        QTest.keyClick(open_window.windowHandle(), Qt.Key.Key_Tab)
        QTest.qWait(130)            # a wrapping list lays its rows out again after 100 ms
        focus = QApplication.focusWidget()
        if focus in seen:
            break
        seen.append(focus)
        if page.body.isAncestorOf(focus) and not _fully_in_sight(page, focus):
            hidden.append(f"{type(focus).__name__}#{focus.objectName()}")
    assert sum(page.body.isAncestorOf(w) for w in seen) > 10
    assert page.scroll.verticalScrollBar().maximum() > 0, "the page must scroll for this test"
    assert hidden == []


def test_shift_tab_into_the_page_from_outside_shows_its_last_control(qtbot, open_window) -> None:
    page = _open_on(qtbot, open_window, "hard_times")
    bar = page.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    # Shift+Tab from the list of sections goes back round (past the toolbar)
    # to the page's last control, at the foot of the page.
    focus = None
    for _ in range(40):
        QTest.keyClick(open_window.windowHandle(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        QTest.qWait(30)
        focus = QApplication.focusWidget()
        if page.body.isAncestorOf(focus):
            break
    assert page.body.isAncestorOf(focus)
    QTest.qWait(130)
    assert _fully_in_sight(page, focus), f"{type(focus).__name__}#{focus.objectName()}"
    assert bar.value() > 0


def test_a_list_growing_above_keeps_the_focus_in_sight_until_the_person_scrolls(
        qtbot, open_window) -> None:
    page = _open_on(qtbot, open_window, "strengths")
    views = sorted((v for v in page.body.findChildren(GrowingListView) if v.isVisible()),
                   key=lambda v: v.mapTo(page.body, QPoint(0, 0)).y())
    first, last = views[0], views[-1]
    for _ in range(60):                      # the focus onto the last list, by keyboard
        QTest.keyClick(open_window.windowHandle(), Qt.Key.Key_Tab)
        QTest.qWait(20)
        if QApplication.focusWidget() is last:
            break
    assert QApplication.focusWidget() is last
    QTest.qWait(130)
    assert _fully_in_sight(page, last)
    before = last.mapTo(page.body, QPoint(0, 0)).y()
    # The first list grows by four long rows (an undo, another window's words).
    ctx = open_window.session.ctx
    field = first.objectName().removeprefix("field-strengths-").removesuffix("-list")
    for i in range(4):
        ctx.add(Entry(section="strengths", field=field,
                      text=f"Another long line of my own words, number {i}, that wraps round"))
    QTest.qWait(200)
    assert last.mapTo(page.body, QPoint(0, 0)).y() > before + 40, "the list above must have grown"
    assert _fully_in_sight(page, last)
    # The person scrolls to the top with the wheel: the page stays there,
    # even when the list above lays out again.
    bar = page.scroll.verticalScrollBar()
    for _ in range(40):
        wheel_at(page.scroll.viewport(), 1)
        if bar.value() == 0:
            break
    assert bar.value() == 0
    assert not _fully_in_sight(page, last)
    ctx.add(Entry(section="strengths", field=field, text="One more"))
    QTest.qWait(200)
    assert bar.value() == 0

