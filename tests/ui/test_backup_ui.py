"""Backups in the app: File > Save a backup copy, the automatic backup on
unlock, and bringing a damaged plan back from the unlock screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from recoveryplan import storage
from recoveryplan.storage import backup

PASSPHRASE = "purple tiger river lamp"   # as in tests/ui/conftest.py


def damage(plan_dir) -> bytes:
    data = bytearray((plan_dir / "plan.db").read_bytes())
    data[len(data) // 2] ^= 0x40
    (plan_dir / "plan.db").write_bytes(bytes(data))
    return bytes(data)


def test_unlocking_makes_todays_backup(open_window, plan_dir, qtbot):
    qtbot.waitUntil(lambda: backup.has_backups(plan_dir), timeout=20_000)
    assert len(list((plan_dir / "backups").glob("backup-*.rpbackup"))) == 1


def test_save_a_backup_copy_from_the_file_menu(open_window, dialogs, tmp_path, qtbot):
    window = open_window
    action = window.actions_["save_backup"]
    assert action in window.findChild(type(window.menuBar().actions()[0].menu()), "fileMenu").actions()
    dialogs.paths.append(tmp_path / "usb" / "my plan")
    (tmp_path / "usb").mkdir()
    action.trigger()
    qtbot.waitUntil(lambda: any(s.kind == "information" for s in dialogs.shown), timeout=20_000)
    saved = tmp_path / "usb" / "my plan.rpbackup"
    assert saved.is_file()
    assert backup.read_backup(saved).plan_id


def test_a_backup_that_cannot_be_saved_says_so_kindly(open_window, dialogs, tmp_path, qtbot):
    dialogs.paths.append(tmp_path / "no such folder" / "copy.rpbackup")
    open_window.actions_["save_backup"].trigger()
    qtbot.waitUntil(lambda: any(s.kind == "warning" for s in dialogs.shown), timeout=20_000)
    shown = [s for s in dialogs.shown if s.kind == "warning"][0]
    assert "Traceback" not in shown.text and "unchanged" in shown.text


def _unlock_damaged(window, qtbot, secret=PASSPHRASE):
    screen = window.start.unlock
    qtbot.keyClicks(screen.secret_edit, secret)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.error_label.isVisible(), timeout=20_000)
    return screen


def test_a_damaged_plan_opens_from_its_newest_good_backup(make_window, created_plan, plan_dir,
                                                          dialogs, qtbot):
    db = storage.open_plan(plan_dir, PASSPHRASE)
    backup.daily_backup(db)
    db.close()
    damaged = damage(plan_dir)
    window = make_window()
    screen = _unlock_damaged(window, qtbot)
    assert "damaged" in screen.error_label.text()
    assert screen.restore_newest_button.isVisible() and screen.restore_file_button.isVisible()
    qtbot.mouseClick(screen.restore_newest_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)
    info = [s for s in dialogs.shown if s.kind == "information"][-1]
    assert "Your plan is back" == info.title and "kept, unchanged" in info.text
    kept = [p for p in plan_dir.parent.iterdir() if p.name.startswith("plan.replaced-")]
    assert len(kept) == 1 and (kept[0] / "plan.db").read_bytes() == damaged


def test_restore_from_a_backup_file_with_a_wrong_secret_then_the_right_one(
        make_window, created_plan, plan_dir, dialogs, tmp_path, qtbot):
    db = storage.open_plan(plan_dir, PASSPHRASE)
    backup.save_backup(db, tmp_path / "copy.rpbackup")
    db.close()
    damage(plan_dir)
    window = make_window()
    screen = _unlock_damaged(window, qtbot, "not my passphrase at all")
    assert not screen.restore_newest_button.isVisible()     # no automatic backups here
    dialogs.paths.append(tmp_path / "copy.rpbackup")
    qtbot.mouseClick(screen.restore_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "when the backup was made" in screen.error_label.text(), timeout=20_000)
    assert screen.restore_file_button.isVisible()
    screen.secret_edit.clear()
    qtbot.keyClicks(screen.secret_edit, created_plan)          # the recovery key
    dialogs.paths.append(tmp_path / "copy.rpbackup")
    qtbot.mouseClick(screen.restore_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)


def test_a_new_computer_brings_the_plan_back_from_a_backup_file(
        qtbot, tmp_path, make_window, dialogs):
    """On a computer with no plan yet, the welcome screen restores a backup
    file made elsewhere; the wrong passphrase changes nothing."""
    from recoveryplan import storage
    from recoveryplan.plans.model import Entry, Plan
    from recoveryplan.storage.backup import save_backup

    elsewhere = tmp_path / "old-computer" / "plan"
    db, _key = storage.create_plan(elsewhere, "lighthouse biscuit tin 42", Plan.new("Jo"))
    db.save_record(Entry(section="hopes", field="hopes", text="To swim in the sea"), None, 0)
    backup_file = tmp_path / "usb" / "my plan.rpbackup"
    backup_file.parent.mkdir()
    save_backup(db, backup_file)
    db.close()

    window = make_window()
    flow = window.start
    assert flow.currentWidget() is flow.welcome
    dialogs.paths.append(backup_file)
    qtbot.mouseClick(flow.welcome.restore_button, Qt.MouseButton.LeftButton)
    screen = flow.unlock
    assert flow.currentWidget() is screen and "my plan.rpbackup" in screen._intro.text()

    qtbot.keyClicks(screen.secret_edit, "not the passphrase")
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.error_label.isVisible(), timeout=20_000)
    assert not storage.plan_exists(window.plan_path)

    screen.secret_edit.clear()
    qtbot.keyClicks(screen.secret_edit, "lighthouse biscuit tin 42")
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)
    plan = window.workspace.ctx.plan
    assert plan.info.owner_name == "Jo"
    assert [e.text for e in plan.entries_for("hopes")] == ["To swim in the sea"]
    assert any(s.kind == "information" for s in dialogs.shown)
