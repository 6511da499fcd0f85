"""Locking: by key, by button, after a quiet spell; nothing of the plan stays."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from recoveryplan.plans.model import Entry


def _assert_locked(qtbot, window, db, pages):
    assert window.session is None and window.workspace is None
    assert db.closed
    assert window.start.currentWidget() is window.start.unlock
    assert window.start.unlock.secret_edit.text() == ""
    assert not window.actions_["lock"].isEnabled()
    assert not window.findChildren(type(pages[0]))
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(p) for p in pages))


def test_ctrl_l_locks_and_unlocking_brings_everything_back(qtbot, open_window, unlock):
    window = open_window
    ctx = window.session.ctx
    ctx.add(Entry(section="hopes", field="hopes", text="To see my sister in Dublin"))
    assert ctx.undo_stack.count() == 1
    db, pages = window.session.db, list(window.workspace.pages)
    assert window.actions_["lock"].shortcut() == QKeySequence("Ctrl+L")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.workspace.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert ctx.undo_stack.count() == 0                      # the undo history is gone too
    _assert_locked(qtbot, window, db, pages)

    unlock(window)
    plan = window.session.plan
    assert [e.text for e in plan.entries_for("hopes", "hopes")] == ["To see my sister in Dublin"]
    assert window.session.ctx is not ctx                    # built fresh
    assert window.session.ctx.undo_stack.count() == 0


def test_lock_button(qtbot, open_window):
    window = open_window
    db, pages = window.session.db, list(window.workspace.pages)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    _assert_locked(qtbot, window, db, pages)


def test_locks_itself_after_a_quiet_spell(qtbot, open_window, unlock):
    window = open_window
    window.session.ctx.add(Entry(section="strengths", field="good_at", text="Fixing bikes"))
    db, pages = window.session.db, list(window.workspace.pages)
    window.idle.set_interval_ms(200)
    qtbot.waitUntil(lambda: window.session is None, timeout=5_000)
    _assert_locked(qtbot, window, db, pages)
    assert not window.idle.is_active()      # nothing to lock while locked
    unlock(window)
    assert window.idle.is_active()
    assert [e.text for e in window.session.plan.entries_for("strengths")] == ["Fixing bikes"]


def test_locking_closes_dialogs_that_show_plan_text(qtbot, open_window):
    window = open_window
    dialog = window.show_help_now()
    qtbot.waitUntil(dialog.isVisible)
    window.lock()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible())


def test_idle_delay_comes_from_preferences(qtbot, make_window, ui_settings):
    ui_settings.idle_lock_minutes = 7
    window = make_window()
    assert window.idle.interval_ms() == 7 * 60_000
    dialog = window.show_preferences()
    dialog.minutes_spin.setValue(12)
    dialog.accept()
    assert ui_settings.idle_lock_minutes == 12
    assert window.idle.interval_ms() == 12 * 60_000
    ui_settings.idle_lock_minutes = 500
    assert ui_settings.idle_lock_minutes == 120


def test_unlocking_returns_to_the_page_i_was_on(qtbot, open_window, unlock):
    from PySide6.QtTest import QTest

    window = open_window
    nav = window.workspace.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == "My goals")
    rect = nav.visualItemRect(nav.item(row))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     nav.viewport().mapTo(window, rect.center()))
    assert window.workspace.current_page().spec.key == "goals"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is None
    unlock(window)
    assert window.workspace.current_page().spec.key == "goals"
    assert window.workspace.nav.currentRow() == row
