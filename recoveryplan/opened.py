"""An open plan, with no Qt: the one owner the app and the command line share.

``OpenPlan`` holds the open database (which holds the one-writer lock on
the plan's folder until it is closed), the store changes go through and the
``PlanEditor``. It offers what both front ends need: replacing the whole
plan (with one read from a JSON copy), preparing a PDF, reading review copies,
backups, changing the passphrase or recovery key, and closing. The app's
``ui.session.PlanSession`` wraps one with threads and signals; the command
line uses one directly, in a ``with`` block.

The functions here that need no open plan (``create``, ``restore``,
``plan_exists`` …) and the errors (``StorageError`` and its kinds) and
modules (``lock_card``) the front ends use are here too, so that no front
end imports ``storage`` itself.

Importing this module is cheap: ``storage``, the domain's editor and the
JSON and PDF code are imported when first used, so the unlock screen can
come up before them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import plan_folder
from .i18n import _
from .plan_folder import card_shown as lock_card_shown  # noqa: F401 - a file test, no storage

if TYPE_CHECKING:   # imported when first used, not with this module
    from .export.options import PdfOptions
    from .plans.model import Plan
    from .plans.service import PlanEditor, PlanStore
    from .storage import PlanDatabase
    from .storage.backup import Restored

SnapshotLoader = Callable[[str], "dict[str, Any] | None"]

#: Names taken from ``storage`` when first asked for (``opened.StorageError``).
_FROM_STORAGE = {
    "StorageError": "errors", "WrongSecret": "errors", "PlanDamaged": "errors",
    "BackupDamaged": "errors", "PlanExists": "errors", "PlanInUse": "errors",
    "PlanMissing": "errors", "PlanReadOnly": "errors", "PlanFolderReadOnly": "errors",
    "DiskFull": "errors",
}
#: Modules of ``storage`` the front ends use as they are.
_STORAGE_MODULES = ("lock_card",)
#: Constants of ``storage.backup``.
_FROM_BACKUP = {"BACKUP_SUFFIX": "SUFFIX", "SECOND_PLACE_REMIND_DAYS": "SECOND_PLACE_REMIND_DAYS",
                "Restored": "Restored"}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _FROM_STORAGE:
        module = importlib.import_module(f".storage.{_FROM_STORAGE[name]}", __package__)
        return getattr(module, name)
    if name in _STORAGE_MODULES:
        return importlib.import_module(f".storage.{name}", __package__)
    if name in _FROM_BACKUP:
        from .storage import backup

        return getattr(backup, _FROM_BACKUP[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def hold_ctrl_c_once_changed() -> None:
    """The command line: once a change of secret is in effect, Ctrl-C can no
    longer stop the command (which then says what it did and ends)."""
    from .storage import rotation

    rotation.hold_ctrl_c_once_changed()


def error_message(error: BaseException) -> str:
    """What to tell the person about ``error``: a storage error's own kind
    words, or the general ones for anything else."""
    from .storage.errors import StorageError

    return str(error) if isinstance(error, StorageError) else StorageError.default_message()


# -- no plan open yet -------------------------------------------------------------------

def plan_exists(path: str | os.PathLike) -> bool:
    """Is there a plan (whole or not) in this folder? Plain file tests
    answer; ``storage`` is imported only to finish a restore cut off
    part-way, which the answer depends on."""
    if plan_folder.ready_restore(path) is None:
        return plan_folder.holds_plan(path)
    from .storage import folder

    return folder.plan_exists(path)


def create(path: str | os.PathLike, passphrase: str, plan: "Plan") -> "tuple[OpenPlan, str]":
    """A new plan at ``path``, open, and its recovery key (shown once)."""
    from .storage import folder

    db, recovery_key = folder.create_plan(path, passphrase, plan)
    return OpenPlan(db), recovery_key     # read back as stored when first needed


def open_plan(path: str | os.PathLike, secret: str, read_only: bool | None = False) -> "OpenPlan":
    """Open the plan at ``path`` with its passphrase or recovery key,
    holding its one-writer lock until closed. ``read_only=None`` opens for
    reading only when the plan can't be written (read-only media, a full
    disk). The plan itself is read when first needed (``load``)."""
    from .storage import folder

    return OpenPlan(folder.open_plan(path, secret, read_only=read_only))


def restore(source: str | os.PathLike, plan_path: str | os.PathLike, secret: str) -> "Restored":
    """Replace the plan at ``plan_path`` with the backup file ``source``
    (checked completely first; the plan it replaces is kept aside)."""
    from .storage import backup

    return backup.restore(source, plan_path, secret)


def restore_newest(plan_path: str | os.PathLike, secret: str) -> "Restored":
    """Replace the plan with its newest automatic backup that opens with ``secret``."""
    from .storage import backup

    return backup.restore_newest(plan_path, secret)


def read_backup(path: str | os.PathLike):
    """A backup file, read and checked (before any secret is asked for)."""
    from .storage import backup

    return backup.read_backup(path)


def has_backups(plan_path: str | os.PathLike) -> bool:
    from .storage import backup

    return backup.has_backups(plan_path)


def last_second_place_backup(place: str | os.PathLike, plan_id: str):
    from .storage import backup

    return backup.last_second_place_backup(place, plan_id)


def check(path: str | os.PathLike, secret: str):
    """A health report on the plan's files (``CheckReport``)."""
    from .storage import check

    return check.check_plan(path, secret)


