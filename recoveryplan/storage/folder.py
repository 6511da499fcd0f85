"""A plan on disk: creating, finding and opening the plan folder.

::

    PLAN/            owner-only folder (0700)
      plan.db        SQLCipher 4 database (and its -wal/-shm while open)
      keys.json      key slots (see keyslots.py)
      backups/       encrypted automatic backups (see backup.py)

SQLCipher "opens" a missing or empty file with any key, so creating and
opening are separate calls that each refuse the other's case. Opening never
writes anything until the plan has proved whole: a wrong secret or a damaged
file leaves every file exactly as it was.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..plans.model import Plan
from . import operations, schema
from .connection import configure, connect, reading, transaction
from .database import DB_NAME, KEYS_NAME, PlanDatabase
from .errors import PlanDamaged, PlanExists, PlanMissing, folder_not_empty, not_a_folder
from .fsutil import FOLDER_MODE, create_private_file, fsync_dir, make_private_dir
from .keyslots import (KEY_BYTES, PASSPHRASE, RECOVERY, KeyFile, kdf_for_new_slots, make_slot,
                       passphrase_bytes, read_key_file, write_key_file)
from .recoverykey import format_recovery_key, new_recovery_key

#: Written last into a verified restore folder before a two-step swap.
RESTORE_READY = "restore-ready"
_PLAN_FILES = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal", KEYS_NAME)


def _folder(path: str | os.PathLike) -> Path:
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise not_a_folder()
    return folder


def restoring_prefix(folder: Path) -> str:
    """Name start of the hidden folder a backup is unpacked into beside the plan."""
    return f".{folder.name}.restoring-"


def finish_interrupted_restore(path: str | os.PathLike) -> bool:
    """If a restore stopped between moving the old plan aside and moving
    the verified new one in (possible only where folders can't be swapped
    in one step), finish it. True if it did."""
    folder = Path(path)
    if folder.exists():
        return False
    for staging in folder.parent.glob(restoring_prefix(folder) + "*"):
        if (staging / RESTORE_READY).is_file():
            try:
                os.rename(staging, folder)
                os.unlink(folder / RESTORE_READY)
                fsync_dir(folder.parent)
            except OSError:
                return False
            return True
    return False


def plan_exists(path: str | os.PathLike) -> bool:
    """Is there a plan (whole or not) in this folder?"""
    folder = Path(path)
    finish_interrupted_restore(folder)
    return folder.is_dir() and any((folder / name).exists() for name in (DB_NAME, KEYS_NAME))


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

    Returns the open database and the recovery key to show once. On any
    failure, everything this call created is removed again."""
    if not passphrase:
        raise ValueError("a passphrase can't be empty")
    folder = _folder(path)
    if plan_exists(folder):
        raise PlanExists()
    made_folder = make_private_dir(folder)
    if not made_folder:
        if any(folder.iterdir()):
            raise folder_not_empty()
        os.chmod(folder, FOLDER_MODE)
    data_key = secrets.token_bytes(KEY_BYTES)
    plan_id = KeyFile.new_plan_id()
    recovery = new_recovery_key()
    db = None
    try:
        create_private_file(folder / DB_NAME)
        conn = connect(folder / DB_NAME, data_key)
        db = PlanDatabase(folder, conn, data_key, plan_id)
        configure(conn)
        schema.migrate(conn)
        with transaction(conn):
            conn.execute("INSERT INTO meta(key, value) VALUES ('plan_id', ?)", (plan_id,))
            operations.ReplacePlan.of(plan if plan is not None else Plan.new()).apply(conn)
        kdf = kdf_for_new_slots()
        key_file = KeyFile(plan_id, (
            make_slot(PASSPHRASE, passphrase_bytes(passphrase), data_key, plan_id, kdf),
            make_slot(RECOVERY, recovery, data_key, plan_id, kdf)))
        write_key_file(folder / KEYS_NAME, key_file)
    except BaseException:
        if db is not None:
            db.close()
        _remove_plan_files(folder, made_folder)
        raise
    return db, format_recovery_key(recovery)


def _remove_plan_files(folder: Path, remove_folder: bool) -> None:
    for name in _PLAN_FILES:
        try:
            os.unlink(folder / name)
        except FileNotFoundError:
            pass
    try:
        if remove_folder:
            os.rmdir(folder)
        else:
            fsync_dir(folder)
    except OSError:
        pass  # cleaning up after a failure; the first error is the one to report


def open_plan(path: str | os.PathLike, secret: str) -> PlanDatabase:
    """Unlock the plan in ``path`` with its passphrase or recovery key."""
    folder = existing_plan(path)
    key_file = read_key_file(folder / KEYS_NAME)
    data_key = key_file.unlock(secret)
    conn = connect(folder / DB_NAME, data_key)
    try:
        version = verify_whole(conn)
        schema.check_readable(version)
        if version < schema.SCHEMA_VERSION:
            from .backup import backup_before_migration

            backup_before_migration(conn, data_key, folder, version)
        configure(conn)
        schema.migrate(conn)
    except BaseException:
        conn.close()
        raise
    return PlanDatabase(folder, conn, data_key, key_file.plan_id)


def verify_whole(conn) -> int:
    """Check every page in use and the structure before anything is written;
    returns the schema version. PlanDamaged unless the database is whole.

    ``quick_check`` reads every page in use, and SQLCipher checks each page's
    HMAC as it reads it, so one pass finds damage anywhere the plan lives.
    Free pages (which hold no plan) are left to ``check_plan``, whose
    ``cipher_integrity_check`` reads the whole file."""
    with reading():
        damaged = conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
        version = schema.version_of(conn)
    if damaged or version == 0:  # 0: an empty file, which any key "opens"
        raise PlanDamaged("database")
    return version
