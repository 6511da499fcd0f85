"""A plan's files on disk: permissions, no plain text, failures that change
nothing, atomic key file writes, and the golden v1 plan."""

import hashlib
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from recoveryplan.plans.model import CheckIn, Contact, Entry, Goal, Plan, ProgressNote, Review, Step
from recoveryplan.storage import (PlanDamaged, PlanExists, PlanMissing, StorageError, WrongSecret, create_plan,
                                  open_plan, plan_exists)
from recoveryplan.storage import fsutil

PASSPHRASE = "tea in the garden at six"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def marked_plan(markers: list[str]) -> Plan:
    """A plan whose every text field holds a distinct marker string."""
    def mark(label):
        text = f"MARKER{label}QZ"
        markers.append(text)
        return text

    plan = Plan.new(owner_name=mark("owner"))
    plan.entries = [Entry(section="keeping_well", field="everyday", text=mark("entry"), detail=mark("detail"))]
    plan.goals = [Goal(what=mark("goal"), steps=[Step(text=mark("step"))],
                       notes=[ProgressNote(text=mark("note"))])]
    plan.contacts = [Contact(name=mark("contact"), phone=mark("phone"))]
    plan.checkins = [CheckIn(note=mark("checkin"))]
    plan.reviews = [Review(agreed=mark("review"), snapshot={"entries": [mark("snapshot")]})]
    return plan


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def closed_plan(tmp_path):
    folder = tmp_path / "plan"
    db, recovery_key = create_plan(folder, PASSPHRASE, marked_plan([]))
    db.close()
    return folder, recovery_key


# -- permissions and plain text ----------------------------------------------------

@posix_only
def test_plan_folder_and_files_are_owner_only(tmp_path):
    folder = tmp_path / "new" / "plan"
    db, _ = create_plan(folder, PASSPHRASE)
    try:
        db.save_record(Entry(section="keeping_well", field="everyday", text="x"), None, 0)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        names = {p.name for p in folder.iterdir()}
        assert {"plan.db", "plan.db-wal", "plan.db-shm", "keys.json"} <= names
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
        db.change_passphrase("another passphrase entirely")
        assert stat.S_IMODE((folder / "keys.json").stat().st_mode) == 0o600
    finally:
        db.close()


def test_no_plan_text_on_disk_even_before_a_checkpoint(tmp_path):
    markers: list[str] = []
    folder = tmp_path / "plan"
    db, _ = create_plan(folder, PASSPHRASE, Plan.new())
    try:
        plan = marked_plan(markers)
        db.replace_plan(plan)   # lands in the WAL
        db.save_info(plan.info)
        wal = folder / "plan.db-wal"
        assert wal.stat().st_size > 0
        files = [folder / "plan.db", wal, folder / "plan.db-shm", folder / "keys.json"]
        blobs = {p.name: p.read_bytes() for p in files}
        # prove the scan can see text: what is stored is the same marker text
        assert db.load_plan().entries[0].text in markers
    finally:
        db.close()
    blobs["plan.db (checkpointed)"] = (folder / "plan.db").read_bytes()
    for name, blob in blobs.items():
        for marker in markers:
            for encoding in ("utf-8", "utf-16-le"):
                assert marker.encode(encoding) not in blob, (name, marker)
        assert PASSPHRASE.encode() not in blob


# -- opening and creating the wrong thing ------------------------------------------

def test_folder_names_with_unusual_characters(tmp_path):
    folder = tmp_path / "Mój plan #1 ?50% done"
    db, _ = create_plan(folder, PASSPHRASE)
    db.close()
    open_plan(folder, PASSPHRASE).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def test_open_where_there_is_no_plan(tmp_path):
    with pytest.raises(PlanMissing):
        open_plan(tmp_path / "nothing here", PASSPHRASE)
    (tmp_path / "empty").mkdir()
    with pytest.raises(PlanMissing):
        open_plan(tmp_path / "empty", PASSPHRASE)
    assert not plan_exists(tmp_path / "empty")
    assert list((tmp_path / "empty").iterdir()) == []


