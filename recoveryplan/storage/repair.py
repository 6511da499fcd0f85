"""Finishing what interrupted work left beside and inside a plan.

A restore is unpacked in a hidden folder beside the plan and swapped in;
a new plan is made in a hidden folder and moved into place. A crash or a
power cut part-way leaves those folders (and marks in them): the next time
the plan is looked for or opened, the work is finished or dropped here,
and the automatic backups of a replaced plan are moved across
(``move_backups``), so the person never loses a plan or its backups.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from ..files import read_bounded
from ..plan_folder import DB_NAME, RESTORE_READY, glob_escape, ready_restore, restoring_prefix  # noqa: F401
from .backup_file import BACKUPS_DIR, MAX_FILE_BYTES, SUFFIX, Backup
from .connection import connect
from .errors import StorageError, from_os_error
from .fsutil import fsync_dir, make_private_dir, remove_file, write_atomic

#: Written into the plan a restore replaces, just before the swap: after a
#: crash, the folder holding it is the person's old plan, never scratch.
RESTORE_ASIDE = ".restore-aside"


def finish_interrupted_restore(path: str | os.PathLike) -> bool:
    """If a restore stopped between moving the old plan aside and moving
    the verified new one in (possible only where folders can't be swapped
    in one step), finish it. True if it did."""
    folder = Path(path)
    staging = ready_restore(folder)
    if staging is None:
        return False
    try:
        os.rename(staging, folder)
        os.unlink(folder / RESTORE_READY)
        fsync_dir(folder.parent)
    except OSError:
        return False
    return True


def replaced_prefix(folder: Path) -> str:
    return f"{folder.name}.replaced-"


def tidy_leftovers(folder: Path, move_all_backups: bool = True) -> None:
    """Finish or remove what interrupted work left beside and inside the
    plan (call with the plan's lock held, so none of it is anyone's work
    in progress): a restore cut off after its swap is finished (its old
    plan kept aside, the backups moved across), one cut off before it is
    dropped; half-made plans and temporary files are removed.

    With ``move_all_backups=False`` the old plan's backups are left for
    ``finish_restored_backups``, which moves only those the restored plan's
    key opens, once that key is known (opening the plan)."""
    try:
        _tidy(folder, move_all_backups)
    except OSError as exc:
        raise from_os_error(exc) from exc


def finish_restored_backups(folder: Path, data_key: bytes) -> None:
    """The last step of a restore cut off after its swap: the backups of the
    plan it replaced that are copies under the restored plan's key
    (``data_key``) come across; those under another key stay with the old
    plan, where its own secrets open them."""
    if not (folder / RESTORE_READY).exists():
        return
    try:
        _move_aside_backups(folder, same_key(data_key))
        remove_file(folder / RESTORE_READY)
    except OSError as exc:
        raise from_os_error(exc) from exc


def same_key(data_key: bytes) -> Callable[[bytes], bool]:
    """For ``move_backups``: does a backup file belong with the plan whose
    key is ``data_key``? A copy under another key does not (in that plan no
    change of secret could re-protect it); a damaged file can't tell, so it
    comes along."""
    return lambda data: not _under_another_key(data, data_key)


def _under_another_key(data: bytes, data_key: bytes) -> bool:
    try:
        database = Backup.from_bytes(data).database
    except StorageError:
        return False
    with tempfile.TemporaryDirectory(prefix="recoveryplan-") as private:
        copy = Path(private) / DB_NAME
        write_atomic(copy, database)
        try:
            conn = connect(copy, data_key)
        except StorageError:
            return True
        conn.close()
        return False


def _move_aside_backups(folder: Path, belongs: Callable[[bytes], bool] | None) -> None:
    for aside in folder.parent.glob(glob_escape(replaced_prefix(folder)) + "*"):
        if (aside / RESTORE_ASIDE).exists():
            move_backups(aside / BACKUPS_DIR, folder / BACKUPS_DIR, belongs=belongs)
            remove_file(aside / RESTORE_ASIDE)


def _tidy(folder: Path, move_all_backups: bool) -> None:
    parent = folder.parent
    swapped = (folder / RESTORE_READY).exists()
    for staging in parent.glob(glob_escape(restoring_prefix(folder)) + "*"):
        if (staging / RESTORE_ASIDE).exists():
            if swapped:     # the old plan, swapped out but not yet renamed
                os.rename(staging, replaced_name(folder))
                fsync_dir(parent)
            continue        # never delete a folder holding a person's plan
        shutil.rmtree(staging, ignore_errors=True)
    if swapped and move_all_backups:
        _move_aside_backups(folder, None)
        remove_file(folder / RESTORE_READY)
    remove_file(folder / RESTORE_ASIDE)       # a restore that stopped before its swap
    remove_unfinished_creations(folder)
    for leftover in folder.glob(".*.tmp"):
        remove_file(leftover)
    backups = folder / BACKUPS_DIR
    if backups.is_dir():
        for leftover in [*backups.glob(".*.tmp"), *backups.glob(".export-*")]:
            remove_file(leftover)


def replaced_name(plan_path: Path) -> Path:
    """Where a plan replaced by a restore is kept: ``PLAN.replaced-<time>``."""
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    candidate = plan_path.with_name(f"{replaced_prefix(plan_path)}{stamp}")
    n = 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = plan_path.with_name(f"{replaced_prefix(plan_path)}{stamp}-{n}")
    return candidate



def creating_prefix(folder: Path) -> str:
    """Name start of the hidden folder a new plan is made in beside ``folder``."""
    return f".{folder.name}.creating-"


def remove_unfinished_creations(folder: Path) -> None:
    """Hidden folders left by a creation that was cut off (never handed to
    the person, who saw no recovery key for them)."""
    for leftover in folder.parent.glob(glob_escape(creating_prefix(folder)) + "*"):
        shutil.rmtree(leftover, ignore_errors=True)


def move_backups(source: Path, target: Path, belongs: Callable[[bytes], bool] | None = None) -> int:
    """Move the automatic backups from ``source`` into ``target``, so the
    person's backups stay findable. A rename where it can be; across file
    systems (or where the folder can't be renamed) each file is copied,
    checked, made durable, and only then deleted. With ``belongs``, only the
    files it accepts move; the others stay where they are. Returns how many
    moved."""
    if not source.is_dir():
        return 0
    if not target.exists() and belongs is None:
        try:
            os.rename(source, target)
            fsync_dir(target.parent)
            return sum(1 for _ in target.glob(f"*{SUFFIX}"))
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EBUSY, errno.EPERM, errno.EACCES):
                raise from_os_error(exc) from exc
    make_private_dir(target)
    moved = 0
    try:
        for path in sorted(source.iterdir()):
            if not path.is_file() or path.name.startswith("."):
                continue
            data = read_bounded(path, MAX_FILE_BYTES)
            if belongs is not None and not belongs(data):
                continue
            destination = target / path.name
            if destination.exists() and read_bounded(destination, MAX_FILE_BYTES) != data:
                destination = target / f"{path.stem}-moved{path.suffix}"
            if not destination.exists():
                write_atomic(destination, data)
            if read_bounded(destination, MAX_FILE_BYTES) != data:
                raise StorageError()
            os.unlink(path)
            moved += 1
        fsync_dir(source)
    except OSError as exc:
        raise from_os_error(exc) from exc
    try:
        source.rmdir()
    except OSError:
        pass
    return moved
