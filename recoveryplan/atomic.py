"""Replacing a file so that a crash, a kill or a full disk leaves either the
old file or the complete new one, never a mix.

Shared by every layer that writes files (storage, the JSON copy, PDFs). It
raises plain ``OSError``; each caller turns that into its own kind message.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

#: New files are readable and writable by their owner only.
FILE_MODE = 0o600
_BINARY = getattr(os, "O_BINARY", 0)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX only: Windows
    cannot open a folder)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: str | os.PathLike[str], data: bytes, mode: int = FILE_MODE) -> None:
    """Write ``data`` to a new temporary file beside ``path`` (owner-only),
    fsync it, ``os.replace`` it over ``path`` and fsync the folder. The
    temporary file is removed if anything fails."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)
