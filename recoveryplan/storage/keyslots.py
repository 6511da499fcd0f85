"""Key slots: the plan's data key, wrapped once per way of opening the plan.

The database is encrypted with a random 256-bit *data key*. ``keys.json``
holds that key wrapped in *slots*, one for the passphrase and one for the
recovery key. A slot's wrapping key comes from Argon2id (parameters stored
in the slot, so they can be raised later) over the secret and a random salt;
the data key is sealed with AES-256-GCM, the slot's own description (kind,
KDF, salt, plan id, format version) being the associated data. A wrong
secret fails the GCM tag. A SHA-256 checksum over the slots tells a damaged
file (a flipped bit) from a wrong secret.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..i18n import _
from .errors import PlanDamaged, WrongSecret, from_os_error, made_by_newer_version
from .fsutil import write_atomic
from .recoverykey import normalise_recovery_key

FORMAT = "recoveryplan-keys"
VERSION = 1
PASSPHRASE = "passphrase"
RECOVERY = "recovery"
KINDS = (PASSPHRASE, RECOVERY)

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
_WRAPPED_BYTES = KEY_BYTES + 16      # ciphertext + GCM tag
_PROFILE_VAR = "RECOVERYPLAN_KDF_PROFILE"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes over memory, memory in KiB, parallel lanes."""

    time_cost: int
    memory_kib: int
    lanes: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": "argon2id", "time_cost": self.time_cost,
                "memory_kib": self.memory_kib, "lanes": self.lanes}

    @classmethod
    def from_dict(cls, data: Any) -> "KdfParams":
        """Read stored parameters; ValueError unless sane (a damaged file
        must not make us allocate gigabytes)."""
        if not isinstance(data, dict) or data.get("name") != "argon2id":
            raise ValueError("kdf")
        values = [data.get(k) for k in ("time_cost", "memory_kib", "lanes")]
        if not all(type(v) is int for v in values):
            raise ValueError("kdf")
        params = cls(*values)
        if not (1 <= params.time_cost <= 100 and 1 <= params.lanes <= 64
                and 8 * params.lanes <= params.memory_kib <= 2 * 1024 * 1024):
            raise ValueError("kdf")
        return params


#: About 0.35-0.5 s on the 2-core reference machine, and 128 MiB of memory
#: per guess for anyone trying passphrases against a stolen key file.
DEFAULT_KDF = KdfParams(time_cost=5, memory_kib=128 * 1024, lanes=4)
#: Still Argon2id, but tiny, for a test suite that creates hundreds of plans.
TEST_KDF = KdfParams(time_cost=1, memory_kib=64, lanes=1)


def kdf_for_new_slots() -> KdfParams:
    return TEST_KDF if os.environ.get(_PROFILE_VAR) == "test" else DEFAULT_KDF


def passphrase_bytes(passphrase: str) -> bytes:
    """The same passphrase typed on any system gives the same bytes."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, size: int) -> bytes:
    if not isinstance(text, str):
        raise ValueError("base64")
    data = base64.b64decode(text, validate=True)
    if len(data) != size:
        raise ValueError("length")
    return data


@dataclass(frozen=True)
class KeySlot:
    kind: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "kdf": self.kdf.to_dict(), "salt": _b64(self.salt),
                "nonce": _b64(self.nonce), "wrapped_key": _b64(self.wrapped)}

    @classmethod
    def from_dict(cls, data: Any) -> "KeySlot":
        if not isinstance(data, dict) or data.get("kind") not in KINDS:
            raise ValueError("slot")
        return cls(kind=data["kind"], kdf=KdfParams.from_dict(data.get("kdf")),
                   salt=_unb64(data.get("salt"), SALT_BYTES),
                   nonce=_unb64(data.get("nonce"), NONCE_BYTES),
                   wrapped=_unb64(data.get("wrapped_key"), _WRAPPED_BYTES))

    def associated_data(self, plan_id: str) -> bytes:
        return _canonical({"format": FORMAT, "version": VERSION, "plan_id": plan_id,
                           "kind": self.kind, "kdf": self.kdf.to_dict(), "salt": _b64(self.salt)})


# cryptography is imported where it is used, so that the app shows its
# unlock screen without loading it (it is needed once a key is unwrapped).

def _wrapping_key(secret: bytes, kdf: KdfParams, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(salt=salt, length=KEY_BYTES, iterations=kdf.time_cost,
                    lanes=kdf.lanes, memory_cost=kdf.memory_kib).derive(secret)


def make_slot(kind: str, secret: bytes, data_key: bytes, plan_id: str,
              kdf: KdfParams | None = None) -> KeySlot:
    """Wrap ``data_key`` under ``secret`` (passphrase bytes or raw recovery key)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    slot = KeySlot(kind=kind, kdf=kdf or kdf_for_new_slots(), salt=secrets.token_bytes(SALT_BYTES),
                   nonce=secrets.token_bytes(NONCE_BYTES), wrapped=b"")
    sealed = AESGCM(_wrapping_key(secret, slot.kdf, slot.salt)).encrypt(
        slot.nonce, data_key, slot.associated_data(plan_id))
    return replace(slot, wrapped=sealed)


