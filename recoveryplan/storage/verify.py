"""Proving a plan's database whole, before it is opened or trusted.

``verify_whole`` checks what opening a plan reads; ``verify_database``
checks a copy (a backup being made or restored, a copied plan) to its last
row. Both raise ``PlanDamaged("database")``.
"""

from __future__ import annotations

from pathlib import Path

from ..plans.model import COLLECTIONS
from . import operations, schema
from .connection import connect, expected_schema, reading, schema_objects
from .errors import PlanDamaged

#: Not read when a plan is opened: the reviews' copies of the plan, read one
#: at a time when a review is opened (most of a long-kept plan's file).
READ_LATER = ("snapshots",)


def verify_whole(conn, *, opening: bool = False) -> int:
    """Check the pages in use and the structure before anything is written;
    returns the schema version. PlanDamaged unless the database is whole.

    ``quick_check`` reads every page in use, and SQLCipher checks each page's
    HMAC as it reads it, so one pass finds damage anywhere the plan lives.
    Free pages (which hold no plan) are left to ``check_plan``, whose
    ``cipher_integrity_check`` reads the whole file.

    ``opening=True`` (opening a plan) checks only what opening reads: every
    table and index but ``READ_LATER``, whose b-tree and key index are read
    but not the long copies of the plan kept beyond them (overflow pages),
    so opening does not grow with the reviews kept. Damage inside a review's copy of the plan is found when
    that review is opened (``load_snapshot``: ``PlanDamaged``), by every
    backup (``sqlcipher_export`` reads every row, and the copy is checked
    whole), and by ``check_plan``."""
    with reading():
        if opening:
            tables = [row[0] for row in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()]
            checks = ["sqlite_schema", *(name for name in tables if name not in READ_LATER)]
            damaged = any(conn.execute(
                'PRAGMA quick_check("{}")'.format(name.replace('"', '""'))).fetchall() != [("ok",)]
                for name in checks)
            if "snapshots" in tables and not damaged:
                # Their own b-tree and key index are read (and so their pages'
                # HMACs checked), not the long copies kept beyond them.
                conn.execute("SELECT count(*) FROM (SELECT rowid FROM snapshots NOT INDEXED)").fetchall()
                conn.execute("SELECT count(*) FROM (SELECT review_id FROM snapshots"
                             " ORDER BY review_id)").fetchall()
        else:
            damaged = conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]
        version = schema.version_of(conn)
    if damaged or version == 0:  # 0: an empty file, which any key "opens"
        raise PlanDamaged("database")
    return version


def verify_database(db_path: Path, data_key: bytes, plan_id: str) -> int:
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
            if rows != count_records(plan):
                raise PlanDamaged("database")    # records of a kind, or in a place, the plan can't hold
    finally:
        conn.close()
    return version


def count_records(plan) -> int:
    total = 0
    for name in COLLECTIONS:
        for record in plan.collection(name):
            total += 1 + sum(len(getattr(record, attr)) for attr in record.CHILDREN)
    return total
