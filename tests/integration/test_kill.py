"""kill -9 at random moments: whatever the moment, the plan opens whole and
holds every change that was reported saved; a key file, a backup or a PDF
being rewritten is either the old one or the complete new one.

A child process (kill_child.py) writes in a loop and prints each change only
after the write returned; the test kills it with SIGKILL after a random
delay (seeded, so a failure can be replayed) and then examines the files.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recoveryplan.storage import WrongSecret, check_plan, create_plan, open_plan
from recoveryplan.storage.backup import read_backup, restore
from recoveryplan.storage.keyslots import read_key_file

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")

CHILD = Path(__file__).with_name("kill_child.py")
PASSPHRASE = "blue kettle on the hill"
OTHER = "seven swans by the mill"
SEED = 20_261_126
SAVE_ROUNDS = 50


def run_and_kill(tmp_path: Path, args: list[str], delay: float) -> tuple[list[str], int]:
    """Start the child, wait for "ready", let it work for ``delay`` seconds,
    kill -9 it; returns the complete lines it printed and its exit status."""
    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test", TMPDIR=str(tmp_path))
    child = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    try:
        ready, _w, _x = select.select([child.stdout], [], [], 60)
        assert ready, "the child never got ready"
        first = child.stdout.readline()
        assert first == b"ready\n", (first, child.stderr.read() if child.poll() is not None else b"")
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")
    lines = out.decode().split("\n")
    return [line for line in lines[:-1] if line], child.returncode  # the last piece may be cut


@pytest.fixture
def plan(tmp_path) -> Path:
    folder = tmp_path / "plan"
    db, _key = create_plan(folder, PASSPHRASE)
    db.close()
    return folder


def test_kill_while_saving_loses_nothing_reported_saved(tmp_path, plan):
    rng = random.Random(SEED)
    reported: set[str] = set()
    rounds_with_saves = 0
    for round_no in range(SAVE_ROUNDS):
        delay = rng.uniform(0.0, 0.08)
        lines, _status = run_and_kill(tmp_path, ["save", str(plan), PASSPHRASE, f"r{round_no}"], delay)
        saved = {line.split()[1] for line in lines if line.startswith("saved ")}
        rounds_with_saves += bool(saved)
        reported |= saved
        report = check_plan(plan, PASSPHRASE)
        assert report.ok, (round_no, delay, report.lines())
        db = open_plan(plan, PASSPHRASE)
        try:
            on_disk = {entry.id for entry in db.load_plan().entries}
        finally:
            db.close()
        missing = reported - on_disk
        assert not missing, f"round {round_no} (delay {delay:.3f}s) lost {len(missing)} saved changes"
    assert rounds_with_saves >= SAVE_ROUNDS // 2
    assert len(reported) >= SAVE_ROUNDS
    print(f"{SAVE_ROUNDS} kills; {len(reported)} changes reported saved, all found")


def test_kill_while_changing_the_passphrase(tmp_path, plan):
    rng = random.Random(SEED + 1)
    current, other = PASSPHRASE, OTHER
    total = 0
    for _round in range(10):
        lines, _status = run_and_kill(tmp_path, ["passphrase", str(plan), current, other],
                                      rng.uniform(0.0, 0.4))
        changes = sum(line.startswith("changed ") for line in lines)
        total += changes
        # After n reported changes the passphrase is the n-th one, or the
        # (n+1)-th if the kill came after the rename but before the print.
        expected = other if changes % 2 else current
        in_flight = current if changes % 2 else other
        # Exactly one of the two opens the plan (the data key is replaced
        # on every change: see storage/rotation.py), and it is the expected
        # one unless the kill came after the commit but before the print.
        opened = []
        for secret in (expected, in_flight):
            try:
                open_plan(plan, secret).close()
                opened.append(secret)
            except WrongSecret:
                pass
        assert len(opened) == 1
        current, other = opened[0], (in_flight if opened[0] == expected else expected)
    assert total > 0


def test_kill_while_saving_a_backup(tmp_path, plan):
    rng = random.Random(SEED + 2)
    target = tmp_path / "copy.rpbackup"
    made = 0
    for round_no in range(8):
        # Random moments, and a last round long enough for whole backups even
        # on a busy machine (so the checks below always have one to read).
        delay = rng.uniform(0.0, 0.4) if round_no < 7 else 3.0
        lines, _status = run_and_kill(tmp_path, ["backup", str(plan), PASSPHRASE, str(target)],
                                      delay)
        made += sum(line.startswith("backup ") for line in lines)
        if not target.exists():
            assert made == 0          # (it may exist before the first "backup 1" is printed)
            continue
        read_backup(target)                       # whole: checksum over every byte
        restore(target, tmp_path / f"restored-{round_no}", PASSPHRASE)
    assert made > 0
    # Leftovers of cut-short backups are encrypted scratch copies only.
    for leftover in (plan / "backups").glob("*"):
        assert leftover.name.startswith(".export-")


def test_kill_while_exporting_a_pdf(tmp_path, plan):
    from pypdf import PdfReader

    rng = random.Random(SEED + 3)
    target = tmp_path / "crisis.pdf"
    made = 0
    for round_no in range(6):
        delay = rng.uniform(0.05, 0.6) if round_no < 5 else 3.0   # the last: whole PDFs too
        lines, _status = run_and_kill(tmp_path, ["pdf", str(plan), PASSPHRASE, str(target)],
                                      delay)
        made += sum(line.startswith("pdf ") for line in lines)
        if not target.exists():
            assert made == 0
            continue
        reader = PdfReader(str(target), strict=True)
        assert len(reader.pages) >= 1
        for page in reader.pages:
            page.extract_text()
    assert made > 0
