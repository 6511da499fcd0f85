"""Key slots: the plan's data key, wrapped once per way of opening the plan.

The database is encrypted with a random 256-bit *data key*. ``keys.json``
holds that key wrapped in *slots*, one for the passphrase and one for the
recovery key. A SHA-256 checksum over the slots tells a damaged file (a
flipped bit) from a wrong secret.

Version 2 slots (written since keys can rotate): Argon2id (parameters
stored in the slot, so they can be raised later) over the secret and a
random salt gives the slot's X25519 private key; the slot stores the
matching public key, and the data key is sealed to it with HPKE (RFC 9180:
DHKEM(X25519), HKDF-SHA256, AES-256-GCM), the slot's own description
(kind, KDF, salt, public key, plan id, format version) being the HPKE info.
Sealing needs only the public key, so when the data key is replaced (a
changed passphrase or a new recovery key must really stop the old one
working) every slot can be re-sealed without knowing the other secrets. A
wrong secret gives a different public key.

Version 1 slots (still read): the Argon2id output is an AES-256-GCM key
sealing the data key directly.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..files import FileTooLarge, NotARegularFile, read_bounded
from ..i18n import _
from .errors import PlanDamaged, StorageError, WrongSecret, from_os_error, made_by_newer_version
from .fsutil import write_atomic
from .recoverykey import normalise_recovery_key

FORMAT = "recoveryplan-keys"
VERSION = 2
_LEGACY_VERSION = 1
#: A key file is well under 2 KiB; anything over this is not one of ours.
MAX_KEY_FILE_BYTES = 64 * 1024
#: Bounds on stored KDF parameters, checked before any derivation. The
#: costliest slot they allow takes about 7 times the default's work (a few
#: seconds) and under 400 MiB, so a hostile key file can't hold the machine;
#: they still leave room to raise the default as computers grow faster.
MAX_TIME_COST = 12
MAX_MEMORY_KIB = 384 * 1024       # 384 MiB
MAX_LANES = 8


# cryptography is imported where it is used, so that the app shows its
# unlock screen without loading it (it is needed once a key is unwrapped).
@functools.cache
def _suite():
    from cryptography.hazmat.primitives import hpke

    return hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_PUBLIC_BYTES = 32
_SEALED_BYTES = 32 + 32 + 16         # HPKE encapsulated key + data key + GCM tag
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
        if not (1 <= params.time_cost <= MAX_TIME_COST and 1 <= params.lanes <= MAX_LANES
                and 8 * params.lanes <= params.memory_kib <= MAX_MEMORY_KIB):
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


class LegacySlot(StorageError):
    """A version 1 slot can't be re-sealed to a new data key without its secret."""

    @staticmethod
    def default_message() -> str:
        return _("This plan was made by an earlier version of Recovery Plan, and its other "
                 "secret has to be renewed before this change can be made: make a new recovery "
                 "key first (or change your passphrase first). Nothing has changed.")


@dataclass(frozen=True)
class KeySlot:
    kind: str
    kdf: KdfParams
    salt: bytes
    wrapped: bytes
    public_key: bytes | None = None   # None: a version 1 slot
    nonce: bytes = b""                # version 1 only

    @property
    def legacy(self) -> bool:
        return self.public_key is None

    def to_dict(self) -> dict[str, Any]:
        if self.public_key is None:
            return {"kind": self.kind, "kdf": self.kdf.to_dict(), "salt": _b64(self.salt),
                    "nonce": _b64(self.nonce), "wrapped_key": _b64(self.wrapped)}
        return {"kind": self.kind, "kdf": self.kdf.to_dict(), "salt": _b64(self.salt),
                "public_key": _b64(self.public_key), "wrapped_key": _b64(self.wrapped)}

    @classmethod
    def from_dict(cls, data: Any) -> "KeySlot":
        if not isinstance(data, dict) or data.get("kind") not in KINDS:
            raise ValueError("slot")
        kdf = KdfParams.from_dict(data.get("kdf"))
        salt = _unb64(data.get("salt"), SALT_BYTES)
        if "public_key" in data:
            return cls(kind=data["kind"], kdf=kdf, salt=salt,
                       public_key=_unb64(data.get("public_key"), _PUBLIC_BYTES),
                       wrapped=_unb64(data.get("wrapped_key"), _SEALED_BYTES))
        return cls(kind=data["kind"], kdf=kdf, salt=salt,
                   nonce=_unb64(data.get("nonce"), NONCE_BYTES),
                   wrapped=_unb64(data.get("wrapped_key"), _WRAPPED_BYTES))

    def associated_data(self, plan_id: str) -> bytes:
        if self.public_key is None:
            return _canonical({"format": FORMAT, "version": _LEGACY_VERSION, "plan_id": plan_id,
                               "kind": self.kind, "kdf": self.kdf.to_dict(), "salt": _b64(self.salt)})
        return _canonical({"format": FORMAT, "version": VERSION, "plan_id": plan_id,
                           "kind": self.kind, "kdf": self.kdf.to_dict(), "salt": _b64(self.salt),
                           "public_key": _b64(self.public_key)})

    def resealed(self, data_key: bytes, plan_id: str) -> "KeySlot":
        """The same slot (same secret) holding another data key: needs no secret."""
        if self.public_key is None:
            raise LegacySlot()
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

        public = X25519PublicKey.from_public_bytes(self.public_key)
        return replace(self, wrapped=_suite().encrypt(data_key, public, info=self.associated_data(plan_id)))


