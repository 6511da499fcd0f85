"""Replacing the data key, so that a changed secret really stops working.

Re-wrapping the same data key under a new passphrase would leave the old
passphrase working with any copy of the old ``keys.json`` (every automatic
backup carries one). So changing the passphrase, or making a new recovery
key, re-encrypts the whole plan under a new random data key and re-protects
every backup in ``PLAN/backups/`` under it too; the other slot is re-sealed
to the new key without its secret (see ``keyslots``).

The steps, and what a kill at any moment leaves::

    1. .rotating-plan.db     the plan exported under the new key, verified
    2. .rotating-old-key     the old key, sealed under the new one (to finish
                             re-protecting backups after a crash)
    3. .rotating-keys.json   the new key file
    4. plan.db  <-  .rotating-plan.db       the one commit point
    5. keys.json <- .rotating-keys.json
    6. each backup re-protected; then .rotating-old-key removed

Before step 4 the plan is the old one and opens with the old secret only;
the ``.rotating-*`` files are removed at the next open. After it, the
database is the new one and opens with the new secret only: the next open
finishes steps 5 and 6 (``settle``). Which case applies is told by which
key really opens ``plan.db``, never by guessing from file names alone.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from . import schema
from .connection import connect, export_database, reading
from .errors import PlanDamaged, StorageError, WrongSecret, from_os_error
from .fsutil import create_private_file, fsync_dir, remove_database, write_atomic
from .keyslots import KEY_BYTES, KeyFile, read_key_file

NEW_DB = ".rotating-plan.db"
NEW_KEYS = ".rotating-keys.json"
OLD_KEY = ".rotating-old-key"
_OLD_KEY_AD = b"recoveryplan-old-data-key"

#: Test hook: ``RECOVERYPLAN_ROTATION_STOP=<step>`` kills the process
#: (``os._exit``) just before that step, to prove every step crash-safe.
_STOP_VAR = "RECOVERYPLAN_ROTATION_STOP"
STEPS = ("export", "old-key", "new-keys", "commit", "keys", "backups", "done")


#: Tests only: a Ctrl-C (SIGINT to this process) as the named step begins.
_CTRL_C_VAR = "RECOVERYPLAN_ROTATION_CTRL_C"


def _step(name: str) -> None:
    if os.environ.get(_STOP_VAR) == name:
        os._exit(9)
    if os.environ.get(_CTRL_C_VAR) == name:
        os.kill(os.getpid(), signal.SIGINT)


#: Set by the command line (``hold_ctrl_c_once_changed``): once a change of
#: secret is in effect, Ctrl-C stays swallowed until the process ends, so no
#: moment between the change and the command's exit can say "stopped".
_hold_after_commit = False


def hold_ctrl_c_once_changed() -> None:
    """For a process that ends with its command (the command line)."""
    global _hold_after_commit
    _hold_after_commit = True


@contextmanager
def uninterrupted() -> Iterator[None]:
    """From the commit point on, the change is made: Ctrl-C waits until the
    rest is done, so a command never says "stopped" about a change that is
    in effect (main thread only; elsewhere there is no Ctrl-C to defer).
    Left by an error (before the commit point), Ctrl-C works again."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.signal(signal.SIGINT, lambda _signum, _frame: None)
    except ValueError:          # not the interpreter's main thread after all
        yield
        return
    try:
        yield
    except BaseException:
        signal.signal(signal.SIGINT, previous)
        raise
    if not _hold_after_commit:
        signal.signal(signal.SIGINT, previous)


def remove_unfinished(folder: Path) -> None:
    """Throw away a rotation that never reached its commit point."""
    for name in (NEW_DB, OLD_KEY, NEW_KEYS):
        remove_database(folder / name)


def _seal_old_key(old_key: bytes, new_key: bytes, plan_id: str) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(new_key).encrypt(nonce, old_key, _OLD_KEY_AD + plan_id.encode())


def _open_old_key(data: bytes, key: bytes, plan_id: str) -> bytes | None:
    try:
        old = AESGCM(key).decrypt(data[:12], data[12:], _OLD_KEY_AD + plan_id.encode())
    except (InvalidTag, ValueError):
        return None
    return old if len(old) == KEY_BYTES else None


