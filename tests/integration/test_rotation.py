"""A changed secret really stops working: changing the passphrase or making
a new recovery key replaces the data key, so the old secret (even with the
old keys.json kept from a backup) opens neither the plan nor any backup in
its folder. Crash safety with real processes: a kill before each step of a
rotation, and kill -9 at random moments, always leave a plan that opens
with exactly one of the old and the new secret and has lost nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recoveryplan.plans.model import Entry, Plan
from recoveryplan.storage import PlanDamaged, WrongSecret, create_plan, open_plan
from recoveryplan.storage.backup import BACKUPS_DIR, daily_backup, read_backup, save_backup
from recoveryplan.storage.connection import connect
from recoveryplan.storage.keyslots import KeyFile
from recoveryplan.storage.rotation import NEW_DB, NEW_KEYS, OLD_KEY, STEPS

OLD = "blue kettle on the hill"
NEW = "seven swans by the mill"
SEED = 20_261_201


def env(**extra: str) -> dict[str, str]:
    return dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test", **extra)


def cli(args: list[str], stdin: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "recoveryplan", *args], input=stdin, text=True,
                          capture_output=True, env=env(**extra), timeout=120)


def texts(plan: Path, secret: str) -> list[str]:
    with open_plan(plan, secret) as db:
        return sorted(entry.text for entry in db.load_plan().entries)


def opens(plan: Path, secret: str) -> bool:
    try:
        open_plan(plan, secret).close()
    except WrongSecret:
        return False
    return True


def key_opens_database(data: bytes, key: bytes, scratch: Path) -> bool:
    scratch.write_bytes(data)
    try:
        connect(scratch, key).close()
    except PlanDamaged:
        return False
    finally:
        scratch.unlink()
    return True


@pytest.fixture
def plan(tmp_path) -> tuple[Path, str]:
    """A plan with a few entries and two automatic backups; returns it and its recovery key."""
    content = Plan.new(owner_name="Sam")
    content.entries.extend(Entry(section="keeping_well", field="everyday", text=f"walk number {n}")
                           for n in range(30))
    db, key = create_plan(tmp_path / "plan", OLD, content)
    try:
        daily_backup(db, dt.date.today() - dt.timedelta(days=1))
        daily_backup(db, dt.date.today())
    finally:
        db.close()
    return tmp_path / "plan", key


def test_the_old_passphrase_opens_nothing_in_the_folder_after_a_change(plan, tmp_path):
    folder, recovery = plan
    old_keys = (folder / "keys.json").read_bytes()          # what an old backup carries
    with open_plan(folder, OLD) as db:
        save_backup(db, tmp_path / "saved-elsewhere.rpbackup")
    before = texts(folder, OLD)
    done = cli(["change-passphrase", str(folder), "--passphrase-stdin"], f"{OLD}\n{NEW}\n")
    assert done.returncode == 0, done.stderr
    assert "no longer opens this plan or the backups kept with it" in done.stdout
    assert "still opens any backup file you saved somewhere else" in done.stdout

    old_data_key = KeyFile.from_bytes(old_keys).unlock(OLD)
    scratch = tmp_path / "scratch.db"
    assert not key_opens_database((folder / "plan.db").read_bytes(), old_data_key, scratch)
    backups = sorted((folder / BACKUPS_DIR).glob("*.rpbackup"))
    assert len(backups) == 2
    for path in backups:
        made = read_backup(path)
        with pytest.raises(WrongSecret):
            KeyFile.from_bytes(made.keys).unlock(OLD)
        assert not key_opens_database(made.database, old_data_key, scratch)
        new_key = KeyFile.from_bytes(made.keys).unlock(NEW)
        assert key_opens_database(made.database, new_key, scratch)
        assert KeyFile.from_bytes(made.keys).unlock(recovery) == new_key
    # What the message says the old passphrase still opens: the file saved elsewhere.
    elsewhere = read_backup(tmp_path / "saved-elsewhere.rpbackup")
    assert key_opens_database(elsewhere.database, KeyFile.from_bytes(elsewhere.keys).unlock(OLD), scratch)
    assert not opens(folder, OLD)
    assert texts(folder, NEW) == before == texts(folder, recovery)


def test_backups_kept_under_other_names_in_the_backups_folder_are_renewed_too(plan, tmp_path):
    """A person may rename a backup or tidy some into a folder of their own
    inside the backups folder: the old passphrase opens none of them after a
    change either. Other files there are left as they were."""
    folder, _recovery = plan
    backups = folder / BACKUPS_DIR
    first = sorted(backups.glob("*.rpbackup"))[0]
    (backups / "kept").mkdir()
    odd = [backups / "kept" / "OLD COPY.RPBACKUP", backups / "before the move.bak"]
    for path in odd:
        shutil.copyfile(first, path)
    (backups / "kept" / "notes.txt").write_text("not a backup")
    done = cli(["change-passphrase", str(folder), "--passphrase-stdin"], f"{OLD}\n{NEW}\n")
    assert done.returncode == 0, done.stderr
    scratch = tmp_path / "scratch.db"
    for path in odd:
        made = read_backup(path)
        with pytest.raises(WrongSecret):
            KeyFile.from_bytes(made.keys).unlock(OLD)
        assert key_opens_database(made.database, KeyFile.from_bytes(made.keys).unlock(NEW), scratch)
    assert (backups / "kept" / "notes.txt").read_text() == "not a backup"


def test_a_new_recovery_key_stops_the_old_one_for_the_plan_and_its_backups(plan, tmp_path):
    folder, recovery = plan
    old_keys = (folder / "keys.json").read_bytes()
    done = cli(["new-recovery-key", str(folder), "--passphrase-stdin"], OLD + "\n")
    assert done.returncode == 0, done.stderr
    new_recovery = re.search(r"^    (\S+)$", done.stdout, re.M).group(1)
    assert "no longer opens this plan or the backups kept with it" in done.stdout
    old_data_key = KeyFile.from_bytes(old_keys).unlock(recovery)
    scratch = tmp_path / "scratch.db"
    assert not key_opens_database((folder / "plan.db").read_bytes(), old_data_key, scratch)
    for path in (folder / BACKUPS_DIR).glob("*.rpbackup"):
        made = read_backup(path)
        with pytest.raises(WrongSecret):
            KeyFile.from_bytes(made.keys).unlock(recovery)
        assert not key_opens_database(made.database, old_data_key, scratch)
        KeyFile.from_bytes(made.keys).unlock(new_recovery)
        KeyFile.from_bytes(made.keys).unlock(OLD)       # the passphrase stays
    assert not opens(folder, recovery)
    assert opens(folder, new_recovery) and opens(folder, OLD)


def test_saving_goes_on_while_the_key_is_replaced(plan):
    """The app's background writer keeps its own connection: it is moved to
    the new key with the plan, and nothing written around the change is lost."""
    import threading

    from recoveryplan.storage.writer import BackgroundStore

    folder, _recovery = plan
    old_data_key = KeyFile.from_bytes((folder / "keys.json").read_bytes()).unlock(OLD)
    db = open_plan(folder, OLD)
    store = BackgroundStore(db)
    written = []
    changer = threading.Thread(target=db.change_passphrase, args=(NEW,))
    for n in range(40):
        entry = Entry(section="keeping_well", field="everyday", text=f"typed while changing {n}")
        store.save_record(entry, None, 100 + n)
        written.append(entry.text)
        if n == 10:
            changer.start()
    changer.join()
    assert store.flush(30)
    db.close()
    assert set(written) <= set(texts(folder, NEW))
    assert not opens(folder, OLD)
    # The database itself is under a new key now, not just the key file.
    with pytest.raises(PlanDamaged):
        connect(folder / "plan.db", old_data_key).close()


def _after_a_kill(folder: Path, old: str, new: str | None, reference: list[str]) -> str:
    """Check the plan after a killed rotation; returns which secret opens it."""
    opened = [secret for secret in (old, new) if secret is not None and opens(folder, secret)]
    assert len(opened) <= 1
    if not opened:
        assert new is None          # a new recovery key killed before it was printed
        opened = [None]
    which = opened[0]
    if which is not None:
        assert texts(folder, which) == reference
    # The next open finished or removed everything the rotation left.
    assert not [p for p in (folder / NEW_DB, folder / NEW_KEYS, folder / OLD_KEY) if p.exists()]
    return which


@pytest.mark.parametrize("step", STEPS)
def test_ctrl_c_at_each_step_of_changing_the_passphrase_never_says_stopped_about_a_change_made(plan, step):
    """A Ctrl-C as each step begins: before the commit point the command
    stops, says so and nothing changed; from the commit point on it finishes
    and says the passphrase changed (exit 0), however late the Ctrl-C."""
    folder, _recovery = plan
    done = cli(["change-passphrase", str(folder), "--passphrase-stdin"], f"{OLD}\n{NEW}\n",
               RECOVERYPLAN_ROTATION_CTRL_C=step)
    assert "Traceback" not in done.stderr
    if STEPS.index(step) < STEPS.index("commit"):
        assert done.returncode == 130, done.stdout + done.stderr
        assert done.stderr == "Stopped. Nothing was left half-done.\n"
        assert opens(folder, OLD) and not opens(folder, NEW)
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "no longer opens this plan" in done.stdout
        assert opens(folder, NEW) and not opens(folder, OLD)


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_before_each_step_of_changing_the_passphrase(plan, step):
    folder, recovery = plan
    reference = texts(folder, OLD)
    done = cli(["change-passphrase", str(folder), "--passphrase-stdin"], f"{OLD}\n{NEW}\n",
               RECOVERYPLAN_ROTATION_STOP=step)
    assert done.returncode == 9, done.stderr
    committed = STEPS.index(step) > STEPS.index("commit")
    # "check" changes nothing, and already sees the secret that is in effect.
    checked = cli(["check", str(folder), "--passphrase-stdin"], (NEW if committed else OLD) + "\n")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    which = _after_a_kill(folder, OLD, NEW, reference)
    assert which == (NEW if committed else OLD)
    assert texts(folder, recovery) == reference        # the recovery key works throughout
    # Every backup in the folder opens with the secret that opens the plan, and not the other.
    stale = OLD if committed else NEW
    for path in (folder / BACKUPS_DIR).glob("*.rpbackup"):
        keys = KeyFile.from_bytes(read_backup(path).keys)
        keys.unlock(which)
        with pytest.raises(WrongSecret):
            keys.unlock(stale)


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_before_each_step_of_making_a_new_recovery_key(plan, step):
    folder, recovery = plan
    reference = texts(folder, OLD)
    done = cli(["new-recovery-key", str(folder), "--passphrase-stdin"], OLD + "\n",
               RECOVERYPLAN_ROTATION_STOP=step)
    assert done.returncode == 9, done.stderr
    committed = STEPS.index(step) > STEPS.index("commit")
    assert opens(folder, recovery) != committed
    assert texts(folder, OLD) == reference              # the passphrase works throughout
    assert not [p for p in (folder / NEW_DB, folder / NEW_KEYS, folder / OLD_KEY) if p.exists()]
    for path in (folder / BACKUPS_DIR).glob("*.rpbackup"):
        keys = KeyFile.from_bytes(read_backup(path).keys)
        keys.unlock(OLD)
        if committed:
            with pytest.raises(WrongSecret):
                keys.unlock(recovery)


def test_kill_9_at_random_moments_of_changing_the_passphrase(plan):
    """At least 20 real kill -9s, spread over the whole command."""
    folder, recovery = plan
    reference = texts(folder, OLD)
    first_key = KeyFile.from_bytes((folder / "keys.json").read_bytes()).unlock(OLD)
    rng = random.Random(SEED)
    start = time.monotonic()
    probe = cli(["change-passphrase", str(folder), "--passphrase-stdin"], f"{OLD}\n{NEW}\n")
    assert probe.returncode == 0, probe.stderr
    duration = time.monotonic() - start
    current, other = NEW, OLD
    outcomes = {"old": 0, "new": 0, "mid-rotation": 0}
    for _round in range(24):
        child = subprocess.Popen([sys.executable, "-m", "recoveryplan", "change-passphrase", str(folder),
                                  "--passphrase-stdin"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env(), text=True)
        child.stdin.write(f"{current}\n{other}\n")
        child.stdin.close()
        time.sleep(rng.uniform(0.3, 1.0) * duration)
        child.send_signal(signal.SIGKILL)
        out = child.stdout.read()
        child.wait(60)
        if any(p.exists() for p in (folder / NEW_DB, folder / NEW_KEYS, folder / OLD_KEY)):
            outcomes["mid-rotation"] += 1
        which = _after_a_kill(folder, current, other, reference)
        assert "changed" not in out or which == other   # "done" was said: it is in effect
        if which == other:
            outcomes["new"] += 1
            current, other = other, current
        else:
            outcomes["old"] += 1
        assert texts(folder, recovery) == reference
    print("random kills:", outcomes)
    # Every completed change replaced the data key: the first one opens nothing now.
    with pytest.raises(PlanDamaged):
        connect(folder / "plan.db", first_key).close()
    assert outcomes["old"] + outcomes["new"] == 24


def test_a_plan_made_before_rotation_is_renewed_in_two_honest_steps(tmp_path):
    """The golden version-1 plan has slots that can't take a new key without
    their own secret: the first change says plainly that backups made before
    it (and their keys.json) still open the plan with the old passphrase;
    renewing the other secret too rotates the key for good."""
    import shutil

    golden = Path(__file__).resolve().parents[1] / "golden" / "plan-v1"
    folder = tmp_path / "plan"
    shutil.copytree(golden, folder)
    passphrase = "golden plan passphrase, version one"
    old_keys = (folder / "keys.json").read_bytes()
    old_data_key = KeyFile.from_bytes(old_keys).unlock(passphrase)
    reference = texts(folder, passphrase)
    done = cli(["change-passphrase", str(folder), "--passphrase-stdin"], f"{passphrase}\n{NEW}\n")
    assert done.returncode == 0, done.stderr
    assert "someone with the old one and a backup made before now could still open" in done.stdout
    assert not opens(folder, passphrase) and texts(folder, NEW) == reference
    done = cli(["new-recovery-key", str(folder), "--passphrase-stdin"], NEW + "\n")
    assert done.returncode == 0, done.stderr
    assert "no longer opens this plan or the backups kept with it" in done.stdout
    with pytest.raises(PlanDamaged):
        connect(folder / "plan.db", old_data_key).close()
    assert texts(folder, NEW) == reference
    new_recovery = re.search(r"^    (\S+)$", done.stdout, re.M).group(1)
    assert texts(folder, new_recovery) == reference


def test_the_second_place_copy_is_renewed_under_the_new_key_the_same_day(tmp_path):
    """A copy the app keeps by itself on a stick or in a synced folder must
    not go on opening with the old passphrase after a change, even though
    one was already made that day."""
    from recoveryplan.storage.backup import second_place_backup

    stick = tmp_path / "stick"
    stick.mkdir()
    db, _key = create_plan(tmp_path / "plan", OLD, Plan.new(owner_name="Sam"))
    try:
        first = second_place_backup(db, stick)
        assert first is not None
        assert second_place_backup(db, stick) is None          # once a day, as before
        db.change_passphrase(NEW)
        renewed = second_place_backup(db, stick)
        assert renewed == first                                # the same file, made again
    finally:
        db.close()
    keys = KeyFile.from_bytes(read_backup(renewed).keys)
    keys.unlock(NEW)
    with pytest.raises(WrongSecret):
        keys.unlock(OLD)


HOLD_MID_CHANGE = """
import os, sys, time
from pathlib import Path
from recoveryplan.storage.lock import lock_plan
folder = Path(sys.argv[1])
lock = lock_plan(folder)                       # as a change of secret holds it
db = folder / "plan.db"
good = db.read_bytes()
(folder / ".rotating-plan.db").write_bytes(b"half-way")
db.write_bytes(b"\\0" * len(good))             # between its two swaps: not readable yet
print("ready", flush=True)
if sys.argv[2] == "on-request":
    sys.stdin.readline()                       # finish when the test says
