"""What opening a plan needs, imported while the person types their passphrase.

The window comes up having loaded only its start screen; storage, the plan's
editing, its pages and the dialogs behind the menus are imported when first
used. ``WarmUp`` imports them beforehand, once the window is on screen: one
module per turn of the event loop, on the GUI thread, so each step is short
(keys typed meanwhile are handled between steps).

``FOR_WORKERS`` is what the worker threads that open, make, save and back up
a plan import. ``before_workers()`` imports whatever of it is still missing,
on the GUI thread, before the first such worker starts: a worker never
imports a module while the window imports another, so two threads never wait
for each other's half-imported modules. ``FOR_WINDOW`` (the window's own
modules) is warmed after that.

Both lists follow the order in which opening a plan and showing its pages
import them (``python -X importtime``), so each module's own imports are
mostly loaded by the time its turn comes. A name missing here is simply
imported when first used, as it would be without the warm-up; one that
fails here fails again, and is reported, where it is used.
"""

from __future__ import annotations

import importlib
import sys

from PySide6.QtCore import QObject, QTimer

_P = "recoveryplan."

FOR_WORKERS: tuple[str, ...] = tuple(
    name if name.startswith(("cryptography", "babel")) else _P + name for name in (
    "storage.errors", "storage.schema", "atomic", "storage.fsutil", "storage.connection",
    "plans.sections", "plans.labels", "plans.record", "plans.services", "plans.model",
    "storage.operations", "files", "storage.recoverykey", "storage.keyslots",
    "storage.database", "storage.backup_file", "storage.verify", "storage.backup_making",
    "storage.lock", "storage.repair", "storage.folder", "storage.check", "storage",
    # the key's cryptography, imported where a key is unwrapped
    "cryptography.exceptions", "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.argon2",
    "cryptography.hazmat.primitives.asymmetric.x25519",
    "cryptography.hazmat.primitives.serialization", "cryptography.hazmat.primitives.hpke",
    "storage.rotation", "plans.snapshots", "cleaning", "plans.validation", "plans.service",
    "storage.writer", "plans.changes", "plans.progress", "plans.passphrase",
    "storage.backup_keeping", "storage.lock_card", "storage.backup",
    # dates and numbers on the pages (and in storage's messages)
    "babel.core", "babel.dates", "babel.numbers",
))

FOR_WINDOW: tuple[str, ...] = tuple(_P + name for name in (
    "ui.session", "ui.undo_commands", "ui.context", "ui.pages.base", "ui.pages", "ui.models",
    "ui.widgets.icons", "ui.widgets.roles", "ui.models.base", "ui.models.people", "ui.reviews",
    "ui.reviews.snapshot", "ui.reviews.changes_view", "ui.widgets.dates", "ui.widgets.flow",
    "ui.widgets.controls", "ui.reviews.dialog", "ui.fields", "ui.widgets.text",
    "ui.fields.binding", "ui.fields.undo_notice", "ui.widgets.lists", "ui.widgets.tables", "ui.pages.listing",
    "ui.pages.reviews", "ui.widgets.notice", "ui.reviews.reminder", "ui.workspace",
    "ui.pages.appointments", "ui.progress.axes", "ui.progress.marks", "ui.progress.painting",
    "ui.progress.chart", "ui.progress.models", "ui.progress.view", "ui.progress",
    "ui.pages.checkins", "ui.fields.together_note", "ui.pages.contacts", "ui.models.entries",
    "ui.widgets.delegate", "ui.pages.fields", "ui.models.goals", "ui.pages.goals",
    "ui.pages.life_areas", "ui.places", "ui.together", "ui.plan_files", "ui.fields.strength",
    "ui.change_passphrase", "ui.plan_secrets", "ui.help_now.dialog", "ui.share",
    "ui.view_choices",
))


def _load(name: str) -> None:
    if name not in sys.modules:
        try:
            importlib.import_module(name)
        except Exception:   # noqa: BLE001 - imported again, and reported, where it is used
            pass


def before_workers() -> None:
    """Call on the GUI thread before starting a worker that opens, makes,
    restores or saves a plan: what the workers import, imported now."""
    for name in FOR_WORKERS:
        _load(name)


class WarmUp(QObject):
    """Started once the window is shown; one module per turn of the event loop."""

    def __init__(self, parent: QObject | None = None,
                 modules: tuple[str, ...] = FOR_WORKERS + FOR_WINDOW) -> None:
        super().__init__(parent)
        self._todo = list(modules)
        self._started = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        """Begin (once), from the next turn of the event loop."""
        if not self._started:
            self._started = True
            self._timer.start()

    def stop(self) -> None:
        self._todo.clear()
        self._timer.stop()

    def done(self) -> bool:
        return self._started and not self._todo

    def _step(self) -> None:
        while self._todo:
            name = self._todo.pop(0)
            if name not in sys.modules:
                _load(name)
                break
        if self._todo:
            self._timer.start()
