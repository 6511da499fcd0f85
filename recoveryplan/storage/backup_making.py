"""Making backups: a verified copy of an open plan, in memory or in a file.

A backup is verified (key slots, every encrypted page, the database
structure, the plan's rows) when it is made. Automatic ones are in
``backup_keeping``; the one made before a schema migration is here
(``backup_before_migration``), called by ``folder`` when a plan opens.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
from dataclasses import replace
from pathlib import Path

from . import operations
from .backup_file import BACKUPS_DIR, SUFFIX, Backup
from .connection import connect, export_database, transaction
from .database import KEYS_NAME, PlanDatabase
from .errors import PlanDamaged, StorageError, from_os_error
from .fsutil import create_private_file, make_private_dir, remove_database, write_atomic
from .keyslots import KeyFile, read_key_bytes
from .verify import verify_database

def _scratch_file(folder: Path) -> Path:
    make_private_dir(folder)
    path = folder / f".export-{secrets.token_hex(6)}.db"
    create_private_file(path)
    return path


def remove_scratch(path: Path) -> None:
    remove_database(path, quietly=True)


def _snapshot(export, data_key: bytes, keys: bytes, plan_id: str, scratch_dir: Path) -> Backup:
    """A verified ``Backup`` of a database; ``export(target)`` writes the
    encrypted copy. The scratch copy lives in the plan's own folder; where
    a copy written there doesn't read back whole (FAT through ``fusefat``
    garbles files SQLite writes page by page), it is made once more in a
    private temporary folder on this computer (still encrypted, and removed
    at once)."""
    try:
        return _snapshot_in(export, data_key, keys, plan_id, scratch_dir)
    except PlanDamaged:
        with tempfile.TemporaryDirectory(prefix="recoveryplan-") as private:
            return _snapshot_in(export, data_key, keys, plan_id, Path(private))


def _snapshot_in(export, data_key: bytes, keys: bytes, plan_id: str, scratch_dir: Path) -> Backup:
    scratch = _scratch_file(scratch_dir)
    try:
        export(scratch)
        version = verify_database(scratch, data_key, plan_id)
        database = scratch.read_bytes()
    except OSError as exc:
        raise from_os_error(exc) from exc
    finally:
        remove_scratch(scratch)
    return Backup(dt.datetime.now(dt.timezone.utc).replace(microsecond=0), plan_id, version, keys, database)


def snapshot(db: PlanDatabase) -> Backup:
    """A verified backup of an open plan, in memory. Its key file and
    database are taken together: a key rotation can't come between them."""
    with db.backups_lock:
        keys = db.key_file_bytes()
        return _snapshot(db.export_copy, db.data_key, keys, db.plan_id, db.path / BACKUPS_DIR)


def save_backup(db: PlanDatabase, target: str | os.PathLike) -> Backup:
    """``recoveryplan backup`` / "Save a backup copy…": one file, anywhere,
    written atomically (a crash leaves the old file or the new one)."""
    backup = snapshot(db)
    write_atomic(Path(target), backup.to_bytes())
    return backup


def save_copy(db: PlanDatabase, target: str | os.PathLike,
              as_on_screen: operations.ReplacePlan | None = None) -> Backup:
    """"Save a copy of my plan as it is now": one backup file at ``target``
    that works even when the plan's own folder can't be written (a full
    disk, read-only media): the scratch copy is made beside ``target``.

    ``as_on_screen`` (``ReplacePlan.of(editor.plan)``, taken on the caller's
    thread) replaces the copy's content, so writes that could not reach the
    plan's file are in it. Text that can't be stored is kept with the broken
    character shown as \ufffd rather than lost."""
    target = Path(target)
    if not target.parent.is_dir():
        raise StorageError()        # no folder is made that nobody asked for
    keys = db.key_file_bytes()

    def export(scratch: Path) -> None:
        db.export_copy(scratch)
        if as_on_screen is None:
            return
        conn = connect(scratch, db.data_key)
        try:
            with transaction(conn):
                _storable(as_on_screen).apply(conn)
        finally:
            conn.close()

    made = _snapshot(export, db.data_key, keys, db.plan_id, target.parent)
    write_atomic(target, made.to_bytes())
    return made


def _storable(op: operations.ReplacePlan) -> operations.ReplacePlan:
    def fix(text: str | None) -> str | None:
        if text is None:
            return None
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")

    info = operations.SaveInfo(tuple((k, fix(v)) for k, v in op.info.items))
    records = tuple(replace(r, data=fix(r.data), snapshot=fix(r.snapshot)) for r in op.records)
    return operations.ReplacePlan(info, records)


def backup_before_migration(conn, data_key: bytes, folder: Path, version: int) -> Path:
    """Keep the plan as it was before a schema migration changes it."""
    key_file = folder / KEYS_NAME
    keys = read_key_bytes(key_file)
    plan_id = KeyFile.from_bytes(keys).plan_id
    backup = _snapshot(lambda target: export_database(conn, data_key, target),
                       data_key, keys, plan_id, folder / BACKUPS_DIR)
    stamp = backup.created.strftime("%Y-%m-%d-%H%M%S")
    path = folder / BACKUPS_DIR / f"before-update-from-v{version}-{stamp}{SUFFIX}"
    write_atomic(path, backup.to_bytes())
    return path
