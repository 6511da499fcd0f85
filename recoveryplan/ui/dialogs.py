"""Message, question and file dialogs behind one injectable service.

Windows and pages never call ``QMessageBox``/``QFileDialog`` directly: they
ask a ``DialogService``. The app passes the real one; tests pass a
``ScriptedDialogs`` that records what was shown and answers from a script,
so no test needs monkeypatching or a modal event loop.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from ..i18n import _


class DialogService:
    """The real dialogs. Buttons carry the app's own translated words: Qt
    ships no catalogue for some languages (Welsh), where its standard
    buttons would stay in English.

    File dialogs start in the folder last used this session, or else in
    Documents (never the app's working folder). The folder is remembered in
    memory only: where a person keeps their plan's copies is nobody's business.
    """

    last_folder: Path | None = None

    def start_folder(self) -> Path:
        if self.last_folder is not None and self.last_folder.is_dir():
            return self.last_folder
        documents = self._documents()
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path.home()

    @staticmethod
    def _documents() -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def start_path(self, suggested: str | Path = "") -> Path:
        """Where a file dialog opens: ``suggested``'s file name in the start folder
        (a suggestion with a folder of its own keeps it unless a folder was used since)."""
        suggested = Path(suggested) if str(suggested) else None
        if suggested is None:
            return self.start_folder()
        if suggested.is_absolute() and self.last_folder is None and suggested.parent.is_dir():
            return suggested
        return self.start_folder() / suggested.name

    def _remember(self, path: Path | None, is_folder: bool = False) -> Path | None:
        if path is not None:
            self.last_folder = path if is_folder else path.parent
        return path

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        self._tell(QMessageBox.Icon.Information, parent, title, text)

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        self._tell(QMessageBox.Icon.Warning, parent, title, text)

    def _tell(self, icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str) -> None:
        box = self._box(parent, icon, title, text)
        ok = box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(ok)
        box.setEscapeButton(ok)
        self._run(box)

    def question(self, parent: QWidget | None, title: str, text: str,
                 yes: str | None = None, no: str | None = None) -> bool:
        """Ask a yes/no question; ``yes``/``no`` may name the buttons in
        plain words ("Remove it", "Keep it"). "No" is the safe default."""
        box = self._box(parent, QMessageBox.Icon.Question, title, text)
        yes_button = box.addButton(yes or _("Yes"), QMessageBox.ButtonRole.YesRole)
        no_button = box.addButton(no or _("No"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(no_button)
        box.setEscapeButton(no_button)
        self._run(box)
        return box.clickedButton() is yes_button

    def get_save_path(self, parent: QWidget | None, title: str,
                      suggested: str | Path = "", filter: str = "") -> Path | None:
        path, _chosen = QFileDialog.getSaveFileName(parent, title, str(self.start_path(suggested)),
                                                    filter)
        return self._remember(Path(path) if path else None)

    def get_open_path(self, parent: QWidget | None, title: str,
                      start: str | Path = "", filter: str = "") -> Path | None:
        path, _chosen = QFileDialog.getOpenFileName(parent, title, str(self.start_path(start)),
                                                    filter)
        return self._remember(Path(path) if path else None)

    def get_folder(self, parent: QWidget | None, title: str,
                   start: str | Path = "") -> Path | None:
        path = QFileDialog.getExistingDirectory(parent, title, str(self.start_path(start)))
        return self._remember(Path(path) if path else None, is_folder=True)

    @staticmethod
    def _run(box: QMessageBox) -> None:
        """Show ``box`` until answered, then give the keyboard back to the
        window it belongs to (without a window manager's help, the focus
        could be left nowhere, and F1 would not reach Need help now)."""
        box.exec()
        owner = box.parentWidget()
        if owner is not None and owner.isVisible() and QApplication.activeWindow() is None:
            owner.activateWindow()

    @staticmethod
    def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        # A box asked for by a dialog that has just closed belongs to the
        # nearest window still on screen: on closing, the focus goes back there.
        window = parent.window() if parent is not None else None
        while window is not None and not window.isVisible() and window.parentWidget() is not None:
            window = window.parentWidget().window()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, window)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAccessibleName(title)
        box.setAccessibleDescription(text)
        return box


@dataclass
class Shown:
    """One dialog a ``ScriptedDialogs`` was asked to show."""

    kind: str
    title: str
    text: str = ""


@dataclass
class ScriptedDialogs(DialogService):
    """A test double: records every dialog and answers from queues.

    ``answers`` are popped for ``question`` (default: False, the safe
    answer); ``paths`` for the file dialogs (default: None, cancelled).
    """

    answers: deque = field(default_factory=deque)
    paths: deque = field(default_factory=deque)
    shown: list[Shown] = field(default_factory=list)

    def information(self, parent, title, text):
        self.shown.append(Shown("information", title, text))

    def warning(self, parent, title, text):
        self.shown.append(Shown("warning", title, text))

    def question(self, parent, title, text, yes=None, no=None):
        self.shown.append(Shown("question", title, text))
        return bool(self.answers.popleft()) if self.answers else False

    def get_save_path(self, parent, title, suggested="", filter=""):
        return self._path("save", title)

    def get_open_path(self, parent, title, start="", filter=""):
        return self._path("open", title)

    def get_folder(self, parent, title, start=""):
        return self._path("folder", title)

    def _path(self, kind: str, title: str) -> Path | None:
        self.shown.append(Shown(kind, title))
        return Path(self.paths.popleft()) if self.paths else None
