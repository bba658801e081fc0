"""STREAM chunked AEAD: round trips and every kind of tampering."""

from __future__ import annotations

import io
import os

import pytest

from testimonio.errors import BundleDamaged
from testimonio.exchange.stream import (
    CHUNK_SIZE,
    SEALED_CHUNK,
    TAG_SIZE,
    StreamWriter,
    chunk_nonce,
    decrypt_chunks,
)

KEY = bytes(range(32))


def seal(data: bytes, pieces: int = 1) -> bytes:
    out = io.BytesIO()
    w = StreamWriter(KEY, out)
    step = max(1, len(data) // pieces)
    for i in range(0, len(data), step):
        w.write(data[i : i + step])
    w.finish()
    return out.getvalue()


def unseal(sealed: bytes) -> bytes:
    return b"".join(decrypt_chunks(KEY, io.BytesIO(sealed)))


@pytest.mark.parametrize(
    "size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 7]
)
def test_round_trip(size: int) -> None:
    data = os.urandom(size)
    sealed = seal(data, pieces=3)
    expected_chunks = max(1, -(-size // CHUNK_SIZE))
    assert len(sealed) == size + expected_chunks * TAG_SIZE
    assert unseal(sealed) == data


def test_nonce_is_counter_then_last_flag() -> None:
    assert chunk_nonce(0, False) == bytes(12)
    assert chunk_nonce(1, True) == bytes(10) + b"\x01\x01"
    assert chunk_nonce(258, False) == bytes(9) + b"\x01\x02\x00"


DATA = os.urandom(3 * CHUNK_SIZE + 100)


@pytest.mark.parametrize("chunk", [0, 1, 2, 3])
def test_flipped_byte_in_each_chunk(chunk: int) -> None:
    sealed = bytearray(seal(DATA))
    sealed[chunk * SEALED_CHUNK + 5] ^= 0x40
    with pytest.raises(BundleDamaged):
        unseal(bytes(sealed))


def test_swapped_chunks() -> None:
    sealed = seal(DATA)
    c = [sealed[i : i + SEALED_CHUNK] for i in range(0, len(sealed), SEALED_CHUNK)]
    with pytest.raises(BundleDamaged):
        unseal(c[1] + c[0] + c[2] + c[3])


def test_truncated_at_chunk_boundary() -> None:
    sealed = seal(DATA)
    with pytest.raises(BundleDamaged):
        unseal(sealed[: 2 * SEALED_CHUNK])


def test_truncated_mid_chunk() -> None:
    sealed = seal(DATA)
    with pytest.raises(BundleDamaged):
        unseal(sealed[: 2 * SEALED_CHUNK + 1000])


@pytest.mark.parametrize("extra", [b"\x00", b"\x01" * TAG_SIZE, bytes(range(256)) * 257], ids=["1", "tag", "chunk"])
def test_appended_bytes(extra: bytes) -> None:
    with pytest.raises(BundleDamaged):
        unseal(seal(DATA) + extra)


def test_full_last_chunk_then_appended_chunk_sealed_as_last() -> None:
    # Someone with the key cannot turn a complete stream into a longer one either:
    # the old last chunk carries the last flag.
    data = os.urandom(CHUNK_SIZE)
    out = io.BytesIO()
    w = StreamWriter(KEY, out)
    w.write(data)
    w.finish()
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    extra = ChaCha20Poly1305(KEY).encrypt(chunk_nonce(1, True), b"more", None)
    with pytest.raises(BundleDamaged):
        unseal(out.getvalue() + extra)


def test_empty_last_chunk_after_data_is_refused() -> None:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    aead = ChaCha20Poly1305(KEY)
    sealed = aead.encrypt(chunk_nonce(0, False), b"a" * CHUNK_SIZE, None)
    sealed += aead.encrypt(chunk_nonce(1, True), b"", None)
    with pytest.raises(BundleDamaged):
        unseal(sealed)


def test_empty_input_is_refused() -> None:
    with pytest.raises(BundleDamaged):
        unseal(b"")


def test_wrong_key_is_refused() -> None:
    with pytest.raises(BundleDamaged):
        b"".join(decrypt_chunks(bytes(32), io.BytesIO(seal(b"abc"))))
