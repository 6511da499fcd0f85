"""Slow work off the GUI thread.

``run_in_background`` runs a function (key derivation takes about half a
second) on Qt's thread pool and hands the result back on the GUI thread by
signal.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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
