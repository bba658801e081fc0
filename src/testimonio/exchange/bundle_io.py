"""Low-level pieces of the bundle format v1: header, key wrap, framing.

Kept apart from bundle.py so the format spec (docs/bundle-format.md), its
test vectors and the tamper tests can build bundles piece by piece.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from testimonio.errors import BundleDamaged, NotForThisVault
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.stream import CHUNK_SIZE, StreamWriter, decrypt_chunks, payload_key

MAGIC = b"\x89TMB\r\n\x1a\n"
FORMAT_VERSION = 1
SUITE_ID = 1
HEADER_SIZE = 64
WRAPPED_KEY_SIZE = 80  # X25519 enc (32) + ChaCha20-Poly1305(file key 32) (48)
BODY_OFFSET = HEADER_SIZE + WRAPPED_KEY_SIZE
FILE_KEY_SIZE = 32
NONCE_SIZE = 16
WRAP_INFO = b"testimonio bundle v1 file key\x00"
SIG_DOMAIN = b"testimonio bundle manifest v1\x00"
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)

SECTION_INDEX = 0x49  # 'I'
SECTION_RECORDS = 0x52  # 'R'
SECTION_ATTACHMENT = 0x41  # 'A'
SECTION_HEAD = struct.Struct(">BQ")  # type, body length
TRAILER_FIXED = 32 + 64 + 4  # signer key id, signature, manifest length
_HEADER = struct.Struct(">8sBBI32s16sH")


@dataclass(frozen=True)
class Header:
    """The 64 plaintext bytes at the start of every bundle."""

    recipient: bytes  # key id (32 bytes) of the lead's device public keys
    nonce: bytes  # 16 random bytes: HKDF salt for the payload key

    def pack(self) -> bytes:
        return _HEADER.pack(
            MAGIC, FORMAT_VERSION, SUITE_ID, CHUNK_SIZE, self.recipient, self.nonce,
            WRAPPED_KEY_SIZE,
        )

    @classmethod
    def unpack(cls, raw: bytes) -> Header:
        if len(raw) == 0:
            raise BundleDamaged("The file is empty; it is not a bundle.")
        if not raw.startswith(MAGIC[: len(raw)]) or len(raw) < len(MAGIC):
            raise BundleDamaged("This file is not a Testimonio bundle.")
        if len(raw) < HEADER_SIZE:
            raise BundleDamaged("The bundle is truncated: its header is cut short.")
        magic, version, suite, chunk, recipient, nonce, wrapped = _HEADER.unpack(raw)
        if version != FORMAT_VERSION:
            raise BundleDamaged(
                f"The bundle uses format version {version}, which this program does not "
                "know; update Testimonio and try again."
            )
        if suite != SUITE_ID or chunk != CHUNK_SIZE or wrapped != WRAPPED_KEY_SIZE:
            raise BundleDamaged("The bundle's header is damaged. It was not imported.")
        return cls(recipient=recipient, nonce=nonce)


def wrap_info(header: bytes) -> bytes:
    """HPKE ``info``: binds the wrapped file key to every header byte."""
    return WRAP_INFO + header


def seal_stream(
    out: BinaryIO,
    recipient: PublicKeys,
    *,
    file_key: bytes | None = None,
    nonce: bytes | None = None,
) -> StreamWriter:
    """Write header and wrapped file key to ``out``; return the body's STREAM writer."""
    file_key = os.urandom(FILE_KEY_SIZE) if file_key is None else file_key
    nonce = os.urandom(NONCE_SIZE) if nonce is None else nonce
    header = Header(recipient=recipient.key_id_bytes, nonce=nonce).pack()
    wrapped = SUITE.encrypt(file_key, recipient.encryption_key(), info=wrap_info(header))
    if len(wrapped) != WRAPPED_KEY_SIZE:  # pragma: no cover - fixed by the suite
        raise AssertionError("unexpected HPKE output size")
    out.write(header)
    out.write(wrapped)
    return StreamWriter(payload_key(file_key, nonce), out)


def unwrap(f: BinaryIO, recipient: DeviceKeys) -> bytes:
    """Read header and wrapped key from ``f`` (at 0); return the payload key.

    Leaves ``f`` at the start of the body. Raises NotForThisVault or
    BundleDamaged.
    """
    raw = f.read(HEADER_SIZE)
    header = Header.unpack(raw)
    if header.recipient != recipient.public.key_id_bytes:
        raise NotForThisVault(
            "This bundle is addressed to another team lead's key, not to this vault. "
            "It was not imported."
        )
    wrapped = f.read(WRAPPED_KEY_SIZE)
    if len(wrapped) != WRAPPED_KEY_SIZE:
        raise BundleDamaged("The bundle is truncated. It was not imported.")
    private: X25519PrivateKey = recipient.encryption
    try:
        file_key = SUITE.decrypt(wrapped, private, info=wrap_info(raw))
    except Exception:  # InvalidTag, or ValueError for a malformed encapsulation
        raise BundleDamaged(
            "The bundle's header or key is damaged or was altered. It was not imported."
        ) from None
    if len(file_key) != FILE_KEY_SIZE:
        raise BundleDamaged("The bundle's key is damaged. It was not imported.")
    return payload_key(file_key, header.nonce)


def signed_message(signer_key_id: bytes, manifest: bytes, domain: bytes = SIG_DOMAIN) -> bytes:
    """What the researcher's Ed25519 key signs (v2 passes its own domain)."""
    return domain + signer_key_id + manifest


def pack_trailer(manifest: bytes, signer: DeviceKeys, domain: bytes = SIG_DOMAIN) -> bytes:
    """``manifest || signer key id || signature || u32 len(manifest)``."""
    kid = signer.public.key_id_bytes
    return manifest + kid + signer.sign(signed_message(kid, manifest, domain)) + struct.pack(
        ">I", len(manifest)
    )


def section_head(kind: int, length: int) -> bytes:
    """Type byte and u64 body length of a payload section."""
    return SECTION_HEAD.pack(kind, length)


def check_attachment_name(name: object) -> str | None:
    """Why ``name`` is unsafe as a file name, or None when it is fine."""
    if not isinstance(name, str) or not name:
        return "it is empty"
    if len(name.encode("utf-8", "surrogatepass")) > 200:
        return "it is too long"
    if "/" in name or "\\" in name or ":" in name:
        return "it contains a path separator"
    if ".." in name or name.startswith("."):
        return "it contains '..' or starts with a dot"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in name):
        return "it contains control characters"
    if name != name.strip():
        return "it starts or ends with a space"
    return None


def plaintext_of(path: os.PathLike[str] | str, recipient: DeviceKeys) -> bytes:
    """The whole authenticated plaintext body of a (small) bundle. For tests and vectors."""
    with open(path, "rb") as f:
        key = unwrap(f, recipient)
        return b"".join(decrypt_chunks(key, f))


def iter_file(f: BinaryIO, size: int, piece: int = 1024 * 1024) -> Iterator[bytes]:
    """Read exactly ``size`` bytes of ``f`` in pieces."""
    remaining = size
    while remaining:
        data = f.read(min(piece, remaining))
        if not data:
            return
        remaining -= len(data)
        yield data
