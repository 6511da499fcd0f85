"""Encrypted backups: one file that carries a whole plan, and restoring it.

A backup file (``*.rpbackup``) holds the plan's ``keys.json`` and an
encrypted copy of ``plan.db`` made with ``sqlcipher_export`` under the same
data key, so it opens with the passphrase or the recovery key that opened
the plan when the backup was made. Nothing in it is ever unencrypted::

    RECOVERYPLAN-BACKUP\\n            magic, 20 bytes
    {"format": ..., "version": 1,     header: one line of ASCII JSON, at most
     "created": "...Z", "plan_id":    4 KiB: when it was made (UTC), the plan
     "...", "schema_version": N,      id, the database's schema version and
     "keys_size": K, "db_size": D}\\n  the sizes of the two parts
    keys.json                         K bytes, exactly as on disk
    plan.db                           D bytes, SQLCipher 4, same data key
    SHA-256 of everything above       32 bytes

The checksum tells a damaged or cut-short file from a wrong secret before
anything is unwrapped. A backup is verified (key slots, every encrypted
page, the database structure, the plan's rows) when it is made and again
before a restore replaces anything. Restoring never leaves half a plan:
the backup is unpacked and verified in a hidden folder beside the plan,
then swapped in with one atomic rename where the system offers one; the
plan it replaces is kept aside as ``PLAN.replaced-<time>``.

Automatic backups live in ``PLAN/backups/``: one a day when the plan is
unlocked (the last seven kept, plus the first of each month for a year),
and one before each schema migration (kept).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass, replace
from typing import Callable
from pathlib import Path

from ..i18n import _, format_date
from . import operations, schema
from .connection import (connect, expected_schema, export_database, reading, schema_objects,
                         transaction)
from .database import DB_NAME, KEYS_NAME, PlanDatabase
from .errors import (BackupDamaged, PlanDamaged, StorageError, WrongSecret, from_os_error,
                     made_by_newer_version, not_a_folder)
from .folder import (RESTORE_ASIDE, RESTORE_READY, finish_interrupted_restore, plan_exists, replaced_name,
                     restoring_prefix, tidy_leftovers, verify_whole)
from .lock import lock_plan
from .lock_card import CARD_NAME
from ..files import FileTooLarge, NotARegularFile, open_regular, read_bounded
from .fsutil import create_private_file, fsync_dir, make_private_dir, write_atomic
from .keyslots import MAX_KEY_FILE_BYTES, KeyFile, read_key_bytes

MAGIC = b"RECOVERYPLAN-BACKUP\n"
FORMAT = "recoveryplan-backup"
VERSION = 1
SUFFIX = ".rpbackup"
BACKUPS_DIR = "backups"
MAX_HEADER = 4096
_DIGEST = 32
#: Far larger than any plan (ten years of daily use is a few MB); a file
#: bigger than this is refused before it is read.
MAX_FILE_BYTES = 256 << 20
#: Backups made before this can't be ours (the format is younger).
_EARLIEST = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
#: A computer's clock may be a little ahead of another's.
_CLOCK_SLACK = dt.timedelta(days=2)

DAILY_KEEP = 7
MONTHLY_KEEP = 12
_DAILY = re.compile(r"^backup-(\d{4})-(\d{2})-(\d{2})\.rpbackup$")
_HEADER_KEYS = {"format", "version", "created", "plan_id", "schema_version", "keys_size", "db_size"}


@dataclass(frozen=True)
class Backup:
    """The two parts of a plan and what the header says about them."""

    created: dt.datetime          # aware, UTC
    plan_id: str
    schema_version: int
    keys: bytes
    database: bytes

    def to_bytes(self) -> bytes:
        header = {"format": FORMAT, "version": VERSION,
                  "created": self.created.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "plan_id": self.plan_id, "schema_version": self.schema_version,
                  "keys_size": len(self.keys), "db_size": len(self.database)}
        body = MAGIC + json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + self.keys + self.database
        return body + hashlib.sha256(body).digest()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Backup":
        """Parse a backup file's bytes. Raises only ``BackupDamaged`` or the
        "made by a newer version" ``StorageError``."""
        if len(data) < len(MAGIC) + _DIGEST or not data.startswith(MAGIC):
            raise BackupDamaged()
        body, digest = memoryview(data)[:-_DIGEST], data[-_DIGEST:]
        if not secrets.compare_digest(hashlib.sha256(body).digest(), digest):
            raise BackupDamaged()
        end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
        if end < 0:
            raise BackupDamaged()
        try:
            header = json.loads(bytes(body[len(MAGIC):end]).decode("ascii"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise BackupDamaged() from exc
        if not isinstance(header, dict) or header.get("format") != FORMAT \
                or type(header.get("version")) is not int:
            raise BackupDamaged()
        if header["version"] > VERSION:
            raise made_by_newer_version()
        if set(header) != _HEADER_KEYS:
            raise BackupDamaged()
        sizes = [header["keys_size"], header["db_size"], header["schema_version"]]
        if not all(type(n) is int and n >= 0 for n in sizes) \
                or end + 1 + sizes[0] + sizes[1] != len(body) or sizes[0] > MAX_KEY_FILE_BYTES:
            raise BackupDamaged()
        if sizes[2] > schema.SCHEMA_VERSION:
            raise made_by_newer_version()
        if sizes[2] < 1:
            raise BackupDamaged()
        created = _parse_time(header["created"])
        plan_id = header["plan_id"]
        now = dt.datetime.now(dt.timezone.utc)
        if created is None or not _EARLIEST <= created <= now + _CLOCK_SLACK:
            raise BackupDamaged()
        if not isinstance(plan_id, str) or not re.fullmatch(r"[0-9a-f]{32}", plan_id):
            raise BackupDamaged()
        keys = bytes(body[end + 1:end + 1 + sizes[0]])
        return cls(created, plan_id, sizes[2], keys, bytes(body[end + 1 + sizes[0]:]))


def _parse_time(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def read_backup(path: str | os.PathLike) -> Backup:
    """Read and check a backup file (not yet its encrypted contents)."""
    try:
        with open_regular(path) as handle:      # never waits on a FIFO or a device
            if handle.read(len(MAGIC)) != MAGIC:
                raise BackupDamaged()
            handle.seek(0, os.SEEK_END)
            if handle.tell() > MAX_FILE_BYTES:
                raise BackupDamaged()
            handle.seek(0)
            data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise BackupDamaged()
    except FileNotFoundError as exc:
        raise StorageError(_("That backup file isn't there any more. Please choose it again.")) from exc
    except (IsADirectoryError, NotARegularFile, FileTooLarge) as exc:
        raise BackupDamaged() from exc
    except OSError as exc:
        raise from_os_error(exc) from exc
    return Backup.from_bytes(data)


# -- making backups -------------------------------------------------------------

def _scratch_file(folder: Path) -> Path:
    make_private_dir(folder)
    path = folder / f".export-{secrets.token_hex(6)}.db"
    create_private_file(path)
    return path


def _remove(path: Path) -> None:
    for name in (path.name, path.name + "-journal", path.name + "-wal", path.name + "-shm"):
        try:
            os.unlink(path.with_name(name))
        except OSError:
            pass


def _verify_database(db_path: Path, data_key: bytes, plan_id: str) -> int:
    """Open ``db_path`` and check it to the last row; returns its schema
    version. ``PlanDamaged("database")`` unless it is whole and this plan's."""
    conn = connect(db_path, data_key)
    try:
        version = verify_whole(conn)
        schema.check_readable(version)
        with reading():
            whole = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            # Every page of the file, free ones too, as ``check`` reads them.
            pages_whole = not conn.execute("PRAGMA cipher_integrity_check").fetchall()
            owner = conn.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone()
            if not whole or not pages_whole or owner is None or owner[0] != plan_id:
                raise PlanDamaged("database")
            if schema_objects(conn) != expected_schema(version):
                raise PlanDamaged("database")    # triggers, views or anything not the app's own
            plan = operations.load_plan(conn)
            rows = conn.execute("SELECT count(*) FROM records").fetchone()[0]
            if rows != _count_records(plan):
                raise PlanDamaged("database")    # records of a kind, or in a place, the plan can't hold
    finally:
        conn.close()
    return version


