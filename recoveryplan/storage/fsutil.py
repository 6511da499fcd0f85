"""Owner-only files and folders, and atomic replacement of small files."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .errors import from_os_error

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_BINARY = getattr(os, "O_BINARY", 0)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (not possible on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(folder: Path) -> bool:
    """Create ``folder`` (and its parents) owner-only; True if it was created."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        return False
    except OSError as exc:
        raise from_os_error(exc) from exc
    os.chmod(folder, FOLDER_MODE)  # mkdir's mode is filtered by the umask
    return True


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file; fails if it already exists."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, FILE_MODE))
    except OSError as exc:
        raise from_os_error(exc) from exc


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash or a full disk leaves
    either the old file or the new one, never a mix: write a temporary file
    in the same folder, fsync it, ``os.replace`` it over ``path`` and fsync
    the folder."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        _remove_quietly(tmp)
        raise from_os_error(exc) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def _remove_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
