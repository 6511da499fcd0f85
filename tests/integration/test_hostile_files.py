"""Bounded cost on any input: key files, backup files and JSON imports that
are huge, special (FIFOs, devices, folders) or full of junk are refused at
once, without blocking and without reading them whole; stored KDF
parameters are bounded before any key derivation. Ctrl-C in the command
line is one line and exit status 130, and leaves nothing half-written.

Each hostile case runs in a child process with a timeout, so a regression
that blocks or runs away fails the test instead of hanging the suite."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recoveryplan.storage import PlanDamaged, create_plan, open_plan
from recoveryplan.storage.keyslots import MAX_KEY_FILE_BYTES, MAX_LANES, MAX_MEMORY_KIB, MAX_TIME_COST

PASSPHRASE = "blue kettle on the hill"


def env() -> dict[str, str]:
    return dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test")


def cli(*args: str, stdin: str = PASSPHRASE + "\n", timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "recoveryplan", *args], input=stdin, text=True,
                          capture_output=True, env=env(), timeout=timeout)


@pytest.fixture
def plan(tmp_path) -> Path:
    db, _key = create_plan(tmp_path / "plan", PASSPHRASE)
    db.close()
    return tmp_path / "plan"


def _rewrite_kdf(plan: Path, **kdf) -> None:
    """Give the passphrase slot other KDF parameters, with a valid checksum
    (a crafted file, not a damaged one)."""
    import hashlib

    from recoveryplan.storage.keyslots import _canonical

    doc = json.loads((plan / "keys.json").read_bytes())
    doc["slots"][0]["kdf"].update(kdf)
    body = {k: v for k, v in doc.items() if k != "checksum"}
    doc["checksum"] = "sha256:" + hashlib.sha256(_canonical(body)).hexdigest()
    (plan / "keys.json").write_text(json.dumps(doc))


@pytest.mark.parametrize("kdf", [
    {"memory_kib": 2 * 1024 * 1024},            # 2 GiB per guess
    {"time_cost": 100},
    {"lanes": 64, "memory_kib": 64 * 8},
    {"memory_kib": MAX_MEMORY_KIB + 1},
    {"time_cost": MAX_TIME_COST + 1},
    {"lanes": MAX_LANES + 1, "memory_kib": 8 * (MAX_LANES + 1)},
])
def test_kdf_parameters_beyond_the_bounds_are_damage_before_any_derivation(plan, kdf):
    _rewrite_kdf(plan, **kdf)
    done = cli("check", str(plan), "--passphrase-stdin", timeout=30)
    assert done.returncode == 4, done.stderr
    assert "damaged" in done.stdout + done.stderr


PEAK = """
import sys
from recoveryplan.storage import StorageError
kind, path = sys.argv[1:3]
try:
    if kind == "keys":
        from recoveryplan.storage import open_plan
        open_plan(path, "blue kettle on the hill").close()
    else:
        from recoveryplan.storage.backup import read_backup
        read_backup(path)
    outcome = "opened"