def _count_records(plan) -> int:
    from ..plans.model import COLLECTIONS

    total = 0
    for name in COLLECTIONS:
        for record in plan.collection(name):
            total += 1 + sum(len(getattr(record, attr)) for attr in record.CHILDREN)
    return total


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
        version = _verify_database(scratch, data_key, plan_id)
        database = scratch.read_bytes()
    except OSError as exc:
        raise from_os_error(exc) from exc
    finally:
        _remove(scratch)
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


def daily_backup(db: PlanDatabase, today: dt.date | None = None) -> Path | None:
    """Make today's automatic backup unless there is one; then prune old
    ones. Returns the new file, or None if today's was already there."""
    today = today or dt.date.today()
    folder = db.path / BACKUPS_DIR
    make_private_dir(folder)
    _clear_scratch(folder)
    path = folder / f"backup-{today.isoformat()}{SUFFIX}"
    with db.backups_lock:     # no rotation between the snapshot and the file
        if path.exists():
            return None
        write_atomic(path, snapshot(db).to_bytes())
        prune(folder, today)
    return path


def _clear_scratch(folder: Path) -> None:
    """Encrypted leftovers of a backup that was cut short (by a crash)."""
    for leftover in folder.glob(".export-*"):
        _remove(leftover)
    for leftover in folder.glob(".*.tmp"):
        _remove(leftover)


