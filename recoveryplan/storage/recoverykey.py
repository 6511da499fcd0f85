"""Recovery keys: 160 random bits written in Crockford's base32.

The alphabet has no I, L, O or U, so the key can be read aloud, written down
and typed back without mix-ups; when typing it back, case, spaces and dashes
don't matter, and o/O reads as 0, i/I/l/L as 1.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RAW_BYTES = 20                      # 160 bits
CHARS = RAW_BYTES * 8 // 5          # 32 characters
GROUP = 4                           # shown as 8 groups of 4

_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_VALUE.update({"O": 0, "I": 1, "L": 1})
_IGNORED = str.maketrans("", "", " -\t\n\r\u00a0\u2010\u2011\u2012\u2013\u2014\u2212")


def new_recovery_key() -> bytes:
    return secrets.token_bytes(RAW_BYTES)


def format_recovery_key(raw: bytes) -> str:
    """``7K2M-QX9D-...``: 32 characters in groups of 4."""
    if len(raw) != RAW_BYTES:
        raise ValueError("a recovery key is 20 bytes")
    number = int.from_bytes(raw, "big")
    chars = [ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(CHARS))]
    text = "".join(chars)
    return "-".join(text[i:i + GROUP] for i in range(0, CHARS, GROUP))


def normalise_recovery_key(text: str) -> bytes | None:
    """The raw key typed in ``text``, or None if it doesn't look like one."""
    compact = text.translate(_IGNORED).upper()
    if len(compact) != CHARS:
        return None
    number = 0
    for ch in compact:
        value = _VALUE.get(ch)
        if value is None:
            return None
        number = (number << 5) | value
    return number.to_bytes(RAW_BYTES, "big")
