"""One writer per plan in the app: a second window, or a window while
another program has the plan open, is refused at once on the unlock screen
with the kind message, and nothing on disk changes."""

from __future__ import annotations

import os
import subprocess
import sys

from recoveryplan import storage

PASSPHRASE = "purple tiger river lamp"   # the same as tests/ui/conftest.py

IN_USE = "This plan is open in another window or program. Close it there first; nothing has changed."


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_second_window_on_the_same_plan_is_refused_kindly(qtbot, make_window, created_plan, unlock,
                                                             plan_dir):
    first = unlock(make_window())
    assert first.workspace is not None
    before = _files(plan_dir)
    second = unlock(make_window())
    assert second.workspace is None
    assert second.start.unlock.error_label.text() == IN_USE
    assert _files(plan_dir) == before
    first.lock()
    # Once the first window has put the plan away, the second one opens it.
    second.start.unlock.secret_edit.clear()
    unlock(second)
    assert second.workspace is not None


def test_a_window_is_refused_while_another_program_has_the_plan(qtbot, make_window, created_plan,
                                                                 unlock, plan_dir):
    code = ("import sys; from recoveryplan.storage import open_plan\n"
            "db = open_plan(sys.argv[1], sys.argv[2]); print('ready', flush=True); sys.stdin.readline()")
    child = subprocess.Popen([sys.executable, "-c", code, str(plan_dir), PASSPHRASE], text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test"))
    try:
        assert child.stdout.readline() == "ready\n", child.stderr.read()
        window = unlock(make_window())
        assert window.workspace is None
        assert window.start.unlock.error_label.text() == IN_USE
    finally:
        child.stdin.write("\n")
        child.stdin.close()
        assert child.wait(60) == 0
    storage.open_plan(plan_dir, PASSPHRASE).close()
