"""The plan, encrypted on disk.

The only package that imports ``sqlcipher3``. A plan is a folder holding a
SQLCipher 4 database keyed with a random 256-bit data key, and ``keys.json``
holding that key wrapped for the passphrase and for the recovery key (see
``keyslots``). Opening holds an exclusive lock on the folder until the plan is
closed (``lock``); changing a secret replaces the data key (``rotation``).
Everything here raises ``StorageError`` (or a subclass) with
a kind message that is safe to show.
"""

from .check import CheckReport, check_plan
from .database import PlanDatabase
from .errors import (BackupDamaged, DiskFull, PlanDamaged, PlanExists, PlanFolderReadOnly, PlanInUse,
                     PlanMissing, PlanReadOnly, StorageError, WrongSecret)
from .folder import copy_plan, create_plan, open_plan, plan_exists, plan_is_writable
from .keyslots import DEFAULT_KDF, TEST_KDF, KdfParams, kdf_for_new_slots
from .recoverykey import format_recovery_key, normalise_recovery_key

__all__ = [
    "BackupDamaged", "CheckReport", "copy_plan", "DEFAULT_KDF", "DiskFull", "KdfParams", "PlanDamaged",
    "PlanDatabase", "PlanExists", "PlanFolderReadOnly", "PlanInUse", "PlanMissing", "PlanReadOnly",
    "StorageError", "TEST_KDF", "WrongSecret", "check_plan",
    "create_plan", "format_recovery_key", "kdf_for_new_slots", "normalise_recovery_key",
    "open_plan", "plan_exists", "plan_is_writable",
]
