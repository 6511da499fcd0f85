"""Restore touches only what it should: never a folder that holds other
things, the real folder behind a link, the person's backups moved across
(even from another file system), and only a database that is exactly the
app's own (schema, every page, every record) with a sane header. And no
leftovers: what an interrupted restore, creation or write left is finished
or removed at the next open."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from recoveryplan.plans.model import Entry, Plan
from recoveryplan.storage import BackupDamaged, StorageError, create_plan, open_plan
from recoveryplan.storage import backup as backups
from recoveryplan.storage.backup import (BACKUPS_DIR, MAGIC, Backup, daily_backup, read_backup, restore,
                                         save_backup)
from recoveryplan.storage.connection import connect, transaction

PASSPHRASE = "blue kettle on the hill"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def saved(tmp_path) -> Path:
    content = Plan.new(owner_name="Sam")
    content.entries.append(Entry(section="keeping_well", field="everyday", text="a walk by the river"))
    db, _key = create_plan(tmp_path / "plan", PASSPHRASE, content)
    try:
        daily_backup(db)
        save_backup(db, tmp_path / "b.rpbackup")
    finally:
        db.close()
    return tmp_path / "b.rpbackup"


def test_a_folder_with_other_things_in_it_is_refused_and_left_alone(saved, tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("dear GP")
    before = tree(tmp_path)
    done = subprocess.run([sys.executable, "-m", "recoveryplan", "restore", str(saved), str(documents),
                           "--passphrase-stdin"], input=PASSPHRASE + "\n", capture_output=True, text=True,
                          env=dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test"), timeout=120)
    assert done.returncode == 1
    assert "isn't a plan, so nothing was restored there" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents", "b.rpbackup", "plan"]


def test_a_plan_reached_through_a_link_is_restored_where_the_link_points(saved, tmp_path):
    link = tmp_path / "my-plan-link"
    link.symlink_to(tmp_path / "plan")
    done = restore(saved, link, PASSPHRASE)
    assert link.is_symlink() and link.resolve() == (tmp_path / "plan").resolve()
    assert done.replaced.parent == tmp_path and done.replaced.name.startswith("plan.replaced-")
    open_plan(link, PASSPHRASE).close()
    assert list((tmp_path / "plan" / BACKUPS_DIR).glob("*.rpbackup"))      # moved across


def test_backups_are_moved_across_file_systems(saved, tmp_path):
    """The old plan's backups folder on another file system (a small tmpfs):
    copied, checked, then deleted."""
    if os.geteuid() != 0:
        pytest.skip("needs permission to mount a tmpfs")
    other = tmp_path / "other-device"
    other.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(other)],
                      capture_output=True).returncode:
        pytest.skip("tmpfs mounts aren't allowed here")
    try:
        source = other / "backups"
        shutil.copytree(tmp_path / "plan" / BACKUPS_DIR, source)
        names = sorted(p.name for p in source.iterdir())
        target = tmp_path / "restored-backups"
        assert backups.move_backups(source, target) == len(names)
        assert sorted(p.name for p in target.iterdir()) == names
        for path in target.iterdir():
            read_backup(path)
        assert not source.exists()
    finally:
        subprocess.run(["umount", str(other)], capture_output=True)


def _tampered(saved: Path, tmp_path: Path, change) -> Path:
    """A copy of the backup whose database has had ``change(conn)`` applied,
    with a valid checksum (as someone crafting a file would make it)."""
    from recoveryplan.storage.keyslots import KeyFile

    made = read_backup(saved)
    key = KeyFile.from_bytes(made.keys).unlock(PASSPHRASE)
    db_path = tmp_path / "tamper.db"
    db_path.write_bytes(made.database)
    conn = connect(db_path, key)
    try:
        change(conn)
    finally:
        conn.close()
    out = tmp_path / "tampered.rpbackup"
    out.write_bytes(Backup(made.created, made.plan_id, made.schema_version, made.keys,
                           db_path.read_bytes()).to_bytes())
    return out


@pytest.mark.parametrize("change", [
    "CREATE TRIGGER t AFTER INSERT ON records BEGIN DELETE FROM snapshots; END",
    "CREATE VIEW v AS SELECT * FROM records",
    "CREATE INDEX extra ON records(data)",
    "CREATE TABLE extra (x)",
    "INSERT INTO records(id, kind, parent_id, position, data) VALUES ('x1', 'nonsense', NULL, 0, '{}')",
])
def test_a_database_that_is_not_exactly_the_apps_own_is_refused(saved, tmp_path, change):
    def apply(conn):
        with transaction(conn):
            conn.execute(change)

    crafted = _tampered(saved, tmp_path, apply)
    before = tree(tmp_path / "plan")
    with pytest.raises(BackupDamaged):
        restore(crafted, tmp_path / "plan", PASSPHRASE)
    assert tree(tmp_path / "plan") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_damaged_free_page_is_found_before_anything_is_replaced(saved, tmp_path):
    """Pages that hold nothing are not read by an ordinary open; the restore
    reads every page of the file (cipher_integrity_check), as ``check`` does."""
    def grow_and_shrink(conn):
        with transaction(conn):
            conn.execute("CREATE TABLE filler (x)")
            conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 3000,)] * 50)
        with transaction(conn):
            conn.execute("DROP TABLE filler")        # its pages become free pages, kept in the file

    crafted = _tampered(saved, tmp_path, grow_and_shrink)
    made = read_backup(crafted)
    database = bytearray(made.database)
    database[-2000] ^= 0xFF                          # inside the last (free) page
    bad = tmp_path / "bad.rpbackup"
    bad.write_bytes(Backup(made.created, made.plan_id, made.schema_version, made.keys,
                           bytes(database)).to_bytes())
    before = tree(tmp_path / "plan")
    with pytest.raises(BackupDamaged):
        restore(bad, tmp_path / "plan", PASSPHRASE)
    assert tree(tmp_path / "plan") == before


def _with_header(saved: Path, tmp_path: Path, **fields) -> Path:
    data = saved.read_bytes()[:-32]
    end = data.index(b"\n", len(MAGIC))
    header = json.loads(data[len(MAGIC):end])
    header.update(fields)
    import hashlib

    body = MAGIC + json.dumps(header, sort_keys=True).encode() + data[end:]
    out = tmp_path / "header.rpbackup"
    out.write_bytes(body + hashlib.sha256(body).digest())
    return out


@pytest.mark.parametrize("fields, error", [
    ({"created": "1970-01-01T00:00:00Z"}, BackupDamaged),
    ({"created": "2999-01-01T00:00:00Z"}, BackupDamaged),
    ({"schema_version": 0}, BackupDamaged),
    ({"schema_version": 99}, StorageError),
])
def test_header_fields_are_range_checked(saved, tmp_path, fields, error):
    crafted = _with_header(saved, tmp_path, **fields)
    with pytest.raises(error) as caught:
        read_backup(crafted)
    assert "Nothing has been changed" in str(caught.value) or "newer version" in str(caught.value)


# -- no leftovers ------------------------------------------------------------------------

def test_leftovers_of_interrupted_work_are_removed_at_the_next_open(saved, tmp_path):
    plan = tmp_path / "plan"
    (tmp_path / ".plan.creating-0a1b2c3d").mkdir()
    (tmp_path / ".plan.creating-0a1b2c3d" / "plan.db").write_bytes(b"half made")
    (tmp_path / ".plan.restoring-1a2b3c4d").mkdir()
    (tmp_path / ".plan.restoring-1a2b3c4d" / "keys.json").write_bytes(b"half unpacked")
    (plan / ".keys.json.0badf00d.tmp").write_bytes(b"cut short")
    (plan / BACKUPS_DIR / ".backup-2026-01-01.rpbackup.0badf00d.tmp").write_bytes(b"cut short")
    (plan / BACKUPS_DIR / ".export-0123456789ab.db").write_bytes(b"scratch")
    open_plan(plan, PASSPHRASE).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.rpbackup", "plan"]
    assert sorted(p.name for p in plan.iterdir()) == [".plan.lock", BACKUPS_DIR, "keys.json", "plan.db"]
    assert all(not p.name.startswith(".") for p in (plan / BACKUPS_DIR).iterdir())


RESTORE_AND_DIE = """
import os, sys
from recoveryplan.storage import backup
real = backup.move_backups
def die(*args, **kwargs):
    os._exit(9)                 # killed after the swap, before the backups moved across
