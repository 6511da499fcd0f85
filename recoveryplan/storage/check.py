"""``check_plan``: a plain-words health report for "check my plan"."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import _, format_date, format_number, ngettext
from . import schema
from .connection import connect, reading
from .database import DB_NAME, KEYS_NAME
from .errors import PlanDamaged
from .folder import existing_plan, plan_is_writable
from .keyslots import PASSPHRASE, RECOVERY, KeyFile, KeySlot, kdf_for_new_slots, read_key_file


@dataclass
class CheckReport:
    """What was checked, each finding with whether it is a problem."""

    findings: list[tuple[bool, str]] = field(default_factory=list)

    def add(self, fine: bool, text: str) -> None:
        self.findings.append((fine, text))

    @property
    def ok(self) -> bool:
        return all(fine for fine, _text in self.findings)

    def lines(self) -> list[str]:
        return [text for _fine, text in self.findings]


#: How long a check waits for a change of secret that another program is
#: making right now, before it reports what it finds.
ROTATION_WAIT_S = 30.0


def check_plan(path: str | os.PathLike, secret: str) -> CheckReport:
    """Check the key file, every encrypted page and the database structure.

    Raises PlanMissing if there is no plan and WrongSecret if ``secret``
    opens none of its key slots; damage is reported, not raised. Changes
    nothing (no migration).

    A check takes no lock (it may run while the app has the plan open), so
    it can land in the middle of a change of secret another program is
    making, between its two swaps. What it finds then is not damage: it
    waits for the change to finish and checks again. So it does when the
    plan's files changed while it was reading them (a change that finished
    before the check did, on a slow or busy computer)."""
    folder = Path(path)
    deadline = time.monotonic() + ROTATION_WAIT_S
    while True:
        before = _stamp(folder)
        report = _check_once(path, secret)
        if report.ok or time.monotonic() >= deadline:
            return report
        if _rotation_under_way(folder):
            while _rotation_under_way(folder) and time.monotonic() < deadline:
                time.sleep(0.2)
            continue                    # the change is done (or the wait is over): again
        if _stamp(folder) != before:
            continue                    # the files changed under the check: again
        return report


def _stamp(folder: Path) -> tuple:
    """What identifies the plan's two files as they are now."""
    out = []
    for name in (DB_NAME, KEYS_NAME):
        try:
            info = os.stat(folder / name)
        except OSError:
            out.append(None)
        else:
            out.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(out)


def _rotation_under_way(folder: Path) -> bool:
    """Is another program changing this plan's secret right now? (Its
    working files are there and it holds the plan's lock.) Leftovers of a
    change cut short, with nobody holding the lock, are not."""
    from .errors import PlanInUse, StorageError
    from .lock import lock_plan
    from .rotation import leftovers

    if not leftovers(folder):
        return False
    try:
        lock = lock_plan(folder)
    except PlanInUse:
        return True
    except StorageError:
        return False
    lock.release()
    return False


def _check_once(path: str | os.PathLike, secret: str) -> CheckReport:
    report = CheckReport()
    try:
        folder = existing_plan(path)
    except PlanDamaged as exc:
        if exc.part == "keys":
            report.add(False, _("The key file (keys.json) is missing, so the plan can't be unlocked."))
        else:
            report.add(False, _("The plan's database file (plan.db) is missing."))
        _report_backups(report, path)
        return report
    try:
        key_file = read_key_file(folder / KEYS_NAME)
    except PlanDamaged:
        report.add(False, _("The key file (keys.json) is damaged, so the plan can't be unlocked."))
        _report_backups(report, folder)
        return report
    data_key = _unlock_current(folder, key_file, secret)
    report.add(True, _("The key file is whole, and what you typed unlocks it."))
    for kind in (PASSPHRASE, RECOVERY):
        _report_slot(report, kind, key_file.slot(kind))
    _check_database(report, folder / DB_NAME, data_key, key_file)
    _report_backups(report, folder)
    return report


def _unlock_current(folder, key_file: KeyFile, secret: str) -> bytes:
    """The data key; after a key change cut off between swapping in the new
    database and its key file, the new key file is the one in effect (the
    next open finishes the rename; a check changes nothing)."""
    from .rotation import NEW_DB, NEW_KEYS

    pending = folder / NEW_KEYS
    if pending.exists() and not (folder / NEW_DB).exists():
        try:
            return read_key_file(pending).unlock(secret)
        except PlanDamaged:
            pass
    return key_file.unlock(secret)


