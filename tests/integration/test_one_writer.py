"""One writer per plan, with real processes: a plan open in one process is
refused at once, kindly, in another (the command line and storage's open);
a lock left by a process killed with -9 is taken over; the two key commands
racing each other never leave a "done" that isn't in effect. Also on FAT
and exFAT file systems mounted with FUSE, and on read-only media.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from recoveryplan.storage import StorageError, WrongSecret, create_plan, open_plan
from recoveryplan.storage.errors import PlanFolderReadOnly, PlanInUse

PASSPHRASE = "blue kettle on the hill"
IN_USE = "This plan is open in another window or program. Close it there first; nothing has changed."

HOLDER = """
import sys
from recoveryplan.storage import open_plan
db = open_plan(sys.argv[1], sys.argv[2])
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
db.close()
"""


def env() -> dict[str, str]:
    return dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test")


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "recoveryplan", *args], input=stdin,
                          capture_output=True, text=True, env=env(), timeout=120)


def hold(plan: Path) -> subprocess.Popen:
    """A second process that opens ``plan`` and keeps it open."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(plan), PASSPHRASE],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env(), text=True)
    line = child.stdout.readline()
    assert line == "ready\n", child.stderr.read()
    return child


@pytest.fixture
def plan(tmp_path) -> Path:
    db, _key = create_plan(tmp_path / "plan", PASSPHRASE)
    db.close()
    return tmp_path / "plan"


