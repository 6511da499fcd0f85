"""Trust figures: replacing the data key of the large plan, and the cost of
hostile files (each refused in a fresh process: wall time and peak memory).

    python bench/trust_bench.py [--quick] [--dir FOLDER]

Targets (issue 12): any file up to 100 MB accepted or refused in <= 10 s
and <= 500 MiB; rotation is measured, not bounded (it re-encrypts the plan
and every backup in its folder once per changed secret).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.pop("RECOVERYPLAN_KDF_PROFILE", None)   # rotation with the real KDF

from bench.plans import PASSPHRASE, make_plan  # noqa: E402

MB = 1 << 20
PROBE = r"""
import sys, time
kind, path, plan = sys.argv[1:4]
start = time.monotonic()
outcome = "accepted"
try:
    if kind == "keys":
        from recoveryplan.storage import open_plan
        open_plan(plan, "a passphrase for measuring").close()
    elif kind == "backup":
        from recoveryplan.storage.backup import read_backup
        read_backup(path)
    else:
        from recoveryplan.plans.exchange import load_document
        load_document(path)
except Exception as exc:
    outcome = "refused (" + type(exc).__name__ + ")"
took = time.monotonic() - start
# VmHWM: this process's own peak (ru_maxrss would carry the parent's over exec).
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
print(f"{took:.2f}\t{peak:.0f}\t{outcome}")
"""


def rotation(folder: Path, size: str, backups: int) -> None:
    from recoveryplan.storage import create_plan
    from recoveryplan.storage.backup import daily_backup

    plan = make_plan(size)
    db, _key = create_plan(folder / f"rotate-{size}", PASSPHRASE, plan)
    try:
        today = dt.date.today()
        for n in range(backups):
            daily_backup(db, today - dt.timedelta(days=n))
        size_mb = db.db_path.stat().st_size / MB
        start = time.monotonic()
        db.change_passphrase("another passphrase for measuring")
        took = time.monotonic() - start
    finally:
        db.close()
    print(f"rotation, {size} plan ({size_mb:.1f} MB database, {backups} backups in its folder, "
          f"real KDF): {took:.2f} s")


def hostile_files(folder: Path) -> list[tuple[str, Path, str]]:
    from recoveryplan.storage import create_plan
    from recoveryplan.storage.backup import MAGIC

    out = []
    junk = folder / "junk-3M.json"
    junk.write_text('{"format": "recoveryplan", "version": 1, "plan": {"entries": ['
                    + ",".join(["{}"] * 3_000_000) + "]}}")
    out.append(("JSON import, 3 million {} entries", junk, "json"))
    strings = folder / "strings-50MB.json"
    strings.write_text('{"format": "recoveryplan", "version": 1, "plan": {"entries": ['
                       + ",".join(['"' + "x" * 12 + '"'] * 1_990_000) + "]}}")
    out.append((f"JSON import, 1.99 million strings ({strings.stat().st_size // MB} MB)", strings, "json"))
    deep = folder / "deep.json"
    deep.write_text("[" * 5_000_000)
    out.append(("JSON import, 5 million [ (5 MB)", deep, "json"))
    big_text = folder / "text-49MB.json"
    big_text.write_text('{"format": "recoveryplan", "version": 1, "plan": {"info": {"owner_name": "'
                        + "ü" * (24 * MB) + '"}}}')
    out.append(("JSON import, one 24-million-character name (49 MB)", big_text, "json"))
    over = folder / "over-100MB.json"
    with open(over, "wb") as fh:
        fh.truncate(100 * MB)
    out.append(("JSON import, 100 MB of zero bytes", over, "json"))
    backup = folder / "huge.rpbackup"
    with open(backup, "wb") as fh:
        fh.write(MAGIC)
        fh.write(os.urandom(1 * MB))
        fh.truncate(100 * MB)
    out.append(("backup file, 100 MB with a good magic", backup, "backup"))
    db, _key = create_plan(folder / "keys-plan", PASSPHRASE)
    db.close()
    with open(folder / "keys-plan" / "keys.json", "r+b") as fh:
        fh.truncate(1 << 30)
    out.append(("keys.json, 1 GB (sparse)", folder / "keys-plan" / "keys.json", "keys"))
    if hasattr(os, "mkfifo"):
        fifo = folder / "fifo.json"
        os.mkfifo(fifo)
        out.append(("JSON import, a FIFO nobody writes to", fifo, "json"))
    if os.path.exists("/dev/zero"):
        out.append(("backup file, /dev/zero", Path("/dev/zero"), "backup"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the medium plan, one backup")
    parser.add_argument("--dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        rotation(folder, "medium" if args.quick else "large", 1 if args.quick else 7)
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
        worst = (0.0, 0.0, "")
        for label, path, kind in hostile_files(folder):
            plan = str(path.parent) if kind == "keys" else ""
            done = subprocess.run([sys.executable, "-c", PROBE, kind, str(path), plan], env=env,
                                  capture_output=True, text=True, timeout=120)
            took, peak, outcome = (done.stdout.strip().split("\t") + ["", "", done.stderr[-200:]])[:3]
            print(f"{label}: {outcome}, {took} s, peak {peak} MiB")
            if took and float(peak) > worst[1]:
                worst = (float(took), float(peak), label)
        print(f"worst peak memory: {worst[2]} ({worst[0]:.2f} s, {worst[1]:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