backup.move_backups = die
backup.restore(sys.argv[1], sys.argv[2], sys.argv[3])
"""


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step swap", "two renames"])
def test_a_restore_killed_after_its_swap_is_finished_at_the_next_open(saved, tmp_path, exchange):
    plan = tmp_path / "plan"
    backups_before = sorted(p.name for p in (plan / BACKUPS_DIR).iterdir())
    code = RESTORE_AND_DIE if exchange else (
        "from recoveryplan.storage import backup\nbackup._exchange = lambda a, b: False\n" + RESTORE_AND_DIE)
    done = subprocess.run([sys.executable, "-c", code, str(saved), str(plan), PASSPHRASE],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test"))
    assert done.returncode == 9, done.stderr
    open_plan(plan, PASSPHRASE).close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[:2] == ["b.rpbackup", "plan"] and len(names) == 3
    aside = tmp_path / names[2]
    assert aside.name.startswith("plan.replaced-")
    assert sorted(p.name for p in (plan / BACKUPS_DIR).iterdir()) == backups_before
    assert sorted(p.name for p in aside.iterdir()) == [".plan.lock", "keys.json", "plan.db"]
    assert sorted(p.name for p in plan.iterdir()) == [".plan.lock", BACKUPS_DIR, "keys.json", "plan.db"]
    open_plan(aside, PASSPHRASE).close()       # the replaced plan is kept whole


def test_kill_9_at_random_moments_of_a_restore(saved, tmp_path):
    """20 real kill -9s of `restore` over the plan: afterwards (once opened)
    the plan is whole, either the old one or the restored one, no hidden
    folder is left beside it, and the automatic backups are all still there."""
    import random
    import signal
    import time

    plan = tmp_path / "plan"
    backups_before = sorted(p.name for p in (plan / BACKUPS_DIR).iterdir())
    rng = random.Random(20_261_202)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "recoveryplan", "restore", str(saved), str(plan),
                           "--passphrase-stdin"], input=PASSPHRASE + "\n", capture_output=True, text=True,
                          env=dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test"), timeout=120)
    assert done.returncode == 0, done.stderr
    duration = time.monotonic() - start
    for _round in range(20):
        child = subprocess.Popen([sys.executable, "-m", "recoveryplan", "restore", str(saved), str(plan),
                                  "--passphrase-stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True,
                                 env=dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test"))
        child.stdin.write(PASSPHRASE + "\n")
        child.stdin.close()
        time.sleep(rng.uniform(0.6, 1.2) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait(60)
        with open_plan(plan, PASSPHRASE) as db:
            assert [e.text for e in db.load_plan().entries] == ["a walk by the river"]
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
        assert sorted(p.name for p in (plan / BACKUPS_DIR).iterdir()) == backups_before
        for aside in tmp_path.glob("plan.replaced-*"):
            open_plan(aside, PASSPHRASE).close()       # every plan put aside is whole
    print("restores that got as far as the swap:", len(list(tmp_path.glob("plan.replaced-*"))) - 1, "of 20")


def test_backups_under_another_key_stay_with_the_plan_they_belong_to(tmp_path):
    """Restore an older backup file over a plan whose secret changed since:
    that plan's own backups (under its newer key) stay with it, aside, and
    do not come into the restored plan, where no change of secret could
    re-protect them. So after the next change, the current secret opens
    every backup kept with the plan and no old secret opens any."""
    from recoveryplan.storage.keyslots import KeyFile

    first, second, third = PASSPHRASE, "green lantern by the quay", "seven owls over the moor"
    plan = tmp_path / "plan"
    db, _key = create_plan(plan, first, Plan.new(owner_name="Sam"))
    try:
        daily_backup(db)
        save_backup(db, tmp_path / "older.rpbackup")
        db.change_passphrase(second)              # the backups beside it now open with `second`
    finally:
        db.close()
    done = restore(tmp_path / "older.rpbackup", plan, first)
    assert done.replaced is not None
    aside = sorted((done.replaced / BACKUPS_DIR).glob("*.rpbackup"))
    assert aside, "the replaced plan keeps its own backups"
    for path in aside:
        KeyFile.from_bytes(read_backup(path).keys).unlock(second)
    db = open_plan(plan, first)
    try:
        db.change_passphrase(third)
    finally:
        db.close()
    for path in sorted((plan / BACKUPS_DIR).glob("*.rpbackup")):
        keys = KeyFile.from_bytes(read_backup(path).keys)
        keys.unlock(third)                         # the current secret opens it
        for old in (first, second):
            with pytest.raises(StorageError):
                keys.unlock(old)


def test_a_restore_killed_after_its_swap_also_leaves_backups_under_another_key_aside(tmp_path):
    """The same as above, but the restore is cut off after its swap and
    finished by the next open: that open knows the restored plan's key only
    once the passphrase is checked, and only then moves backups across,
    those that key opens."""
    from recoveryplan.storage.keyslots import KeyFile

    first, second = PASSPHRASE, "green lantern by the quay"
    plan = tmp_path / "plan"
    db, _key = create_plan(plan, first, Plan.new(owner_name="Sam"))
    try:
        save_backup(db, tmp_path / "older.rpbackup")
        db.change_passphrase(second)
        daily_backup(db)                          # under the newer key
    finally:
        db.close()
    done = subprocess.run([sys.executable, "-c", RESTORE_AND_DIE, str(tmp_path / "older.rpbackup"),
                           str(plan), first], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test"))
    assert done.returncode == 9, done.stderr
    with pytest.raises(StorageError):
        open_plan(plan, second)                   # the restored plan's secret is the older one
    open_plan(plan, first).close()
    [aside] = tmp_path.glob("plan.replaced-*")
    kept = sorted((aside / BACKUPS_DIR).glob("*.rpbackup"))
    assert kept, "the replaced plan keeps the backup its own secret opens"
    for path in kept:
        KeyFile.from_bytes(read_backup(path).keys).unlock(second)
    assert not list((plan / BACKUPS_DIR).glob("*.rpbackup"))    # none came across
    assert not (plan / "restore-ready").exists()
    assert not (aside / ".restore-aside").exists()
    open_plan(aside, second).close()


def test_a_folder_with_a_stray_plan_db_and_other_things_is_still_refused(saved, tmp_path):
    """A file that happens to be called plan.db doesn't make someone's
    Documents folder a plan: restore refuses it and leaves it as it was."""
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "plan.db").write_bytes(b"SQLite format 3\x00")
    (documents / "letter.txt").write_text("dear GP")
    before = tree(tmp_path)
    with pytest.raises(StorageError) as caught:
        restore(saved, documents, PASSPHRASE)
    assert "isn't a plan" in str(caught.value)
    assert tree(tmp_path) == before
    assert not list(tmp_path.glob("Documents.replaced-*"))


def test_a_loop_of_links_as_the_target_is_refused_plainly(saved, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(StorageError) as caught:
        restore(saved, tmp_path / "a", PASSPHRASE)
    assert "not a plan folder" in str(caught.value)
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()
