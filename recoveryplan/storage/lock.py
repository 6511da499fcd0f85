"""One writer per plan: an exclusive operating-system lock on the plan folder.

Opening a plan (and creating, restoring, importing into it, changing its
secrets) holds ``PLAN/.plan.lock`` locked with the system's own file lock
(``flock`` on Linux and macOS, ``LockFileEx`` on Windows, through
``filelock``) until the plan is closed. The system drops the lock when the
process that held it ends, however it ends, so a lock left by a process
that died is simply taken by the next one; nothing has to guess whether a
lock is stale. FUSE file systems that have no locks of their own (FAT and
exFAT sticks mounted with ``fusefat`` or ``exfat-fuse``) get the kernel's
local locks, which is all one computer needs.

The lock file itself stays in the folder (removing it would race with the
next process taking it); it holds nothing. A lock on a file follows the
file, not its name: were the lock file removed while a plan is open, the
next opener would make a new one and lock that. So where the system allows
it (``flock`` on Linux and macOS) the folder itself is locked as well, and
a folder can't be removed while the plan's files are in it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import filelock

try:
    import fcntl
except ImportError:       # Windows: the lock file only (LockFileEx)
    fcntl = None

from .errors import PlanFolderReadOnly, PlanInUse, from_os_error

LOCK_NAME = ".plan.lock"

#: ``OSError`` numbers meaning "this folder can't be written at all".
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def _create_private(path: Path) -> None:
    """Make the (empty) lock file owner-only when it is new; the mode is
    given at creation, so file systems without modes (FAT) just ignore it."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        if exc.errno in _READ_ONLY:
            raise PlanFolderReadOnly() from exc
        raise from_os_error(exc) from exc


class PlanLock:
    """The held lock on one plan folder; ``release`` is safe to call twice."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._folder_fd: int | None = None
        _create_private(folder / LOCK_NAME)
        self._lock = filelock.FileLock(str(folder / LOCK_NAME), timeout=0)   # holds nothing: no mode to set (FAT has none)
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout as exc:
            raise PlanInUse() from exc
        except OSError as exc:
            if exc.errno in _READ_ONLY:
                raise PlanFolderReadOnly() from exc
            raise from_os_error(exc) from exc
        try:
            self._folder_fd = _lock_folder(folder)
        except PlanInUse:
            self._lock.release(force=True)
            raise

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        if self._folder_fd is not None:
            os.close(self._folder_fd)      # closing drops the folder's flock
            self._folder_fd = None
        if self._lock.is_locked:
            self._lock.release(force=True)


def _lock_folder(folder: Path) -> int | None:
    """The folder's own ``flock``, held through an open descriptor; None
    where the system or file system has no such lock (the lock file alone
    then keeps one writer)."""
    if fcntl is None:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            raise PlanInUse() from exc
        return None                      # no locks on folders here
    return fd


def lock_plan(folder: str | os.PathLike) -> PlanLock:
    """Lock ``folder`` (which must exist) for this process, at once or not
    at all: ``PlanInUse`` if another window or program has it,
    ``PlanFolderReadOnly`` if the lock file can't be made there (read-only
    media, or a folder this user may not write)."""
    return PlanLock(Path(folder))


__all__ = ["LOCK_NAME", "PlanLock", "lock_plan"]