def test_create_where_a_plan_already_is(closed_plan):
    folder, _ = closed_plan
    before = fingerprint(folder)
    assert plan_exists(folder)
    with pytest.raises(PlanExists):
        create_plan(folder, "something else")
    assert fingerprint(folder) == before


def test_a_file_is_not_a_plan_folder(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    for action in (lambda: create_plan(path, PASSPHRASE), lambda: open_plan(path, PASSPHRASE)):
        with pytest.raises(StorageError) as caught:
            action()
        assert "not a plan folder" in str(caught.value)
    assert path.read_text() == "hello"


def test_create_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"jpeg")
    with pytest.raises(StorageError) as caught:
        create_plan(tmp_path / "photos", PASSPHRASE)
    assert "other files" in str(caught.value)
    assert [p.name for p in (tmp_path / "photos").iterdir()] == ["cat.jpg"]


def test_a_failed_create_leaves_nothing_behind(tmp_path, monkeypatch):
    from recoveryplan.storage import folder as folder_module

    def full_disk(path, key_file):
        raise fsutil.from_os_error(OSError(28, "No space left on device"))

    monkeypatch.setattr(folder_module, "write_key_file", full_disk)
    with pytest.raises(StorageError) as caught:
        create_plan(tmp_path / "plan", PASSPHRASE)
    assert "run out of space" in str(caught.value)
    assert not (tmp_path / "plan").exists()


# -- wrong secrets and damage change nothing ------------------------------------------

def test_wrong_secret_changes_nothing(closed_plan):
    folder, recovery_key = closed_plan
    before = fingerprint(folder)
    with pytest.raises(WrongSecret) as caught:
        open_plan(folder, "tea in the garden at seven")
    assert "Caps Lock" in str(caught.value)
    wrong_key = recovery_key[:-1] + ("0" if recovery_key[-1] != "0" else "1")
    with pytest.raises(WrongSecret):
        open_plan(folder, wrong_key)
    assert fingerprint(folder) == before


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x55
    path.write_bytes(bytes(data))


def _truncate(path: Path, fraction: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * fraction)])


@pytest.mark.parametrize("name, damage, part", [
    ("keys.json", lambda p: _flip(p, 200), "keys"),
    ("keys.json", lambda p: _flip(p, -40), "keys"),
    ("keys.json", lambda p: _truncate(p, 0.5), "keys"),
    ("keys.json", lambda p: _truncate(p, 0), "keys"),
    ("keys.json", lambda p: p.unlink(), "keys"),
    ("plan.db", lambda p: _flip(p, 50), "database"),           # first page
    ("plan.db", lambda p: _flip(p, 4096 + 2000), "database"),  # a later page
    ("plan.db", lambda p: _flip(p, -100), "database"),         # the last page
    ("plan.db", lambda p: _truncate(p, 0.5), "database"),
    ("plan.db", lambda p: _truncate(p, 0), "database"),         # any key "opens" an empty file
    ("plan.db", lambda p: p.unlink(), "database"),
])
def test_damage_is_reported_and_changes_nothing(closed_plan, name, damage, part):
    folder, recovery_key = closed_plan
    damage(folder / name)
    before = fingerprint(folder)
    for secret in (PASSPHRASE, recovery_key):
        with pytest.raises(PlanDamaged) as caught:
            open_plan(folder, secret)
        assert caught.value.part == part
        assert "damaged" in str(caught.value) and "Nothing has been changed" in str(caught.value)
        assert fingerprint(folder) == before


def test_messages_hold_no_paths_or_secrets(closed_plan):
    folder, _ = closed_plan
    _flip(folder / "plan.db", 50)
    for secret in (PASSPHRASE, "wrong"):
        with pytest.raises(StorageError) as caught:
            open_plan(folder, secret)
        assert str(folder) not in str(caught.value) and secret not in str(caught.value)


# -- atomic key file -------------------------------------------------------------------