def _wrapping_key(secret: bytes, kdf: KdfParams, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(salt=salt, length=KEY_BYTES, iterations=kdf.time_cost,
                    lanes=kdf.lanes, memory_cost=kdf.memory_kib).derive(secret)


def _private_key(secret: bytes, kdf: KdfParams, salt: bytes) -> "X25519PrivateKey":
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    return X25519PrivateKey.from_private_bytes(_wrapping_key(secret, kdf, salt))


def _public_bytes(private: "X25519PrivateKey") -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def make_slot(kind: str, secret: bytes, data_key: bytes, plan_id: str,
              kdf: KdfParams | None = None) -> KeySlot:
    """A slot for ``secret`` (passphrase bytes or raw recovery key) holding ``data_key``."""
    kdf = kdf or kdf_for_new_slots()
    salt = secrets.token_bytes(SALT_BYTES)
    public = _public_bytes(_private_key(secret, kdf, salt))
    return KeySlot(kind=kind, kdf=kdf, salt=salt, public_key=public, wrapped=b"").resealed(data_key, plan_id)


def open_slot(slot: KeySlot, secret: bytes, plan_id: str) -> bytes | None:
    """The data key, or None if ``secret`` is not this slot's secret."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        if slot.public_key is None:
            return AESGCM(_wrapping_key(secret, slot.kdf, slot.salt)).decrypt(
                slot.nonce, slot.wrapped, slot.associated_data(plan_id))
        private = _private_key(secret, slot.kdf, slot.salt)
        if not secrets.compare_digest(_public_bytes(private), slot.public_key):
            return None
        return _suite().decrypt(slot.wrapped, private, info=slot.associated_data(plan_id))
    except InvalidTag:
        return None


@dataclass(frozen=True)
class KeyFile:
    plan_id: str
    slots: tuple[KeySlot, ...]
    version: int = VERSION

    @classmethod
    def new_plan_id(cls) -> str:
        return secrets.token_hex(16)

    def slot(self, kind: str) -> KeySlot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    def with_slot(self, slot: KeySlot) -> "KeyFile":
        """A copy with ``slot`` in place of any slot of the same kind."""
        others = tuple(s for s in self.slots if s.kind != slot.kind)
        return replace(self, slots=tuple(sorted(others + (slot,), key=lambda s: KINDS.index(s.kind))),
                       version=VERSION)

    def rotated(self, data_key: bytes, new_slot: KeySlot) -> "KeyFile":
        """A key file holding the new ``data_key`` in ``new_slot`` (which
        replaces the slot of its kind) and in every other slot, re-sealed
        without their secrets. ``LegacySlot`` if another slot is version 1."""
        others = tuple(s.resealed(data_key, self.plan_id) for s in self.slots if s.kind != new_slot.kind)
        return replace(self, slots=others, version=VERSION).with_slot(new_slot)

    def _body(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": self.version, "plan_id": self.plan_id,
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
            key_file = cls(plan_id=plan_id, slots=tuple(KeySlot.from_dict(s) for s in slots),
                           version=doc["version"])
            if key_file.version == _LEGACY_VERSION and any(not s.legacy for s in key_file.slots):
                raise ValueError("slot of a later version")
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
    return KeyFile.from_bytes(read_key_bytes(path))


def read_key_bytes(path: Path) -> bytes:
    """The bytes of a key file, at bounded cost: a file over
    ``MAX_KEY_FILE_BYTES``, a folder, a FIFO or a device is damage, refused
    before it is read (and without waiting on a FIFO)."""
    try:
        return read_bounded(path, MAX_KEY_FILE_BYTES)
    except (FileNotFoundError, FileTooLarge, NotARegularFile) as exc:
        raise PlanDamaged("keys") from exc
    except OSError as exc:
        raise from_os_error(exc) from exc


def write_key_file(path: Path, key_file: KeyFile) -> None:
    write_atomic(path, key_file.to_bytes())
