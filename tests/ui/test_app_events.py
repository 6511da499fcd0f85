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


def test_the_filter_waits_for_the_window_to_be_on_screen(qtbot, plan_dir, created_plan,
                                                         ui_settings, dialogs):
    """No Python sees the app's events while the first screen is built: the
    filter joins once the window is shown, and catches up with the boxes
    built before (the welcome screen's language box stays steady)."""
    from recoveryplan.ui import app_events
    from recoveryplan.ui.main_window import MainWindow

    window = MainWindow(plan_dir / "not yet", ui_settings, dialogs)
    qtbot.addWidget(window)
    assert app_events.held()
    box = window.start.welcome.language_combo
    window.show()
    qtbot.waitUntil(lambda: not app_events.held())
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert window.idle in _shared().members()
    window.close()


def test_a_window_never_shown_gives_the_filter_back_when_it_closes(qtbot, plan_dir, ui_settings,
                                                                   dialogs):
    """Closing a window that was never shown lets the rest of the app see
    its events again: a member of the shared filter sees a key press."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QLineEdit

    from recoveryplan.ui import app_events
    from recoveryplan.ui.main_window import MainWindow

    class Keys(QObject):
        EVENTS = frozenset({QEvent.Type.KeyPress})

        def __init__(self) -> None:
            super().__init__()
            self.seen: list[QObject] = []

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
            self.seen.append(watched)
            return False

    window = MainWindow(plan_dir, ui_settings, dialogs)
    qtbot.addWidget(window)
    keys = Keys()
    app_events.join(keys)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClick(edit, Qt.Key.Key_A)
    assert edit not in keys.seen                 # held while the window is being made
    window.shut_down()
    qtbot.keyClick(edit, Qt.Key.Key_B)
    assert edit in keys.seen
    app_events.leave(keys)
    window.close()
