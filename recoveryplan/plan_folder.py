"""A plan's folder by its file names: no SQL, no Qt, no cryptography.

``storage`` takes the names of a plan's files from here, and the start of
the app asks these quick questions of a folder (is a plan there? is a
restore waiting to be finished? is the lock-screen card shown?) with plain
file tests, before ``storage`` is imported, so that the unlock screen comes
up without it. Nothing here reads or changes a file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The encrypted database and the file of its wrapped keys.
DB_NAME = "plan.db"
KEYS_NAME = "keys.json"
#: My people on the lock screen, only while I choose to show them (``storage.lock_card``).
CARD_NAME = "lock-screen-card.json"
#: Written last into a verified restore folder before it is swapped in.
RESTORE_READY = "restore-ready"


def glob_escape(text: str) -> str:
    """``text`` matched literally by ``Path.glob`` (a plan called "[1]")."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def restoring_prefix(folder: Path) -> str:
    """Name start of the hidden folder a backup is unpacked into beside the plan."""
    return f".{folder.name}.restoring-"


def ready_restore(path: str | os.PathLike) -> Path | None:
    """The verified restore folder waiting to become the plan at ``path``,
    when a restore stopped between moving the old plan aside and moving the
    new one in (``storage.repair`` finishes it); else None."""
    folder = Path(path)
    if folder.exists():
        return None
    for staging in folder.parent.glob(glob_escape(restoring_prefix(folder)) + "*"):
        if (staging / RESTORE_READY).is_file():
            return staging
    return None


def holds_plan(path: str | os.PathLike) -> bool:
    """Is there a plan (whole or not) in this folder, as it is now?"""
    folder = Path(path)
    return folder.is_dir() and any((folder / name).exists() for name in (DB_NAME, KEYS_NAME))


def card_shown(folder: str | os.PathLike) -> bool:
    """True while the person has chosen to show their crisis card when locked."""
    try:
        return stat.S_ISREG(os.lstat(Path(folder) / CARD_NAME).st_mode)
    except OSError:
        return False
