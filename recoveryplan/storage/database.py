"""``PlanDatabase``: an open, unlocked plan."""

from __future__ import annotations

import hmac
import threading
from pathlib import Path
from typing import Callable

from ..i18n import _
from ..plans.model import Plan, PlanInfo, Record
from . import operations, schema
from .connection import configure, connect, export_database, reading, transaction
from .errors import PlanDamaged, PlanReadOnly, StorageError, WrongSecret, from_os_error
from .keyslots import PASSPHRASE, RECOVERY, KeyFile, make_slot, passphrase_bytes, read_key_file, write_key_file
from .recoverykey import format_recovery_key, new_recovery_key

DB_NAME = "plan.db"
KEYS_NAME = "keys.json"


def locked_error() -> StorageError:
    return StorageError(_("Your plan is locked. Unlock it to carry on."))


class PlanDatabase:
    """An unlocked plan: the ``PlanStore`` the editor writes through, plus
    passphrase and recovery key management.

    Safe to call from several threads (one lock around the connection).
    Every write is one transaction. ``close`` forgets the data key; it is
    what locking the app does.
    """

    def __init__(self, folder: Path, conn, data_key: bytes, plan_id: str,
                 read_only: bool = False) -> None:
        self.path = folder
        #: Opened for reading only (read-only media, a full disk): every
        #: write raises ``PlanReadOnly``; copies and exports still work.
        self.read_only = read_only
        self._conn = conn
        self._key: bytes | None = data_key
        self._plan_id = plan_id
        self._lock = threading.RLock()        # the connection
        self._keys_lock = threading.Lock()    # read-modify-write of keys.json
        self._close_hooks: list[Callable[[], object]] = []

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

    # -- PlanStore -------------------------------------------------------------
    def save_info(self, info: PlanInfo) -> None:
        self.apply(operations.SaveInfo.of(info))

    def save_record(self, record: Record, parent_id: str | None, position: int) -> None:
        self.apply(operations.SaveRecord.of(record, parent_id, position))

    def delete_record(self, record_id: str) -> None:
        self.apply(operations.DeleteRecord(record_id))

    def save_positions(self, ids: list[str]) -> None:
        self.apply(operations.SavePositions(tuple(ids)))

    def replace_plan(self, plan: Plan) -> None:
        self.apply(operations.ReplacePlan.of(plan))

    def apply(self, operation: operations.Operation) -> None:
        """Apply one write operation in its own transaction."""
        self._writable()
        with self._lock:
            conn = self._open_conn()
            with transaction(conn):
                operation.apply(conn)

    # -- secrets -----------------------------------------------------------------
    # These run a deliberately slow key derivation: call them off the GUI thread.
    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key under a new passphrase (the plan itself is
        not re-encrypted; the recovery key keeps working)."""
        if not new_passphrase:
            raise ValueError("a passphrase can't be empty")
        self._replace_slot(PASSPHRASE, passphrase_bytes(new_passphrase))

    def regenerate_recovery_key(self) -> str:
        """A new recovery key; the old one stops working."""
        raw = new_recovery_key()
        self._replace_slot(RECOVERY, raw)
        return format_recovery_key(raw)

    def verify_secret(self, secret: str) -> bool:
        """Does ``secret`` (passphrase or recovery key) open this plan now?"""
        key_file = self._key_file()
        try:
            key = key_file.unlock(secret)
        except WrongSecret:
            return False
        return hmac.compare_digest(key, self._data_key())

    def _key_file(self) -> KeyFile:
        key_file = read_key_file(self.keys_path)
        if key_file.plan_id != self._plan_id:
            raise PlanDamaged("keys")
        return key_file

    def _writable(self) -> None:
        if self.read_only:
            raise PlanReadOnly()

    def _replace_slot(self, kind: str, secret: bytes) -> None:
        self._writable()
        with self._keys_lock:
            key_file = self._key_file()
            slot = make_slot(kind, secret, self._data_key(), self._plan_id)
            write_key_file(self.keys_path, key_file.with_slot(slot))

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
            try:
                data = self.keys_path.read_bytes()
            except FileNotFoundError as exc:
                raise PlanDamaged("keys") from exc
            except OSError as exc:
                raise from_os_error(exc) from exc
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
        return PlanDatabase(self.path, conn, self._data_key(), self._plan_id)

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
            if conn is not None:
                conn.close()

    def __enter__(self) -> "PlanDatabase":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
