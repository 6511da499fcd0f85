"""``PlanDatabase``: an open, unlocked plan."""

from __future__ import annotations

import hmac
import secrets
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Callable

from ..i18n import _
from ..plans.model import Plan
from . import operations, schema
from .connection import configure, connect, export_database, reading, transaction
from .errors import PlanDamaged, PlanReadOnly, StorageError, WrongSecret, from_os_error
from .fsutil import write_atomic
from .keyslots import (KEY_BYTES, PASSPHRASE, RECOVERY, KeyFile, make_slot, passphrase_bytes,
                       read_key_bytes, read_key_file)
from .recoverykey import format_recovery_key, new_recovery_key
from ..plan_folder import DB_NAME, KEYS_NAME  # noqa: F401 - storage's modules take them from here


def locked_error() -> StorageError:
    return StorageError(_("Your plan is locked. Unlock it to carry on."))


class PlanDatabase(operations.OperationStore):
    """An unlocked plan: the ``PlanStore`` the editor writes through, plus
    passphrase and recovery key management.

    Safe to call from several threads (one lock around the connection).
    Every write is one transaction. ``close`` forgets the data key; it is
    what locking the app does.
    """

    def __init__(self, folder: Path, conn, data_key: bytes, plan_id: str, lock=None,
                 read_only: bool = False) -> None:
        self.path = folder
        self._folder_lock = lock              # the plan folder's PlanLock, released on close
        #: Opened for reading only (read-only media, a full disk): every
        #: write raises ``PlanReadOnly``; copies and exports still work.
        self.read_only = read_only
        self._conn = conn
        self._key: bytes | None = data_key
        self._plan_id = plan_id
        self._lock = threading.RLock()        # the connection
        self._keys_lock = threading.Lock()    # read-modify-write of keys.json
        #: Held while a backup is made or the backups are re-protected.
        self.backups_lock = threading.RLock()
        self._close_hooks: list[Callable[[], object]] = []
        self._children: list[PlanDatabase] = []   # writer connections (see open_writer)
        #: False after a secret change that could only re-wrap the key (a plan
        #: from before key rotation: see ``_rotate``).
        self.last_change_rotated = True
        self._parent: PlanDatabase | None = None

    @property
    def db_path(self) -> Path:
        return self.path / DB_NAME

    @property
    def keys_path(self) -> Path:
        return self.path / KEYS_NAME

    # -- reading ---------------------------------------------------------------
    def load_plan(self) -> Plan:
        """Everything except review snapshots (``Review.snapshot`` is None)."""
        with self._lock, reading():
            return operations.load_plan(self._open_conn())

    def load_snapshot(self, review_id: str) -> dict | None:
        with self._lock, reading():
            return operations.load_snapshot(self._open_conn(), review_id)

    def schema_version(self) -> int:
        with self._lock, reading():
            return schema.version_of(self._open_conn())

    # -- PlanStore (its five methods are operations.OperationStore's) -------------
    def write_operation(self, operation: operations.Operation) -> None:
        """Apply one write operation now, in its own transaction."""
        self._writable()
        with self._lock:
            conn = self._open_conn()
            with transaction(conn):
                operation.apply(conn)

    # -- secrets -----------------------------------------------------------------
    # These run a deliberately slow key derivation: call them off the GUI thread.
    def change_passphrase(self, new_passphrase: str) -> None:
        """A new passphrase; the old one stops working, for the plan and for
        every backup in its folder (the data key is replaced: see
        ``rotation``). The recovery key keeps working."""
        if not new_passphrase:
            raise ValueError("a passphrase can't be empty")
        self._rotate(PASSPHRASE, passphrase_bytes(new_passphrase))

    def regenerate_recovery_key(self) -> str:
        """A new recovery key; the old one stops working (plan and backups)."""
        raw = new_recovery_key()
        self._rotate(RECOVERY, raw)
        return format_recovery_key(raw)

    def verify_secret(self, secret: str) -> bool:
        """Does ``secret`` (passphrase or recovery key) open this plan now?"""
        key_file = self._key_file()
        try:
            key = key_file.unlock(secret)
        except WrongSecret:
            return False
        return hmac.compare_digest(key, self._data_key())

    def _current_keys_path(self) -> Path:
        """``keys.json``, or the new key file of a rotation whose database
        is in place but whose key file's rename didn't finish."""
        from . import rotation

        pending = self.path / rotation.NEW_KEYS
        if pending.exists() and not (self.path / rotation.NEW_DB).exists():
            return pending
        return self.keys_path

    def _key_file(self) -> KeyFile:
        key_file = read_key_file(self._current_keys_path())
        if key_file.plan_id != self._plan_id:
            raise PlanDamaged("keys")
        return key_file

    def _writable(self) -> None:
        if self.read_only:
            raise PlanReadOnly()

    def _rotate(self, kind: str, secret: bytes) -> None:
        """Re-encrypt the plan and its backups under a new data key held by
        a new ``kind`` slot for ``secret`` and the other slot, re-sealed."""
        from . import rotation
        from .backup_file import BACKUPS_DIR

        self._writable()
        # The same order as a backup takes them: backups, then keys.json.
        with self.backups_lock, self._keys_lock:
            key_file = self._key_file()
            if any(s.legacy for s in key_file.slots if s.kind != kind):
                # A plan made before slots could be re-sealed: the other
                # secret's slot can't take a new key without that secret. So
                # this once the key stays and only this slot is renewed (in
                # the new form); the next change of either secret rotates.
                slot = make_slot(kind, secret, self._data_key(), self._plan_id)
                write_atomic(self.keys_path, key_file.with_slot(slot).to_bytes())
                self.last_change_rotated = False
                return
            new_key = secrets.token_bytes(KEY_BYTES)
            new_keys = key_file.rotated(new_key, make_slot(kind, secret, new_key, self._plan_id))
            self.last_change_rotated = True
            with ExitStack() as held:
                for db in self._family():
                    held.enter_context(db._lock)
                old_key = self._data_key()
                conn = self._open_conn()
                rotation.remove_unfinished(self.path)
                rotation._step("export")
                try:
                    rotation.export_under(conn, new_key, self.path, self._plan_id)
                    rotation.prepare(self.path, old_key, new_key, new_keys)
                    with reading():
                        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                except BaseException:
                    rotation.remove_unfinished(self.path)
                    raise
                with rotation.uninterrupted():
                    self._close_family()
                    try:
                        rotation.commit(self.path, DB_NAME, KEYS_NAME)
                    except BaseException:
                        if (self.path / rotation.NEW_DB).exists():     # before the commit point
                            rotation.remove_unfinished(self.path)
                            self._reopen_family(old_key)
                            raise
                        # After it the new key is the plan's: what is left (the
                        # key file's rename) is finished by the next open, and
                        # until then ``_key_file`` reads the new one.
                    self._reopen_family(new_key)
            with rotation.uninterrupted():
                try:
                    rotation.finish_backups(self.path, self.path / BACKUPS_DIR, new_key,
                                            self._plan_id, new_keys.to_bytes())
                except StorageError:
                    pass    # the old key stays sealed in .rotating-old-key; the next open goes on
            rotation._step("done")

    def _family(self) -> list["PlanDatabase"]:
        return [self, *self._children]

    def _close_family(self) -> None:
        for db in self._family():
            if db._conn is not None:
                db._conn.close()
                db._conn = None

    def _reopen_family(self, key: bytes) -> None:
        for db in self._family():
            db._key = key
            conn = connect(self.db_path, key)
            try:
                configure(conn)
            except StorageError:
                conn.close()
                raise
            db._conn = conn

    def _data_key(self) -> bytes:
        if self._key is None:
            raise locked_error()
        return self._key

    # -- copies ------------------------------------------------------------------
    def export_copy(self, target: Path) -> int:
        """Write an encrypted copy of the database (same data key) into the
        new, empty, owner-only file ``target``; returns its schema version.
        Writes queued elsewhere are either wholly in the copy or not at all."""
        with self._lock:
            return export_database(self._open_conn(), self._data_key(), target)

    def key_file_bytes(self) -> bytes:
        """The key file exactly as on disk, checked to be whole and this plan's."""
        with self._keys_lock:
            data = read_key_bytes(self._current_keys_path())
            if KeyFile.from_bytes(data).plan_id != self._plan_id:
                raise PlanDamaged("keys")
            return data

    @property
    def data_key(self) -> bytes:
        """The open plan's data key (for storage code only)."""
        return self._data_key()

    @property
    def plan_id(self) -> str:
        return self._plan_id

    # -- lifetime ----------------------------------------------------------------
    def _open_conn(self):
        if self._conn is None:
            raise locked_error()
        return self._conn

    def open_writer(self) -> "PlanDatabase":
        """A second connection to the same plan (for the background writer),
        closed when this one is unless closed before."""
        self._writable()
        conn = connect(self.db_path, self._data_key())
        try:
            configure(conn)
        except StorageError:
            conn.close()
            raise
        child = PlanDatabase(self.path, conn, self._data_key(), self._plan_id)
        child._parent = self
        with self._lock:
            self._children.append(child)
        return child

    def add_close_hook(self, hook: Callable[[], object]) -> None:
        """``hook()`` runs first when this database closes (writers flush)."""
        self._close_hooks.append(hook)

    def remove_close_hook(self, hook: Callable[[], object]) -> None:
        if hook in self._close_hooks:
            self._close_hooks.remove(hook)

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        """Close the database and forget the key; safe to call twice."""
        for hook in list(self._close_hooks):
            hook()
        with self._lock:
            conn, self._conn, self._key = self._conn, None, None
            parent, self._parent = self._parent, None
            if parent is not None and self in parent._children:
                parent._children.remove(self)
            try:
                if conn is not None:
                    conn.close()
            finally:
                lock, self._folder_lock = self._folder_lock, None
                if lock is not None:
                    lock.release()

    def __enter__(self) -> "PlanDatabase":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
