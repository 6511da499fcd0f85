"""Nothing the person writes leaks out of the encrypted plan.

A scripted session in the real window writes a unique marker into every
section and field, exports JSON and a PDF, saves a backup copy, lets the
automatic backup run, locks and quits. Afterwards no marker appears, as
UTF-8 or UTF-16, in any file under the plan folder, the settings and data
folders, the temp folder or Qt's own settings, except inside the JSON and
PDF the person chose to export. Also: the socket block is really on, and
the app and the command line turn core dumps off.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from recoveryplan.plans.model import (CheckIn, Contact, CrisisService, Entry, Goal, LifeAreaNote,
                                      ProgressNote, Review, Step, Topic)
from recoveryplan.plans.sections import SECTIONS, SectionKind

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "copper moon over the fells"


class Markers:
    def __init__(self) -> None:
        self.token = secrets.token_hex(4).upper()
        self.all: list[str] = []

    def __call__(self, label: str) -> str:
        text = f"QZ{self.token}{label}ZQ"
        self.all.append(text)
        return text

    def forms(self, marker: str) -> list[bytes]:
        return [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]

    def found_in(self, data: bytes) -> list[str]:
        return [m for m in self.all if any(form in data for form in self.forms(m))]


def fill_every_section(ctx, mark: Markers) -> None:
    """Through the pages' own editing context (undo stack, background
    store), as typing in the pages does."""
    def add(record, parent=None):
        assert ctx.add(record, parent), record       # refused by validation: not a test

    ctx.set_info(owner_name=mark("owner"))
    for spec in SECTIONS:
        if spec.kind is SectionKind.FIELDS:
            for field in spec.fields:
                add(Entry(section=spec.key, field=field.key, text=mark(f"{spec.key}-{field.key}"),
                          detail=mark(f"{spec.key}-{field.key}-detail")))
    goal = Goal(what=mark("goal"), why=mark("why"), who_can_help=mark("helper"))
    add(goal)
    add(Step(text=mark("step")), parent=goal)
    add(ProgressNote(text=mark("progress")), parent=goal)
    add(LifeAreaNote(now_text=mark("area-now"), hope_text=mark("area-hope")))
    add(Contact(name=mark("contact"), phone="01234 567890", email=mark("email") + "@example.org",
                can_help_with=mark("can-help")))
    add(Topic(text=mark("topic")))
    add(CheckIn(note=mark("checkin")))
    add(CrisisService(name=mark("service"), notes=mark("service-notes")))
    add(Contact(name=mark("private-contact"), private=True))
    add(Review(agreed=mark("review"), who_was_there=mark("who"),
               snapshot={"entries": [mark("snapshot")]}))


def scan(folders: list[Path], skip: list[Path], mark: Markers, since: float) -> tuple[int, dict]:
    """Every file under ``folders`` (the shared temp folder: only files
    changed during the test); returns how many were read and the leaks."""
    leaks: dict[str, list[str]] = {}
    read = 0
    for folder in folders:
        for path in folder.rglob("*"):
            if any(path == s or s in path.parents for s in skip) or not path.is_file() \
                    or path.is_symlink():
                continue
            try:
                if folder == Path(tempfile.gettempdir()) and path.stat().st_mtime < since:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            read += 1
            found = mark.found_in(data)
            if found:
                leaks[str(path)] = found
    return read, leaks


def test_a_whole_session_leaves_no_plan_text_anywhere(qtbot, tmp_path, monkeypatch, caplog,
                                                      _isolated_home):
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from recoveryplan import storage
    from recoveryplan.export.pdf import PdfOptions, export_pdf
    from recoveryplan.plans import exchange
    from recoveryplan.ui.app import forget_file_dialog_history
    from recoveryplan.ui.dialogs import ScriptedDialogs
    from recoveryplan.ui.main_window import MainWindow
    from recoveryplan.ui.settings import Settings

    started = time.time() - 1
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    QStandardPaths.setTestModeEnabled(True)
    caplog.set_level(logging.DEBUG)
    mark = Markers()
    plan_dir = tmp_path / "plan"
    db, _key = storage.create_plan(plan_dir, PASSPHRASE)
    db.close()
    exports = tmp_path / "my exports"
    exports.mkdir()
    usb = tmp_path / "usb"
    usb.mkdir()
    settings_file = tmp_path / "settings.ini"
    dialogs = ScriptedDialogs()
    window = MainWindow(plan_dir, Settings(QSettings(str(settings_file), QSettings.Format.IniFormat)),
                        dialogs)
    qtbot.addWidget(window)
    window.show()
    screen = window.start.unlock
    qtbot.keyClicks(screen.secret_edit, PASSPHRASE)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20_000)
    session = window.session

    fill_every_section(session.ctx, mark)
    assert len(session.plan.contacts) == 2
    qtbot.waitUntil(lambda: session.pending() == 0, timeout=20_000)
    qtbot.waitUntil(lambda: storage.backup.has_backups(plan_dir), timeout=20_000)
    for widget in QApplication.topLevelWidgets():
        assert not mark.found_in(widget.windowTitle().encode()), widget
    plan = session.plan
    exchange.write_document(exports / "plan.json", exchange.to_document(plan))
    export_pdf(plan, exports / "plan.pdf", PdfOptions(include_private=True))
    dialogs.paths.append(usb / "copy.rpbackup")
    window.actions_["save_backup"].trigger()
    qtbot.waitUntil(lambda: any(s.title == "Backup saved" for s in dialogs.shown), timeout=20_000)
    assert window.lock()
    window.close()
    forget_file_dialog_history()

    # The exported files really hold the markers (so the scan can find them).
    assert len(mark.found_in((exports / "plan.json").read_bytes())) == len(mark.all)
    assert (usb / "copy.rpbackup").is_file() and list((plan_dir / "backups").iterdir())

    qt_settings = Path(QSettings(QSettings.Scope.UserScope, "QtProject").fileName()).parent
    folders = [tmp_path, _isolated_home, Path(tempfile.gettempdir())]
    if qt_settings.is_dir():
        folders.append(qt_settings)
    read, leaks = scan(folders, [exports], mark, started)
    assert read >= 5        # plan.db, keys.json, two backups, settings.ini at least
    assert not leaks, leaks
    assert scan([exports], [], mark, started)[1]      # the scan does find markers where they are
    assert not mark.found_in(caplog.text.encode())
    assert not mark.found_in("\n".join(s.title + s.text for s in dialogs.shown).encode())
    print(f"scanned {read} files for {len(mark.all)} markers in 3 encodings")


def test_sockets_really_are_blocked_in_the_test_suite():
    for attempt in (lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM),
                    lambda: socket.create_connection(("127.0.0.1", 9), timeout=0.1),
                    lambda: socket.socketpair()):
        with pytest.raises(RuntimeError, match="never open a socket"):
            attempt()


@pytest.mark.skipif(sys.platform == "win32", reason="no core dumps on Windows")
@pytest.mark.parametrize("entry", ["main", "gui_main", "app"])
def test_core_dumps_are_off_for_the_app_and_the_command_line(entry):
    """Each entry point turns core dumps off before anything else (the app
    ones are stopped just before Qt starts)."""
    script = f"""
import resource, sys
import recoveryplan.ui.app as app
app.run_app = lambda *a, **k: 0                      # stop before any window
import recoveryplan.__main__ as entry
sys.argv = ["recoveryplan"]
{"entry.main(['--version'])" if entry == "main" else "entry.gui_main()" if entry == "gui_main" else "app.main()"}
print(resource.getrlimit(resource.RLIMIT_CORE))
"""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "(0, 0)"
