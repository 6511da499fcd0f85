"""The File menu's sharing commands, for the main window to connect."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from .json_copy import JsonCopy

if TYPE_CHECKING:
    from .export_dialog import ExportDialog


class ShareActions(QObject):
    """Save as PDF or print; save a JSON copy; bring a plan in from JSON."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.json = JsonCopy(window)

    def open_export_dialog(self) -> "ExportDialog | None":
        # Loaded on first use: it brings ReportLab and pdfium, which would
        # otherwise add a fifth of a second to every start.
        from .export_dialog import ExportDialog

        session = self.window.session
        if session is None:
            return None
        session.ctx.flush_pending()     # the pages show the latest words
        dialog = ExportDialog(session.ctx, session.open_plan.load_snapshot, self.window.dialogs,
                              self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save_json_copy(self) -> None:
        self.json.save_copy()

    def bring_in_json(self) -> None:
        self.json.bring_in()
