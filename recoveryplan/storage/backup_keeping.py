"""Which backups are kept, and where: automatic ones, a second place, listing.

Automatic backups live in ``PLAN/backups/``: one a day when the plan is
unlocked (the last seven kept, plus the first of each month for a year),
and one before each schema migration (kept). One more copy may be kept in
a second place the person chose (a USB stick, a synced folder).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from .backup_file import BACKUPS_DIR, SUFFIX, read_backup
from .backup_making import remove_scratch, save_copy, snapshot
from .database import PlanDatabase
from .errors import StorageError
from .fsutil import make_private_dir, write_atomic

DAILY_KEEP = 7
MONTHLY_KEEP = 12
_DAILY = re.compile(r"^backup-(\d{4})-(\d{2})-(\d{2})\.rpbackup$")


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
        remove_scratch(leftover)
    for leftover in folder.glob(".*.tmp"):
        remove_scratch(leftover)


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


def describe_backups(plan_path: str | os.PathLike) -> tuple[int, dt.datetime | None, int]:
    """(whole backups, when the newest was made, damaged backups)."""
    infos = list_backups(plan_path)
    good = [info for info in infos if info.created is not None]
    return len(good), (good[0].created if good else None), len(infos) - len(good)
