"""An open plan in the app, and the slow work of opening one.

``PlanSession`` wraps the plan's Qt-free owner (``opened.OpenPlan``: the
database, the store and the ``PlanEditor``) with a store that saves on its
own thread, the pages' ``PlanContext`` and signals; ``close`` is the one way
to put it all away again without losing a word. ``open_and_load`` opens and
reads a plan on a worker thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from .. import i18n, opened
from .background import BackgroundTask, run_in_background
from .dialogs import DialogService

if TYPE_CHECKING:   # loaded when a plan is opened, not at launch
    from ..plans.service import PlanEditor
    from .context import PlanContext

#: How long closing waits for the disk before telling the person.
FLUSH_TIMEOUT_S = 10.0


def open_and_load(open_plan: Callable[[], Any]) -> Any:
    """Open a plan and read it, both on the calling (worker) thread; the
    ``PlanSession`` made for it then uses the plan read here, so reading a
    large plan never holds up the window. ``open_plan`` returns an
    ``OpenPlan`` (or an open database)."""
    plan = open_plan()
    if not isinstance(plan, opened.OpenPlan):
        plan = opened.OpenPlan(plan)
    try:
        plan.load()
    except Exception:
        plan.close()
        raise
    # The plan's pages show dates (a review that is due, check-ins): the
    # locale's date formats load here, not on the GUI thread. Only a head
    # start: if it cannot be had, the page loads them when it shows a date.
    with contextlib.suppress(Exception):
        i18n.format_date(dt.date.today(), "long")
    return plan


class PlanSession(QObject):
    """Everything that exists only while the plan is open.

    Signals (always on the GUI thread):
      ``saving``: a change was handed to the store;
      ``saved``: everything handed over so far is on disk;
      ``save_failed(str)``: a kind message to show; the text stays on screen;
      ``backup_failed(str)``: today's automatic backup couldn't be made;
      ``second_place_made`` / ``second_place_failed(str)``: the backup in
      the second place was made, or couldn't be.
    """

    saving = Signal()
    saved = Signal()
    save_failed = Signal(str)
    backup_failed = Signal(str)
    second_place_made = Signal()
    second_place_failed = Signal(str)
    _saved_from_worker = Signal()
    _failed_from_worker = Signal(str)

    def __init__(self, plan: Any, dialogs: DialogService | None = None,
                 parent: QObject | None = None) -> None:
        """``plan`` is an ``OpenPlan`` (or an open database) no one has
        edited through yet."""
        # Here, not at the top: the unlock screen is shown without it.
        from .context import PlanContext

        super().__init__(parent)
        if not isinstance(plan, opened.OpenPlan):
            plan = opened.OpenPlan(plan)
        #: The plan's own owner: database, store, editor.
        self.open_plan = plan
        self.db = plan.db
        plan.load()
        #: Opened for reading only (read-only media, a full disk).
        self.read_only = plan.read_only
        self.store = plan.write_in_background()
        # The store calls these on its own thread; the signals queue them
        # over to this object's (the GUI) thread.
        self._saved_from_worker.connect(self._on_saved)
        self._failed_from_worker.connect(self._on_failed)
        self.store.on_saved = self._saved_from_worker.emit
        self.store.on_error = lambda exc: self._failed_from_worker.emit(str(exc))
        self.editor = plan.editor
        self.ctx = PlanContext(self.editor, self)
        self.ctx.dialogs = dialogs
        self.ctx.changed.connect(self._on_changed)
        self.ctx.typing.connect(self._on_typing)
        self.closed = False
        self._backup_task: BackgroundTask | None = None

    def start_daily_backup(self, second_place: str = "") -> None:
        """Make today's automatic encrypted backup off the GUI thread (at
        most one a day; old ones are pruned), and one in the second place
        when one is chosen. Nothing for a plan open for reading only."""
        if self.read_only:
            return
        open_plan = self.open_plan

        def work():
            open_plan.daily_backup()
            if second_place:
                try:
                    return open_plan.second_place_backup(second_place)
                except opened.StorageError as error:
                    return error        # the plan's own backup was made; this is told gently
            return None

        self._backup_task = run_in_background(work, self._backup_done, self._backup_error)

    def _backup_done(self, result: object) -> None:
        self._backup_task = None
        if not self.closed:
            if isinstance(result, opened.StorageError):
                self.second_place_failed.emit(str(result))
            elif result is not None:
                self.second_place_made.emit()

    def _backup_error(self, error: BaseException) -> None:
        self._backup_task = None
        if not self.closed:
            self.backup_failed.emit(opened.error_message(error))

    @property
    def plan(self):
        return self.editor.plan

    def pending(self) -> int:
        return self.store.pending()

    @Slot(str, object)
    def _on_changed(self, action: str, subject: object) -> None:
        self.saving.emit()

    @Slot(bool)
    def _on_typing(self, waiting: bool) -> None:
        # Words on screen not yet handed over are not saved: "Saving…" until
        # they are on disk ("Saved" at once if handing them over wrote nothing).
        if waiting:
            self.saving.emit()
        else:
            self._on_saved()

    @Slot()
    def _on_saved(self) -> None:
        if not self.closed and self.store.pending() == 0 and not self.ctx.typing_waits:
            self.saved.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if not self.closed:
            self.save_failed.emit(message)

    def flush(self) -> bool:
        """Commit typing still waiting in the pages, then wait for the disk.
        True when everything is saved."""
        self.ctx.flush_pending()
        self.store.retry()      # a write that failed earlier gets another go
        return bool(self.store.flush(FLUSH_TIMEOUT_S))

    def retry(self) -> None:
        """Try a failed write again (after the person freed some space)."""
        self.store.retry()

    def all_saved(self) -> bool:
        """Is every word on screen in the plan's file (nothing queued,
        nothing skipped)?"""
        return self.store.pending() == 0 and self.store.skipped == 0

    def save_copy(self, path, on_done: Callable[[Any], None],
                  on_failed: Callable[[BaseException], None]) -> BackgroundTask:
        """"Save a copy of my plan as it is now": an encrypted backup file
        at ``path`` holding exactly what is on screen, made even when the
        plan's own file can't be written."""
        self.ctx.flush_pending()
        as_on_screen = self.open_plan.as_on_screen()    # rows taken now
        open_plan = self.open_plan
        return run_in_background(lambda: open_plan.save_copy(path, as_on_screen),
                                 on_done, on_failed)

    def close(self) -> None:
        """Put the plan away: nothing of it stays in memory we control.

        Call ``flush`` first; ``close`` itself never raises, so locking
        always locks."""
        if self.closed:
            return
        self.closed = True
        if self._backup_task is not None:
            self._backup_task.cancel()      # closing the database waits for it
            self._backup_task = None
        self.ctx.changed.disconnect(self._on_changed)
        self.ctx.detach()
        self.ctx.undo_stack.clear()
        self.open_plan.close()
