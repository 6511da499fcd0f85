"""Accessibility through the real accessibility bus.

The test starts its own X server (Xvfb), D-Bus session bus and AT-SPI bus
(at-spi2-core's bus launcher), runs the real app on them with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` and reads what a screen reader gets
with pyatspi (in the system's python3, ``atspi_reader.py``). On the unlock
screen and on every page of an open plan:

- every focusable element that is showing has a role and a name;
- Tab (pressed through the window system) moves the focus from element to
  element in reading order: top to bottom, no invisible stops, and each stop
  is on the bus as a focusable element with a role and its name.

It is skipped only when those system packages are not installed
(``scripts/install-debian-packages.sh test`` installs them, as CI does).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recoveryplan import storage
from recoveryplan.plans.samples import load_sample_plan
from recoveryplan.plans.sections import SECTIONS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PASSPHRASE = "purple tiger river lamp"
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher",
             "/usr/lib/at-spi-bus-launcher", "/usr/libexec/at-spi2/at-spi-bus-launcher")
#: Roles whose elements may be focusable without a name of their own (a
#: table's empty cell, a list's or a table's own header row).
UNNAMED_OK = {"table cell", "table column header", "table row header", "column header"}
#: Answers come back within this many seconds, or the test fails (a hung app).
ANSWER_S = 30


def _missing() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-daemon") if shutil.which(tool) is None]
    if not any(Path(p).exists() for p in LAUNCHERS):
        missing.append("at-spi2-core (at-spi-bus-launcher)")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode != 0:
        missing.append("python3-pyatspi")
    return missing


pytestmark = pytest.mark.skipif(bool(_missing()), reason="needs the Debian packages "
                                + ", ".join(_missing()) + " (scripts/install-debian-packages.sh test)")


class Talker:
    """A child process spoken to one line at a time, answered with JSON lines."""

    def __init__(self, args: list[str], env: dict[str, str], name: str) -> None:
        self.name = name
        self.proc = subprocess.Popen(args, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, bufsize=1)

    def read(self) -> dict:
        deadline = time.monotonic() + ANSWER_S
        while True:
            left = deadline - time.monotonic()
            ready, _w, _x = select.select([self.proc.stdout], [], [], max(0.0, left))
            if not ready:
                raise AssertionError(f"{self.name} gave no answer in {ANSWER_S} s; stderr: "
                                     + self._stderr())
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"{self.name} ended early; stderr: " + self._stderr())
            line = line.strip()
            if line.startswith("{"):
                return json.loads(line)

    def ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.read()

    def _stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        return (self.proc.stderr.read() or "")[-2000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                self.ask("quit")
                self.proc.wait(10)
            except (AssertionError, OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait(10)


def _start(args, env, **kw) -> subprocess.Popen:
    return subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, **kw)


@pytest.fixture
def bus(tmp_path, xvfb):
    """Xvfb + a D-Bus session + the AT-SPI bus, all of this test's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISPLAY", "DBUS_", "QT_",
                                                                     "AT_SPI", "WAYLAND"))}
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "runtime")
    Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700)
    started: list[subprocess.Popen] = []
    try:
        env["DISPLAY"] = xvfb(env, "1280x900")
        dbus = _start(["dbus-daemon", "--session", "--nofork", "--print-address=1"], env,
                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        started.append(dbus)
        ready, _w, _x = select.select([dbus.stdout], [], [], ANSWER_S)
        assert ready, "dbus-daemon did not start"
        env["DBUS_SESSION_BUS_ADDRESS"] = dbus.stdout.readline().strip()
        launcher = next(p for p in LAUNCHERS if Path(p).exists())
        started.append(_start([launcher, "--launch-immediately"], env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        env.update(QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   QT_QPA_PLATFORM="xcb", NO_AT_BRIDGE="0")
        yield env
    finally:
        for proc in reversed(started):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)


@pytest.fixture
def app(bus, tmp_path):
    plan_dir = tmp_path / "plan"
    db, _key = storage.create_plan(plan_dir, PASSPHRASE, load_sample_plan())
    db.close()
    env = dict(bus, PYTHONPATH=os.pathsep.join([str(ROOT), bus.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    app = Talker([sys.executable, str(HERE / "atspi_app.py"), str(plan_dir), PASSPHRASE], env, "the app")
    reader = None
    try:
        assert app.read().get("ready")
        reader = Talker([SYSTEM_PYTHON, str(HERE / "atspi_reader.py"), "recoveryplan"], bus,
                        "the AT-SPI reader")
        assert reader.read().get("ready")
        yield app, reader
    finally:
        if reader is not None:
            reader.stop()
        app.stop()


def _tree(reader) -> list[dict]:
    answer = reader.ask("tree")
    assert answer["found"], "the app is not on the accessibility bus"
    return answer["nodes"]


def _unnamed(nodes: list[dict]) -> list[str]:
    problems = []
    for node in nodes:
        if not (node["showing"] and node["focusable"]):
            continue
        if node["role"] in ("", "unknown", "invalid", "redundant object"):
            problems.append(f"an element with no role (named {node['name']!r}) under {node['parent']}")
        elif not node["name"].strip() and node["role"] not in UNNAMED_OK:
            problems.append(f"{node['role']} with no name under {node['parent']}")
    return problems


def _bus_names(nodes: list[dict]) -> set[str]:
    return {n["name"] for n in nodes if n["focusable"] and n["name"].strip()
            and n["role"] not in ("", "unknown", "invalid")}


def _walk_tabs(app, reader, nodes: list[dict], where: str, limit: int) -> list[str]:
    """Press Tab (through the window system) until the focus comes back
    round. Each stop on the page is on screen, and is on the bus as a
    focusable element with a role and that name; and no stop is a whole row
    above the one before (in the page's own coordinates, so scrolling
    doesn't matter)."""
    on_bus = _bus_names(nodes)
    problems: list[str] = []
    seen: list[tuple] = []
    previous = None
    for _press in range(limit):
        qt = app.ask("tab")
        key = (qt["focus"], qt["object"], qt["name"], tuple(qt.get("page_box") or ()))
        if key in seen:
            break                                   # once round
        seen.append(key)
        box = qt.get("page_box")
        what = f"{qt['focus']} {qt['object']!r} {qt['name'] or qt['text']!r} at {box}"
        if box is None:                             # the toolbar, the list of sections
            previous = None
            continue
        if not qt["shown"]:
            problems.append(f"{where}: an invisible Tab stop: {what}")
        if not {qt["name"], qt["text"]} & on_bus:
            # Names change as the focus moves ("New entry" becomes "The entry I
            # chose"; "Just for me" shows with a chosen topic): look again.
            on_bus = _bus_names(_tree(reader))
        if not {qt["name"], qt["text"]} & on_bus:
            problems.append(f"{where}: a Tab stop the bus has no named, focusable element "
                            f"for: {what}")
        if previous is not None and box[1] + box[3] <= previous[1][1]:   # wholly above
            problems.append(f"{where}: Tab went back up the page from {previous[0]} to {what}")
        previous = (what, box)
    return problems


def test_every_page_names_its_controls_and_tab_follows_the_reading_order(app):
    app_, reader = app
    problems = _unnamed(_tree(reader))
    problems = [f"unlock screen: {p}" for p in problems]
    assert app_.ask("unlock")["ok"]
    walked = 0
    for spec in SECTIONS:
        answer = app_.ask(f"page {spec.key}")
        assert answer["ok"] and answer["focus"], answer
        nodes = _tree(reader)
        problems += [f"{spec.key}: {p}" for p in _unnamed(nodes)]
        focusable = sum(1 for n in nodes if n["showing"] and n["focusable"])
        stops = _walk_tabs(app_, reader, nodes, spec.key, min(focusable + 10, 120))
        problems += stops
        walked += 1
    assert walked == len(SECTIONS)
    assert problems == [], "\n".join(problems)
