"""The crisis card on the lock screen: the person's own choice, off by default.

While a plan is locked nothing in it can be read, not even the numbers of
the people who help in a crisis. A person may choose to keep those people
(name, phone number, best times; never "just for me" ones) readable on the
lock screen. This is the one thing from a plan ever written unencrypted, so:

* it exists only while the person has chosen it (the file is the choice:
  turning it off deletes the file);
* it holds only those three things, for crisis-card contacts that are not
  "just for me", and is rewritten a moment after those people change while
  the plan is open (so a crash never leaves an old number there) and each
  time the plan locks or closes;
* it is owner-only, written atomically, and read back with bounds (size,
  count, length) so a damaged or planted file shows nothing rather than
  anything strange.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from ..plan_folder import CARD_NAME, card_shown as is_shown  # noqa: F401 - storage's names
from .errors import from_os_error
from .fsutil import fsync_dir, write_atomic

MAX_BYTES = 64 * 1024
MAX_PEOPLE = 20
MAX_CHARS = 200
FORMAT = "recoveryplan-lock-card"

#: Held while the card is written or removed, so a write from a worker thread
#: that began before the person turned the card off can't bring it back.
_CHANGING = threading.Lock()


@dataclass(frozen=True)
class CardPerson:
    name: str
    phone: str
    best_times: str = ""


def card_path(folder: str | os.PathLike) -> Path:
    return Path(folder) / CARD_NAME


def write_card(folder: str | os.PathLike, people: list[CardPerson]) -> None:
    with _CHANGING:
        _write(folder, people)


def update_card_if_shown(folder: str | os.PathLike, people: list[CardPerson]) -> bool:
    """Bring the card up to date if (and only if) it is shown: never makes
    one the person has turned off, even one turned off a moment ago on
    another thread. True if it wrote."""
    with _CHANGING:
        if not is_shown(folder):
            return False
        _write(folder, people)
        return True


def _write(folder: str | os.PathLike, people: list[CardPerson]) -> None:
    data = {"format": FORMAT, "version": 1,
            "people": [{"name": p.name[:MAX_CHARS], "phone": p.phone[:MAX_CHARS],
                        "best_times": p.best_times[:MAX_CHARS]} for p in people[:MAX_PEOPLE]]}
    write_atomic(card_path(folder), json.dumps(data, ensure_ascii=False).encode("utf-8"))


def remove_card(folder: str | os.PathLike) -> None:
    path = card_path(folder)
    with _CHANGING:
        try:
            path.unlink()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise from_os_error(exc) from exc
        fsync_dir(path.parent)


def read_card(folder: str | os.PathLike) -> list[CardPerson]:
    """The people to show while locked; [] when off, unreadable or damaged."""
    path = card_path(folder)
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return []
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return []
    people = data.get("people")
    if not isinstance(people, list):
        return []
    out: list[CardPerson] = []
    for item in people[:MAX_PEOPLE]:
        if not isinstance(item, dict):
            continue
        values = [item.get(key, "") for key in ("name", "phone", "best_times")]
        if not all(isinstance(v, str) for v in values):
            continue
        name, phone, best_times = (v[:MAX_CHARS] for v in values)
        if name.strip() or phone.strip():
            out.append(CardPerson(name, phone, best_times))
    return out