def export_under(conn, new_key: bytes, folder: Path, plan_id: str) -> Path:
    """Step 1: the plan behind ``conn``, exported under ``new_key`` into
    ``.rotating-plan.db`` and verified to the last page.

    Where a database written in place doesn't read back whole (FAT through
    ``fusefat`` garbles files SQLite writes page by page), the export is made
    in a private temporary folder on this computer (still encrypted, removed
    at once), checked, copied across in one sequential write and checked
    again."""
    target = folder / NEW_DB
    try:
        _export_checked(conn, new_key, target, plan_id)
    except PlanDamaged:
        with tempfile.TemporaryDirectory(prefix="recoveryplan-") as private:
            scratch = Path(private) / NEW_DB
            _export_checked(conn, new_key, scratch, plan_id)
            remove_database(target)
            create_private_file(target)
            try:
                with open(scratch, "rb") as source, open(target, "r+b") as copy:
                    shutil.copyfileobj(source, copy, 1 << 20)
                    copy.flush()
                    os.fsync(copy.fileno())
            except OSError as exc:
                remove_database(target)
                raise from_os_error(exc) from exc
        _check_export(target, new_key, plan_id)
    _fsync_file(target)
    return target


def _export_checked(conn, new_key: bytes, target: Path, plan_id: str) -> None:
    remove_database(target)
    create_private_file(target)
    export_database(conn, new_key, target)
    _check_export(target, new_key, plan_id)


def _check_export(target: Path, new_key: bytes, plan_id: str) -> None:
    check = connect(target, new_key)
    whole, owner, version = False, None, 0
    try:
        with reading():
            whole = check.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            owner = check.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone()
            version = schema.version_of(check)
    except StorageError:
        whole = False       # it doesn't read back: damaged as written
    finally:
        check.close()
    if not whole or owner is None or owner[0] != plan_id or version == 0:
        remove_database(target)
        raise PlanDamaged("database")


def _fsync_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise from_os_error(exc) from exc


def prepare(folder: Path, old_key: bytes, new_key: bytes, new_keys: KeyFile) -> None:
    """Steps 2 and 3 (after ``export_under``)."""
    _step("old-key")
    write_atomic(folder / OLD_KEY, _seal_old_key(old_key, new_key, new_keys.plan_id))
    _step("new-keys")
    write_atomic(folder / NEW_KEYS, new_keys.to_bytes())


def commit(folder: Path, db_name: str, keys_name: str) -> None:
    """Steps 4 and 5. Every connection to ``plan.db`` must be closed (so
    its write-ahead log has been folded in and removed)."""
    db = folder / db_name
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        try:
            if side.stat().st_size and suffix == "-wal":
                raise StorageError()   # something still writes to the old database
            os.unlink(side)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise from_os_error(exc) from exc
    _step("commit")
    try:
        os.replace(folder / NEW_DB, db)
        fsync_dir(folder)
        _step("keys")
        os.replace(folder / NEW_KEYS, folder / keys_name)
        fsync_dir(folder)
    except OSError as exc:
        raise from_os_error(exc) from exc


def _opens(db_path: Path, key: bytes) -> bool:
    try:
        connect(db_path, key).close()
    except PlanDamaged:
        return False
    return True


def _try_unlock(key_file: KeyFile | None, secret: str) -> bytes | None:
    if key_file is None:
        return None
    try:
        return key_file.unlock(secret)
    except WrongSecret:
        return None


