"""A plan on disk: creating, finding and opening the plan folder.

::

    PLAN/            owner-only folder (0700)
      plan.db        SQLCipher 4 database (and its -wal/-shm while open)
      keys.json      key slots (see keyslots.py)
      backups/       encrypted automatic backups (see backup_keeping.py)

SQLCipher "opens" a missing or empty file with any key, so creating and
opening are separate calls that each refuse the other's case. Opening never
writes anything until the plan has proved whole: a wrong secret or a damaged
file leaves every file exactly as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from ..plan_folder import holds_plan
from ..plans.model import Plan
from . import operations, schema
from .backup_file import BACKUPS_DIR
from .backup_making import backup_before_migration
from .connection import configure, connect, reading, transaction
from .database import DB_NAME, KEYS_NAME, PlanDatabase
from .errors import (PlanDamaged, PlanExists, PlanFolderReadOnly, PlanMissing, PlanReadOnly,
                     StorageError, folder_not_empty, from_os_error, not_a_folder)
from .fsutil import create_private_file, fsync_dir, make_private_dir, write_atomic
from .keyslots import (KEY_BYTES, PASSPHRASE, RECOVERY, KeyFile, kdf_for_new_slots, make_slot,
                       passphrase_bytes, read_key_file, write_key_file)
from .lock import PlanLock, lock_plan
from .recoverykey import format_recovery_key, new_recovery_key
from .repair import (creating_prefix, finish_interrupted_restore, finish_restored_backups,
                     remove_unfinished_creations, tidy_leftovers)
from .verify import verify_database, verify_whole


def _folder(path: str | os.PathLike) -> Path:
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise not_a_folder()
    return folder


def plan_exists(path: str | os.PathLike) -> bool:
    """Is there a plan (whole or not) in this folder?"""
    folder = Path(path)
    finish_interrupted_restore(folder)
    return holds_plan(folder)


def existing_plan(path: str | os.PathLike) -> Path:
    """The plan folder at ``path``; PlanMissing if there is no plan there,
    PlanDamaged if one of its two files has gone."""
    folder = _folder(path)
    if not plan_exists(folder):
        raise PlanMissing()
    for name, part in ((KEYS_NAME, "keys"), (DB_NAME, "database")):
        if not (folder / name).is_file():
            raise PlanDamaged(part)
    return folder


def create_plan(path: str | os.PathLike, passphrase: str,
                plan: Plan | None = None) -> tuple[PlanDatabase, str]:
    """Start a new plan in ``path`` (a new or empty folder).

    Returns the open database and the recovery key to show once. The plan
    is made in a hidden folder beside ``path`` and moved into place only when
    both its files are complete, so a crash or power cut part-way leaves no
    half-made plan to block the next try. On any failure, everything this
    call created is removed again."""
    if not passphrase:
        raise ValueError("a passphrase can't be empty")
    folder = _folder(path)
    if plan_exists(folder):
        raise PlanExists()
    if folder.is_dir() and any(folder.iterdir()):
        raise folder_not_empty()
    remove_unfinished_creations(folder)
    staging = folder.with_name(f"{creating_prefix(folder)}{secrets.token_hex(4)}")
    make_private_dir(staging)
    try:
        # The lock file moves into place with the folder, still held.
        lock = lock_plan(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    data_key = secrets.token_bytes(KEY_BYTES)
    plan_id = KeyFile.new_plan_id()
    recovery = new_recovery_key()
    try:
        create_private_file(staging / DB_NAME)
        conn = connect(staging / DB_NAME, data_key)
        try:
            configure(conn)
            schema.migrate(conn)
            with transaction(conn):
                conn.execute("INSERT INTO meta(key, value) VALUES ('plan_id', ?)", (plan_id,))
                operations.ReplacePlan.of(plan if plan is not None else Plan.new()).apply(conn)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        kdf = kdf_for_new_slots()
        key_file = KeyFile(plan_id, (
            make_slot(PASSPHRASE, passphrase_bytes(passphrase), data_key, plan_id, kdf),
            make_slot(RECOVERY, recovery, data_key, plan_id, kdf)))
        write_key_file(staging / KEYS_NAME, key_file)
        _move_into_place(staging, folder)
    except BaseException:
        lock.release()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        conn = connect(folder / DB_NAME, data_key)
        configure(conn)
    except BaseException:
        lock.release()
        raise
    return PlanDatabase(folder, conn, data_key, plan_id, lock), format_recovery_key(recovery)


def copy_plan(db: PlanDatabase, path: str | os.PathLike) -> PlanDatabase:
    """"Copy my plan to this computer": the open plan (read-only media, a
    full disk) copied whole into ``path`` (a new or empty folder), with its
    key file and automatic backups, so the same passphrase and recovery key
    open it. Returns the copy, open for writing. Made in a hidden folder
    beside ``path`` and moved into place only when verified."""
    folder = _folder(path)
    if plan_exists(folder):
        raise PlanExists()
    if folder.is_dir() and any(folder.iterdir()):
        raise folder_not_empty()
    staging = folder.with_name(f"{creating_prefix(folder)}{secrets.token_hex(4)}")
    make_private_dir(staging)
    try:
        create_private_file(staging / DB_NAME)
        db.export_copy(staging / DB_NAME)
        verify_database(staging / DB_NAME, db.data_key, db.plan_id)
        write_atomic(staging / KEYS_NAME, db.key_file_bytes())
        backups = db.path / BACKUPS_DIR
        if backups.is_dir():
            make_private_dir(staging / BACKUPS_DIR)
            for item in backups.glob("*.rpbackup"):
                write_atomic(staging / BACKUPS_DIR / item.name, item.read_bytes())
        _move_into_place(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise from_os_error(exc) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    lock = lock_plan(folder)          # the copy is open for writing: one writer
    try:
        conn = connect(folder / DB_NAME, db.data_key)
        try:
            configure(conn)
        except BaseException:
            conn.close()
            raise
    except BaseException:
        lock.release()
        raise
    return PlanDatabase(folder, conn, db.data_key, db.plan_id, lock)


def _move_into_place(staging: Path, folder: Path) -> None:
    """Rename the finished plan folder to ``folder`` (which is missing or an
    empty folder) and make the rename durable.

    Where renaming a folder loses what is in it (FAT through ``fusefat``),
    the two files are moved one by one instead, the key file last."""
    try:
        if not folder_rename_works(folder.parent):
            make_private_dir(folder)
            names = sorted(os.listdir(staging), key=lambda name: name == KEYS_NAME)  # keys last
            for name in names:
                if (staging / name).is_dir():
                    make_private_dir(folder / name)
                    for inner in os.listdir(staging / name):
                        os.rename(staging / name / inner, folder / name / inner)
                    os.rmdir(staging / name)
                else:
                    os.rename(staging / name, folder / name)
            fsync_dir(folder)
            os.rmdir(staging)
            fsync_dir(folder.parent)
            return
        if folder.is_dir():
            os.rmdir(folder)          # empty, checked above
        os.rename(staging, folder)
        fsync_dir(folder.parent)
    except OSError as exc:
        raise from_os_error(exc) from exc


def folder_rename_works(parent: Path) -> bool:
    """Does renaming a folder in ``parent`` keep its files? Tried each time
    (only creating and copying a plan ask) with a hidden folder holding one
    small file."""
    probe = parent / f".rename-probe-{secrets.token_hex(4)}"
    moved = probe.with_name(probe.name + "-moved")
    try:
        probe.mkdir()
        (probe / "file").write_bytes(b"x")
        os.rename(probe, moved)
        # The listing, not a lookup: fusefat still finds the name it lost.
        return os.listdir(moved) == ["file"]
    except OSError:
        return True         # can't tell; the real rename reports its own error
    finally:
        for leftover in (probe, moved):
            shutil.rmtree(leftover, ignore_errors=True)


#: Less room than this on the plan's disk and it opens for reading only:
#: saving needs room for a journal and a backup.
MIN_FREE_BYTES = 1 << 20


def plan_is_writable(path: str | os.PathLike) -> bool:
    """Can changes to the plan in ``path`` be saved there? False on
    read-only media or mounts, in folders this user may not write, and on a
    disk with (almost) no room left. Creates nothing."""
    folder = Path(path)
    try:
        if hasattr(os, "statvfs"):
            info = os.statvfs(folder)
            if info.f_flag & getattr(os, "ST_RDONLY", 1):
                return False
            # f_blocks 0: the file system doesn't say (fusefat); try anyway.
            if info.f_blocks and info.f_bavail * info.f_frsize < MIN_FREE_BYTES:
                return False
        elif shutil.disk_usage(folder).free < MIN_FREE_BYTES:
            return False
    except OSError:
        return False
    return all(os.access(p, os.W_OK) for p in (folder, folder / DB_NAME, folder / KEYS_NAME)
               if p.exists())


def open_plan(path: str | os.PathLike, secret: str,
              read_only: bool | None = False) -> PlanDatabase:
    """Unlock the plan in ``path`` with its passphrase or recovery key.

    The plan's lock is taken first, before any slow key derivation:
    ``PlanInUse`` at once if another window or program has the plan open.

    ``read_only=True`` opens it for reading only, creating and changing
    nothing in its folder (no journal, no lock file, no migration, no tidying):
    for read-only media and full disks. ``read_only=None`` does that only when
    the plan can't be written where it is (see ``plan_is_writable``, or the
    lock file can't be made there), and the app passes it; ``db.read_only``
    then says which it got. A plan that can't be written, opened with
    ``read_only=False``, is ``PlanFolderReadOnly`` (a ``PlanReadOnly``)."""
    folder = existing_plan(path)
    writable = plan_is_writable(folder)
    choose = read_only is None
    if choose:
        read_only = not writable
    elif not read_only and not writable:
        raise PlanFolderReadOnly()
    if not read_only:
        try:
            lock = lock_plan(folder)
        except PlanFolderReadOnly:
            if not choose:
                raise
            read_only = True      # nobody can write there, so no lock is needed
    if read_only:
        key_file = read_key_file(folder / KEYS_NAME)
        data_key = key_file.unlock(secret)
        return _open_read_only(folder, data_key, key_file.plan_id)
    try:
        return _open_locked(folder, secret, lock)
    except BaseException:
        lock.release()
        raise


def _open_locked(folder: Path, secret: str, lock: PlanLock) -> PlanDatabase:
    from . import rotation

    tidy_leftovers(folder, move_all_backups=False)
    key_file, data_key = rotation.settle(folder, DB_NAME, KEYS_NAME, secret)
    finish_restored_backups(folder, data_key)
    conn = connect(folder / DB_NAME, data_key)
    try:
        version = verify_whole(conn, opening=True)
        schema.check_readable(version)
        if version < schema.SCHEMA_VERSION:
            backup_before_migration(conn, data_key, folder, version)
        configure(conn)
        schema.migrate(conn)
        try:
            rotation.finish_backups(folder, folder / BACKUPS_DIR, data_key, key_file.plan_id,
                                    key_file.to_bytes())
        except StorageError:
            pass    # a full disk must not keep the plan shut; the next open goes on
    except BaseException:
        conn.close()
        raise
    return PlanDatabase(folder, conn, data_key, key_file.plan_id, lock)


def _open_read_only(folder: Path, data_key: bytes, plan_id: str) -> PlanDatabase:
    # Immutable unless a -wal file holds writes not yet copied into the
    # database (a crash on the stick before it was locked): then plain
    # read-only, which reads them.
    wal = folder / (DB_NAME + "-wal")
    immutable = not (wal.is_file() and wal.stat().st_size > 0)
    conn = connect(folder / DB_NAME, data_key, read_only=True, immutable=immutable)
    try:
        version = verify_whole(conn, opening=True)
        schema.check_readable(version)
        if version < schema.SCHEMA_VERSION:
            raise PlanReadOnly()        # it would need updating, which writes
        with reading():
            conn.execute("PRAGMA temp_store = MEMORY").fetchall()
    except BaseException:
        conn.close()
        raise
    return PlanDatabase(folder, conn, data_key, plan_id, read_only=True)
