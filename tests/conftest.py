"""Shared test set-up for the whole suite.

- Qt runs offscreen; every test gets fresh settings and data folders.
- No socket can be created anywhere in the suite: the app never touches the
  network, and this proves it.
- Translation catalogues are compiled from ``translations/*.po`` into the
  source tree (as the build does for an install), so tests use real ``.mo``
  files.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Key derivation with the test profile (still Argon2id, less memory and time)
# so a suite that creates hundreds of plans stays fast. Production code never
# sets this; storage honours it only through this variable.
os.environ.setdefault("RECOVERYPLAN_KDF_PROFILE", "test")


class SocketBlocked(RuntimeError):
    pass


def _no_socket(*args, **kwargs):
    raise SocketBlocked("the app must never open a socket")


def pytest_configure(config):
    from recoveryplan.catalogues import compile_catalogues

    compile_catalogues(ROOT / "translations", ROOT / "recoveryplan" / "locale")
    # Block every way Python code opens a socket, for the whole run.
    socket.socket = _no_socket  # type: ignore[assignment, misc]
    socket.socketpair = _no_socket  # type: ignore[assignment]
    socket.create_connection = _no_socket  # type: ignore[assignment]
    socket.create_server = _no_socket  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Fresh config/data/cache/temp folders for every test."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"),
                     ("XDG_DATA_HOME", ".local/share"), ("XDG_CACHE_HOME", ".cache"),
                     ("XDG_STATE_HOME", ".local/state")):
        path = home / sub if sub else home
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(path))
    yield home


@pytest.fixture
def sample_document():
    import json

    return json.loads((ROOT / "resources" / "sample-plan.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English whatever the one before it chose."""
    from recoveryplan import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def small_tmpfs(tmp_path):
    """``small_tmpfs("2m")``: a real tmpfs of that size mounted in this
    test's folder (the tests run as root in CI), unmounted afterwards; the
    test is skipped where mounting isn't allowed."""
    mounted: list[Path] = []

    def mount(size: str, name: str = "small") -> Path:
        point = tmp_path / name
        point.mkdir()
        if os.geteuid() != 0:
            pytest.skip("mounting a small file system needs root")
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                                 str(point)], capture_output=True)
        if result.returncode != 0:
            pytest.skip("this machine doesn't allow mounting a tmpfs here")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


@pytest.fixture
def fill_disk():
    """``fill_disk(folder)``: write one file until the disk is full to the
    last byte; returns the file (delete it to make room again)."""
    def fill(folder: Path) -> Path:
        filler = folder / "filler"
        with open(filler, "wb", buffering=0) as handle:
            for size in (65536, 4096, 512, 1):
                while True:
                    try:
                        handle.write(b"\0" * size)
                    except OSError as exc:
                        assert exc.errno == errno.ENOSPC
                        break
        return filler

    return fill


@pytest.fixture
def xvfb():
    """Start a private X server (Xvfb) for this test: ``xvfb(env, "1280x800")``
    returns its display (":N"), ready for clients. ``-noreset`` keeps it
    from resetting when its last client leaves (a client connecting during
    the reset would be refused); the display is tried before it is handed
    out. Stopped after the test."""
    import select
    import shutil

    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        pytest.skip("needs Xvfb and xdotool (scripts/install-debian-packages.sh test)")
    servers: list[subprocess.Popen] = []

    def start(env: dict[str, str], size: str = "1280x800") -> str:
        read_fd, write_fd = os.pipe()
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{size}x24",
                                   "-nolisten", "tcp", "-noreset"], env=env, pass_fds=(write_fd,),
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        servers.append(server)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            ready, _w, _x = select.select([pipe], [], [], 30)
            assert ready, "Xvfb did not start"
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        display = f":{number}"
        tried = subprocess.run(["xdotool", "getdisplaygeometry"], env=dict(env, DISPLAY=display),
                               capture_output=True, text=True, timeout=30)
        assert tried.returncode == 0, f"Xvfb on {display} refuses clients: {tried.stderr}"
        return display

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
