"""STREAM chunked AEAD, as in age v1 (ChaCha20-Poly1305, 64 KiB chunks).

The plaintext is cut into chunks of ``CHUNK_SIZE`` bytes; chunk *i* is
sealed with ChaCha20-Poly1305 under the payload key with the 12-byte nonce
``i`` (11 bytes, big-endian) ``||`` flag, where flag is ``0x01`` for the last
chunk and ``0x00`` otherwise, and no associated data. Every chunk but the
last is exactly ``CHUNK_SIZE`` bytes of plaintext; the last one is 1 to
``CHUNK_SIZE`` bytes, or 0 bytes only when the whole plaintext is empty.

So a reader detects: a changed byte (tag), swapped chunks (counter),
truncation at a chunk boundary (the new last chunk was sealed with flag 0),
truncation mid-chunk (tag), appended bytes (the real last chunk is then read
as non-last and fails).

API::

    w = StreamWriter(payload_key, out)   # out: binary file
    w.write(b"..."); ...; w.finish()
    for plain in decrypt_chunks(payload_key, infile): ...   # each chunk authenticated first

``payload_key(file_key, nonce)`` derives the chunk key with HKDF-SHA256
(salt = the 16-byte per-bundle nonce, info = ``b"testimonio bundle v1 payload"``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from testimonio.errors import BundleDamaged

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
SEALED_CHUNK = CHUNK_SIZE + TAG_SIZE
KEY_SIZE = 32
PAYLOAD_INFO = b"testimonio bundle v1 payload"
_LAST = b"\x01"
_NOT_LAST = b"\x00"


def payload_key(file_key: bytes, nonce: bytes, info: bytes = PAYLOAD_INFO) -> bytes:
    """HKDF-SHA256(ikm=file_key, salt=nonce, info=PAYLOAD_INFO), 32 bytes.

    Format v2 passes its own ``info`` (``b"testimonio bundle v2 payload"``).
    """
    return HKDF(algorithm=hashes.SHA256(), length=KEY_SIZE, salt=nonce, info=info).derive(
        file_key
    )


def chunk_nonce(counter: int, last: bool) -> bytes:
    """11-byte big-endian counter followed by the last-chunk flag byte."""
    return counter.to_bytes(11, "big") + (_LAST if last else _NOT_LAST)


class StreamWriter:
    """Seals a plaintext written in pieces into STREAM chunks on ``out``."""

    def __init__(self, key: bytes, out: BinaryIO) -> None:
        self._aead = ChaCha20Poly1305(key)
        self._out = out
        self._buf = bytearray()
        self._counter = 0
        self._finished = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Add plaintext. A full chunk is held back until we know it is not the last."""
        if self._finished:
            raise ValueError("stream already finished")
        self._buf += data
        # Keep at least one byte buffered so the last chunk is sealed by finish().
        while len(self._buf) > CHUNK_SIZE:
            self._seal(bytes(self._buf[:CHUNK_SIZE]), last=False)
            del self._buf[:CHUNK_SIZE]

    def finish(self) -> None:
        """Seal the last chunk (possibly empty only if nothing was written)."""
        if self._finished:
            return
        self._seal(bytes(self._buf), last=True)
        self._buf.clear()
        self._finished = True

    def _seal(self, plain: bytes, *, last: bool) -> None:
        self._out.write(self._aead.encrypt(chunk_nonce(self._counter, last), plain, None))
        self._counter += 1


def _read_exact(f: BinaryIO, n: int) -> bytes:
    parts = []
    remaining = n
    while remaining:
        piece = f.read(remaining)
        if not piece:
            break
        parts.append(piece)
        remaining -= len(piece)
    return b"".join(parts)


def decrypt_chunks(
    key: bytes,
    f: BinaryIO,
    *,
    on_chunk: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """Yield each plaintext chunk of the STREAM read from ``f`` to its end.

    Each chunk is authenticated before it is yielded. Raises
    :class:`BundleDamaged` on any tampering, truncation or extension; the
    caller must not act on what it got before the error (see bundle.py).
    ``on_chunk`` is called with the sealed size of each chunk (progress).
    """
    aead = ChaCha20Poly1305(key)
    counter = 0
    sealed = _read_exact(f, SEALED_CHUNK)
    while True:
        if len(sealed) < TAG_SIZE:
            raise BundleDamaged(
                "The bundle is truncated: its encrypted part ends in the middle of a piece."
            )
        following = _read_exact(f, SEALED_CHUNK) if len(sealed) == SEALED_CHUNK else b""
        last = not following
        if not last and len(sealed) != SEALED_CHUNK:  # pragma: no cover - short reads
            raise BundleDamaged("The bundle is damaged: a piece has the wrong length.")
        if last and counter > 0 and len(sealed) == TAG_SIZE:
            raise BundleDamaged("The bundle is damaged: it ends with an empty piece.")
        try:
            plain = aead.decrypt(chunk_nonce(counter, last), sealed, None)
        except InvalidTag:
            raise BundleDamaged(
                "The bundle is damaged, truncated or has bytes added: piece "
                f"{counter + 1} does not authenticate. It was not imported."
            ) from None
        if on_chunk is not None:
            on_chunk(len(sealed))
        yield plain
        if last:
            return
        counter += 1
        sealed = following
