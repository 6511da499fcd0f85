"""The command line, run as a person would from a shell (a real process)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASS = "correct horse battery staple 1987"
NEW_PASS = "seven green kites over Cardiff bay"


def run(*args: str, stdin: str = "", check: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test", PYTHONPATH=str(ROOT))
    env.pop("RECOVERYPLAN_DEBUG", None)
    result = subprocess.run([sys.executable, "-m", "recoveryplan", *args], input=stdin,
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def files_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.fixture
def plan_dir(tmp_path) -> Path:
    plan = tmp_path / "my-plan"
    result = run("create", str(plan), "--name", "Sam", "--passphrase-stdin", stdin=PASS + "\n",
                 check=True)
    key = [line.strip() for line in result.stdout.splitlines() if line.startswith("    ")][0]
    (tmp_path / "recovery-key").write_text(key)
    return plan


def recovery_key(plan_dir: Path) -> str:
    return (plan_dir.parent / "recovery-key").read_text()


def test_version():
    result = run("--version", check=True)
    assert result.stdout.strip().startswith("recoveryplan ")


def test_create_prints_a_recovery_key_once(plan_dir):
    key = recovery_key(plan_dir)
    groups = key.split("-")
    assert len(groups) >= 8 and all(len(g) == 4 for g in groups)
    assert (plan_dir / "keys.json").is_file() and (plan_dir / "plan.db").is_file()


def test_create_refuses_an_existing_plan(plan_dir):
    before = files_digest(plan_dir)
    result = run("create", str(plan_dir), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 1 and "already a plan" in result.stderr
    no_traceback(result)
    assert files_digest(plan_dir) == before


def test_create_refuses_a_weak_passphrase(tmp_path):
    result = run("create", str(tmp_path / "p"), "--passphrase-stdin", stdin="password\n")
    assert result.returncode == 1
    assert not (tmp_path / "p").exists()
    no_traceback(result)


def test_sample_round_trip_through_import_and_export(plan_dir, tmp_path):
    sample = ROOT / "resources" / "sample-plan.json"
    run("import-json", str(plan_dir), str(sample), "--passphrase-stdin", stdin=PASS + "\n",
        check=True)
    out = tmp_path / "out.json"
    run("export-json", str(plan_dir), str(out), "--passphrase-stdin", stdin=PASS + "\n",
        check=True)
    original = json.loads(sample.read_text(encoding="utf-8"))
    exported = json.loads(out.read_text(encoding="utf-8"))
    original.pop("exported", None)
    exported.pop("exported", None)
    assert exported == original


def test_wrong_passphrase_is_reported_and_changes_nothing(plan_dir, tmp_path):
    before = files_digest(plan_dir)
    result = run("export-json", str(plan_dir), str(tmp_path / "x.json"), "--passphrase-stdin",
                 stdin="not my passphrase\n")
    assert result.returncode == 3
    assert "passphrase" in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
    no_traceback(result)
    assert files_digest(plan_dir) == before
    assert not (tmp_path / "x.json").exists()


def test_damaged_plan_is_reported_differently(plan_dir):
    db = plan_dir / "plan.db"
    data = bytearray(db.read_bytes())
    for offset in range(2000, 2100):
        data[offset] ^= 0xFF
    db.write_bytes(bytes(data))
    before = files_digest(plan_dir)
    result = run("check", str(plan_dir), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 4, result.stderr + result.stdout
    no_traceback(result)
    assert files_digest(plan_dir) == before


def test_malformed_import_lists_problems_and_changes_nothing(plan_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "recoveryplan", "version": 1,
                               "plan": {"goals": [{"what": 5}], "nonsense": True}}))
    before = files_digest(plan_dir)
    result = run("import-json", str(plan_dir), str(bad), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 1
    assert "plan.goals[0]" in result.stderr
    no_traceback(result)
    assert files_digest(plan_dir) == before


def test_not_json_at_all(plan_dir, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe{{{ not json")
    result = run("import-json", str(plan_dir), str(bad), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 1 and result.stderr.strip()
    no_traceback(result)


def test_change_passphrase_then_both_secrets_open(plan_dir, tmp_path):
    run("change-passphrase", str(plan_dir), "--passphrase-stdin",
        stdin=f"{PASS}\n{NEW_PASS}\n", check=True)
    assert run("check", str(plan_dir), "--passphrase-stdin", stdin=NEW_PASS + "\n").returncode == 0
    assert run("check", str(plan_dir), "--passphrase-stdin", stdin=PASS + "\n").returncode == 3
    result = run("check", str(plan_dir), "--recovery-key-stdin", stdin=recovery_key(plan_dir) + "\n")
    assert result.returncode == 0, result.stderr


def test_new_recovery_key_replaces_the_old_one(plan_dir):
    old = recovery_key(plan_dir)
    result = run("new-recovery-key", str(plan_dir), "--passphrase-stdin", stdin=PASS + "\n",
                 check=True)
    new = [line.strip() for line in result.stdout.splitlines() if line.startswith("    ")][0]
    assert new != old
    assert run("check", str(plan_dir), "--recovery-key-stdin", stdin=old + "\n").returncode == 3
    assert run("check", str(plan_dir), "--recovery-key-stdin", stdin=new + "\n").returncode == 0


def test_check_reports_in_plain_words(plan_dir):
    result = run("check", str(plan_dir), "--passphrase-stdin", stdin=PASS + "\n", check=True)
    text = result.stdout.lower()
    assert "format 1" in text and "key file" in text and "whole" in text
    assert len(result.stdout.splitlines()) >= 2


def test_missing_plan(tmp_path):
    result = run("check", str(tmp_path / "nowhere"), "--passphrase-stdin", stdin=PASS + "\n")
    assert result.returncode == 1 and result.stderr.strip()
    no_traceback(result)


def test_export_pdf_from_the_command_line(plan_dir, tmp_path):
    sample = ROOT / "resources" / "sample-plan.json"
    run("import-json", str(plan_dir), str(sample), "--passphrase-stdin", stdin=PASS + "\n",
        check=True)
    for layout in ("plan", "crisis", "appointment", "card"):
        out = tmp_path / f"{layout}.pdf"
        run("export-pdf", str(plan_dir), str(out), "--layout", layout, "--passphrase-stdin",
            stdin=PASS + "\n", check=True)
        assert out.read_bytes().startswith(b"%PDF")


def test_no_secret_on_stdin_is_a_clear_error(plan_dir):
    result = run("check", str(plan_dir), "--passphrase-stdin", stdin="")
    assert result.returncode == 2 and "standard input" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize("name, passphrase", [(b"Sam\xff", PASS.encode()),
                                              (b"Sam", PASS.encode() + b"\xff")],
                         ids=["name", "passphrase"])
def test_bytes_that_are_not_text_are_refused_plainly(tmp_path, name, passphrase):
    """A name or passphrase in another encoding (a lone surrogate once read)
    gets a plain refusal, not "something went wrong", and makes nothing."""
    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test", PYTHONPATH=str(ROOT))
    env.pop("RECOVERYPLAN_DEBUG", None)
    plan = tmp_path / "plan"
    result = subprocess.run([sys.executable, "-m", "recoveryplan", "create", str(plan).encode(),
                             b"--name", name, b"--passphrase-stdin"], input=passphrase + b"\n",
                            capture_output=True, env=env, cwd=ROOT, timeout=120)
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "did not expect" not in err and "Traceback" not in err
    assert "Nothing was changed" in err
    assert not plan.exists()
    assert list(tmp_path.iterdir()) == []