else:
    time.sleep(float(sys.argv[2]))
db.write_bytes(good)
os.unlink(folder / ".rotating-plan.db")
lock.release()
"""


def test_a_check_during_a_change_of_secret_waits_instead_of_saying_damaged(tmp_path):
    from recoveryplan.storage import check_plan

    db, _key = create_plan(tmp_path / "plan", OLD, Plan.new(owner_name="Sam"))
    db.close()
    child = subprocess.Popen([sys.executable, "-c", HOLD_MID_CHANGE, str(tmp_path / "plan"), "1.5"],
                             stdout=subprocess.PIPE, env=env())
    try:
        assert child.stdout.readline().strip() == b"ready"
        report = check_plan(tmp_path / "plan", OLD)
    finally:
        child.wait(timeout=60)
    assert child.returncode == 0
    assert report.ok, report.lines()


def test_a_check_that_a_change_of_secret_outruns_reads_the_plan_again(tmp_path, monkeypatch):
    """On a slow or busy computer the change can finish while the check is
    still reading the half-swapped files: the files changed under it, so it
    reads them again rather than calling the plan damaged. (The other
    program finishes its change the moment the first reading is done.)"""
    from recoveryplan.storage import check as check_module

    db, _key = create_plan(tmp_path / "plan", OLD, Plan.new(owner_name="Sam"))
    db.close()
    child = subprocess.Popen([sys.executable, "-c", HOLD_MID_CHANGE, str(tmp_path / "plan"),
                              "on-request"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env())
    first = check_module._check_once
    readings = []

    def reading_then_the_change_ends(path, secret):
        report = first(path, secret)
        readings.append(report.ok)
        if child.poll() is None:
            child.stdin.write(b"go\n")
            child.stdin.close()
            child.wait(timeout=60)
        return report

    monkeypatch.setattr(check_module, "_check_once", reading_then_the_change_ends)
    try:
        assert child.stdout.readline().strip() == b"ready"
        report = check_module.check_plan(tmp_path / "plan", OLD)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=60)
    assert child.returncode == 0
    assert readings[0] is False                 # the first reading was of the half-swapped files
    assert report.ok, report.lines()
