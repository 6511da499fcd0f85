"""The File menu's jobs on the plan's files, for the main window to connect:
a backup copy (of the plan on disk, or of exactly what is on screen), a
plan kept somewhere else, a copy onto this computer of a plan that can
only be read where it is, and the second place for backups.

Each job runs off the GUI thread through the open plan's owner
(``opened.OpenPlan``); one at a time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QMainWindow

from .. import opened
from ..i18n import _
from ..plans.model import today
from .background import BackgroundTask, run_in_background
from .places import SecondPlaceDialog, second_place_reminder
from .start.flow import PLAN_FOLDER_NAME, nearest_folder, plan_folder_in



class PlanFiles(QObject):
    """Backup copies, another plan, a copy onto this computer, the second place."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._task: BackgroundTask | None = None

    def busy(self) -> bool:
        return self._task is not None

    def cancel(self) -> None:
        """The plan is closing: a job still running is dropped."""
        if self._task is not None:
            self._task.cancel()
        self._task = None

    def _status(self, text: str = "") -> None:
        bar = self.window.statusBar()
        bar.showMessage(text) if text else bar.clearMessage()

    # -- backup copies -------------------------------------------------------------
    def save_backup_copy(self, then: Callable[[], object] | None = None) -> bool:
        """File > Save a backup copy: one encrypted file, anywhere. ``then``
        runs once it is saved. Returns False if no saving was started."""
        session = self.window.session
        if session is None or self._task is not None:
            return False
        path = self._ask_backup_path(_("Save a backup copy of my plan"))
        if path is None:
            return False
        plan = session.open_plan
        self._status(_("Saving a backup copy of your plan…"))
        # The scratch copy is made beside the target, so this works for a
        # plan on read-only media too.
        self._task = run_in_background(lambda: plan.save_copy(path),
                                       lambda _made: self._backup_saved(path, then),
                                       self._backup_failed)
        return True

    def save_copy_now(self, then: Callable[[], object] | None = None) -> bool:
        """"Save a copy of my plan as it is now": an encrypted backup file,
        in a place the person chooses, of exactly what is on screen (also
        when the plan's own file can't be written). ``then`` runs once it is
        saved. False if no saving was started."""
        session = self.window.session
        if session is None or self._task is not None:
            return False
        path = self._ask_backup_path(_("Save a copy of my plan as it is now"))
        if path is None:
            return False
        self._status(_("Saving a copy of your plan…"))
        self._task = session.save_copy(path, lambda _made: self._backup_saved(path, then),
                                       self._backup_failed)
        return True

    def _ask_backup_path(self, title: str) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = _("my-recovery-plan-{date}.rpbackup").format(date=today().isoformat())
        path = self.window.dialogs.get_save_path(self.window, title,
                                                 Path(folder) / name if folder else name,
                                                 _("Recovery Plan backups (*.rpbackup)"))
        suffix = opened.BACKUP_SUFFIX
        if path is not None and path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        return path

    def _backup_saved(self, path: Path, then: Callable[[], object] | None = None) -> None:
        self._task = None
        self._status()
        self.window.dialogs.information(self.window, _("Backup saved"), _(
            "An encrypted copy of your plan is saved in {path}. It opens with the passphrase or "
            "recovery key you use now. Keep it somewhere safe, such as a USB stick.")
            .format(path=str(path)))
        if then is not None:
            then()

    def _backup_failed(self, error: BaseException) -> None:
        self._task = None
        self._status()
        self.window.dialogs.warning(self.window, _("Backup not saved"), _(
            "{reason} Your plan itself is fine and unchanged.").format(
                reason=opened.error_message(error)))

    # -- places ----------------------------------------------------------------------
    def open_other_plan(self) -> bool:
        """File > Open another plan…: a plan kept somewhere else (a USB
        stick). The open plan is saved and locked first. True if the unlock
        screen for the other plan is showing."""
        window = self.window
        if window.session is not None and not window.lock():
            return False
        chosen = window.dialogs.get_folder(window, _("Open another plan"),
                                           str(nearest_folder(window.plan_path.parent)))
        if chosen is None:
            return False
        folder = chosen
        if not opened.plan_exists(folder) and opened.plan_exists(folder / PLAN_FOLDER_NAME):
            folder = folder / PLAN_FOLDER_NAME
        if not opened.plan_exists(folder):
            window.dialogs.warning(window, _("No plan there"), _(
                "There's no plan in that folder. Choose the folder your plan is kept in (it "
                "holds a file called plan.db). Nothing has been changed."))
            return False
        window.plan_path = Path(folder)
        window.start.set_plan_path(window.plan_path)
        window.lock_card.folder = window.plan_path      # that plan's card, if it has one
        window.lock_card.refresh()
        window.start.show_unlock()
        return True

    def copy_to_computer(self) -> bool:
        """A plan open for reading only: copy it into a folder on this
        computer and carry on there. False if no copying was started."""
        window = self.window
        if window.session is None or self._task is not None:
            return False
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen = window.dialogs.get_folder(window, _("Choose a folder on this computer for my plan"),
                                           start)
        if chosen is None:
            return False
        target = plan_folder_in(chosen)
        plan = window.session.open_plan
        self._status(_("Copying your plan…"))
        self._task = run_in_background(lambda: plan.copy_to(target), self._copied,
                                       self._copy_failed, lambda copy: copy.close())
        return True

    def _copied(self, copy: "opened.OpenPlan") -> None:
        self._task = None
        self._status()
        window = self.window
        old = window.plan_path
        window._end_session()
        window._plan_opened(copy)
        window.dialogs.information(window, _("Your plan is copied"), _(
            "Your plan is now on this computer, in {path}, and you can carry on writing. It "
            "opens with the same passphrase and recovery key. The copy in {old} hasn't been "
            "changed.").format(path=str(copy.path), old=str(old)))

    def _copy_failed(self, error: BaseException) -> None:
        self._task = None
        self._status()
        self.window.dialogs.warning(self.window, _("Not copied"), _(
            "{reason} Your plan hasn't been changed.").format(reason=opened.error_message(error)))

    # -- the second place ------------------------------------------------------------
    def show_second_place(self) -> SecondPlaceDialog | None:
        """File > A second place for backups…"""
        window = self.window
        if window.session is None:
            return None
        dialog = SecondPlaceDialog(window.settings, window.session.open_plan, window.dialogs,
                                   window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def renew_second_place(self) -> None:
        """After a change of secret, the backup in the second place (if one
        is chosen) is made again under the new key."""
        window = self.window
        if window.session is not None and window.settings.second_place:
            window.session.start_daily_backup(window.settings.second_place)

    def second_place_made(self) -> None:
        self.window.settings.second_place_last = dt.datetime.now(dt.timezone.utc).isoformat(
            timespec="seconds")

    def second_place_failed(self, _reason: str) -> None:
        reminder = second_place_reminder(self.window.settings.second_place_last)
        if reminder:
            self.window.statusBar().showMessage(reminder, 60_000)