except StorageError as exc:
    outcome = type(exc).__name__ + ":" + getattr(exc, "part", "")
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) // 1024
print(outcome, peak)
"""


def _refused_with_peak(kind: str, path: Path) -> tuple[str, int]:
    """Refuse ``path`` in a fresh process; its outcome and peak memory in MiB."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read the peak memory")
    done = subprocess.run([sys.executable, "-c", PEAK, kind, str(path)], capture_output=True, text=True,
                          env=env(), timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    outcome, peak = done.stdout.split()
    return outcome, int(peak)


def test_a_huge_key_file_is_damaged_at_once_without_being_read(plan):
    with open(plan / "keys.json", "r+b") as fh:     # sparse: 1 GB that takes no room
        fh.truncate(1 << 30)
    outcome, peak = _refused_with_peak("keys", plan)
    assert outcome == "PlanDamaged:keys"
    assert peak < 200                                # far less than the file: it was never read
    with open(plan / "keys.json", "r+b") as fh:
        fh.truncate(MAX_KEY_FILE_BYTES + 1)
    with pytest.raises(PlanDamaged):
        open_plan(plan, PASSPHRASE)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_devices_and_folders_given_as_files_are_refused_without_blocking(plan, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    specials = [fifo, folder] + ([Path("/dev/zero")] if os.path.exists("/dev/zero") else [])
    for special in specials:
        done = cli("import-json", str(plan), str(special), "--passphrase-stdin")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        done = cli("restore", str(special), str(tmp_path / "restored"), "--passphrase-stdin")
        assert done.returncode == 4 and "damaged" in done.stderr, done.stderr
    # keys.json itself replaced by a FIFO or a folder.
    keys = plan / "keys.json"
    saved = keys.read_bytes()
    for make in (lambda: os.mkfifo(keys), lambda: keys.mkdir()):
        keys.unlink() if keys.is_file() or stat.S_ISFIFO(os.lstat(keys).st_mode) else keys.rmdir()
        make()
        done = cli("export-json", str(plan), str(tmp_path / "x.json"), "--passphrase-stdin")
        assert done.returncode == 4 and "damaged" in done.stderr.lower(), done.stderr
    keys.rmdir()
    keys.write_bytes(saved)
    open_plan(plan, PASSPHRASE).close()


def test_a_backup_file_too_big_to_be_one_is_refused_unread(tmp_path):
    from recoveryplan.storage.backup import MAGIC

    big = tmp_path / "big.rpbackup"
    with open(big, "wb") as fh:                      # sparse, with a good start
        fh.write(MAGIC)
        fh.truncate(600 << 20)
    outcome, peak = _refused_with_peak("backup", big)
    assert outcome == "BackupDamaged:"
    assert peak < 200
    done = cli("restore", str(big), str(tmp_path / "restored"), "--passphrase-stdin")
    assert done.returncode == 4 and "damaged" in done.stderr
    assert not (tmp_path / "restored").exists()


@pytest.mark.parametrize("junk", ["{}", "0", '"x"', "[]"])
def test_an_import_full_of_junk_stops_at_its_first_limit(plan, tmp_path, junk):
    """Millions of junk entries are refused before they are parsed; a few
    thousand are refused after the first thousand problems."""
    doc = {"format": "recoveryplan", "version": 1, "plan": {"entries": ["__JUNK__"]}}
    text = json.dumps(doc).replace('"__JUNK__"', ",".join([junk] * 3_000_000))
    path = tmp_path / "junk.json"
    path.write_text(text)
    done = cli("import-json", str(plan), str(path), "--passphrase-stdin", timeout=60)
    assert done.returncode == 1 and "far more entries than any plan has" in done.stderr, done.stderr
    text = json.dumps(doc).replace('"__JUNK__"', ",".join([junk] * 20_000))
    path.write_text(text)
    done = cli("import-json", str(plan), str(path), "--passphrase-stdin", timeout=60)
    assert done.returncode == 1 and "more than 1000 problems were found" in done.stderr, done.stderr
    assert len(done.stderr.splitlines()) <= 60


# -- Ctrl-C ------------------------------------------------------------------------------

def _reading_stdin(child: subprocess.Popen) -> None:
    """Wait until the command has started and blocks reading standard input
    (so Python's own Ctrl-C handling is in place), as the kernel reports it."""
    wchan = Path(f"/proc/{child.pid}/wchan")
    if not wchan.exists():
        pytest.skip("needs /proc to tell when the command is waiting")
    deadline = time.monotonic() + 60
    while "pipe" not in wchan.read_text():
        assert child.poll() is None and time.monotonic() < deadline, child.stderr.read()
        time.sleep(0.02)


def _interrupt(args: list[str], stdin: str | None, wait: float = 0.0) -> subprocess.CompletedProcess:
    child = subprocess.Popen([sys.executable, "-m", "recoveryplan", *args], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(), text=True)
    _reading_stdin(child)
    if stdin is not None:
        child.stdin.write(stdin)
        child.stdin.flush()
    time.sleep(wait)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    return subprocess.CompletedProcess(args, child.returncode, out, err)


def test_ctrl_c_while_waiting_for_the_passphrase_is_one_line_and_130(plan):
    done = _interrupt(["export-json", str(plan), str(plan.parent / "x.json"), "--passphrase-stdin"], None)
    assert done.returncode == 130, done.stderr
    assert done.stderr == "Stopped. Nothing was left half-done.\n"
    assert done.stdout == ""
    assert not (plan.parent / "x.json").exists()


def test_ctrl_c_during_a_passphrase_change_leaves_nothing_half_done(plan):
    """SIGINT at several moments of a real change: always one line and 130,
    and the plan opens with exactly one of the two passphrases."""
    new = "seven swans by the mill"
    current, other = PASSPHRASE, new
    interrupted = 0
    for n in range(8):
        done = _interrupt(["change-passphrase", str(plan), "--passphrase-stdin"], f"{current}\n{other}\n",
                          0.03 * n)
        assert "Traceback" not in done.stderr
        # 130, or killed by SIGINT itself (which a shell also reports as 130).
        if done.returncode in (130, -signal.SIGINT):
            interrupted += 1
            assert done.stderr == "Stopped. Nothing was left half-done.\n", done.stderr
        else:
            assert done.returncode == 0, done.stderr
        opened = []
        for secret in (current, other):
            try:
                open_plan(plan, secret).close()
                opened.append(secret)
            except Exception:  # noqa: BLE001 - the wrong one is refused
                pass
        assert len(opened) == 1
        # "Stopped" means the change didn't happen; "changed" means it did.
        assert opened == ([other] if done.returncode == 0 else [current]), done.stdout + done.stderr
        if opened == [other]:
            current, other = other, current
        leftovers = [p.name for p in plan.iterdir() if p.name.startswith(".") and p.name != ".plan.lock"]
        assert leftovers == []
    assert interrupted > 0
