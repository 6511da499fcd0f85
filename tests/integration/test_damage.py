"""Flipped bits and cut-short files in plan.db, keys.json and a backup: each
gives its own clear message, and no file is changed by trying."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recoveryplan.plans.model import Entry, Plan
from recoveryplan.storage import BackupDamaged, PlanDamaged, check_plan, create_plan, open_plan
from recoveryplan.storage import backup
from recoveryplan.storage.errors import BackupDamaged as BackupDamagedError

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "lanterns over the quiet bay"
#: Fractions of the file's length where a bit is flipped or the file is cut.
SPOTS = (0.0, 0.01, 0.3, 0.5, 0.77, 0.999)


def digest_tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def flip(path: Path, fraction: float) -> None:
    data = bytearray(path.read_bytes())
    offset = min(len(data) - 1, int(len(data) * fraction))
    data[offset] ^= 0x10
    path.write_bytes(bytes(data))


def truncate(path: Path, fraction: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * fraction)])


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> tuple[Path, bytes]:
    """A closed plan with some writing, and a backup of it (bytes)."""
    folder = tmp_path_factory.mktemp("pristine") / "plan"
    plan = Plan.new(owner_name="Robin")
    plan.entries = [Entry(section="keeping_well", field="everyday", text=f"walk {n} " * 40)
                    for n in range(60)]
    db, _key = create_plan(folder, PASSPHRASE, plan)
    try:
        data = backup.snapshot(db).to_bytes()
    finally:
        db.close()
    return folder, data


@pytest.fixture
def plan(tmp_path, pristine) -> Path:
    import shutil

    folder = tmp_path / "plan"
    shutil.copytree(pristine[0], folder)
    return folder


@pytest.mark.parametrize("damage", [flip, truncate])
@pytest.mark.parametrize("name", ["plan.db", "keys.json"])
def test_damaged_plan_files_are_reported_and_left_alone(plan, name, damage):
    part = "database" if name == "plan.db" else "keys"
    for spot in SPOTS:
        if damage is truncate and spot == 0.999:
            spot = 0.9      # the last byte of keys.json is a newline nobody needs
        original = (plan / name).read_bytes()
        damage(plan / name, spot)
        before = digest_tree(plan)
        with pytest.raises(PlanDamaged) as caught:
            db = open_plan(plan, PASSPHRASE)
            db.close()
        assert caught.value.part == part, (name, spot)
        assert "damaged" in str(caught.value) and "Nothing has been changed" in str(caught.value)
        report = check_plan(plan, PASSPHRASE)
        assert not report.ok, (name, spot)
        assert digest_tree(plan) == before, f"trying to open changed a file ({name} at {spot})"
        (plan / name).write_bytes(original)
    open_plan(plan, PASSPHRASE).close()


@pytest.mark.parametrize("damage", [flip, truncate])
def test_damaged_backup_files_are_refused_before_anything_changes(tmp_path, plan, pristine, damage):
    source = tmp_path / "copy.rpbackup"
    before = digest_tree(plan)
    for spot in SPOTS:
        source.write_bytes(pristine[1])
        damage(source, spot)
        with pytest.raises(BackupDamaged) as caught:
            backup.restore(source, plan, PASSPHRASE)
        assert "damaged" in str(caught.value) and "Nothing has been changed" in str(caught.value)
        assert digest_tree(plan) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.rpbackup", "plan"]


def test_every_single_bit_flip_in_a_backup_header_is_caught(pristine):
    data = pristine[1]
    header_end = data.index(b"\n", len(backup.MAGIC)) + 1
    for offset in range(header_end):
        for bit in (0x01, 0x80):
            damaged = bytearray(data)
            damaged[offset] ^= bit
            with pytest.raises(BackupDamagedError):
                backup.Backup.from_bytes(bytes(damaged))


def test_a_damaged_plan_comes_back_from_its_newest_good_backup(plan, pristine):
    folder = plan / "backups"
    folder.mkdir(exist_ok=True)
    (folder / "backup-2026-01-02.rpbackup").write_bytes(pristine[1])
    broken = bytearray(pristine[1])
    broken[len(broken) // 2] ^= 1
    (folder / "backup-2026-01-03.rpbackup").write_bytes(bytes(broken))   # newer, but damaged
    flip(plan / "plan.db", 0.5)
    damaged_copy = (plan / "plan.db").read_bytes()
    done = backup.restore_newest(plan, PASSPHRASE)
    assert done.replaced is not None
    assert (done.replaced / "plan.db").read_bytes() == damaged_copy     # kept, byte for byte
    db = open_plan(plan, PASSPHRASE)
    try:
        assert len(db.load_plan().entries) == 60
    finally:
        db.close()
    assert check_plan(plan, PASSPHRASE).ok
    assert len(list((plan / "backups").glob("*.rpbackup"))) == 2     # backups came along


def test_restoring_a_damaged_backup_from_the_command_line(tmp_path, plan, pristine):
    source = tmp_path / "copy.rpbackup"
    source.write_bytes(pristine[1][:-100])
    before = digest_tree(plan)
    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "recoveryplan", "restore", str(source), str(plan),
                             "--passphrase-stdin"], input=PASSPHRASE + "\n", capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == str(BackupDamaged())
    assert digest_tree(plan) == before
