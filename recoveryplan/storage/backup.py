"""Encrypted backups: restoring one, and every backup name in one place.

A backup file (see ``backup_file``) carries a whole plan, encrypted. It is
verified when it is made (``backup_making``) and again before a restore
replaces anything. Restoring never leaves half a plan: the backup is
unpacked and verified in a hidden folder beside the plan, then swapped in
with one atomic rename where the system offers one; the plan it replaces
is kept aside as ``PLAN.replaced-<time>``. A restore cut off part-way is
finished by ``repair`` the next time the plan is looked for.

Which backups are kept (one a day, the first of each month, one before each
migration, one in a second place) is ``backup_keeping``. This module also
names them all (``backup.save_copy``, ``backup.daily_backup`` …), so callers
need one import.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import errno
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, format_date
from .backup_file import (BACKUPS_DIR, FORMAT, MAGIC, MAX_FILE_BYTES, MAX_HEADER, SUFFIX, VERSION,
                          _HEADER_KEYS, Backup, read_backup)
from .backup_keeping import (DAILY_KEEP, MONTHLY_KEEP, SECOND_PLACE_REMIND_DAYS, BackupInfo,
                             backups_to_keep, daily_backup, describe_backups, has_backups,
                             last_second_place_backup, list_backups, prune, second_place_backup,
                             second_place_file)
from .backup_making import backup_before_migration, save_backup, save_copy, snapshot
from .database import DB_NAME, KEYS_NAME
from .errors import BackupDamaged, PlanDamaged, StorageError, WrongSecret, from_os_error, not_a_folder
from .folder import plan_exists
from .fsutil import fsync_dir, make_private_dir, remove_file, write_atomic
from .keyslots import KeyFile
from .lock import lock_plan
from .lock_card import CARD_NAME
from .repair import (RESTORE_ASIDE, RESTORE_READY, finish_interrupted_restore, move_backups,
                     replaced_name, restoring_prefix, same_key, tidy_leftovers)
from .verify import verify_database

# -- restoring ----------------------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    created: dt.datetime          # when the restored backup was made
    replaced: Path | None         # where the plan it replaced was kept
    backups_left: Path | None = None   # automatic backups that couldn't be moved across


def _wrong_secret(backup: Backup) -> WrongSecret:
    return WrongSecret(_("That didn't open this backup. If you changed your passphrase after "
                         "{date}, when the backup was made, try the one you used then, or your "
                         "recovery key. Nothing has been changed.")
                       .format(date=format_date(backup.created.astimezone().date())))


def _unpack_verified(backup: Backup, secret: str, folder: Path) -> bytes:
    """Write the backup's two files into ``folder`` and prove they open with
    ``secret`` and are whole; returns the plan's data key."""
    try:
        key_file = KeyFile.from_bytes(backup.keys)
    except PlanDamaged as exc:
        raise BackupDamaged() from exc
    if key_file.plan_id != backup.plan_id:
        raise BackupDamaged()
    try:
        data_key = key_file.unlock(secret)
    except WrongSecret as exc:
        raise _wrong_secret(backup) from exc
    write_atomic(folder / KEYS_NAME, backup.keys)
    write_atomic(folder / DB_NAME, backup.database)
    try:
        verify_database(folder / DB_NAME, data_key, backup.plan_id)
    except PlanDamaged as exc:
        raise BackupDamaged() from exc
    return data_key


def restore(source: str | os.PathLike, plan_path: str | os.PathLike, secret: str) -> Restored:
    """Replace the plan in ``plan_path`` with the backup in ``source``.

    The backup is checked completely (its checksum, unwrapping with
    ``secret``, every encrypted page, the structure, the schema version)
    before anything is replaced; the plan it replaces is kept aside."""
    backup = read_backup(source)
    return _restore(backup, Path(plan_path), secret)


def restore_newest(plan_path: str | os.PathLike, secret: str) -> Restored:
    """Restore the newest automatic backup that is whole and opens with
    ``secret``. If none does, the error of the newest one is raised."""
    first_error: StorageError | None = None
    for info in list_backups(plan_path):
        try:
            return _restore(read_backup(info.path), Path(plan_path), secret)
        except (BackupDamaged, WrongSecret) as exc:
            first_error = first_error or exc
    raise first_error or StorageError(_("There are no backups of this plan on this computer yet."))