def settle(folder: Path, db_name: str, keys_name: str, secret: str) -> tuple[KeyFile, bytes]:
    """Before opening: finish or undo a rotation a crash cut short, and
    return the key file and the data key that open the plan now.

    WrongSecret if ``secret`` opens neither; a rotation is finished only
    when its new key really opens ``plan.db``."""
    pending = folder / NEW_KEYS
    if not pending.exists():
        if (folder / NEW_DB).exists():
            remove_database(folder / NEW_DB)
        key_file = read_key_file(folder / keys_name)
        return key_file, key_file.unlock(secret)
    key_file = read_key_file(folder / keys_name)
    try:
        new_file = read_key_file(pending)
    except PlanDamaged:
        new_file = None
    if new_file is not None and new_file.plan_id != key_file.plan_id:
        new_file = None
    db_path = folder / db_name
    if (folder / NEW_DB).exists():
        # Step 4 not done: the database is still the old one.
        remove_unfinished(folder)
        return key_file, key_file.unlock(secret)
    old_key = _try_unlock(key_file, secret)
    new_key = _try_unlock(new_file, secret)
    if new_key is not None and _opens(db_path, new_key):
        try:
            os.replace(pending, folder / keys_name)
            fsync_dir(folder)
        except OSError as exc:
            raise from_os_error(exc) from exc
        return new_file, new_key
    if old_key is not None and _opens(db_path, old_key):
        remove_unfinished(folder)
        return key_file, old_key
    if old_key is None and new_key is None:
        return key_file, key_file.unlock(secret)    # raises the kind WrongSecret
    # The secret opened a key file whose key doesn't open the database: the
    # old secret after the commit point, or the new one before it.
    raise WrongSecret()


def finish_backups(folder: Path, backups: Path, key: bytes, plan_id: str, keys: bytes) -> None:
    """Step 6, or its remainder after a crash: re-protect every backup still
    under the old key (read from ``.rotating-old-key``), then forget it."""
    marker = folder / OLD_KEY
    try:
        sealed = marker.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise from_os_error(exc) from exc
    old_key = _open_old_key(sealed, key, plan_id)
    if old_key is not None:
        reprotect_backups(backups, old_key, key, keys, plan_id)
    remove_database(marker)
    fsync_dir(folder)


def _backup_files(backups: Path) -> list[Path]:
    """Every file that may be a backup in ``backups``, whatever its name
    (a copy renamed ``OLD.RPBACKUP``, one put in a folder of its own):
    ``read_backup`` tells which are. Links are not followed out of it, and
    hidden working files are not backups."""
    found = []
    for root, folders, files in os.walk(backups):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and not path.is_symlink() and path.is_file():
                found.append(path)
    return sorted(found)


def reprotect_backups(backups: Path, old_key: bytes, new_key: bytes, keys: bytes, plan_id: str) -> int:
    """Re-encrypt each backup file in ``backups`` still under ``old_key``
    under ``new_key``, with the new key file ``keys``. Returns how many."""
    from .backup_file import Backup, read_backup

    done = 0
    for path in _backup_files(backups):
        _step("backups")
        try:
            backup = read_backup(path)
        except StorageError:
            continue            # damaged: nothing we can re-encrypt
        if backup.plan_id != plan_id:
            continue
        try:
            database = _reencrypt(backups, backup.database, old_key, new_key)
        except PlanDamaged:
            # FAT through fusefat garbles files SQLite writes page by page:
            # once more in a private temporary folder on this computer
            # (still encrypted, removed at once).
            with tempfile.TemporaryDirectory(prefix="recoveryplan-") as private:
                database = _reencrypt(Path(private), backup.database, old_key, new_key)
        if database is None:
            continue            # already under the new key (or not ours)
        fresh = Backup(backup.created, plan_id, backup.schema_version, keys, database)
        write_atomic(path, fresh.to_bytes())
        done += 1
    return done


def _reencrypt(scratch_dir: Path, database: bytes, old_key: bytes, new_key: bytes) -> bytes | None:
    token = secrets.token_hex(6)
    source = scratch_dir / f".export-{token}-old.db"
    target = scratch_dir / f".export-{token}-new.db"
    try:
        write_atomic(source, database)
        try:
            conn = connect(source, old_key)
        except PlanDamaged:
            return None
        try:
            create_private_file(target)
            export_database(conn, new_key, target)
        finally:
            conn.close()
        check = connect(target, new_key)
        try:
            with reading():
                if check.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                    raise PlanDamaged("database")
        finally:
            check.close()
        try:
            return target.read_bytes()
        except OSError as exc:
            raise from_os_error(exc) from exc
    finally:
        remove_database(source)
        remove_database(target)


def leftovers(folder: Path) -> Iterable[Path]:
    return [folder / name for name in (NEW_DB, NEW_KEYS, OLD_KEY) if (folder / name).exists()]
