"""The backup file format: one file that carries a whole plan.

A backup file (``*.rpbackup``) holds the plan's ``keys.json`` and an
encrypted copy of ``plan.db`` made with ``sqlcipher_export`` under the same
data key, so it opens with the passphrase or the recovery key that opened
the plan when the backup was made. Nothing in it is ever unencrypted::

    RECOVERYPLAN-BACKUP\\n            magic, 20 bytes
    {"format": ..., "version": 1,     header: one line of ASCII JSON, at most
     "created": "...Z", "plan_id":    4 KiB: when it was made (UTC), the plan
     "...", "schema_version": N,      id, the database's schema version and
     "keys_size": K, "db_size": D}\\n  the sizes of the two parts
    keys.json                         K bytes, exactly as on disk
    plan.db                           D bytes, SQLCipher 4, same data key
    SHA-256 of everything above       32 bytes

The checksum tells a damaged or cut-short file from a wrong secret before
anything is unwrapped. ``read_backup`` checks the frame and the header;
``verify.verify_database`` checks what is inside. This module imports no
other part of ``storage`` but its errors, the schema version and the key
file's size limit, so every other one may import it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass

from ..files import FileTooLarge, NotARegularFile, open_regular
from ..i18n import _
from . import schema
from .errors import BackupDamaged, StorageError, from_os_error, made_by_newer_version
from .keyslots import MAX_KEY_FILE_BYTES

MAGIC = b"RECOVERYPLAN-BACKUP\n"
FORMAT = "recoveryplan-backup"
VERSION = 1
SUFFIX = ".rpbackup"
BACKUPS_DIR = "backups"
MAX_HEADER = 4096
_DIGEST = 32
#: Far larger than any plan (ten years of daily use is a few MB); a file
#: bigger than this is refused before it is read.
MAX_FILE_BYTES = 256 << 20
#: Backups made before this can't be ours (the format is younger).
_EARLIEST = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
#: A computer's clock may be a little ahead of another's.
_CLOCK_SLACK = dt.timedelta(days=2)
_HEADER_KEYS = {"format", "version", "created", "plan_id", "schema_version", "keys_size", "db_size"}


@dataclass(frozen=True)
class Backup:
    """The two parts of a plan and what the header says about them."""

    created: dt.datetime          # aware, UTC
    plan_id: str
    schema_version: int
    keys: bytes
    database: bytes

    def to_bytes(self) -> bytes:
        header = {"format": FORMAT, "version": VERSION,
                  "created": self.created.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "plan_id": self.plan_id, "schema_version": self.schema_version,
                  "keys_size": len(self.keys), "db_size": len(self.database)}
        body = MAGIC + json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + self.keys + self.database
        return body + hashlib.sha256(body).digest()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Backup":
        """Parse a backup file's bytes. Raises only ``BackupDamaged`` or the
        "made by a newer version" ``StorageError``."""
        if len(data) < len(MAGIC) + _DIGEST or not data.startswith(MAGIC):
            raise BackupDamaged()
        body, digest = memoryview(data)[:-_DIGEST], data[-_DIGEST:]
        if not secrets.compare_digest(hashlib.sha256(body).digest(), digest):
            raise BackupDamaged()
        end = data.find(b"\n", len(MAGIC), len(MAGIC) + MAX_HEADER)
        if end < 0:
            raise BackupDamaged()
        try:
            header = json.loads(bytes(body[len(MAGIC):end]).decode("ascii"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise BackupDamaged() from exc
        if not isinstance(header, dict) or header.get("format") != FORMAT \
                or type(header.get("version")) is not int:
            raise BackupDamaged()
        if header["version"] > VERSION:
            raise made_by_newer_version()
        if set(header) != _HEADER_KEYS:
            raise BackupDamaged()
        sizes = [header["keys_size"], header["db_size"], header["schema_version"]]
        if not all(type(n) is int and n >= 0 for n in sizes) \
                or end + 1 + sizes[0] + sizes[1] != len(body) or sizes[0] > MAX_KEY_FILE_BYTES:
            raise BackupDamaged()
        if sizes[2] > schema.SCHEMA_VERSION:
            raise made_by_newer_version()
        if sizes[2] < 1:
            raise BackupDamaged()
        created = _parse_time(header["created"])
        plan_id = header["plan_id"]
        now = dt.datetime.now(dt.timezone.utc)
        if created is None or not _EARLIEST <= created <= now + _CLOCK_SLACK:
            raise BackupDamaged()
        if not isinstance(plan_id, str) or not re.fullmatch(r"[0-9a-f]{32}", plan_id):
            raise BackupDamaged()
        keys = bytes(body[end + 1:end + 1 + sizes[0]])
        return cls(created, plan_id, sizes[2], keys, bytes(body[end + 1 + sizes[0]:]))


def _parse_time(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return None


def read_backup(path: str | os.PathLike) -> Backup:
    """Read and check a backup file (not yet its encrypted contents)."""
    try:
        with open_regular(path) as handle:      # never waits on a FIFO or a device
            if handle.read(len(MAGIC)) != MAGIC:
                raise BackupDamaged()
            handle.seek(0, os.SEEK_END)
            if handle.tell() > MAX_FILE_BYTES:
                raise BackupDamaged()
            handle.seek(0)
            data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise BackupDamaged()
    except FileNotFoundError as exc:
        raise StorageError(_("That backup file isn't there any more. Please choose it again.")) from exc
    except (IsADirectoryError, NotARegularFile, FileTooLarge) as exc:
        raise BackupDamaged() from exc
    except OSError as exc:
        raise from_os_error(exc) from exc
    return Backup.from_bytes(data)