def prepare_export(plan: "Plan", options: "PdfOptions", load: SnapshotLoader) -> "Plan":
    """Load what ``options`` need beyond the plan: the newest review's copy
    of the plan for "what changed since my last review"."""
    from .plans.service import latest_review, review_snapshot

    if options.since_last_review:
        last = latest_review(plan, include_private=options.include_private)
        if last is not None:
            review_snapshot(last, load)
    return plan


def old_secret_note(db: Any, rotated_text: str) -> str:
    """What the old secret still opens, after a change of secret just made
    on ``db``: ``rotated_text`` when the plan's key was renewed with it."""
    if getattr(db, "last_change_rotated", True):
        return rotated_text
    return _("This plan was made by an earlier version, so this time only the secret itself "
             "was renewed: someone with the old one and a backup made before now could still "
             "open this plan. Renew your other secret too (a new recovery key after a new "
             "passphrase, or the other way round) and the old one stops working everywhere.")


# -- an open plan -----------------------------------------------------------------------

class OpenPlan:
    """An open plan: its database, the store its changes go through and its
    editor (the one way to change it).

    ``store`` defaults to the database itself (each change written at once,
    on the calling thread); the app passes one that writes on its own thread.
    The plan is read when the editor is first needed, unless given."""

    def __init__(self, db: "PlanDatabase", plan: "Plan | None" = None) -> None:
        self.db = db
        self._plan = plan
        self._store: "PlanStore | None" = None
        self._editor: "PlanEditor | None" = None

    # -- what it holds ----------------------------------------------------------
    @property
    def path(self) -> Path:
        return Path(self.db.path)

    @property
    def plan_id(self) -> str:
        return self.db.plan_id

    @property
    def read_only(self) -> bool:
        """Opened for reading only (read-only media, a full disk)."""
        return bool(getattr(self.db, "read_only", False))

    @property
    def store(self) -> "PlanStore":
        return self._store if self._store is not None else self.db

    def write_in_background(self) -> "PlanStore":
        """From now on changes are written on a thread of their own (or
        refused kindly, for a plan open for reading only). Returns the store,
        whose ``on_saved``/``on_error`` the caller sets."""
        from .storage.writer import BackgroundStore, ReadOnlyStore

        if self._editor is not None:
            raise RuntimeError("choose the store before the editor is made")
        self._store = ReadOnlyStore(self.db) if self.read_only else BackgroundStore(self.db)
        return self._store

    def load(self) -> "Plan":
        """Read the plan now, on the calling thread (if not read already)."""
        if self._editor is not None:
            return self._editor.plan
        if self._plan is None:
            self._plan = self.db.load_plan()
        return self._plan

    @property
    def editor(self) -> "PlanEditor":
        if self._editor is None:
            from .plans.service import PlanEditor

            plan = self.load()
            self._plan = None
            self._editor = PlanEditor(plan, self.store)
        return self._editor

    @property
    def plan(self) -> "Plan":
        return self.editor.plan

    # -- bringing a plan in --------------------------------------------------------
    def replace_plan(self, plan: "Plan") -> None:
        """Everything in the plan replaced by ``plan`` (already checked, as
        by ``exchange.load_document``), in one transaction; listeners hear
        "reset". The plan it replaces need not be read first (it may be
        damaged)."""
        if self._editor is None and self._plan is None:
            self._plan = plan
        self.editor.replace_plan(plan)

    # -- reading ------------------------------------------------------------------
    def load_snapshot(self, review_id: str) -> "dict[str, Any] | None":
        """The copy of the plan kept with a review, read from disk."""
        return self.db.load_snapshot(review_id)

    def with_snapshots(self, plan: "Plan | None" = None) -> "Plan":
        """``plan`` (the open one by default) with every review's copy of the
        plan loaded, for a whole-plan export."""
        from .plans.service import load_snapshots

        plan = plan if plan is not None else self.plan
        load_snapshots(plan, self.load_snapshot)
        return plan

    def prepare_export(self, options: "PdfOptions", plan: "Plan | None" = None) -> "Plan":
        return prepare_export(plan if plan is not None else self.plan, options, self.load_snapshot)

    # -- backups -------------------------------------------------------------------
    def save_backup(self, target: str | os.PathLike):
        """An encrypted backup file of the plan as it is on disk."""
        from .storage import backup

        return backup.save_backup(self.db, target)

    def as_on_screen(self) -> Any:
        """The plan's rows as they are now (in memory), taken at once, for
        ``save_copy`` to write later on another thread."""
        from .storage import operations

        return operations.ReplacePlan.of(self.plan)

    def save_copy(self, target: str | os.PathLike, as_on_screen: Any = None):
        """An encrypted backup file at ``target``; with ``as_on_screen``
        (from ``as_on_screen()``) it holds exactly that, even when the plan's
        own file can't be written."""
        from .storage import backup

        return backup.save_copy(self.db, target, as_on_screen)

    def daily_backup(self) -> Any:
        from .storage import backup

        return backup.daily_backup(self.db)

    def second_place_backup(self, place: str | os.PathLike, force: bool = False):
        from .storage import backup

        return backup.second_place_backup(self.db, place, force=force)

    def copy_to(self, target: str | os.PathLike) -> "OpenPlan":
        """A copy of the plan at ``target``, opened there (for a plan that
        can only be read where it is)."""
        from .storage import folder

        return OpenPlan(folder.copy_plan(self.db, target))

    # -- secrets -------------------------------------------------------------------
    def verify_secret(self, secret: str) -> bool:
        return bool(self.db.verify_secret(secret))

    def change_passphrase(self, new: str, current: str | None = None) -> None:
        """A new passphrase; with ``current``, only if that is the one in use."""
        if current is not None and not self.db.verify_secret(current):
            from .storage.errors import WrongSecret

            raise WrongSecret(_("That isn't your current passphrase. Please check it and "
                                "try again. Nothing has changed."))
        self.db.change_passphrase(new)

    def new_recovery_key(self) -> str:
        """A new recovery key (the old one stops working); shown once."""
        return self.db.regenerate_recovery_key()

    def old_secret_note(self, rotated_text: str) -> str:
        return old_secret_note(self.db, rotated_text)

    # -- closing -------------------------------------------------------------------
    def close(self, quietly: bool = True) -> None:
        """Close the store and the database (letting go of the lock). Never
        raises a storage error, unless not ``quietly``."""
        from .storage.errors import StorageError

        store, self._store = self._store, None
        try:
            if store is not None:
                try:
                    store.close()
                except StorageError:
                    if not quietly:
                        raise
        finally:
            try:
                self.db.close()
            except StorageError:
                if not quietly:
                    raise

    def __enter__(self) -> "OpenPlan":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close(quietly=False)
