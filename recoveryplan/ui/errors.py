"""What the person sees when something goes wrong that the app did not
expect: one kind message, never a traceback.

Installed as ``sys.excepthook`` by ``run_app``; Qt calls it for an exception
raised in a slot or an event handler. Writing that is waiting is saved
first. If the same fault repeats (say, while painting), the message is shown
at most once a minute. Developers get the traceback on standard error with
``RECOVERYPLAN_DEBUG=1``; otherwise only the exception's type is written
there, since a message or traceback could carry plan text.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from typing import Callable

from PySide6.QtWidgets import QWidget

from ..i18n import _
from .dialogs import DialogService

QUIET_SECONDS = 60.0


class UnexpectedErrors:
    def __init__(self, dialogs: DialogService, parent: Callable[[], QWidget | None],
                 save: Callable[[], object], clock: Callable[[], float] = time.monotonic) -> None:
        self._dialogs = dialogs
        self._parent = parent
        self._save = save
        self._clock = clock
        self._last_shown: float | None = None
        self._showing = False
        self.count = 0

    def __call__(self, kind, value, tb) -> None:
        self.count += 1
        if os.environ.get("RECOVERYPLAN_DEBUG"):
            traceback.print_exception(kind, value, tb, file=sys.stderr)
        else:
            sys.stderr.write(f"recoveryplan: unexpected {kind.__name__}\n")
        try:
            self._save()
        except Exception:  # noqa: BLE001 - saving is a best effort here
            pass
        now = self._clock()
        if self._showing or (self._last_shown is not None
                             and now - self._last_shown < QUIET_SECONDS):
            return
        self._last_shown = now
        self._showing = True
        try:
            self._dialogs.warning(
                self._parent(), _("Something went wrong"),
                _("Something went wrong that Recovery Plan did not expect. What you wrote has "
                  "been saved. You can carry on, or close the app and open it again."))
        finally:
            self._showing = False