def _report_backups(report: CheckReport, folder) -> None:
    """How many automatic backups there are and how recent; never a problem
    in itself (a new plan has none until the next day it is opened)."""
    from .backup import describe_backups

    good, newest, damaged = describe_backups(folder)
    if good:
        report.add(True, ngettext(
            "There is {count} backup of this plan on this computer, made on {date}.",
            "There are {count} backups of this plan on this computer; the newest was made on {date}.",
            good).format(count=good, date=format_date(newest.astimezone().date())))
    else:
        report.add(True, _("There are no backups of this plan on this computer yet. One is made "
                           "each day you open your plan."))
    if damaged:
        report.add(True, ngettext("{count} backup file is damaged and can't be used.",
                                  "{count} backup files are damaged and can't be used.",
                                  damaged).format(count=damaged))


def _report_slot(report: CheckReport, kind: str, slot: KeySlot | None) -> None:
    if slot is None:
        if kind == RECOVERY:
            report.add(True, _("No recovery key is set up. You can make one in Settings."))
        else:
            report.add(True, _("No passphrase is set up; only the recovery key opens this plan."))
        return
    mib = format_number(round(slot.kdf.memory_kib / 1024, 2))
    if kind == PASSPHRASE:
        text = ngettext("A passphrase is set up (protected by Argon2id: {mib} MiB of memory, {passes} pass).",
                        "A passphrase is set up (protected by Argon2id: {mib} MiB of memory, {passes} passes).",
                        slot.kdf.time_cost)
    else:
        text = ngettext("A recovery key is set up (protected by Argon2id: {mib} MiB of memory, {passes} pass).",
                        "A recovery key is set up (protected by Argon2id: {mib} MiB of memory, {passes} passes).",
                        slot.kdf.time_cost)
    report.add(True, text.format(mib=mib, passes=slot.kdf.time_cost))
    wanted = kdf_for_new_slots()
    if kind == PASSPHRASE and (slot.kdf.memory_kib < wanted.memory_kib or slot.kdf.time_cost < wanted.time_cost):
        report.add(True, _("Your passphrase uses lighter protection than this version gives new "
                           "passphrases. Changing your passphrase will strengthen it."))


def _has_wal(db_path) -> bool:
    wal = db_path.with_name(db_path.name + "-wal")
    return wal.is_file() and wal.stat().st_size > 0


def _check_database(report: CheckReport, db_path, data_key: bytes, key_file: KeyFile) -> None:
    try:
        # On read-only media (or a full disk), checking writes nothing there.
        conn = connect(db_path, data_key, read_only=not plan_is_writable(db_path.parent),
                       immutable=not _has_wal(db_path))
    except PlanDamaged:
        report.add(False, _("The plan's database can't be read with this key file: "
                            "its first page is damaged, or it belongs to another plan."))
        return
    try:
        with reading():
            bad_pages = len(conn.execute("PRAGMA cipher_integrity_check").fetchall())
            problems = conn.execute("PRAGMA integrity_check").fetchall()
            version = schema.version_of(conn)
            owner = (conn.execute("SELECT value FROM meta WHERE key = 'plan_id'").fetchone()
                     if version >= 1 else None)
    except PlanDamaged:
        report.add(False, _("The plan's database is too damaged to check."))
        return
    finally:
        conn.close()
    if bad_pages:
        report.add(False, ngettext("{count} part of the encrypted database is damaged.",
                                   "{count} parts of the encrypted database are damaged.",
                                   bad_pages).format(count=bad_pages))
    else:
        report.add(True, _("Every part of the encrypted database is whole."))
    if problems == [("ok",)]:
        report.add(True, _("The database's structure is sound."))
    else:
        report.add(False, ngettext("The database check found {count} problem.",
                                   "The database check found {count} problems.",
                                   len(problems)).format(count=len(problems)))
    _report_version(report, version)
    if version >= 1 and (owner is None or owner[0] != key_file.plan_id):
        report.add(False, _("The database and the key file don't belong to the same plan."))


def _report_version(report: CheckReport, version: int) -> None:
    if version == 0:
        report.add(False, _("The database is empty: the plan's contents are missing."))
    elif version > schema.SCHEMA_VERSION:
        report.add(False, _("The plan was saved by a newer version of Recovery Plan "
                            "(format {version}). Please update the app.").format(version=version))
    elif version < schema.SCHEMA_VERSION:
        report.add(True, _("The plan is in format {version}; it will be updated the next time "
                           "you open it.").format(version=version))
    else:
        report.add(True, _("The plan is in format {version}, the current one.").format(version=version))
