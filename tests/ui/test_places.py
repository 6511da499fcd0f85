"""Where a plan lives, in the app: a new plan where the person chooses, File
▸ Open another plan…, the last plan remembered (its folder only), a plan on
read-only media opened for reading and copied to the computer, and a second
place for backups with a kind reminder when its backup grows old."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from recoveryplan import storage
from recoveryplan.plans.model import Plan
from recoveryplan.storage import backup

PASSPHRASE = "purple tiger river lamp"   # as in tests/ui/conftest.py


def name_box(window) -> QLineEdit:
    return window.workspace.findChild(QLineEdit, "field-about_me-name")


def type_name(qtbot, window, text: str) -> None:
    window.workspace.go_to("about_me")
    box = name_box(window)
    qtbot.waitUntil(box.isVisible)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_End)
    qtbot.keyClicks(box, text)


def test_a_new_plan_lives_where_i_choose(qtbot, make_window, dialogs, tmp_path, ui_settings):
    stick = tmp_path / "USB stick"
    stick.mkdir()
    (stick / "holiday photos").mkdir()
    window = make_window()
    flow = window.start
    qtbot.mouseClick(flow.welcome.start_button, Qt.MouseButton.LeftButton)
    create = flow.create
    dialogs.paths.append(stick)
    qtbot.mouseClick(create.place_button, Qt.MouseButton.LeftButton)
    assert str(stick / "Recovery Plan") in create.place_label.text()
    qtbot.keyClicks(create.passphrase_edit, PASSPHRASE)
    qtbot.keyClicks(create.repeat_edit, PASSPHRASE)
    qtbot.keyClick(create.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.recovery_key, timeout=20_000)
    assert storage.plan_exists(stick / "Recovery Plan")
    assert sorted(os.listdir(stick)) == ["Recovery Plan", "holiday photos"]
    key_screen = flow.recovery_key
    qtbot.keyClicks(key_screen.check_edit, key_screen._key.replace("-", "").replace(" ", "")[-4:])
    qtbot.mouseClick(key_screen.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert ui_settings.last_plan == str(stick / "Recovery Plan")


def test_open_another_plan_from_the_file_menu(qtbot, open_window, dialogs, tmp_path, unlock,
                                             ui_settings, plan_dir):
    other = tmp_path / "on the stick"
    db, _key = storage.create_plan(other / "Recovery Plan", PASSPHRASE, Plan.new("Jo"))
    db.close()
    window = open_window
    assert ui_settings.last_plan == str(plan_dir)
    file_menu = window.findChild(type(window.menuBar().actions()[0].menu()), "fileMenu")
    action = window.actions_["open_other"]
    assert action in file_menu.actions() and action.isEnabled()
    dialogs.paths.append(tmp_path / "nothing here")
    (tmp_path / "nothing here").mkdir()
    action.trigger()
    assert dialogs.shown[-1].title == "No plan there"
    assert window.session is None                      # my plan was saved and locked first
    dialogs.paths.append(other)                        # the stick: its "Recovery Plan" is found
    action.trigger()
    unlock(window)
    assert window.session.plan.info.owner_name == "Jo"
    assert ui_settings.last_plan == str(other / "Recovery Plan")
    # Settings hold the folder, never plan text.
    assert "Jo" not in Path(ui_settings._store.fileName()).read_text()


@pytest.fixture
def read_only_plan(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("bind mounts need root")
    source, view = tmp_path / "source", tmp_path / "stick"
    db, _key = storage.create_plan(source / "plan", PASSPHRASE, Plan.new("Sam"))
    db.close()
    view.mkdir()
    if subprocess.run(["mount", "--bind", str(source), str(view)]).returncode != 0:
        pytest.skip("this machine doesn't allow bind mounts here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(view)]).returncode != 0:
            pytest.skip("can't remount read-only here")
        yield view / "plan"
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_plan_on_read_only_media_can_be_read_and_copied_to_the_computer(
        qtbot, read_only_plan, ui_settings, dialogs, unlock, tmp_path):
    from recoveryplan.ui.main_window import MainWindow

    window = MainWindow(read_only_plan, ui_settings, dialogs)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    unlock(window)
    assert window.session.read_only
    banner = window.read_only_banner
    assert banner.isVisible() and "can't be saved there" in banner.label.text()
    assert window.save_label.text() == "Read only"
    for key in ("bring_in_json", "change_passphrase", "new_recovery_key", "record_review"):
        assert not window.actions_[key].isEnabled()
    assert window.actions_["share_paper"].isEnabled() and window.actions_["save_json"].isEnabled()
    assert not window.together.button.isEnabled()
    type_name(qtbot, window, " Jones")
    assert name_box(window).text() == "Sam"               # read only: nothing typed in
    assert window.session.plan.info.owner_name == "Sam"

    # A backup file can still be saved elsewhere (its scratch copy goes there too).
    dialogs.paths.append(tmp_path / "spare.rpbackup")
    window.actions_["save_backup"].trigger()
    qtbot.waitUntil(lambda: any(s.title == "Backup saved" for s in dialogs.shown), timeout=30_000)
    assert backup.read_backup(tmp_path / "spare.rpbackup").plan_id == window.session.db.plan_id

    computer = tmp_path / "Documents"
    computer.mkdir()
    dialogs.paths.append(computer)
    qtbot.mouseClick(banner.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s.title == "Your plan is copied" for s in dialogs.shown),
                    timeout=30_000)
    copy = computer / "Recovery Plan"
    assert window.session is not None and not window.session.read_only
    assert not banner.isVisible() and window.together.button.isEnabled()
    assert Path(window.session.db.path) == copy and ui_settings.last_plan == str(copy)
    type_name(qtbot, window, " Jones")
    assert window.lock()
    assert window.start.plan_path == copy                 # unlocking opens the copy now
    unlock(window)
    assert Path(window.session.db.path) == copy and not window.session.read_only
    window.close()
    again = storage.open_plan(copy, PASSPHRASE)
    try:
        assert again.load_plan().info.owner_name == "Sam Jones"
    finally:
        again.close()


def test_a_second_place_for_backups(qtbot, open_window, dialogs, tmp_path, ui_settings):
    window = open_window
    place = tmp_path / "Cloud folder"
    place.mkdir()
    dialog = window.show_second_place()
    qtbot.waitUntil(dialog.isVisible)
    assert "No second place" in dialog.place_label.text()
    dialogs.paths.append(place)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    made = backup.second_place_file(place, window.session.db.plan_id)
    qtbot.waitUntil(lambda: "was made on" in dialog.last_label.text(), timeout=30_000)
    assert made.is_file() and ui_settings.second_place == str(place)
    assert backup.read_backup(made).plan_id == window.session.db.plan_id
    assert not dialog.reminder_label.isVisible()

    # The stick is away and the last backup there is 40 days old: a kind reminder.
    os.rename(place, tmp_path / "away")
    ui_settings.second_place_last = (dt.datetime.now(dt.timezone.utc)
                                     - dt.timedelta(days=40)).isoformat(timespec="seconds")
    dialog.refresh()
    assert "can't be reached" in dialog.last_label.text()
    assert dialog.reminder_label.isVisible() and "40 days old" in dialog.reminder_label.text()
    dialog.reject()


def test_the_reminder_comes_when_the_plan_opens(qtbot, make_window, created_plan, unlock,
                                               ui_settings, tmp_path):
    ui_settings.second_place = str(tmp_path / "a stick that isn't plugged in")
    ui_settings.second_place_last = (dt.datetime.now(dt.timezone.utc)
                                     - dt.timedelta(days=31)).isoformat(timespec="seconds")
    window = unlock(make_window())
    qtbot.waitUntil(lambda: "31 days old" in window.statusBar().currentMessage(), timeout=30_000)


def test_when_the_second_place_is_there_a_backup_is_made_as_the_plan_opens(
        qtbot, make_window, created_plan, unlock, ui_settings, tmp_path):
    place = tmp_path / "stick"
    place.mkdir()
    ui_settings.second_place = str(place)
    window = unlock(make_window())
    plan_id = window.session.db.plan_id
    qtbot.waitUntil(lambda: bool(ui_settings.second_place_last), timeout=30_000)
    assert backup.last_second_place_backup(place, plan_id) is not None
