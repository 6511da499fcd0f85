"""Saving can't jam: on a real, really full disk the person is told in plain
words, offered "Save a copy of my plan as it is now" (an encrypted backup
elsewhere, holding exactly what is on screen), and once there is room again
everything typed is saved without anyone asking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from recoveryplan import storage
from recoveryplan.plans.model import Plan
from recoveryplan.storage import backup

PASSPHRASE = "purple tiger river lamp"   # as in conftest.py


@pytest.fixture
def small_disk(small_tmpfs):
    """A real 3 MiB tmpfs."""
    return small_tmpfs("3m")


def texts_in(folder: Path, field: str) -> list[str]:
    db = storage.open_plan(folder, PASSPHRASE)
    try:
        return [e.text for e in db.load_plan().entries_for("hopes", field)]
    finally:
        db.close()


def test_a_really_full_disk_never_loses_what_is_on_screen(qtbot, small_disk, fill_disk, tmp_path,
                                                          ui_settings, dialogs, unlock):
    from recoveryplan.ui.main_window import MainWindow

    folder = small_disk / "plan"
    db, _key = storage.create_plan(folder, PASSPHRASE, Plan.new("Sam"))
    db.close()
    window = MainWindow(folder, ui_settings, dialogs)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    unlock(window)
    window.workspace.go_to("hopes")
    box = window.workspace.findChild(QPlainTextEdit, "field-hopes-recovery_means")
    qtbot.waitUntil(box.isVisible)
    filler = fill_disk(small_disk)

    dialogs.answers.append(True)                      # "Save a copy of my plan as it is now"
    copy = tmp_path / "elsewhere" / "my copy.rpbackup"
    copy.parent.mkdir()
    dialogs.paths.append(copy)
    box.setFocus()
    qtbot.keyClicks(box, "Feeling like myself again " * 8)
    qtbot.waitUntil(lambda: any(s.kind == "information" and s.title == "Backup saved"
                                for s in dialogs.shown), timeout=60_000)
    told = next(s for s in dialogs.shown if s.kind == "question")
    assert told.title == "Not saved yet"
    assert "run out of space" in told.text and "Save a copy" not in told.title
    assert window.save_label.text() == "Not saved yet"

    # The copy holds exactly what is on screen, though the plan's file doesn't.
    restored = tmp_path / "restored"
    backup.restore(copy, restored, PASSPHRASE)
    assert texts_in(restored, "recovery_means") == ["Feeling like myself again " * 8]
    assert [p.name for p in copy.parent.iterdir()] == ["my copy.rpbackup"]   # no scratch left

    # Later typing is not held hostage: once there is room it is all saved, unasked.
    qtbot.keyClicks(box, "and more")
    filler.unlink()
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=30_000)
    window.close()
    assert texts_in(folder, "recovery_means") == ["Feeling like myself again " * 8 + "and more"]


def test_closing_while_the_disk_is_full_offers_the_copy_first(qtbot, small_disk, fill_disk, tmp_path,
                                                             ui_settings, dialogs, unlock):
    from recoveryplan.ui.main_window import MainWindow

    folder = small_disk / "plan"
    db, _key = storage.create_plan(folder, PASSPHRASE, Plan.new("Sam"))
    db.close()
    window = MainWindow(folder, ui_settings, dialogs)
    qtbot.addWidget(window)
    window.show()
    unlock(window)
    window.workspace.go_to("hopes")
    box = window.workspace.findChild(QPlainTextEdit, "field-hopes-recovery_means")
    qtbot.waitUntil(box.isVisible)
    fill_disk(small_disk)
    dialogs.answers.extend([False, True])      # not now; then, on closing: save a copy
    copy = tmp_path / "copy.rpbackup"
    dialogs.paths.append(copy)
    box.setFocus()
    qtbot.keyClicks(box, "Written as the disk filled up " * 8)
    qtbot.waitUntil(lambda: window.save_label.text() == "Not saved yet", timeout=30_000)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert [s.title for s in dialogs.shown if s.kind == "question"] == ["Not saved yet"] * 2
    restored = tmp_path / "restored"
    backup.restore(copy, restored, PASSPHRASE)
    assert texts_in(restored, "recovery_means") == ["Written as the disk filled up " * 8]