def _restore(backup: Backup, plan_path: Path, secret: str) -> Restored:
    if plan_path.is_symlink():
        try:
            plan_path = plan_path.resolve(strict=False)   # where the link points, not over it
        except (RuntimeError, OSError) as exc:             # a loop of links
            raise not_a_folder() from exc
    if plan_path.exists() and not plan_path.is_dir():
        raise not_a_folder()
    finish_interrupted_restore(plan_path)
    lock = None
    if plan_exists(plan_path) and not _holds_other_things(plan_path):
        lock = lock_plan(plan_path)          # PlanInUse while it is open anywhere
    elif plan_path.is_dir() and any(plan_path.iterdir()):
        raise not_a_plan_folder()
    try:
        if lock is not None:
            tidy_leftovers(plan_path)
        return _restore_locked(backup, plan_path, secret)
    finally:
        if lock is not None:
            lock.release()


def _restore_locked(backup: Backup, plan_path: Path, secret: str) -> Restored:
    staging = plan_path.with_name(f"{restoring_prefix(plan_path)}{secrets.token_hex(4)}")
    make_private_dir(staging)
    staging_lock = None
    try:
        staging_lock = lock_plan(staging)
        data_key = _unpack_verified(backup, secret, staging)
        write_atomic(staging / RESTORE_READY, b"")
    except BaseException:
        if staging_lock is not None:
            staging_lock.release()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        try:
            replaced = _swap_in(staging, plan_path)
        except OSError as exc:
            if (plan_path / RESTORE_READY).exists():
                raise restored_but(plan_path) from exc
            if (staging / RESTORE_READY).exists():
                shutil.rmtree(staging, ignore_errors=True)
            remove_file(plan_path / RESTORE_ASIDE, quietly=True)
            raise from_os_error(exc) from exc
        backups_left = None
        if replaced is not None:
            try:
                move_backups(replaced / BACKUPS_DIR, plan_path / BACKUPS_DIR,
                             belongs=same_key(data_key))
                remove_file(replaced / RESTORE_ASIDE, quietly=True)
            except (OSError, StorageError):
                backups_left = replaced / BACKUPS_DIR
        remove_file(plan_path / RESTORE_READY, quietly=True)
        fsync_dir(plan_path)
    finally:
        staging_lock.release()      # its lock file is in plan_path now
    return Restored(backup.created, replaced, backups_left)


#: What a plan's folder holds (besides hidden working files): anything else
#: in it (a letter, a photo) means it is someone's folder, not a plan, even
#: if a file there happens to be called plan.db.
_PLAN_FOLDER_NAMES = {DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal", KEYS_NAME,
                      BACKUPS_DIR, RESTORE_READY, CARD_NAME,
                      "owner.pid"}   # the demo plan's owner (ui/app.py)


def _holds_other_things(folder: Path) -> bool:
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return any(not name.startswith(".") and name not in _PLAN_FOLDER_NAMES for name in names)


def not_a_plan_folder() -> StorageError:
    return StorageError(_("That folder has other files in it and isn't a plan, so nothing was "
                          "restored there. Please choose your plan's folder, or an empty one. "
                          "Nothing has changed."))


def restored_but(plan_path: Path) -> StorageError:
    return StorageError(_("Your plan has been restored in {path}, but tidying up afterwards "
                          "didn't finish. It will be finished the next time you open your plan.")
                        .format(path=str(plan_path)))


def _swap_in(staging: Path, plan_path: Path) -> Path | None:
    """Put the verified ``staging`` folder where the plan is; the old one
    (if any) goes aside, marked, so that a crash part-way is finished at
    the next open (``tidy_leftovers``). Returns where it went."""
    parent = plan_path.parent
    if not plan_path.exists() or (not plan_exists(plan_path) and not any(plan_path.iterdir())):
        if plan_path.exists():
            os.rmdir(plan_path)
        os.rename(staging, plan_path)
        fsync_dir(parent)
        return None
    replaced = replaced_name(plan_path)
    write_atomic(plan_path / RESTORE_ASIDE, b"")
    if _exchange(staging, plan_path):
        # One atomic step: the plan is now the restored one; move the old aside.
        os.rename(staging, replaced)
    else:
        # Two renames; a crash between them is finished by
        # ``finish_interrupted_restore`` the next time the plan is looked for.
        os.rename(plan_path, replaced)
        os.rename(staging, plan_path)
    fsync_dir(parent)
    return replaced


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2``); False if
    this system or file system can't."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):   # not offered here
        return False
    raise OSError(error, os.strerror(error))



__all__ = ["Backup", "BackupInfo", "Restored", "SECOND_PLACE_REMIND_DAYS", "backup_before_migration",
           "backups_to_keep", "last_second_place_backup", "save_copy", "second_place_backup",
           "second_place_file",
           "daily_backup", "describe_backups", "has_backups", "list_backups", "prune", "read_backup", "restore",
           "restore_newest", "save_backup", "snapshot",
           "BACKUPS_DIR", "DAILY_KEEP", "FORMAT", "MAGIC", "MAX_FILE_BYTES", "MAX_HEADER", "MONTHLY_KEEP",
           "SUFFIX", "VERSION", "move_backups"]