def open_slot(slot: KeySlot, secret: bytes, plan_id: str) -> bytes | None:
    """The data key, or None if ``secret`` is not this slot's secret."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(_wrapping_key(secret, slot.kdf, slot.salt)).decrypt(
            slot.nonce, slot.wrapped, slot.associated_data(plan_id))
    except InvalidTag:
        return None


@dataclass(frozen=True)
class KeyFile:
    plan_id: str
    slots: tuple[KeySlot, ...]

    @classmethod
    def new_plan_id(cls) -> str:
        return secrets.token_hex(16)

    def slot(self, kind: str) -> KeySlot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    def with_slot(self, slot: KeySlot) -> "KeyFile":
        """A copy with ``slot`` in place of any slot of the same kind."""
        others = tuple(s for s in self.slots if s.kind != slot.kind)
        return replace(self, slots=tuple(sorted(others + (slot,), key=lambda s: KINDS.index(s.kind))))

    def _body(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "plan_id": self.plan_id,
                "slots": [s.to_dict() for s in self.slots]}

    def to_bytes(self) -> bytes:
        body = self._body()
        body["checksum"] = "sha256:" + hashlib.sha256(_canonical(body)).hexdigest()
        return (json.dumps(body, indent=2) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "KeyFile":
        """Parse and check a key file; PlanDamaged("keys") unless it is whole."""
        try:
            doc = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise PlanDamaged("keys") from exc
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or type(doc.get("version")) is not int:
            raise PlanDamaged("keys")
        if doc["version"] > VERSION:
            raise made_by_newer_version()
        try:
            plan_id = doc["plan_id"]
            if not isinstance(plan_id, str) or len(bytes.fromhex(plan_id)) != 16:
                raise ValueError("plan id")
            slots = doc["slots"]
            if not isinstance(slots, list) or not slots:
                raise ValueError("slots")
            key_file = cls(plan_id=plan_id, slots=tuple(KeySlot.from_dict(s) for s in slots))
        except (KeyError, ValueError, binascii.Error) as exc:
            raise PlanDamaged("keys") from exc
        if _canonical(key_file._body()) != _canonical({k: v for k, v in doc.items() if k != "checksum"}):
            raise PlanDamaged("keys")  # unknown or duplicated fields: not a file we wrote
        expected = "sha256:" + hashlib.sha256(_canonical(key_file._body())).hexdigest()
        if not secrets.compare_digest(str(doc.get("checksum")), expected):
            raise PlanDamaged("keys")
        if len({s.kind for s in key_file.slots}) != len(key_file.slots):
            raise PlanDamaged("keys")
        return key_file

    def unlock(self, secret: str) -> bytes:
        """The data key opened by a passphrase or a recovery key.

        Text that looks like a recovery key tries the recovery slot first,
        then (in case it is a passphrase that looks like one) the passphrase
        slot; anything else tries only the passphrase slot."""
        raw = normalise_recovery_key(secret)
        attempts = [(RECOVERY, raw)] if raw is not None else []
        attempts.append((PASSPHRASE, passphrase_bytes(secret)))
        for kind, material in attempts:
            slot = self.slot(kind)
            if slot is not None:
                key = open_slot(slot, material, self.plan_id)
                if key is not None:
                    return key
        if raw is not None:
            raise WrongSecret(_("That recovery key didn't open this plan. Check each group of "
                                "letters and numbers, then try again, or use your passphrase."))
        raise WrongSecret()


def read_key_file(path: Path) -> KeyFile:
    """Read ``keys.json``; a missing one is damage, never a reason to make a new one."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise PlanDamaged("keys") from exc
    except OSError as exc:
        raise from_os_error(exc) from exc
    return KeyFile.from_bytes(data)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    write_atomic(path, key_file.to_bytes())