def _daily_files(folder: Path) -> dict[dt.date, Path]:
    out = {}
    for path in folder.glob(f"backup-*{SUFFIX}"):
        match = _DAILY.match(path.name)
        if match:
            try:
                out[dt.date(*map(int, match.groups()))] = path
            except ValueError:
                continue
    return out


def backups_to_keep(days: list[dt.date], today: dt.date) -> set[dt.date]:
    """The newest ``DAILY_KEEP`` days, plus the first day of each of the
    last ``MONTHLY_KEEP`` months that has one."""
    keep = set(sorted(days, reverse=True)[:DAILY_KEEP])
    first_of_month: dict[tuple[int, int], dt.date] = {}
    for day in sorted(days):
        age = (today.year - day.year) * 12 + today.month - day.month
        if 0 <= age < MONTHLY_KEEP:
            first_of_month.setdefault((day.year, day.month), day)
    return keep | set(first_of_month.values())


def prune(folder: Path, today: dt.date) -> list[Path]:
    """Delete automatic daily backups no longer kept; returns them."""
    files = _daily_files(folder)
    keep = backups_to_keep(list(files), today)
    removed = []
    for day, path in files.items():
        if day not in keep:
            try:
                os.unlink(path)
                removed.append(path)
            except OSError:
                pass
    return removed


# -- a second place ---------------------------------------------------------------

#: A backup in the second place older than this earns a kind reminder.
SECOND_PLACE_REMIND_DAYS = 30


def second_place_file(folder: str | os.PathLike, plan_id: str) -> Path:
    """The one backup file of this plan kept in a second place (a USB stick,
    a folder a cloud service syncs), replaced each time a new one is made."""
    return Path(folder) / f"recovery-plan-{plan_id[:8]}{SUFFIX}"


