"""Opening a SQLCipher database with a raw data key, and SQLite errors in
the storage layer's terms. The only module that imports ``sqlcipher3``."""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlcipher3

from .errors import DiskFull, PlanDamaged, StorageError
from .fsutil import remove_database

DatabaseError = sqlcipher3.DatabaseError


def is_refused_row(error: BaseException) -> bool:
    """Did SQLite refuse the rows themselves (a constraint), so that trying
    the same write again can never succeed?"""
    return isinstance(error.__cause__, sqlcipher3.IntegrityError)

# Settings for every connection, after the key has been checked.
_SETTINGS = ("temp_store = MEMORY", "secure_delete = ON", "foreign_keys = ON",
             "synchronous = FULL", "busy_timeout = 10000")
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


def connect(db_path: Path, data_key: bytes, read_only: bool = False,
            immutable: bool = True) -> "sqlcipher3.Connection":
    """Open an existing database file with the raw ``data_key`` and prove the
    key by reading the schema. Writes nothing: settings come in ``configure``.

    ``read_only`` opens the file for reading only, and (``immutable``) as a
    file nobody changes: nothing is created beside it (no journal, no -wal or
    -shm), so it works on read-only media.

    A plan in WAL mode on a file system that can't share memory maps (FAT
    and exFAT through FUSE) is opened in exclusive locking mode, which keeps
    the WAL index in memory; ``configure`` then switches it to a rollback
    journal.

    The key is always given as ``x'<hex>'``, so no text ever reaches
    SQLCipher's own passphrase handling."""
    if len(data_key) != 32:
        raise ValueError("the data key is 32 bytes")
    # mode=rw: never create a missing file.
    query = ("?mode=ro&immutable=1" if immutable else "?mode=ro") if read_only else "?mode=rw"
    uri = db_path.resolve().as_uri() + query
    try:
        return _keyed(uri, data_key, exclusive=False)
    except StorageError as error:
        if read_only or not _is_io_error(error):
            raise
    return _keyed(uri, data_key, exclusive=True)


def _is_io_error(error: StorageError) -> bool:
    code = (getattr(error.__cause__, "sqlite_errorcode", None) or 0) & 0xFF
    return code == sqlcipher3.SQLITE_IOERR or "disk i/o error" in str(error.__cause__).lower()


def _keyed(uri: str, data_key: bytes, exclusive: bool):
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
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE").fetchall()
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        conn.close()
        raise storage_error(exc) from exc
    return conn


def wal_works(folder: Path) -> bool:
    """Can SQLite's WAL mode work in ``folder``? It needs shared memory maps,
    which some file systems (FAT and exFAT through FUSE) lack. Tried each
    time (a stick can be swapped for another under the same device number)
    with an empty scratch database and no fsync: a few milliseconds."""
    probe = folder / f".wal-probe-{secrets.token_hex(4)}.db"
    try:
        conn = sqlcipher3.connect(str(probe), isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA synchronous = OFF").fetchall()
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            conn.execute("CREATE TABLE probe(x)")
            conn.execute("SELECT count(*) FROM probe").fetchall()
        finally:
            conn.close()
    except DatabaseError:
        return False
    finally:
        remove_database(probe, quietly=True)
    return True


def configure(conn) -> None:
    """Private temp storage, wiping deletes, foreign keys, full fsync, and
    WAL where the file system allows it (a rollback journal elsewhere)."""
    try:
        for setting in _SETTINGS:
            conn.execute(f"PRAGMA {setting}").fetchall()
        main = next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")
        mode = "WAL" if wal_works(Path(main).parent) else "DELETE"
        conn.execute(f"PRAGMA journal_mode = {mode}").fetchall()
        if conn.execute("PRAGMA locking_mode").fetchone()[0].lower() == "exclusive":
            conn.execute("PRAGMA locking_mode = NORMAL").fetchall()
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # lets the lock go
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
