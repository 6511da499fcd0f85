"""Key slots, the key file format and recovery keys (no database)."""

import json
import unicodedata

import pytest

from recoveryplan.storage import (DEFAULT_KDF, TEST_KDF, KdfParams, PlanDamaged, StorageError, WrongSecret,
                                  format_recovery_key, kdf_for_new_slots, normalise_recovery_key)
from recoveryplan.storage.keyslots import (PASSPHRASE, RECOVERY, KeyFile, make_slot, open_slot,
                                           passphrase_bytes)
from recoveryplan.storage.recoverykey import ALPHABET, new_recovery_key

DATA_KEY = bytes(range(32))


def key_file(passphrase="river stones at dawn", recovery=b"\x07" * 20):
    plan_id = KeyFile.new_plan_id()
    return KeyFile(plan_id, (make_slot(PASSPHRASE, passphrase_bytes(passphrase), DATA_KEY, plan_id),
                             make_slot(RECOVERY, recovery, DATA_KEY, plan_id)))


# -- recovery keys -------------------------------------------------------------

def test_recovery_key_is_eight_groups_of_four_unambiguous_characters():
    text = format_recovery_key(new_recovery_key())
    groups = text.split("-")
    assert [len(g) for g in groups] == [4] * 8
    assert set("".join(groups)) <= set(ALPHABET)
    assert not set("ILOU") & set(text)


def test_recovery_key_round_trips_however_it_is_typed():
    raw = new_recovery_key()
    text = format_recovery_key(raw)
    assert normalise_recovery_key(text) == raw
    assert normalise_recovery_key(text.lower()) == raw
    assert normalise_recovery_key(" ".join(text.replace("-", ""))) == raw
    assert normalise_recovery_key(text.replace("-", "  ") + "\n") == raw


def test_recovery_key_reads_o_as_zero_and_i_l_as_one():
    raw = bytes(19) + b"\x21"   # ends ...0000 0001 0000 1 -> "...0011" in base32
    text = format_recovery_key(raw)
    assert text.endswith("0011")
    typed = text[:-4] + "oOIl"
    assert normalise_recovery_key(typed) == raw


@pytest.mark.parametrize("text", ["", "correct horse battery staple", "ABCD-EFGH",
                                  "U" * 32, "0" * 31, "0" * 33, "0" * 31 + "!"])
def test_text_that_is_not_a_recovery_key(text):
    assert normalise_recovery_key(text) is None


# -- KDF parameters ------------------------------------------------------------

def test_default_kdf_is_memory_hard_and_test_profile_is_chosen_by_the_environment(monkeypatch):
    assert DEFAULT_KDF.memory_kib >= 64 * 1024
    assert TEST_KDF.memory_kib < DEFAULT_KDF.memory_kib
    monkeypatch.setenv("RECOVERYPLAN_KDF_PROFILE", "test")
    assert kdf_for_new_slots() == TEST_KDF
    monkeypatch.delenv("RECOVERYPLAN_KDF_PROFILE")
    assert kdf_for_new_slots() == DEFAULT_KDF


@pytest.mark.parametrize("data", [
    None, {"name": "scrypt", "time_cost": 1, "memory_kib": 64, "lanes": 1},
    {"name": "argon2id", "time_cost": 0, "memory_kib": 64, "lanes": 1},
    {"name": "argon2id", "time_cost": 1, "memory_kib": 1 << 30, "lanes": 1},
    {"name": "argon2id", "time_cost": 1, "memory_kib": 64, "lanes": True},
    {"name": "argon2id", "time_cost": "1", "memory_kib": 64, "lanes": 1},
])
def test_unreasonable_kdf_parameters_are_rejected(data):
    with pytest.raises(ValueError):
        KdfParams.from_dict(data)


# -- slots ---------------------------------------------------------------------

def test_each_slot_opens_with_its_own_secret_only():
    keys = key_file()
    assert keys.unlock("river stones at dawn") == DATA_KEY
    assert keys.unlock(format_recovery_key(b"\x07" * 20).lower()) == DATA_KEY
    with pytest.raises(WrongSecret):
        keys.unlock("river stones at dusk")
    with pytest.raises(WrongSecret) as caught:
        keys.unlock(format_recovery_key(b"\x08" * 20))
    assert "recovery key" in str(caught.value)


def test_passphrase_is_unicode_normalised():
    composed = unicodedata.normalize("NFC", "Zażółć gęślą jaźń")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    keys = key_file(passphrase=composed)
    assert keys.unlock(decomposed) == DATA_KEY


def test_a_passphrase_that_looks_like_a_recovery_key_still_opens_its_slot():
    lookalike = format_recovery_key(b"\x01" * 20)
    keys = key_file(passphrase=lookalike)
    assert keys.unlock(lookalike) == DATA_KEY


def test_slot_metadata_is_bound_to_the_ciphertext():
    plan_id = KeyFile.new_plan_id()
    slot = make_slot(PASSPHRASE, b"secret", DATA_KEY, plan_id)
    assert open_slot(slot, b"secret", plan_id) == DATA_KEY
    assert open_slot(slot, b"secret", KeyFile.new_plan_id()) is None
    relabelled = type(slot)(RECOVERY, slot.kdf, slot.salt, slot.nonce, slot.wrapped)
    assert open_slot(relabelled, b"secret", plan_id) is None


# -- the key file --------------------------------------------------------------

def test_key_file_round_trips_and_says_what_it_is():
    keys = key_file()
    data = keys.to_bytes()
    doc = json.loads(data)
    assert doc["format"] == "recoveryplan-keys" and doc["version"] == 2
    assert [s["kind"] for s in doc["slots"]] == ["passphrase", "recovery"]
    assert doc["checksum"].startswith("sha256:")
    assert KeyFile.from_bytes(data) == keys


def test_every_single_bit_flip_reads_as_damage_never_as_a_wrong_secret():
    data = key_file().to_bytes()
    for index in range(0, len(data), 7):
        for bit in (0x01, 0x20):
            flipped = bytearray(data)
            flipped[index] ^= bit
            try:
                KeyFile.from_bytes(bytes(flipped))
            except PlanDamaged as exc:
                assert exc.part == "keys"
            else:
                # only JSON whitespace can change harmlessly
                assert json.loads(bytes(flipped)) == json.loads(data), index


@pytest.mark.parametrize("mutate", [
    lambda d: d.update(version=99),
    lambda d: d["slots"].append(dict(d["slots"][0])),
    lambda d: d.update(extra=1),
    lambda d: d.update(slots=[]),
])
def test_changed_structure_is_damage_or_a_newer_version(mutate):
    doc = json.loads(key_file().to_bytes())
    mutate(doc)
    with pytest.raises(StorageError) as caught:
        KeyFile.from_bytes(json.dumps(doc).encode())
    assert not isinstance(caught.value, WrongSecret)
    if doc["version"] == 99:
        assert "newer version" in str(caught.value)
    else:
        assert isinstance(caught.value, PlanDamaged)
