"""Opening a SQLCipher database with a raw data key, and SQLite errors in
the storage layer's terms. The only module that imports ``sqlcipher3``."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlcipher3

from .errors import DiskFull, PlanDamaged, StorageError

DatabaseError = sqlcipher3.DatabaseError

# Settings for every connection, after the key has been checked.
_SETTINGS = ("temp_store = MEMORY", "secure_delete = ON", "foreign_keys = ON",
             "journal_mode = WAL", "synchronous = FULL", "busy_timeout = 10000")
_DAMAGED = {sqlcipher3.SQLITE_NOTADB, sqlcipher3.SQLITE_CORRUPT}


def storage_error(exc: BaseException) -> StorageError:
    """The ``StorageError`` to raise for a SQLite failure."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(exc).lower()
    if code in _DAMAGED or "not a database" in text or "malformed" in text:
        return PlanDamaged("database")
    if code == sqlcipher3.SQLITE_FULL or "disk is full" in text:
        return DiskFull()
    return StorageError()


def connect(db_path: Path, data_key: bytes) -> "sqlcipher3.Connection":
    """Open an existing database file with the raw ``data_key`` and prove the
    key by reading the schema. Writes nothing: settings come in ``configure``.

    The key is always given as ``x'<hex>'``, so no text ever reaches
    SQLCipher's own passphrase handling."""
    if len(data_key) != 32:
        raise ValueError("the data key is 32 bytes")
    uri = db_path.resolve().as_uri() + "?mode=rw"  # never create a missing file
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None,
                                  check_same_thread=False, timeout=10)
    except DatabaseError as exc:
        raise storage_error(exc) from exc
    try:
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        # Pin SQLCipher 4's settings so files stay readable if defaults change.
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        raise storage_error(exc) from exc
    return conn


def configure(conn) -> None:
    """Private temp storage, wiping deletes, foreign keys, WAL, full fsync."""
    try:
        for setting in _SETTINGS:
            conn.execute(f"PRAGMA {setting}").fetchall()
    except DatabaseError as exc:
        raise storage_error(exc) from exc


def export_database(conn, data_key: bytes, target: Path) -> int:
    """Copy the whole database behind ``conn`` into ``target`` (an existing,
    empty, owner-only file), encrypted with the same ``data_key``, using
    SQLCipher's own ``sqlcipher_export``. Returns the schema version copied.
    Nothing in the copy is ever unencrypted, on disk or in a temp file."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("ATTACH DATABASE ? AS backup_copy KEY ?", (str(target), f"x'{data_key.hex()}'"))
        try:
            conn.execute("SELECT sqlcipher_export('backup_copy')").fetchall()
            conn.execute(f"PRAGMA backup_copy.user_version = {version:d}")
        finally:
            conn.execute("DETACH DATABASE backup_copy")
    except DatabaseError as exc:
        raise storage_error(exc) from exc
    return version


def schema_objects(conn) -> set[tuple]:
    """Everything in the database's schema: tables, indexes, triggers, views."""
    return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())


_EXPECTED: dict[int, set[tuple]] = {}


def expected_schema(version: int) -> set[tuple]:
    """The app's own schema at ``version``, built in memory by the same
    migrations a plan goes through."""
    from . import schema

    if version not in _EXPECTED:
        conn = sqlcipher3.connect(":memory:", isolation_level=None)
        try:
            for step in range(1, version + 1):
                schema.MIGRATIONS[step - 1](conn)
            _EXPECTED[version] = schema_objects(conn)
        finally:
            conn.close()
    return _EXPECTED[version]


@contextmanager
def transaction(conn) -> Iterator[None]:
    """One write transaction; SQLite errors become ``StorageError``."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
    except DatabaseError as exc:
        raise storage_error(exc) from exc


def _rollback(conn) -> None:
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except DatabaseError:
            pass  # the original error is the one worth reporting


@contextmanager
def reading() -> Iterator[None]:
    """Reads: SQLite errors become ``StorageError``."""
    try:
        yield
    except DatabaseError as exc:
        raise storage_error(exc) from exc
