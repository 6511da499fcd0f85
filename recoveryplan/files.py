"""Reading a file someone pointed us at, at bounded cost.

A path given as "a file" may be a FIFO (opening it for reading would wait
for a writer for ever), a device (``/dev/zero`` never ends), a folder, or
simply far too big. ``open_regular`` opens without blocking and refuses
anything but a regular file; ``read_bounded`` also refuses a file over a
size limit before reading a byte of it. Both raise plain ``OSError``
subclasses, so each layer turns them into its own kind message.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_BINARY = getattr(os, "O_BINARY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)


class NotARegularFile(OSError):
    """A folder, FIFO, socket or device where a file was expected."""

    def __init__(self, path: str | os.PathLike) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class FileTooLarge(OSError):
    """Bigger than anything this kind of file can be."""

    def __init__(self, path: str | os.PathLike, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.limit = limit


def open_regular(path: str | os.PathLike, limit: int | None = None) -> BinaryIO:
    """Open ``path`` for reading, never blocking: ``NotARegularFile`` unless
    it is a regular file, ``FileTooLarge`` if it is over ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | _BINARY | _NONBLOCK | _NOCTTY)
    except IsADirectoryError:
        raise NotARegularFile(path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(path)
        if limit is not None and info.st_size > limit:
            raise FileTooLarge(path, limit)
        if _NONBLOCK and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: str | os.PathLike, limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes (a file that
    grows while being read is cut off at ``limit + 1`` and refused)."""
    with open_regular(path, limit) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(path, limit)
    return data


def is_special(path: str | os.PathLike) -> bool:
    """Is ``path`` there but not a regular file or folder (a FIFO, device, socket)?"""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


__all__ = ["FileTooLarge", "NotARegularFile", "is_special", "open_regular", "read_bounded"]
