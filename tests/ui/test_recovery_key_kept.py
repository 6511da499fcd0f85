"""The recovery key can't be lost by accident: closing or quitting on its
screen warns; until it is confirmed kept, each unlock reminds and offers a
new one; opening with the key offers a new passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from recoveryplan import storage
from recoveryplan.ui.change_passphrase import ChangePassphraseDialog
from recoveryplan.ui.start.recovery_key import RecoveryKeyDialog, key_groups

PASSPHRASE = "purple tiger river lamp"   # the same as tests/ui/conftest.py
NEW = "quiet orange bicycle morning"
WARNING = "Your recovery key isn't kept yet"


def _create_to_key_screen(qtbot, window):
    flow = window.start
    qtbot.mouseClick(flow.welcome.start_button, Qt.MouseButton.LeftButton)
    create = flow.create
    qtbot.keyClicks(create.name_edit, "Sam")
    qtbot.keyClicks(create.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(create.repeat_edit, PASSPHRASE)
    qtbot.keyClick(create.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.recovery_key, timeout=20_000)
    return flow.recovery_key


def _plan_id(plan_dir) -> str:
    db = storage.open_plan(plan_dir, PASSPHRASE)
    try:
        return db.plan_id
    finally:
        db.close()


def test_quitting_on_the_key_screen_warns_and_the_next_unlock_reminds(
        qtbot, make_window, plan_dir, dialogs, ui_settings, unlock):
    window = make_window()
    _create_to_key_screen(qtbot, window)
    # Ctrl+Q, through the window as a keyboard would: a warning, and "no" keeps it open.
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.shown[-1].title == WARNING
    assert window.isVisible() and window.start.currentWidget() is window.start.recovery_key
    # The window's close button: the same.
    window.close()
    assert dialogs.shown[-1].title == WARNING and window.isVisible()
    assert len([s for s in dialogs.shown if s.title == WARNING]) == 2
    dialogs.answers.append(True)          # "Close anyway"
    window.close()
    assert not window.isVisible()
    plan_id = _plan_id(plan_dir)
    assert ui_settings.recovery_key_unconfirmed(plan_id)

    # Next start: the unlock reminds, and offers a new key.
    second = make_window()
    dialogs.answers.append(True)          # "Make a new recovery key"
    unlock(second)
    qtbot.waitUntil(lambda: second.findChild(RecoveryKeyDialog) is not None, timeout=20_000)
    assert dialogs.shown[-1].title == "Is your recovery key kept safe?"
    dialog = second.findChild(RecoveryKeyDialog)
    key = dialog.screen_widget._key
    qtbot.keyClicks(dialog.screen_widget.check_edit, key_groups(key)[-1])
    qtbot.keyClick(dialog.screen_widget.check_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not ui_settings.recovery_key_unconfirmed(plan_id)
    assert second.lock()
    storage.open_plan(plan_dir, key).close()

    # Kept: no more reminders.
    shown = len(dialogs.shown)
    unlock(second)
    QApplication.processEvents()
    assert not [s for s in dialogs.shown[shown:] if s.title == "Is your recovery key kept safe?"]


def test_saying_not_now_reminds_again_next_time(qtbot, make_window, plan_dir, dialogs,
                                                ui_settings, unlock):
    window = make_window()
    _create_to_key_screen(qtbot, window)
    dialogs.answers.append(True)
    window.close()
    for _round in range(2):
        again = make_window()
        unlock(again)
        qtbot.waitUntil(lambda: dialogs.shown[-1].title == "Is your recovery key kept safe?")
        again.close()
    assert ui_settings.recovery_key_unconfirmed(_plan_id(plan_dir))


def test_a_new_key_closed_without_keeping_it_is_reminded(qtbot, open_window, dialogs, plan_dir,
                                                         ui_settings, unlock):
    window = open_window
    dialogs.answers.append(True)         # make a new key
    window.actions_["new_recovery_key"].trigger()
    qtbot.waitUntil(lambda: window.findChild(RecoveryKeyDialog) is not None, timeout=20_000)
    dialog = window.findChild(RecoveryKeyDialog)
    window.close()                       # quitting with the new key on screen warns too
    assert dialogs.shown[-1].title == WARNING and window.isVisible() and dialog.isVisible()
    assert window.lock()                 # locking takes it off screen (without asking)
    assert ui_settings.recovery_key_unconfirmed(_plan_id(plan_dir))
    unlock(window)
    qtbot.waitUntil(lambda: dialogs.shown[-1].title == "Is your recovery key kept safe?")


def test_opening_with_the_recovery_key_offers_a_new_passphrase(
        qtbot, make_window, created_plan, plan_dir, dialogs, unlock):
    window = make_window()
    dialogs.answers.append(True)         # "Choose a new passphrase"
    unlock(window, created_plan, recovery_key=True)
    qtbot.waitUntil(lambda: window.findChild(ChangePassphraseDialog) is not None)
    assert dialogs.shown[-1].title == "Choose a new passphrase?"
    dialog = window.findChild(ChangePassphraseDialog)
    assert not dialog.current_edit.isVisible()          # the key already proved who I am
    assert dialog.new_edit.hasFocus()
    qtbot.keyClicks(dialog.new_edit, NEW)
    qtbot.keyClicks(dialog.repeat_edit, NEW)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert window.lock()
    storage.open_plan(plan_dir, NEW).close()
    storage.open_plan(plan_dir, created_plan).close()      # the key still works


def test_opening_with_the_passphrase_offers_nothing(qtbot, make_window, created_plan, dialogs,
                                                    unlock):
    window = make_window()
    unlock(window)
    QApplication.processEvents()
    assert not dialogs.shown
