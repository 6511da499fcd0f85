"""What can go wrong with a plan on disk, in words a person can read.

Every error the storage layer raises is a ``StorageError``. ``str(error)`` is
a kind, plain message, translated when the error is raised, that is safe to
show: it never holds plan text, secrets or technical details (those stay on
``__cause__`` for developers).
"""

from __future__ import annotations

import errno

from ..i18n import _

#: ``OSError`` numbers that mean "no room left to write".
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class StorageError(Exception):
    """Base of every storage failure; ``str(e)`` is shown to the person."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message if message is not None else self.default_message())

    @staticmethod
    def default_message() -> str:
        return _("Recovery Plan couldn't read or save your plan just now. "
                 "Please try again in a moment.")


class WrongSecret(StorageError):
    """The passphrase or recovery key opened no key slot."""

    @staticmethod
    def default_message() -> str:
        return _("That passphrase didn't open this plan. Check Caps Lock and try again, "
                 "or use your recovery key.")


class PlanDamaged(StorageError):
    """The key file or the database can't be read. ``part`` says which:
    ``"keys"`` or ``"database"``."""

    def __init__(self, part: str, message: str | None = None) -> None:
        if part not in ("keys", "database"):
            raise ValueError(part)
        self.part = part
        super().__init__(message)

    @staticmethod
    def default_message() -> str:
        return _("Part of this plan's files is damaged, so it can't be opened as it is. "
                 "Nothing has been changed.")


class PlanMissing(StorageError):
    """There is no plan where one was expected."""

    @staticmethod
    def default_message() -> str:
        return _("There's no plan here yet. You can start a new plan, "
                 "or choose the folder where your plan is kept.")


class PlanExists(StorageError):
    """A new plan was asked for where a plan already is."""

    @staticmethod
    def default_message() -> str:
        return _("There's already a plan here, so a new one wasn't started. "
                 "Your existing plan hasn't been touched.")


class DiskFull(StorageError):
    """The disk (or the person's quota) ran out of room while writing."""

    @staticmethod
    def default_message() -> str:
        return _("Your computer has run out of space, so your latest changes couldn't be "
                 "saved yet. Please free up some space and try again.")


class NotStored(StorageError):
    """One change could never be written to the plan's file (it was skipped
    so the changes after it could be saved); it is still on screen."""

    @staticmethod
    def default_message() -> str:
        return _("One of your changes couldn't be written into your plan's file. It is still "
                 "on the screen, and your other changes are being saved. To keep everything, "
                 "save a copy of your plan as it is now.")


class PlanReadOnly(StorageError):
    """The plan is on a disk or in a folder that can't be written to (or a
    write was asked of a plan opened for reading only)."""

    @staticmethod
    def default_message() -> str:
        return _("This plan is on a disk or in a folder that can't be changed (a locked USB "
                 "stick, a CD, or a full disk), so changes can't be saved there. You can still "
                 "read, print and share it, and copy it to this computer to carry on writing.")


class BackupDamaged(StorageError):
    """A backup file is damaged, cut short, or not a Recovery Plan backup."""

    @staticmethod
    def default_message() -> str:
        return _("This backup file is damaged, or it isn't a Recovery Plan backup, so it "
                 "can't be used. Nothing has been changed.")


class PlanInUse(StorageError):
    """Another window or program has this plan open (it holds the lock)."""

    @staticmethod
    def default_message() -> str:
        return _("This plan is open in another window or program. Close it there first; "
                 "nothing has changed.")


class PlanFolderReadOnly(PlanReadOnly):
    """The plan's folder can't be written (read-only media, or no permission),
    so not even the lock can be taken there."""

    @staticmethod
    def default_message() -> str:
        return _("This plan is in a place where nothing can be saved (read-only media, or a "
                 "folder you may not change), so it can't be opened for writing here. "
                 "Nothing has changed.")


def not_a_folder() -> StorageError:
    return StorageError(_("That's a file, not a plan folder. "
                          "Please choose the folder your plan is kept in."))


def folder_not_empty() -> StorageError:
    return StorageError(_("That folder already has other files in it. "
                          "Please choose an empty folder, or a new name, for your plan."))


def made_by_newer_version() -> StorageError:
    return StorageError(_("This plan was saved by a newer version of Recovery Plan. "
                          "Please update the app to open it. Nothing has been changed."))


def from_os_error(exc: OSError) -> StorageError:
    """A ``StorageError`` for a failed file operation."""
    if exc.errno in _NO_SPACE:
        return DiskFull()
    if isinstance(exc, PermissionError):
        return StorageError(_("Recovery Plan isn't allowed to use the files in this folder. "
                              "Please check the folder's permissions."))
    return StorageError()
