"""File dialogs start in Documents (never the app's working folder), then
in the folder last used. The real dialog is opened and driven with keys."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from recoveryplan.ui.dialogs import DialogService


def _answer(qtbot, typed: str | None, seen: list[str]) -> None:
    """When Qt's file dialog shows, note the folder it opened in, then choose
    ``typed`` (or cancel). Only the opening folder is what is tested."""
    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            QTimer.singleShot(10, check)
            return
        seen.append(dialog.directory().absolutePath())
        if typed is None:
            dialog.reject()
        else:
            dialog.selectFile(typed)
            dialog.accept()
    QTimer.singleShot(0, check)


def test_file_dialogs_start_in_documents_then_where_i_last_saved(qtbot, tmp_path: Path,
                                                                 monkeypatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(DialogService, "_documents", staticmethod(lambda: str(documents)),
                        raising=False)
    service = DialogService()
    seen: list[str] = []
    usb = tmp_path / "usb"
    usb.mkdir()
    _answer(qtbot, str(usb / "copy.json"), seen)
    chosen = service.get_save_path(None, "Save", "my-plan.json", "")
    assert Path(seen[0]) == documents and Path(seen[0]) != work
    assert chosen == usb / "copy.json"
    _answer(qtbot, None, seen)
    assert service.get_open_path(None, "Open", "", "") is None
    assert Path(seen[1]) == usb
    assert os.getcwd() == str(work)
