"""``recoveryplan backup`` and ``recoveryplan restore`` from a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASS = "rain on the tin roof tonight"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "recoveryplan", *args], input=stdin,
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_backup_then_restore_elsewhere_and_over_the_plan(tmp_path):
    plan = tmp_path / "plan"
    assert run("create", str(plan), "--passphrase-stdin", stdin=PASS + "\n").returncode == 0
    copy = tmp_path / "copy.rpbackup"
    result = run("backup", str(plan), str(copy), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 0, result.stderr
    assert "encrypted backup" in result.stdout and copy.is_file()
    result = run("restore", str(copy), str(tmp_path / "new-computer"), "--passphrase-stdin",
                 stdin=PASS + "\n")
    assert result.returncode == 0, result.stderr
    assert run("check", str(tmp_path / "new-computer"), "--passphrase-stdin",
               stdin=PASS + "\n").returncode == 0
    result = run("restore", str(copy), str(plan), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 0, result.stderr
    assert "kept, unchanged" in result.stdout
    assert len([p for p in tmp_path.iterdir() if p.name.startswith("plan.replaced-")]) == 1
    result = run("restore", str(copy), str(plan), "--passphrase-stdin", stdin="wrong\n")
    assert result.returncode == 3 and "Traceback" not in result.stderr
    result = run("check", str(plan), "--passphrase-stdin", stdin=PASS + "\n")
    assert "backup" in result.stdout
    result = run("backup", str(plan), str(tmp_path), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 2 and "is a folder" in result.stderr
