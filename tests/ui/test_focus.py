"""Every stop of the Tab key is something the person can see, and shows a
clear focus ring (the palette's highlight colour around it). Tab is sent
to the window, as a key press is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from recoveryplan.plans.model import CheckIn, Entry, Goal


def _ring_share(widget) -> float:
    """Share of the widget's outer 2-pixel band drawn in the highlight colour
    (for a tab bar: the band of its current tab, which is what takes focus)."""
    from PySide6.QtWidgets import QTabBar

    area = widget.tabRect(widget.currentIndex()) if isinstance(widget, QTabBar) else widget.rect()
    image = widget.grab(area).toImage()
    ring = widget.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    width, height = image.width(), image.height()
    hits = total = 0
    ratio = image.devicePixelRatio() or 1
    band = int(2 * ratio)
    for x in range(0, width):
        for y in list(range(band)) + list(range(height - band, height)):
            total += 1
            hits += _close(QColor(image.pixel(x, y)), ring)
    for y in range(band, height - band):
        for x in list(range(band)) + list(range(width - band, width)):
            total += 1
            hits += _close(QColor(image.pixel(x, y)), ring)
    return hits / max(total, 1)


def _close(a: QColor, b: QColor) -> int:
    return int(abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60)


def _walk(qtbot, window, stops: int = 60) -> list:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    seen = []
    for _ in range(stops):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Tab)
        QApplication.processEvents()
        focus = QApplication.focusWidget()
        if focus in [f for f, _share, _visible in seen]:
            break
        top_left = focus.mapTo(window, QPoint(0, 0))
        on_screen = QRect(top_left, focus.size()).intersects(window.rect())
        seen.append((focus, _ring_share(focus), focus.isVisible() and on_screen
                     and focus.width() > 4 and focus.height() > 4))
    return seen


def _name(widget) -> str:
    return f"{type(widget).__name__}#{widget.objectName()}"


@pytest.mark.parametrize("section", ["about_me", "goals", "checkins", "my_people", "hard_times", "reviews"])
def test_every_tab_stop_is_visible_and_shows_a_focus_ring(qtbot, open_window, section) -> None:
    window = open_window
    ctx = window.session.ctx
    ctx.add(Entry(section="about_me", field="matters", text="My sister"))
    ctx.add(Goal(what="Walk to the park"))
    ctx.add(CheckIn(hope=6, control=5, beyond=4))
    window.workspace.go_to(section)
    seen = _walk(qtbot, window)
    assert len(seen) > 3
    invisible = [_name(w) for w, _share, visible in seen if not visible]
    assert not invisible
    without_ring = [(_name(w), round(share, 2)) for w, share, _visible in seen if share < 0.4]
    assert not without_ring


def test_tab_crosses_the_toolbar_in_the_order_it_is_seen(qtbot, open_window) -> None:
    window = open_window
    names = ("lockButton", "togetherButton", "helpNowButton")
    seen = [w for w, _share, _visible in _walk(qtbot, window) if w.objectName() in names]
    assert [w.objectName() for w in seen] == list(names)
    xs = [w.mapTo(window, QPoint(0, 0)).x() for w in seen]
    assert xs == sorted(xs)


def test_tab_goes_down_a_goal_as_it_is_seen(qtbot, open_window) -> None:
    window = open_window
    window.session.ctx.add(Goal(what="Walk to the park"))
    window.workspace.go_to("goals")
    page = window.workspace.current_page()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    what = page.what
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     what.mapTo(window, what.rect().center()))
    assert QApplication.focusWidget() is what
    seen = [what]
    for _ in range(8):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    names = [w.objectName() for w in seen]
    assert names.index("goalArea") < names.index("goalWho") < names.index("goalStatus"), names
    rows = [w.mapTo(window, QPoint(0, 0)).y() for w in seen[:names.index("goalStatus") + 1]]
    assert rows == sorted(rows), names


def test_a_narrow_window_never_folds_need_help_now_away(qtbot, open_window) -> None:
    """Made as narrow as the person likes, the window keeps its toolbar's
    buttons whole: the last of them, "Need help now?", was folded away at
    400 pixels wide."""
    window = open_window
    for width in (400, 300, 120):
        window.resize(width, 400)
        for _ in range(3):
            QApplication.processEvents()
        button = window.help_now_button
        assert button.isVisible(), width
        assert button.mapTo(window, button.rect().topRight()).x() < window.width(), width
        for name in ("lockButton", "togetherButton"):
            other = window.findChild(QWidget, name)
            assert other.isVisible(), (width, name)
