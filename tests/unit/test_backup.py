"""Backups: the file format, which automatic backups are kept, restoring,
the backup before a migration, and a fuzzed reader that only ever raises
the designed errors."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recoveryplan.plans.model import Entry, Plan
from recoveryplan.storage import (BackupDamaged, PlanDamaged, StorageError, WrongSecret, check_plan,
                                  create_plan, open_plan, plan_exists, schema)
from recoveryplan.storage import backup

PASSPHRASE = "gulls over the harbour wall"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "plan-v1"


@pytest.fixture
def plan(tmp_path):
    plan = Plan.new(owner_name="Ash")
    plan.entries = [Entry(section="my_hopes", field="recovery", text="a garden of my own")]
    db, key = create_plan(tmp_path / "plan", PASSPHRASE, plan)
    yield db, key
    db.close()


def entries(folder: Path, secret: str = PASSPHRASE) -> list[str]:
    db = open_plan(folder, secret)
    try:
        return [e.text for e in db.load_plan().entries]
    finally:
        db.close()


# -- the file -----------------------------------------------------------------------

def test_a_backup_file_round_trips_and_holds_no_plain_text(plan, tmp_path):
    db, key = plan
    made = backup.save_backup(db, tmp_path / "copy.rpbackup")
    data = (tmp_path / "copy.rpbackup").read_bytes()
    assert data.startswith(backup.MAGIC)
    assert b"garden" not in data and "garden".encode("utf-16-le") not in data
    again = backup.read_backup(tmp_path / "copy.rpbackup")
    assert again == made
    assert made.schema_version == schema.SCHEMA_VERSION
    assert stat.S_IMODE((tmp_path / "copy.rpbackup").stat().st_mode) == 0o600
    # It opens with the recovery key too, on "another computer".
    done = backup.restore(tmp_path / "copy.rpbackup", tmp_path / "elsewhere" / "plan", key)
    assert done.replaced is None
    assert entries(tmp_path / "elsewhere" / "plan") == ["a garden of my own"]


def test_a_newer_backup_format_is_refused_kindly():
    made = backup.Backup(dt.datetime.now(dt.timezone.utc), "0" * 32, 1, b"{}", b"")
    data = made.to_bytes().replace(b'"version": 1', b'"version": 9')
    import hashlib

    data = data[:-32] + hashlib.sha256(data[:-32]).digest()
    with pytest.raises(StorageError, match="newer version"):
        backup.Backup.from_bytes(data)


def test_files_that_are_not_backups(tmp_path):
    for name, content in (("empty", b""), ("text", b"hello"), ("pdf", b"%PDF-1.7\n" + b"x" * 100)):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(BackupDamaged):
            backup.read_backup(tmp_path / name)
    with pytest.raises(BackupDamaged):
        backup.read_backup(tmp_path)
    with pytest.raises(StorageError, match="isn't there"):
        backup.read_backup(tmp_path / "missing.rpbackup")


# -- fuzzing the reader -------------------------------------------------------------

FUZZ_CASES = 400
_SAMPLE = backup.Backup(dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc), "ab" * 16, 1,
                        b'{"format": "recoveryplan-keys"}', b"\x01\x02" * 200).to_bytes()


@st.composite
def mangled_backups(draw):
    data = bytearray(_SAMPLE)
    for _i in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "header"]))
        if action == "flip" and data:
            data[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[draw(st.integers(0, len(data))):]
        elif action == "insert":
            at = draw(st.integers(0, len(data)))
            data[at:at] = draw(st.binary(max_size=40))
        else:   # a made-up header with a valid checksum, to reach the parser
            header = draw(st.one_of(st.binary(max_size=200),
                                    st.dictionaries(st.text(max_size=15), st.one_of(
                                        st.integers(), st.text(max_size=40), st.none(),
                                        st.floats(), st.lists(st.integers(), max_size=3)),
                                        max_size=8).map(lambda d: repr(d).encode())))
            import hashlib

            body = backup.MAGIC + header + b"\n" + bytes(data[200:260])
            data = bytearray(body + hashlib.sha256(body).digest())
    return bytes(data)


@settings(max_examples=FUZZ_CASES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled_backups())
def test_the_backup_reader_only_raises_designed_errors(data):
    try:
        parsed = backup.Backup.from_bytes(data)
    except StorageError:
        return
    assert parsed.to_bytes() == data        # anything accepted is exactly what was written


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(backup._HEADER_KEYS | {"extra"})),
                       st.one_of(st.integers(-5, 10**6), st.text(max_size=40), st.none(),
                                 st.booleans(), st.floats()), max_size=9))
def test_headers_with_a_good_checksum_but_bad_fields(header):
    import hashlib
    import json

    body = backup.MAGIC + json.dumps(header).encode("ascii") + b"\n"
    try:
        backup.Backup.from_bytes(body + hashlib.sha256(body).digest())
    except StorageError:
        return
    raise AssertionError("a header without parts was accepted")


# -- automatic backups ---------------------------------------------------------------

def test_one_automatic_backup_a_day_owner_only(plan):
    db, _key = plan
    day = dt.date(2026, 5, 4)
    first = backup.daily_backup(db, day)
    assert first is not None and first.name == "backup-2026-05-04.rpbackup"
    assert backup.daily_backup(db, day) is None
    folder = db.path / "backups"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert backup.has_backups(db.path)


def test_which_backups_are_kept():
    today = dt.date(2026, 6, 15)
    days = [today - dt.timedelta(days=n) for n in range(0, 500, 1)]
    keep = backup.backups_to_keep(days, today)
    newest_week = {today - dt.timedelta(days=n) for n in range(7)}
    assert newest_week <= keep
    monthly = keep - newest_week
    assert all(day.day == 1 for day in monthly)
    assert len({(d.year, d.month) for d in keep}) == 12
    assert min(keep) == dt.date(2025, 7, 1)
    assert len(keep) == 7 + 12        # the first of each of 12 months, and the last week


def test_pruning_deletes_only_old_daily_backups(plan):
    db, _key = plan
    folder = db.path / "backups"
    start = dt.date(2026, 1, 1)
    for n in range(40):
        backup.daily_backup(db, start + dt.timedelta(days=n))
    (folder / "before-update-from-v1-2025-01-01-000000.rpbackup").write_bytes(b"kept")
    names = sorted(p.name for p in folder.iterdir())
    last = start + dt.timedelta(days=39)
    expected_days = {last - dt.timedelta(days=n) for n in range(7)} | {dt.date(2026, 1, 1),
                                                                       dt.date(2026, 2, 1)}
    assert names == sorted([f"backup-{d.isoformat()}.rpbackup" for d in expected_days]
                           + ["before-update-from-v1-2025-01-01-000000.rpbackup"])


# -- restoring -----------------------------------------------------------------------

def test_restore_keeps_the_replaced_plan_and_moves_backups_along(plan, tmp_path):
    db, _key = plan
    backup.save_backup(db, tmp_path / "copy.rpbackup")
    backup.daily_backup(db)
    db.save_record(Entry(section="my_hopes", field="recovery", text="written later"), None, 1)
    db.close()
    done = backup.restore(tmp_path / "copy.rpbackup", tmp_path / "plan", PASSPHRASE)
    assert done.replaced.name.startswith("plan.replaced-")
    assert entries(tmp_path / "plan") == ["a garden of my own"]
    assert entries(done.replaced) == ["a garden of my own", "written later"]
    assert backup.has_backups(tmp_path / "plan")
    assert not any(p.name.startswith(".plan.restoring-") for p in tmp_path.iterdir())


def test_restore_with_a_wrong_secret_changes_nothing(plan, tmp_path):
    db, _key = plan
    backup.save_backup(db, tmp_path / "copy.rpbackup")
    db.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(WrongSecret, match="when the backup was made"):
        backup.restore(tmp_path / "copy.rpbackup", tmp_path / "plan", "not the passphrase")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_restore_newest_without_backups(tmp_path):
    with pytest.raises(StorageError, match="no backups"):
        backup.restore_newest(tmp_path / "plan", PASSPHRASE)


def test_a_restore_cut_short_between_its_two_renames_is_finished(plan, tmp_path, monkeypatch):
    """Where folders can't be swapped in one step, a crash between moving
    the old plan aside and moving the new one in is finished on next look."""
    db, _key = plan
    backup.save_backup(db, tmp_path / "copy.rpbackup")
    db.close()
    monkeypatch.setattr(backup, "_exchange", lambda a, b: False)
    real_rename = os.rename
    calls = []

    def crash_on_second_rename(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt("power cut")
        real_rename(src, dst)

    monkeypatch.setattr(backup.os, "rename", crash_on_second_rename)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(tmp_path / "copy.rpbackup", tmp_path / "plan", PASSPHRASE)
    monkeypatch.undo()
    assert not (tmp_path / "plan").exists()
    assert plan_exists(tmp_path / "plan")           # finishes the restore
    assert entries(tmp_path / "plan") == ["a garden of my own"]
    assert not (tmp_path / "plan" / "restore-ready").exists()


def test_restore_refuses_a_backup_of_a_newer_schema(plan, tmp_path, monkeypatch):
    db, _key = plan
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, lambda conn: None])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    db.write_operation(_SetVersion(2))
    made = backup.snapshot(db)
    assert made.schema_version == 2
    monkeypatch.undo()
    (tmp_path / "new.rpbackup").write_bytes(made.to_bytes())
    with pytest.raises(StorageError, match="newer version"):
        backup.restore(tmp_path / "new.rpbackup", tmp_path / "other", PASSPHRASE)
    assert not (tmp_path / "other").exists()


class _SetVersion:
    def __init__(self, version: int) -> None:
        self.version = version

    def apply(self, conn) -> None:
        conn.execute(f"PRAGMA user_version = {self.version:d}")


# -- migrations ------------------------------------------------------------------------

def test_a_backup_is_made_before_a_migration(tmp_path, monkeypatch):
    folder = tmp_path / "plan"
    shutil.copytree(GOLDEN, folder)
    ran = []

    def to_2(conn):
        ran.append(True)
        conn.execute("CREATE TABLE later_feature (x)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, to_2])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    from tests.golden.make_plan_v1 import PASSPHRASE as GOLDEN_PASSPHRASE

    db = open_plan(folder, GOLDEN_PASSPHRASE)
    db.close()
    assert ran
    saved = list((folder / "backups").glob("before-update-from-v1-*.rpbackup"))
    assert len(saved) == 1
    assert backup.read_backup(saved[0]).schema_version == 1
    monkeypatch.undo()
    done = backup.restore(saved[0], tmp_path / "as-before", GOLDEN_PASSPHRASE)
    assert done.replaced is None
    assert check_plan(tmp_path / "as-before", GOLDEN_PASSPHRASE).ok


# -- check ------------------------------------------------------------------------------

def test_check_reports_backups_in_plain_words(plan):
    db, _key = plan
    report = check_plan(db.path, PASSPHRASE)
    assert any("no backups" in line for line in report.lines())
    backup.daily_backup(db, dt.date(2026, 4, 2))
    backup.daily_backup(db, dt.date(2026, 4, 3))
    (db.path / "backups" / "backup-2026-04-04.rpbackup").write_bytes(b"broken")
    lines = check_plan(db.path, PASSPHRASE).lines()
    assert any("There are 2 backups" in line for line in lines), lines
    assert any("1 backup file is damaged" in line for line in lines), lines


def test_check_of_a_damaged_plan_still_mentions_backups(plan):
    db, _key = plan
    backup.daily_backup(db)
    db.close()
    (db.path / "keys.json").write_text("{}")
    report = check_plan(db.path, PASSPHRASE)
    assert not report.ok
    assert any("backup of this plan" in line for line in report.lines())
    with pytest.raises(PlanDamaged):
        open_plan(db.path, PASSPHRASE)


def test_a_second_place_keeps_one_backup_a_day_and_says_when_it_is_missing(tmp_path):
    import datetime as dt

    from recoveryplan.storage import StorageError, create_plan, open_plan
    from recoveryplan.storage import backup as backups

    db, _key = create_plan(tmp_path / "plan", "a passphrase for the stick")
    place = tmp_path / "stick"
    try:
        with pytest.raises(StorageError) as caught:
            backups.second_place_backup(db, place)
        assert "plug it in" in str(caught.value)
        place.mkdir()
        made = backups.second_place_backup(db, place)
        assert made == backups.second_place_file(place, db.plan_id) and made.is_file()
        assert backups.second_place_backup(db, place) is None            # one a day
        assert backups.second_place_backup(db, place, force=True) == made
        assert backups.second_place_backup(db, place, today=dt.date.today()
                                           + dt.timedelta(days=1)) == made
        assert backups.last_second_place_backup(place, db.plan_id) is not None
        assert sorted(p.name for p in place.iterdir()) == [made.name]     # no scratch left
    finally:
        db.close()
    backups.restore(made, tmp_path / "restored", "a passphrase for the stick")
    open_plan(tmp_path / "restored", "a passphrase for the stick").close()
