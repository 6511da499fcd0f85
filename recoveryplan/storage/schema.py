"""The database schema and its migrations, keyed by ``PRAGMA user_version``.

``MIGRATIONS[n - 1]`` takes a database from version ``n - 1`` to ``n`` and
runs in its own transaction together with the version bump, so a plan is
always at exactly one known version. A new plan is built by the same path
(version 0 -> 1 -> ...). Each released version keeps a golden file under
``tests/golden/plan-v<N>/`` that later migrations must keep opening.

Version 1:

- ``meta``: facts about the file itself (the plan id that ties it to its
  ``keys.json``), kept apart from ``plan_info`` so no field of the plan can
  ever collide with them.
- ``plan_info``: one row per ``PlanInfo`` field, the value as JSON, so
  changing the review date rewrites a few tiny rows, and a field added later
  needs no migration.
- ``records``: one row per record, children (goal steps, progress notes)
  included; ``data`` is ``Record.to_dict(children=False)`` as JSON. Deleting
  a record deletes its children and its review snapshot through foreign keys.
- ``snapshots``: the read-only copy of the plan kept by each review, apart
  from ``records`` so loading the plan never reads them.
"""

from __future__ import annotations

from typing import Callable

from .errors import made_by_newer_version


def _migrate_to_1(conn) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    conn.execute("CREATE TABLE plan_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    conn.execute(
        "CREATE TABLE records ("
        " id TEXT PRIMARY KEY,"
        " kind TEXT NOT NULL,"
        " parent_id TEXT REFERENCES records(id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL,"
        " data TEXT NOT NULL)")
    conn.execute("CREATE INDEX records_by_kind ON records(kind, position)")
    conn.execute("CREATE INDEX records_by_parent ON records(parent_id, position)")
    conn.execute(
        "CREATE TABLE snapshots ("
        " review_id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,"
        " data TEXT NOT NULL)")


#: In order: ``MIGRATIONS[n - 1]`` makes version ``n``.
MIGRATIONS: list[Callable[..., None]] = [_migrate_to_1]
SCHEMA_VERSION = len(MIGRATIONS)


def version_of(conn) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_readable(version: int) -> None:
    """Refuse a plan written by a newer app (its data would be misread)."""
    if version > SCHEMA_VERSION:
        raise made_by_newer_version()


def migrate(conn) -> int:
    """Bring the database to ``SCHEMA_VERSION``; returns the version it had.

    ``conn`` is in autocommit mode; each step is one transaction."""
    start = version_of(conn)
    check_readable(start)
    for version in range(start + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start