def test_a_plan_open_in_another_process_is_refused_kindly_then_taken_over_after_a_kill(plan, tmp_path):
    child = hold(plan)
    try:
        for args in (["export-json", str(plan), str(tmp_path / "copy.json")],
                     ["change-passphrase", str(plan)], ["new-recovery-key", str(plan)],
                     ["backup", str(plan), str(tmp_path / "b.rpbackup")]):
            done = cli(*args, "--passphrase-stdin", stdin=f"{PASSPHRASE}\nanother good passphrase 42\n")
            assert done.returncode == 1, done.stderr
            assert done.stderr == IN_USE + "\n"
            assert "Traceback" not in done.stderr and done.stdout == ""
        assert not (tmp_path / "copy.json").exists() and not (tmp_path / "b.rpbackup").exists()
        with pytest.raises(PlanInUse):
            open_plan(plan, PASSPHRASE)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    # The dead process's lock is the system's to drop: the next open just works.
    done = cli("export-json", str(plan), str(tmp_path / "copy.json"), "--passphrase-stdin",
               stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    open_plan(plan, PASSPHRASE).close()


def test_removing_the_lock_file_of_an_open_plan_lets_no_second_writer_in(plan):
    child = hold(plan)
    try:
        (plan / ".plan.lock").unlink()          # by hand, or a cleaning tool
        with pytest.raises(PlanInUse):
            open_plan(plan, PASSPHRASE)
        done = cli("change-passphrase", str(plan), "--passphrase-stdin",
                   stdin=f"{PASSPHRASE}\nanother good passphrase 42\n")
        assert done.returncode == 1 and done.stderr == IN_USE + "\n", done.stderr
    finally:
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(60) == 0
    open_plan(plan, PASSPHRASE).close()       # closed there: free again, lock file made anew
    assert (plan / ".plan.lock").exists()


def test_the_lock_is_taken_before_the_secret_is_checked(plan):
    child = hold(plan)
    try:
        with pytest.raises(PlanInUse):
            open_plan(plan, "not even the right passphrase")
    finally:
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(60) == 0
    with pytest.raises(WrongSecret):
        open_plan(plan, "not even the right passphrase")


def test_restore_is_refused_while_the_plan_is_open(plan, tmp_path):
    from recoveryplan.storage.backup import restore, save_backup

    with open_plan(plan, PASSPHRASE) as db:
        save_backup(db, tmp_path / "b.rpbackup")
    before = sorted(p.name for p in tmp_path.iterdir())
    child = hold(plan)
    try:
        with pytest.raises(PlanInUse):
            restore(tmp_path / "b.rpbackup", plan, PASSPHRASE)
        done = cli("restore", str(tmp_path / "b.rpbackup"), str(plan), "--passphrase-stdin",
                   stdin=PASSPHRASE + "\n")
        assert done.returncode == 1 and done.stderr == IN_USE + "\n"
    finally:
        child.stdin.write("\n")
        child.stdin.flush()
        child.wait(60)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_two_key_commands_racing_each_other_20_rounds(plan):
    """Both started together, 20 times: each either says done (and then its
    change is really in effect) or is refused with the kind message."""
    passphrase = PASSPHRASE
    recovery = None
    done_counts = {"passphrase": 0, "key": 0, "refused": 0}
    for round_no in range(20):
        new_passphrase = f"a fresh passphrase for round {round_no} ok"
        common = dict(stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.PIPE,
                      env=env(), text=True)
        change = subprocess.Popen([sys.executable, "-m", "recoveryplan", "change-passphrase", str(plan),
                                   "--passphrase-stdin"], **common)
        new_key = subprocess.Popen([sys.executable, "-m", "recoveryplan", "new-recovery-key", str(plan),
                                    "--passphrase-stdin"], **common)
        # Both get their lines at once, then run side by side.
        change.stdin.write(f"{passphrase}\n{new_passphrase}\n")
        new_key.stdin.write(passphrase + "\n")
        change.stdin.close()
        new_key.stdin.close()
        key_out, key_err = new_key.stdout.read(), new_key.stderr.read()
        change_out, change_err = change.stdout.read(), change.stderr.read()
        new_key.wait(120)
        change.wait(120)
        for code, err in ((change.returncode, change_err), (new_key.returncode, key_err)):
            assert "Traceback" not in err
            if code == 3:
                # Refused kindly: the passphrase it was given had just been
                # changed by the other command, which ran first.
                assert change.returncode == 0 and err.startswith("That passphrase didn't open"), err
                continue
            assert code == 0 or (code == 1 and err == IN_USE + "\n"), err
        if new_key.returncode == 0:
            done_counts["key"] += 1
            old_recovery = recovery
            recovery = re.search(r"^    (\S+)$", key_out, re.M).group(1)
            if old_recovery is not None:
                with pytest.raises(WrongSecret):
                    open_plan(plan, old_recovery)
        if change.returncode == 0:
            done_counts["passphrase"] += 1
            with pytest.raises(WrongSecret):
                open_plan(plan, passphrase)
            passphrase = new_passphrase
        done_counts["refused"] += (change.returncode != 0) + (new_key.returncode != 0)
        # What said done is in effect: the current passphrase and recovery key open it.
        open_plan(plan, passphrase).close()
        if recovery is not None:
            open_plan(plan, recovery).close()
    assert done_counts["passphrase"] + done_counts["key"] >= 20
    print("race:", done_counts)


# -- real file systems ---------------------------------------------------------------

def _fuse_mount(kind: str, tmp_path: Path) -> Path:
    if os.geteuid() != 0 or not os.path.exists("/dev/fuse"):
        pytest.skip("needs FUSE and permission to mount")
    image, mount = tmp_path / f"{kind}.img", tmp_path / f"{kind}-mnt"
    mount.mkdir()
    with open(image, "wb") as fh:
        fh.truncate(64 << 20)
    if kind == "fat":
        tools = ("mkfs.vfat", "fusefat")
        make, mount_cmd = ["mkfs.vfat", "-F", "32", str(image)], ["fusefat", "-o", "rw+", str(image), str(mount)]
    else:
        tools = ("mkfs.exfat", "mount.exfat-fuse", "losetup")
        make, mount_cmd = ["mkfs.exfat", str(image)], ["mount.exfat-fuse", "{device}", str(mount)]
    if not all(shutil.which(tool) for tool in tools):
        pytest.skip(f"needs {' and '.join(tools)} (scripts/install-debian-packages.sh test)")
    subprocess.run(make, check=True, capture_output=True)
    if "{device}" in mount_cmd:     # exfat-fuse mounts block devices only
        loop = subprocess.run(["losetup", "-f", "--show", str(image)], capture_output=True, text=True)
        if loop.returncode:
            pytest.skip("no loop device free here")
        device = loop.stdout.strip()
        mount_cmd = [device if part == "{device}" else part for part in mount_cmd]
        _LOOPS[mount] = device
    subprocess.run(mount_cmd, check=True, capture_output=True)
    return mount


_LOOPS: dict[Path, str] = {}


def _unmount(mount: Path) -> None:
    subprocess.run(["fusermount", "-u", str(mount)], capture_output=True)
    device = _LOOPS.pop(mount, None)
    if device:
        subprocess.run(["losetup", "-d", device], capture_output=True)


@pytest.mark.parametrize("kind", ["fat", "exfat"])
def test_the_lock_holds_on_a_fuse_mounted_usb_stick(kind, tmp_path):
    mount = _fuse_mount(kind, tmp_path)
    try:
        # Owner-only permissions can't be kept on FAT: make the folder and
        # the lock file directly, as a plan there would have them.
        folder = mount / "plan"
        folder.mkdir()
        from recoveryplan.storage.lock import lock_plan

        code = ("import sys; from recoveryplan.storage.lock import lock_plan\n"
                "lock = lock_plan(sys.argv[1]); print('ready', flush=True); sys.stdin.readline()")
        held = subprocess.Popen([sys.executable, "-c", code, str(folder)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
        assert held.stdout.readline() == "ready\n", held.stderr.read()
        with pytest.raises(PlanInUse):
            lock_plan(folder)
        held.send_signal(signal.SIGKILL)
        held.wait()
        lock = lock_plan(folder)          # taken over after the kill
        lock.release()
    finally:
        _unmount(mount)


def test_a_folder_on_read_only_media_is_named_as_such(plan, tmp_path):
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs permission to bind-mount")
    ro = tmp_path / "ro"
    ro.mkdir()
    if subprocess.run(["mount", "--bind", str(plan.parent), str(ro)], capture_output=True).returncode:
        pytest.skip("bind mounts aren't allowed here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(ro)], check=True, capture_output=True)
        with pytest.raises(PlanFolderReadOnly) as caught:
            open_plan(ro / "plan", PASSPHRASE)
        assert isinstance(caught.value, StorageError) and "nothing has changed" in str(caught.value).lower()
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)