def test_key_file_write_interrupted_before_replace_keeps_the_old_file(tmp_path, monkeypatch):
    db, _ = create_plan(tmp_path / "plan", PASSPHRASE)
    keys = tmp_path / "plan" / "keys.json"
    before = keys.read_bytes()

    real_replace = os.replace

    def power_cut(src, dst):
        # The new key file is written beside the plan before the database is
        # swapped in (see storage/rotation.py): that write is cut here.
        if Path(dst).name in ("keys.json", ".rotating-keys.json"):
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", power_cut)
    try:
        with pytest.raises(StorageError):
            db.change_passphrase("a passphrase that never landed")
        assert keys.read_bytes() == before
        assert sorted(p.name for p in keys.parent.iterdir() if p.name.endswith(".tmp")) == []
        monkeypatch.undo()
        assert db.verify_secret(PASSPHRASE)
    finally:
        db.close()
    open_plan(tmp_path / "plan", PASSPHRASE).close()


def test_disk_full_while_writing_the_key_file(tmp_path, monkeypatch):
    db, _ = create_plan(tmp_path / "plan", PASSPHRASE)
    before = (tmp_path / "plan" / "keys.json").read_bytes()

    real_write = os.write

    def no_space(fd, data):
        if b"recoveryplan-keys" in bytes(data):
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(fsutil.os, "write", no_space)
    try:
        with pytest.raises(StorageError) as caught:
            db.regenerate_recovery_key()
        assert type(caught.value).__name__ == "DiskFull"
    finally:
        monkeypatch.undo()
        db.close()
    assert (tmp_path / "plan" / "keys.json").read_bytes() == before


# -- golden files ----------------------------------------------------------------------

def test_golden_v1_plan_opens_and_reads(tmp_path):
    """A plan saved by schema version 1. Every later version must still open it."""
    source = GOLDEN / "plan-v1"
    assert sorted(p.name for p in source.iterdir()) == ["keys.json", "plan.db"]  # checkpointed
    folder = tmp_path / "plan"
    shutil.copytree(source, folder)
    os.chmod(folder, 0o700)
    db = open_plan(folder, "golden plan passphrase, version one")
    try:
        plan = db.load_plan()
        assert plan.info.owner_name == "Robin"
        assert plan.info.language == "en"
        assert [e.text for e in plan.entries] == ["Walking by the river", "Calling my brother"]
        assert plan.entries[1].private
        goal = plan.goals[0]
        assert goal.what == "Join a choir"
        assert [(s.text, s.done) for s in goal.steps] == [("Find one nearby", True), ("Go to a taster night", False)]
        assert [n.text for n in goal.notes] == ["Sang at the back and loved it"]
        assert [c.name for c in plan.contacts] == ["Alex"]
        assert [c.hope for c in plan.checkins] == [6]
        assert [s.name for s in plan.services] == ["Emergency services", "NHS 111", "Samaritans"]
        assert db.load_snapshot(plan.reviews[0].id) == {"entries": [{"text": "Walking by the river"}]}
    finally:
        db.close()
    open_plan(folder, "KHJY-51FC-QRBF-TJQ9-X633-3CR9-BH11-5GMC").close()


def test_a_creation_cut_off_by_a_kill_leaves_nothing_in_the_way(tmp_path):
    """Power lost while a plan is being made: no half-made plan blocks the
    next try (the plan is made in a hidden folder and moved in when whole)."""
    import signal
    import subprocess
    import sys
    import textwrap

    from recoveryplan import storage
    from recoveryplan.storage.folder import creating_prefix

    root = Path(__file__).resolve().parents[2]

    folder = tmp_path / "plan"
    child = textwrap.dedent(f"""
        import os, signal
        from recoveryplan.storage import folder as f
        f._move_into_place = lambda staging, target: os.kill(os.getpid(), signal.SIGKILL)
        f.create_plan({str(folder)!r}, "a passphrase that is long enough")
    """)
    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test")
    result = subprocess.run([sys.executable, "-c", child], env=env, cwd=root, timeout=120)
    assert result.returncode == -signal.SIGKILL
    leftovers = list(tmp_path.glob(creating_prefix(folder) + "*"))
    assert leftovers and (leftovers[0] / "keys.json").is_file()   # killed after both files
    assert not storage.plan_exists(folder)
    db, _key = storage.create_plan(folder, "a passphrase that is long enough")
    db.close()
    assert storage.plan_exists(folder)
    assert not list(tmp_path.glob(creating_prefix(folder) + "*"))
