"""``BackgroundStore``: saving off the GUI thread.

Every ``PlanStore`` call is turned into an operation at once (on the
caller's thread, so later edits can't change what it writes) and queued for
one worker thread, which applies them strictly in order on its own
connection to the plan. The GUI never waits for an fsync.

A write that fails because of where the plan lives (a full disk, a stick
pulled out, a folder made read-only, another program holding the file) is
reported through ``on_error`` once and stays at the head of the queue with
everything after it: nothing is dropped and nothing overtakes it. It is
tried again by itself every ``RETRY_S`` seconds, so once the disk has room
again everything queued is saved without anyone asking; ``retry()`` tries
at once, and ``close()`` tries once more before giving up.

A write that can never succeed whatever the disk does (the operation
itself can't be stored, which validation should have refused) does not
hold the writes after it hostage: it is reported as ``NotStored`` and
skipped, ``skipped`` counts it, and the writes behind it go on. The words
are still in the editor's plan, so the person can save a copy of the plan
as it is on screen.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Callable

from . import operations
from .connection import is_refused_row
from .database import PlanDatabase, locked_error
from .errors import NotStored, PlanReadOnly, StorageError

log = logging.getLogger(__name__)

#: Seconds between tries of a write that failed because of the disk.
RETRY_S = 3.0


class BackgroundStore(operations.OperationStore):
    """A ``PlanStore`` that writes on a worker thread.

    ``on_saved()`` is called (from the worker thread) each time the queue
    has been written out; ``on_error(error)`` when a write fails. The UI
    marshals both to the GUI thread. Closing the database closes this store
    first, so locking the app still writes everything queued.
    """

    def __init__(self, db: PlanDatabase) -> None:
        self.on_saved: Callable[[], None] | None = None
        self.on_error: Callable[[StorageError], None] | None = None
        self._db = db
        self._writer = db.open_writer()
        self._cond = threading.Condition()
        self._queue: deque[operations.Operation] = deque()
        self._stalled = False      # the head of the queue failed; waiting to try again
        self._failing = False      # the last try failed (reported once until a success)
        self._closing = False
        #: Writes that could never be stored and were skipped (their words
        #: are only in memory now).
        self.skipped = 0
        self._thread = threading.Thread(target=self._run, name="recoveryplan-writer", daemon=True)
        self._thread.start()
        db.add_close_hook(self.close)

    # -- PlanStore (its five methods are operations.OperationStore's) -------------
    def write_operation(self, operation: operations.Operation) -> None:
        """Queue ``operation`` for the writer thread; refused once closing."""
        with self._cond:
            if self._closing:
                raise locked_error()
            self._queue.append(operation)
            self._cond.notify_all()

    # -- control -----------------------------------------------------------------
    def pending(self) -> int:
        """Writes asked for that are not yet on disk."""
        with self._cond:
            return len(self._queue)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued is on disk. False if that didn't
        happen in ``timeout`` seconds, or a write has failed."""
        with self._cond:
            self._cond.wait_for(lambda: not self._queue or self._stalled, timeout)
            return not self._queue

    def retry(self) -> None:
        """Try the failed write (and what follows it) again."""
        with self._cond:
            self._stalled = False
            self._cond.notify_all()

    def close(self) -> bool:
        """Write what is queued, stop the worker and close its connection.
        True if everything was saved. Safe to call twice."""
        with self._cond:
            if not self._closing:
                self._closing = True
                self._stalled = False      # one last try
                self._cond.notify_all()
        self._thread.join()
        self._writer.close()
        self._db.remove_close_hook(self.close)
        return self.pending() == 0

    # -- worker ------------------------------------------------------------------
    @property
    def failing(self) -> bool:
        """The last write tried failed and is waiting to be tried again."""
        with self._cond:
            return self._failing

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._stalled and not self._closing:
                    # Try again by itself after a while (or at once on retry()).
                    if not self._cond.wait_for(lambda: not self._stalled or self._closing, RETRY_S):
                        self._stalled = False
                self._cond.wait_for(lambda: (self._queue and not self._stalled) or self._closing)
                if not self._queue or self._stalled:
                    return  # closing, and nothing (more) can be written
                operation = self._queue[0]
            try:
                try:
                    self._writer.write_operation(operation)
                except StorageError as error:
                    if is_refused_row(error):
                        raise error.__cause__ from None
                    raise
            except StorageError as error:
                # Where the plan lives is the trouble: keep it, try again later.
                with self._cond:
                    first = not self._failing
                    self._stalled = self._failing = True
                    self._cond.notify_all()
                if first:
                    self._call(self.on_error, error)
                continue
            except Exception as exc:  # noqa: BLE001 - this write can never be stored
                # The type only: a message could carry plan text.
                log.error("a write could not be stored and was skipped (%s)", type(exc).__name__)
                with self._cond:
                    self._queue.popleft()
                    self.skipped += 1
                    self._cond.notify_all()
                lost = NotStored()
                lost.__cause__ = exc
                self._call(self.on_error, lost)
                continue
            with self._cond:
                self._queue.popleft()
                self._failing = False
                drained = not self._queue
                self._cond.notify_all()
            if drained:
                self._call(self.on_saved)

    @staticmethod
    def _call(callback, *args) -> None:
        if callback is None:
            return
        try:
            callback(*args)
        except Exception as exc:  # noqa: BLE001 - a broken callback must not stop saving
            # The type only: a message or traceback could carry plan text.
            log.error("a storage callback failed (%s)", type(exc).__name__)


class ReadOnlyStore:
    """The store of a plan opened for reading only (read-only media, a full
    disk). The app keeps its boxes read-only; should a change still be
    asked for, it is refused (``on_error`` gets ``PlanReadOnly``) and
    counted in ``skipped``, so closing offers to save a copy of the plan
    as it is on screen."""

    def __init__(self, db: PlanDatabase) -> None:
        self.on_saved: Callable[[], None] | None = None
        self.on_error: Callable[[StorageError], None] | None = None
        self._db = db
        self.skipped = 0

    def _refuse(self, *_args) -> None:
        self.skipped += 1
        if self.on_error is not None:
            self.on_error(PlanReadOnly())

    save_info = save_record = delete_record = save_positions = replace_plan = _refuse

    @property
    def failing(self) -> bool:
        return False

    def pending(self) -> int:
        return 0

    def flush(self, timeout: float | None = None) -> bool:
        return True

    def retry(self) -> None:
        pass

    def close(self) -> bool:
        return self.skipped == 0
