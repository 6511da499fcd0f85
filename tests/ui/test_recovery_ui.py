"""Getting back in: change the passphrase from the app, a new recovery key
shown once, the clipboard forgetting a copied key, and no file-dialog
history left behind."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog

from recoveryplan import storage
from recoveryplan.ui.change_passphrase import ChangePassphraseDialog
from recoveryplan.ui.start.recovery_key import RecoveryKeyDialog, SecretClipboard

PASSPHRASE = "purple tiger river lamp"   # as in tests/ui/conftest.py

NEW = "marmalade skies above tall chimneys"


def fill(qtbot, dialog: ChangePassphraseDialog, current: str, new: str, again: str) -> None:
    for edit, text in ((dialog.current_edit, current), (dialog.new_edit, new),
                       (dialog.repeat_edit, again)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_change_passphrase_from_the_plan_menu(open_window, plan_dir, dialogs, qtbot):
    window = open_window
    assert window.actions_["change_passphrase"] in window.findChild(
        type(window.menuBar().actions()[0].menu()), "planMenu").actions()
    window.actions_["change_passphrase"].trigger()
    dialog = window.findChild(ChangePassphraseDialog)
    assert dialog is not None and dialog.isVisible()
    fill(qtbot, dialog, PASSPHRASE, "short", "short")
    assert "easy to guess" in dialog.strength_label.text().lower()
    dialog.change_button.click()
    assert "harder to guess" in dialog.error_label.text()
    fill(qtbot, dialog, "not it", NEW, NEW)
    assert "strong" in dialog.strength_label.text().lower()
    dialog.change_button.click()
    qtbot.waitUntil(lambda: "isn't your current passphrase" in dialog.error_label.text(),
                    timeout=20_000)
    fill(qtbot, dialog, PASSPHRASE, NEW, NEW + "!")
    dialog.change_button.click()
    assert "not the same" in dialog.error_label.text()
    fill(qtbot, dialog, PASSPHRASE, NEW, NEW)
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.change_button.click()
    assert dialogs.shown[-1].title == "Passphrase changed"
    assert "no longer opens this plan or the backups kept with it" in dialogs.shown[-1].text
    assert "still opens any backup file you saved somewhere else" in dialogs.shown[-1].text
    assert window.lock()
    storage.open_plan(plan_dir, NEW).close()
    try:
        storage.open_plan(plan_dir, PASSPHRASE).close()
        raise AssertionError("the old passphrase still opens the plan")
    except storage.WrongSecret:
        pass


def test_a_new_recovery_key_is_shown_once_and_works(open_window, plan_dir, dialogs, created_plan,
                                                    qtbot):
    window = open_window
    dialogs.answers.append(True)
    window.actions_["new_recovery_key"].trigger()
    qtbot.waitUntil(lambda: window.findChild(RecoveryKeyDialog) is not None, timeout=20_000)
    dialog = window.findChild(RecoveryKeyDialog)
    key_text = dialog.screen_widget._key
    assert key_text and key_text != created_plan
    dialog.reject()                     # Escape: the key is shown only once, so it asks
    assert dialog.isVisible() and dialogs.shown[-1].title == "Your recovery key isn't kept yet"
    dialogs.answers.append(True)
    dialog.reject()
    assert dialog.screen_widget._key == "" and dialog.screen_widget.key_label.text() == ""
    assert window.lock()
    storage.open_plan(plan_dir, key_text).close()
    try:
        storage.open_plan(plan_dir, created_plan).close()
        raise AssertionError("the old recovery key still works")
    except storage.WrongSecret:
        pass


def test_the_clipboard_forgets_a_copied_key(qtbot):
    clipboard = QGuiApplication.clipboard()
    keeper = SecretClipboard(clear_after_ms=50)
    keeper.copy("ABCD-EFGH")
    assert clipboard.text() == "ABCD-EFGH"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=5_000)
    keeper.copy("ABCD-EFGH")
    clipboard.setText("something the person copied since")
    qtbot.waitUntil(lambda: not keeper._timer.isActive(), timeout=5_000)
    assert clipboard.text() == "something the person copied since"


def test_no_file_dialog_history_is_kept(qtbot, tmp_path):
    from recoveryplan.ui.app import forget_file_dialog_history

    folder = tmp_path / "QZsecret-folder-nameZQ"
    folder.mkdir()
    dialog = QFileDialog(None, "t", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.show()
    dialog.done(QDialog.DialogCode.Accepted)
    del dialog                                           # Qt saves its history here
    settings_file = QSettings(QSettings.Scope.UserScope, "QtProject").fileName()
    import gc

    gc.collect()
    QSettings(QSettings.Scope.UserScope, "QtProject").sync()
    from pathlib import Path

    assert "QZsecret-folder-nameZQ" in Path(settings_file).read_text()   # Qt does remember it
    forget_file_dialog_history()
    assert "QZsecret-folder-nameZQ" not in Path(settings_file).read_text()
