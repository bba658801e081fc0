"""Device keys and fingerprints."""

from __future__ import annotations

import hashlib

import pytest

from testimonio.errors import BadInput
from testimonio.exchange import keys
from testimonio.exchange.fingerprint import (
    fingerprint,
    fingerprint_of_key_id,
    is_fingerprint,
    key_id,
    normalise_fingerprint,
)


def test_private_bytes_round_trip_keeps_both_keys() -> None:
    k = keys.generate()
    raw = k.private_bytes()
    assert len(raw) == 64
    back = keys.DeviceKeys.from_private_bytes(raw)
    assert back.public == k.public
    assert back.public.verify(k.sign(b"msg"), b"msg")


def test_two_devices_differ() -> None:
    a, b = keys.generate(), keys.generate()
    assert a.public.key_id != b.public.key_id
    assert a.public.fingerprint != b.public.fingerprint


def test_key_id_is_sha256_of_signing_then_encryption_key() -> None:
    pub = keys.generate().public
    assert pub.raw == pub.signing + pub.encryption
    assert pub.key_id == hashlib.sha256(pub.raw).hexdigest() == key_id(pub.raw)
    assert keys.PublicKeys.from_raw(pub.raw) == pub


def test_fingerprint_is_eight_groups_read_aloud() -> None:
    pub = keys.generate().public
    fp = pub.fingerprint
    assert is_fingerprint(fp)
    assert fp.replace(" ", "") == pub.key_id[:32].upper()
    assert fingerprint(pub.raw) == fp == fingerprint_of_key_id(pub.key_id)
    assert normalise_fingerprint(fp.lower().replace(" ", "-")) == fp


def test_signature_checks_message_and_key() -> None:
    a, b = keys.generate(), keys.generate()
    sig = a.sign(b"hello")
    assert not a.public.verify(sig, b"hellO")
    assert not b.public.verify(sig, b"hello")
    assert not a.public.verify(sig[:-1] + bytes([sig[-1] ^ 1]), b"hello")


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(BadInput):
        keys.DeviceKeys.from_private_bytes(b"x" * 63)
    with pytest.raises(BadInput):
        keys.PublicKeys.from_raw(b"x" * 65)


def test_repr_shows_no_private_material() -> None:
    k = keys.generate()
    assert k.private_bytes().hex() not in repr(k)
    assert k.public.fingerprint in repr(k)