def second_place_backup(db: PlanDatabase, folder: str | os.PathLike,
                        today: dt.date | None = None, force: bool = False) -> Path | None:
    """Keep an encrypted backup in ``folder`` too: at most one a day (unless
    ``force``), written atomically over the last one. Returns the file, or
    None if today's was already there. A missing folder (the stick is not
    plugged in) is a ``StorageError`` with a plain message."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StorageError(_("The place you chose for a second backup isn't there just now. "
                             "If it is a USB stick, plug it in."))
    path = second_place_file(folder, db.plan_id)
    today = today or dt.date.today()
    made = last_second_place_backup(folder, db.plan_id)
    if (not force and made is not None and made.astimezone().date() >= today
            and not _under_old_secrets(path, db)):
        return None
    save_copy(db, path)
    return path


def _under_old_secrets(path: Path, db: PlanDatabase) -> bool:
    """Was the backup at ``path`` made before the plan's secrets last changed
    (its key file isn't the plan's)? Then it is renewed at once: a copy the
    app keeps by itself must not go on opening with an old secret."""
    try:
        return read_backup(path).keys != db.key_file_bytes()
    except StorageError:
        return True


def last_second_place_backup(folder: str | os.PathLike, plan_id: str) -> dt.datetime | None:
    """When the backup in the second place was made (from its own header),
    or None if there is none there (or the folder can't be reached)."""
    try:
        return read_backup(second_place_file(folder, plan_id)).created
    except StorageError:
        return None


# -- finding backups --------------------------------------------------------------

@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime | None      # None: the file is damaged


def has_backups(plan_path: str | os.PathLike) -> bool:
    """Are there any automatic backup files (quick: nothing is read)?"""
    return any((Path(plan_path) / BACKUPS_DIR).glob(f"*{SUFFIX}"))


def list_backups(plan_path: str | os.PathLike) -> list[BackupInfo]:
    """The plan's automatic backups, newest first (damaged ones last)."""
    folder = Path(plan_path) / BACKUPS_DIR
    infos = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            created = read_backup(path).created
        except StorageError:
            created = None
        infos.append(BackupInfo(path, created))
    oldest = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return sorted(infos, key=lambda info: (info.created or oldest, info.path.name), reverse=True)


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
        _verify_database(folder / DB_NAME, data_key, backup.plan_id)
    except PlanDamaged as exc:
        raise BackupDamaged() from exc
    return data_key


def _under_another_key(data: bytes, data_key: bytes) -> bool:
    """Is the backup file ``data`` whole but a copy under a key other than
    ``data_key``? A restore leaves those with the plan it replaced (where its
    own secrets open them): in the restored plan no change of secret could
    re-protect them. A damaged file can't tell, so it comes along as before."""
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
            _unlink_quietly(plan_path / RESTORE_ASIDE)
            raise from_os_error(exc) from exc
        backups_left = None
        if replaced is not None:
            try:
                move_backups(replaced / BACKUPS_DIR, plan_path / BACKUPS_DIR,
                             belongs=lambda data: not _under_another_key(data, data_key))
                _unlink_quietly(replaced / RESTORE_ASIDE)
            except (OSError, StorageError):
                backups_left = replaced / BACKUPS_DIR
        _unlink_quietly(plan_path / RESTORE_READY)
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


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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


def describe_backups(plan_path: str | os.PathLike) -> tuple[int, dt.datetime | None, int]:
    """(whole backups, when the newest was made, damaged backups)."""
    infos = list_backups(plan_path)
    good = [info for info in infos if info.created is not None]
    return len(good), (good[0].created if good else None), len(infos) - len(good)


__all__ = ["Backup", "BackupInfo", "Restored", "SECOND_PLACE_REMIND_DAYS", "backup_before_migration",
           "backups_to_keep", "last_second_place_backup", "save_copy", "second_place_backup",
           "second_place_file",
           "daily_backup", "describe_backups", "has_backups", "list_backups", "prune", "read_backup", "restore",
           "restore_newest", "save_backup", "snapshot"]
