"""Owner-only files and folders, and atomic replacement of small files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..atomic import fsync_dir, write_atomic as _write_atomic
from .errors import from_os_error

__all__ = ["FILE_MODE", "FOLDER_MODE", "create_private_file", "database_files", "fsync_dir",
           "make_private_dir", "remove_database", "remove_file", "write_atomic"]

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_BINARY = getattr(os, "O_BINARY", 0)


def database_files(path: Path) -> tuple[Path, ...]:
    """A SQLite database and the files SQLite may keep beside it."""
    return tuple(path.with_name(path.name + suffix) for suffix in ("", "-journal", "-wal", "-shm"))


def remove_file(path: Path, quietly: bool = False) -> None:
    """``path`` gone. A file already missing is fine; any other failure is
    a ``StorageError``, or ignored ``quietly`` (scratch files)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        if not quietly:
            raise from_os_error(exc) from exc


def remove_database(path: Path, quietly: bool = False) -> None:
    """A database and every file SQLite keeps beside it gone (see ``remove_file``)."""
    for part in database_files(path):
        remove_file(part, quietly)


#: What ``chmod`` says on a file system that has no permissions (FAT32 and
#: exFAT sticks, some FUSE and network mounts).
_NO_PERMISSIONS = {errno.ENOSYS, errno.EPERM, getattr(errno, "ENOTSUP", errno.ENOSYS),
                   getattr(errno, "EOPNOTSUPP", errno.ENOSYS)}


def restrict(path: Path, mode: int) -> bool:
    """Make ``path`` owner-only where the file system has permissions; True
    if it did, False where it has none (a FAT or exFAT stick)."""
    try:
        os.chmod(path, mode)
    except OSError as exc:
        if exc.errno in _NO_PERMISSIONS:
            return False
        raise
    return True


def make_private_dir(folder: Path) -> bool:
    """Create ``folder`` (and its parents) owner-only; True if it was created."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise from_os_error(exc) from exc
    try:
        restrict(folder, FOLDER_MODE)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        try:
            os.rmdir(folder)
        except OSError:
            pass
        raise from_os_error(exc) from exc
    return True


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file; fails if it already exists."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, FILE_MODE))
    except OSError as exc:
        raise from_os_error(exc) from exc


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see ``recoveryplan.atomic``),
    reporting failures as ``StorageError``."""
    try:
        _write_atomic(path, data, FILE_MODE)
    except OSError as exc:
        raise from_os_error(exc) from exc
