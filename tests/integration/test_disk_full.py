"""A full disk: a clear DiskFull message, and nothing already saved is lost.

Three ways of running out of room: a failing ``write`` injected under the
key file and backup writers, SQLite's own "database or disk is full" (via
``max_page_count``), and, where the tests may mount file systems (CI runs as
root), a real 2 MiB tmpfs filled to the last byte.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from recoveryplan.plans.model import Entry
from recoveryplan.storage import DiskFull, check_plan, create_plan, open_plan
from recoveryplan.storage import backup, fsutil
from recoveryplan.storage.writer import BackgroundStore

PASSPHRASE = "owls above the orchard"
NEW = "a completely different passphrase"


def entry(text: str) -> Entry:
    return Entry(section="keeping_well", field="everyday", text=text)


def texts(folder: Path, secret: str = PASSPHRASE) -> list[str]:
    db = open_plan(folder, secret)
    try:
        return [e.text for e in db.load_plan().entries]
    finally:
        db.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path):
    db, _key = create_plan(tmp_path / "plan", PASSPHRASE)
    db.save_record(entry("written before the disk filled"), None, 0)
    yield db
    db.close()


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_injected_full_disk_while_rewriting_keys_and_saving_backups(db, tmp_path, monkeypatch):
    keys_before = digest(db.keys_path)
    monkeypatch.setattr(fsutil.os, "write", _no_space)
    with pytest.raises(DiskFull) as caught:
        db.change_passphrase(NEW)
    assert "run out of space" in str(caught.value)
    with pytest.raises(DiskFull):
        backup.save_backup(db, tmp_path / "copy.rpbackup")
    with pytest.raises(DiskFull):
        backup.daily_backup(db)
    monkeypatch.undo()
    assert digest(db.keys_path) == keys_before
    assert not (tmp_path / "copy.rpbackup").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]
    assert [p.name for p in db.path.iterdir() if p.name.startswith(".") and p.name != ".plan.lock"] == []
    assert list((db.path / "backups").iterdir()) == []
    db.close()
    assert texts(db.path) == ["written before the disk filled"]
    assert check_plan(db.path, PASSPHRASE).ok


def test_sqlite_running_out_of_room_is_disk_full_and_recovers(db):
    """SQLite reports SQLITE_FULL; the direct write says DiskFull, the
    background store keeps the change queued and saves it on retry."""
    store = BackgroundStore(db)
    errors = []
    store.on_error = errors.append
    pages = db._conn.execute("PRAGMA page_count").fetchone()[0]
    for conn in (db._conn, store._writer._conn):
        conn.execute(f"PRAGMA max_page_count = {pages}")
    big = "room " * 20_000
    with pytest.raises(DiskFull):
        db.save_record(entry(big), None, 1)
    store.save_record(entry(big), None, 1)
    assert not store.flush(30)
    assert len(errors) == 1 and isinstance(errors[0], DiskFull)
    assert store.pending() == 1
    store._writer._conn.execute("PRAGMA max_page_count = 1000000")
    store.retry()
    assert store.flush(30)
    store.close()
    db.close()
    assert texts(db.path) == ["written before the disk filled", big]


@pytest.fixture
def small_disk(small_tmpfs):
    """A real 2 MiB file system, if this machine lets the tests mount one."""
    return small_tmpfs("2m")


def test_a_really_full_disk(small_disk, fill_disk):
    folder = small_disk / "plan"
    db, _key = create_plan(folder, PASSPHRASE)
    try:
        db.save_record(entry("saved while there was room"), None, 0)
        store = BackgroundStore(db)
        errors = []
        store.on_error = errors.append
        filler = fill_disk(small_disk)
        big = "no room " * 40_000
        with pytest.raises(DiskFull):
            db.save_record(entry(big), None, 1)
        store.save_record(entry(big), None, 1)
        assert not store.flush(30)
        assert errors and all(isinstance(e, DiskFull) for e in errors)
        with pytest.raises(DiskFull):
            db.change_passphrase(NEW)
        with pytest.raises(DiskFull):
            backup.daily_backup(db)
        filler.unlink()                     # the person frees some space
        store.retry()
        assert store.flush(30)
        store.close()
    finally:
        db.close()
    assert texts(folder) == ["saved while there was room", big]
    assert check_plan(folder, PASSPHRASE).ok
