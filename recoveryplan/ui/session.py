"""An open plan, and the slow work of opening one.

``run_in_background`` runs a function (key derivation takes about half a
second) on Qt's thread pool and hands the result back on the GUI thread by
signal. ``PlanSession`` wires an open ``PlanDatabase`` to a
``BackgroundStore`` (saving on its own thread), a ``PlanEditor`` and the
pages' ``PlanContext``; ``close`` is the one way to put it all away again
without losing a word.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ..storage import StorageError, backup, operations
from .dialogs import DialogService

if TYPE_CHECKING:   # loaded when a plan is opened, not at launch
    from ..plans.service import PlanEditor
    from .context import PlanContext

#: How long closing waits for the disk before telling the person.
FLUSH_TIMEOUT_S = 10.0


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        self._fn()


class BackgroundTask(QObject):
    """One function run off the GUI thread; ``done``/``failed`` arrive on
    the GUI thread. ``cancel`` asks for the result to be thrown away:
    ``discard`` is then called with it on the worker thread (to close a
    database nobody is waiting for any more)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any], discard: Callable[[Any], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._discard = discard
        self._cancelled = threading.Event()
        self.finished = threading.Event()

    def start(self) -> None:
        # A QRunnable subclass, not ``start(callable)``: on Python 3.11 the
        # callable form under-counts references to None with PySide 6.12
        # and eventually crashes.
        QThreadPool.globalInstance().start(_Runnable(self._run))

    def cancel(self) -> None:
        self._cancelled.set()

    def _run(self) -> None:
        try:
            try:
                result = self._fn()
            except Exception as exc:  # handed to the GUI thread, shown kindly there
                if not self._cancelled.is_set():
                    self.failed.emit(exc)
                return
            if self._cancelled.is_set():
                if self._discard is not None:
                    self._discard(result)
                return
            self.done.emit(result)
        finally:
            self.finished.set()


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_failed: Callable[[BaseException], None],
                      discard: Callable[[Any], None] | None = None) -> BackgroundTask:
    """Start ``fn`` on the thread pool; keep the returned task while it runs."""
    task = BackgroundTask(fn, discard)
    task.done.connect(on_done)
    task.failed.connect(on_failed)
    task.start()
    return task


#: Plans read off the GUI thread by ``open_and_load``, until a session takes them.
_LOADED: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()


def open_and_load(open_db: Callable[[], Any]) -> Any:
    """Open a plan and read it, both on the calling (worker) thread; the
    ``PlanSession`` made for the database then uses the plan read here, so
    reading a large plan never holds up the window."""
    db = open_db()
    try:
        _LOADED[db] = db.load_plan()
    except Exception:
        try:
            db.close()
        except StorageError:
            pass
        raise
    return db


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

    def __init__(self, db: Any, dialogs: DialogService | None = None,
                 parent: QObject | None = None) -> None:
        # Here, not at the top: the unlock screen is shown without them.
        from ..plans.service import PlanEditor
        from ..storage.writer import BackgroundStore, ReadOnlyStore
        from .context import PlanContext

        super().__init__(parent)
        self.db = db
        plan = _LOADED.pop(db, None)
        if plan is None:
            plan = db.load_plan()
        #: Opened for reading only (read-only media, a full disk).
        self.read_only = bool(getattr(db, "read_only", False))
        self.store = ReadOnlyStore(db) if self.read_only else BackgroundStore(db)
        # The store calls these on its own thread; the signals queue them
        # over to this object's (the GUI) thread.
        self._saved_from_worker.connect(self._on_saved)
        self._failed_from_worker.connect(self._on_failed)
        self.store.on_saved = self._saved_from_worker.emit
        self.store.on_error = lambda exc: self._failed_from_worker.emit(str(exc))
        self.editor = PlanEditor(plan, self.store)
        self.ctx = PlanContext(self.editor, self)
        self.ctx.dialogs = dialogs
        self.ctx.changed.connect(self._on_changed)
        self.closed = False
        self._backup_task: BackgroundTask | None = None

    def start_daily_backup(self, second_place: str = "") -> None:
        """Make today's automatic encrypted backup off the GUI thread (at
        most one a day; old ones are pruned), and one in the second place
        when one is chosen. Nothing for a plan open for reading only."""
        if self.read_only:
            return
        db = self.db

        def work():
            backup.daily_backup(db)
            if second_place:
                try:
                    return backup.second_place_backup(db, second_place)
                except StorageError as error:
                    return error        # the plan's own backup was made; this is told gently
            return None

        self._backup_task = run_in_background(work, self._backup_done, self._backup_error)

    def _backup_done(self, result: object) -> None:
        self._backup_task = None
        if not self.closed:
            if isinstance(result, StorageError):
                self.second_place_failed.emit(str(result))
            elif result is not None:
                self.second_place_made.emit()

    def _backup_error(self, error: BaseException) -> None:
        self._backup_task = None
        if not self.closed:
            reason = str(error) if isinstance(error, StorageError) else StorageError.default_message()
            self.backup_failed.emit(reason)

    @property
    def plan(self):
        return self.editor.plan

    def pending(self) -> int:
        return self.store.pending()

    @Slot(str, object)
    def _on_changed(self, action: str, subject: object) -> None:
        self.saving.emit()

    @Slot()
    def _on_saved(self) -> None:
        if not self.closed and self.store.pending() == 0:
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
        as_on_screen = operations.ReplacePlan.of(self.editor.plan)  # rows taken now
        db = self.db
        return run_in_background(lambda: backup.save_copy(db, path, as_on_screen),
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
        try:
            self.store.close()
        except StorageError:
            pass
        try:
            self.db.close()
        except StorageError:
            pass
