"""A plan on read-only media (a real read-only bind mount) or a full disk (a
real, filled tmpfs) opens for reading only: it can be read, exported and
copied, nothing in its folder is created or changed, and every write is
refused in plain words."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest

from recoveryplan.plans.model import Entry, Plan
from recoveryplan.storage import PlanReadOnly, backup, create_plan, open_plan, plan_is_writable

PASSPHRASE = "a locked stick in a drawer"


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True, timeout=60)


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _plan(folder: Path) -> None:
    db, _key = create_plan(folder, PASSPHRASE, Plan.new("Sam"))
    db.save_record(Entry(section="hopes", field="hopes", text="To walk by the sea"), None, 0)
    db.close()


@pytest.fixture
def read_only_plan(tmp_path):
    """A plan seen through a real read-only bind mount."""
    if os.geteuid() != 0:
        pytest.skip("bind mounts need root")
    source, view = tmp_path / "source", tmp_path / "read-only"
    _plan(source / "plan")
    view.mkdir()
    if _mount("--bind", str(source), str(view)).returncode != 0:
        pytest.skip("this machine doesn't allow bind mounts here")
    try:
        result = _mount("-o", "remount,ro,bind", str(view))
        if result.returncode != 0:
            pytest.skip(f"can't remount read-only here: {result.stderr.strip()[-200:]}")
        yield view / "plan"
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_plan_on_read_only_media_opens_for_reading_and_copying(read_only_plan, tmp_path):
    before = _tree(read_only_plan)
    assert not plan_is_writable(read_only_plan)
    with pytest.raises(PlanReadOnly) as caught:
        open_plan(read_only_plan, PASSPHRASE)               # a writing open says why, plainly
    assert "nothing can be saved" in str(caught.value)
    db = open_plan(read_only_plan, PASSPHRASE, read_only=None)
    try:
        assert db.read_only
        assert [e.text for e in db.load_plan().entries] == ["To walk by the sea"]
        for write in (lambda: db.save_record(Entry(section="hopes", field="hopes", text="x"), None, 1),
                      lambda: db.change_passphrase("another one entirely"),
                      db.open_writer):
            with pytest.raises(PlanReadOnly):
                write()
        copy = tmp_path / "copy.rpbackup"
        backup.save_copy(db, copy)                  # "copy it to my computer"
    finally:
        db.close()
    assert _tree(read_only_plan) == before
    # nothing created (the lock file is the one left from when it was written on a computer)
    assert sorted(os.listdir(read_only_plan)) == [".plan.lock", "keys.json", "plan.db"]
    backup.restore(copy, tmp_path / "on my computer", PASSPHRASE)
    again = open_plan(tmp_path / "on my computer", PASSPHRASE)
    try:
        assert not again.read_only
        assert [e.text for e in again.load_plan().entries] == ["To walk by the sea"]
    finally:
        again.close()


def test_the_command_line_exports_a_read_only_plan_and_refuses_to_change_it(read_only_plan,
                                                                           tmp_path):
    import sys

    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test")
    out = tmp_path / "plan.json"
    run = lambda *args, stdin: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "recoveryplan", *args, "--passphrase-stdin"], input=stdin,
        capture_output=True, text=True, env=env, timeout=120)
    exported = run("export-json", str(read_only_plan), str(out), stdin=PASSPHRASE + "\n")
    assert exported.returncode == 0, exported.stderr
    assert "To walk by the sea" in out.read_text(encoding="utf-8")
    checked = run("check", str(read_only_plan), stdin=PASSPHRASE + "\n")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Every part of the encrypted database is whole" in checked.stdout
    changed = run("change-passphrase", str(read_only_plan),
                  stdin=f"{PASSPHRASE}\nsomething new and long enough\n")
    assert changed.returncode == 1
    assert "can't be saved there" in changed.stderr + changed.stdout
    assert "Traceback" not in changed.stderr


def test_a_plan_on_a_full_disk_opens_for_reading(tmp_path, small_tmpfs, fill_disk):
    disk = small_tmpfs("2m", "full")
    _plan(disk / "plan")
    fill_disk(disk)
    before = _tree(disk / "plan")
    db = open_plan(disk / "plan", PASSPHRASE, read_only=None)
    try:
        assert db.read_only
        assert [e.text for e in db.load_plan().entries] == ["To walk by the sea"]
        backup.save_copy(db, tmp_path / "copy.rpbackup")
    finally:
        db.close()
    assert _tree(disk / "plan") == before
