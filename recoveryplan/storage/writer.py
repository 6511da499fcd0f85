"""``BackgroundStore``: saving off the GUI thread.

Every ``PlanStore`` call is turned into an operation at once (on the
caller's thread, so later edits can't change what it writes) and queued for
one worker thread, which applies them strictly in order on its own
connection to the plan. The GUI never waits for an fsync.

A write that fails is reported through ``on_error`` and stays at the head
of the queue with everything after it: nothing is dropped and nothing
overtakes it. ``retry()`` tries again (say after the person has freed some
disk space); ``close()`` tries once more before giving up.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from typing import Callable

from ..plans.model import Plan, PlanInfo, Record
from . import operations
from .database import PlanDatabase, locked_error
from .errors import StorageError

log = logging.getLogger(__name__)


class BackgroundStore:
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
        self._stalled = False      # the head of the queue failed; waiting for retry()
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="recoveryplan-writer", daemon=True)
        self._thread.start()
        db.add_close_hook(self.close)

    # -- PlanStore ---------------------------------------------------------------
    def save_info(self, info: PlanInfo) -> None:
        self._put(operations.SaveInfo.of(info))

    def save_record(self, record: Record, parent_id: str | None, position: int) -> None:
        self._put(operations.SaveRecord.of(record, parent_id, position))

    def delete_record(self, record_id: str) -> None:
        self._put(operations.DeleteRecord(record_id))

    def save_positions(self, ids: list[str]) -> None:
        self._put(operations.SavePositions(tuple(ids)))

    def replace_plan(self, plan: Plan) -> None:
        self._put(operations.ReplacePlan.of(plan))

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
    def _put(self, operation: operations.Operation) -> None:
        with self._cond:
            if self._closing:
                raise locked_error()
            self._queue.append(operation)
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: (self._queue and not self._stalled) or self._closing)
                if not self._queue or self._stalled:
                    return  # closing, and nothing (more) can be written
                operation = self._queue[0]
            try:
                self._writer.apply(operation)
            except Exception as exc:  # noqa: BLE001 - every failure is reported
                error = exc if isinstance(exc, StorageError) else StorageError()
                if error is not exc:
                    error.__cause__ = exc
                with self._cond:
                    self._stalled = True
                    self._cond.notify_all()
                self._call(self.on_error, error)
                continue
            with self._cond:
                self._queue.popleft()
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
