"""A plan on a USB stick: real FAT32 and exFAT file systems, mounted through
FUSE (``fusefat``; ``exfat-fuse`` on a loop device), as most sticks are
formatted. They have no permissions (chmod fails or does nothing), FAT
through fusefat can't share memory maps (so no WAL) and loses the files of
a renamed folder, and sticks are often filled by a plan made elsewhere."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from recoveryplan.plans.model import Entry, Plan
from recoveryplan.storage import backup, check_plan, create_plan, open_plan
from recoveryplan.storage.writer import BackgroundStore

PASSPHRASE = "a stick in my coat pocket"
NEW = "another pocket another day"


def _needs(*tools: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a file system image needs root")
    if not os.path.exists("/dev/fuse"):
        pytest.skip("FUSE is not available here (/dev/fuse is missing)")
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (scripts/install-debian-packages.sh test)")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


@pytest.fixture
def fat32(tmp_path):
    _needs("mkfs.vfat", "fusefat")
    image, mount_point = tmp_path / "fat32.img", tmp_path / "FAT32 STICK"
    with open(image, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    assert _run("mkfs.vfat", "-F", "32", str(image)).returncode == 0
    mount_point.mkdir()
    result = _run("fusefat", "-o", "rw+", str(image), str(mount_point))
    if result.returncode != 0 or not os.path.ismount(mount_point):
        pytest.skip(f"fusefat could not mount here: {result.stderr.strip()[-200:]}")
    yield mount_point
    _run("umount", "-l", str(mount_point))


@pytest.fixture
def exfat(tmp_path):
    _needs("mkfs.exfat", "mount.exfat-fuse", "losetup")
    image, mount_point = tmp_path / "exfat.img", tmp_path / "EXFAT STICK"
    with open(image, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    assert _run("mkfs.exfat", str(image)).returncode == 0
    loop = _run("losetup", "-f", "--show", str(image))
    if loop.returncode != 0:
        pytest.skip(f"no loop device for exfat-fuse: {loop.stderr.strip()[-200:]}")
    device = loop.stdout.strip()
    mount_point.mkdir()
    result = _run("mount.exfat-fuse", device, str(mount_point))
    if result.returncode != 0 or not os.path.ismount(mount_point):
        _run("losetup", "-d", device)
        pytest.skip(f"exfat-fuse could not mount here: {result.stderr.strip()[-200:]}")
    yield mount_point
    _run("umount", "-l", str(mount_point))
    _run("losetup", "-d", device)


@pytest.fixture(params=["fat32", "exfat"])
def stick(request) -> Path:
    return request.getfixturevalue(request.param)


def texts(folder: Path, secret: str = PASSPHRASE) -> list[str]:
    db = open_plan(folder, secret)
    try:
        return [e.text for e in db.load_plan().entries]
    finally:
        db.close()


def entry(text: str) -> Entry:
    return Entry(section="hopes", field="hopes", text=text)


def test_a_new_plan_on_a_stick_is_made_used_and_kept(stick):
    folder = stick / "My recovery plan"
    db, _key = create_plan(folder, PASSPHRASE, Plan.new("Sam"))
    try:
        db.save_record(entry("written on the stick"), None, 0)
        store = BackgroundStore(db)
        store.save_record(entry("saved in the background"), None, 1)
        assert store.flush(30)
        store.close()
        made = backup.daily_backup(db)
        assert made is not None and backup.read_backup(made).plan_id == db.plan_id
        db.change_passphrase(NEW)
    finally:
        db.close()
    # Nothing hidden left beside the plan, or in it.
    assert sorted(os.listdir(stick)) == ["My recovery plan"]
    assert sorted(os.listdir(folder)) == [".plan.lock", "backups", "keys.json", "plan.db"]
    assert texts(folder, NEW) == ["written on the stick", "saved in the background"]
    report = check_plan(folder, NEW)
    assert report.ok, report.findings


def test_a_plan_made_on_the_computer_and_copied_to_a_stick_works_there(stick, tmp_path):
    home = tmp_path / "plan on the computer"
    db, _key = create_plan(home, PASSPHRASE, Plan.new("Sam"))
    db.save_record(entry("from the computer"), None, 0)
    db.close()
    copied = stick / "plan"
    copied.mkdir()              # as a file manager copies: contents only, no permissions
    for name in ("plan.db", "keys.json"):
        shutil.copyfile(home / name, copied / name)
    db = open_plan(copied, PASSPHRASE)
    try:
        store = BackgroundStore(db)
        store.save_record(entry("on the stick"), None, 1)
        assert store.flush(30)
        store.close()
        assert backup.daily_backup(db) is not None
    finally:
        db.close()
    assert texts(copied) == ["from the computer", "on the stick"]
    assert check_plan(copied, PASSPHRASE).ok


def test_a_failed_creation_on_a_stick_leaves_nothing_behind(stick):
    folder = stick / "plan"
    (stick / "plan").mkdir()
    (stick / "plan" / "someone else's file.txt").write_text("not empty")
    with pytest.raises(Exception):
        create_plan(folder, PASSPHRASE)
    assert sorted(os.listdir(stick)) == ["plan"]
