"""Leaving never loses a word: the real app, in a real X server (Xvfb, set up
here), typed into with real key events (xdotool), then ended with SIGTERM,
SIGHUP or kill -9 while typing goes on; reopened, the words are there. The
demo's throwaway plan goes on every way out, and a stale one is removed at
the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from recoveryplan import storage
from recoveryplan.plans.model import Plan

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

PASSPHRASE = "purple tiger river lamp"
WAIT_MS = 60_000


def _run(*args: str, env=None) -> str:
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=60).stdout


@pytest.fixture
def display(xvfb):
    """A private X server, with no window manager."""
    return xvfb(dict(os.environ), "1280x800")


def app_env(display: str | None, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, RECOVERYPLAN_KDF_PROFILE="test", TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    if display is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    env.pop("QT_ACCESSIBILITY", None)
    return env


def start_app(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "recoveryplan", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stop(app: subprocess.Popen) -> tuple[int, str]:
    """Wait for the app to end (killing it after a minute); its exit code
    and what it printed on stderr."""
    try:
        _out, err = app.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        app.kill()
        _out, err = app.communicate(timeout=60)
    return app.returncode, err.decode(errors="replace")


def stop_now(app: subprocess.Popen) -> tuple[int, str]:
    if app.poll() is None:
        app.kill()
    return stop(app)


def owner_name(folder: Path) -> str:
    db = storage.open_plan(folder, PASSPHRASE)
    try:
        return db.load_plan().info.owner_name
    finally:
        db.close()


def unlocked_app(qtbot, display, tmp_path) -> tuple[subprocess.Popen, Path, dict]:
    """The app on a new plan, unlocked by typing, the cursor in "The name I
    like to be called"."""
    folder = tmp_path / "plan"
    db, _key = storage.create_plan(folder, PASSPHRASE, Plan.new())
    db.close()
    env = app_env(display, tmp_path)
    app = start_app(env, "--plan", str(folder))
    qtbot.waitUntil(lambda: app.poll() is not None
                    or bool(_run("xdotool", "search", "--onlyvisible", "--name", "Recovery Plan", env=env).strip()),
                    timeout=WAIT_MS)
    assert app.poll() is None, stop_now(app)
    # No window manager: a click into the passphrase box (the window is
    # 1100x760 at the top left) activates the window and the box.
    _run("xdotool", "mousemove", "550", "186", "click", "1", env=env)
    _run("xdotool", "type", "--delay", "20", PASSPHRASE, env=env)
    _run("xdotool", "key", "Return", env=env)
    # Unlocked when today's automatic backup appears.
    qtbot.waitUntil(lambda: app.poll() is not None or any((folder / "backups").glob("*.rpbackup")),
                    timeout=WAIT_MS)
    assert app.poll() is None, stop_now(app)
    _run("xdotool", "mousemove", "680", "173", "click", "1", env=env)   # the name box
    return app, folder, env


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_words_typed_just_before_a_signal_are_saved(qtbot, display, tmp_path, how):
    app, folder, env = unlocked_app(qtbot, display, tmp_path)
    _run("xdotool", "type", "--delay", "30", "Jo from the allotment", env=env)
    app.send_signal(how)                 # at once: well inside the pause before saving
    code, err = stop(app)
    assert code == 0, err
    assert "Traceback" not in err
    assert owner_name(folder) == "Jo from the allotment"


def test_typing_that_never_pauses_is_saved_every_two_seconds(qtbot, display, tmp_path):
    app, folder, env = unlocked_app(qtbot, display, tmp_path)
    words = "I keep typing without a single pause for breath all day long"
    _run("xdotool", "type", "--delay", "150", words, env=env)   # about nine seconds
    app.send_signal(signal.SIGKILL)                              # no chance to save now
    stop(app)
    saved = owner_name(folder)
    assert saved, "nothing was saved while the typing went on"
    assert words.startswith(saved) and len(saved) >= len(words) // 3


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_the_demo_plan_is_deleted_when_the_app_is_ended(qtbot, tmp_path, how):
    env = app_env(None, tmp_path)
    app = start_app(env, "--demo")
    temp = tmp_path / "tmp"
    qtbot.waitUntil(lambda: app.poll() is not None
                    or any(temp.glob("recoveryplan-demo-*/plan/keys.json")), timeout=WAIT_MS)
    assert app.poll() is None, stop_now(app)
    app.send_signal(how)
    code, err = stop(app)
    assert code == 0, err
    assert list(temp.glob("recoveryplan-demo-*")) == []


def test_a_demo_left_by_a_killed_app_is_removed_at_the_next_start(qtbot, tmp_path):
    env = app_env(None, tmp_path)
    temp = tmp_path / "tmp"
    first = start_app(env, "--demo")
    qtbot.waitUntil(lambda: first.poll() is not None
                    or any(temp.glob("recoveryplan-demo-*/plan/keys.json")), timeout=WAIT_MS)
    first.send_signal(signal.SIGKILL)
    stop(first)
    (stale,) = temp.glob("recoveryplan-demo-*")
    in_use = temp / "recoveryplan-demo-inuse"          # another app that is still running
    in_use.mkdir()
    (in_use / "owner.pid").write_text(str(os.getpid()))
    second = start_app(env, "--plan", str(tmp_path / "no plan yet"))
    try:
        qtbot.waitUntil(lambda: second.poll() is not None or not stale.exists(), timeout=WAIT_MS)
        assert second.poll() is None, stop_now(second)
        assert in_use.is_dir()
    finally:
        second.send_signal(signal.SIGTERM)
        stop(second)
