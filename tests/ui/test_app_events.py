"""The parts of the window that must see every event of the app (the idle
lock, the wheel guard, the screen fit) share one application event filter,
so each event crosses into Python once, not once for each of them; and a
page built while that filter is set aside still has its boxes steadied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from recoveryplan.ui.app_events import AppEvents
from recoveryplan.ui.fit import ScreenFit
from recoveryplan.ui.idle import IdleWatcher
from recoveryplan.ui.wheel import WheelGuard


def _shared() -> AppEvents | None:
    return QApplication.instance().findChild(AppEvents, "appEvents",
                                             Qt.FindChildOption.FindDirectChildrenOnly)


def test_the_window_watches_the_app_through_one_filter(open_window):
    window = open_window
    shared = _shared()
    assert shared is not None
    # The most recently joined is asked first, as Qt asks its own filters.
    ours = [m for m in shared.members() if m.parent() is window]
    assert [type(m) for m in ours] == [ScreenFit, WheelGuard, IdleWatcher]
    assert ours[2] is window.idle


def test_a_page_built_with_the_filter_aside_has_steady_boxes(qtbot, open_window):
    window = open_window
    window.workspace.go_to("goals")
    page = window.workspace.current_page()
    boxes = page.findChildren(QComboBox)
    assert boxes
    for box in boxes:
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus, box.objectName()
    shared = _shared()
    assert window.idle in shared.members()      # the filter is back once the page is up
