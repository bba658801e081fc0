"""The post-quantum hybrid part of a device's keys: MLKEM768-X25519 for HPKE.

Bundle format v2 wraps the file key to each recipient with HPKE (RFC 9180)
using the hybrid KEM ``KEM.MLKEM768_X25519`` of ``cryptography`` (IANA HPKE
KEM id 0x647A, "X-Wing": ML-KEM-768 combined with X25519), so a bundle kept
today stays closed if X25519 alone is broken later.

The hybrid key pair is separate from the device's v1 X25519 key (no key is
used in two KEMs). Encodings, as X-Wing writes them::

    private (96 bytes) = ML-KEM-768 seed (64) || X25519 private scalar (32)
    public (1216 bytes) = ML-KEM-768 public key (1184) || X25519 public key (32)

A device's key id and fingerprint stay those of ``signing || encryption``
(keys.py): the hybrid public key is bound to the device by the device's
Ed25519 signature over it in the team file, key file and team update.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from testimonio.errors import BadInput

PRIVATE_BYTES = 96
PUBLIC_BYTES = 1216
_MLKEM_PUBLIC = 1184
SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
# RFC 9180 identifiers of SUITE, written in docs/bundle-format.md.
KEM_ID, KDF_ID, AEAD_ID = 0x647A, 0x0001, 0x0003
ENC_BYTES = 1120
WRAPPED_BYTES = ENC_BYTES + 32 + 16  # enc || ChaCha20-Poly1305(32-byte file key)


def generate_private() -> bytes:
    """A fresh hybrid private key, encoded (96 bytes)."""
    seed = mlkem.MLKEM768PrivateKey.generate().private_bytes_raw()
    scalar = x25519.X25519PrivateKey.generate().private_bytes_raw()
    return seed + scalar


def private_key(raw: bytes) -> hpke.MLKEM768X25519PrivateKey:
    """The HPKE private key object of an encoded hybrid private key."""
    if len(raw) != PRIVATE_BYTES:
        raise BadInput("A stored hybrid key must be 96 bytes long.")
    return hpke.MLKEM768X25519PrivateKey(
        mlkem.MLKEM768PrivateKey.from_seed_bytes(bytes(raw[:64])),
        x25519.X25519PrivateKey.from_private_bytes(bytes(raw[64:])),
    )


def public_bytes(raw_private: bytes) -> bytes:
    """The encoded public key (1216 bytes) of an encoded private key."""
    if len(raw_private) != PRIVATE_BYTES:
        raise BadInput("A stored hybrid key must be 96 bytes long.")
    m = mlkem.MLKEM768PrivateKey.from_seed_bytes(bytes(raw_private[:64])).public_key()
    x = x25519.X25519PrivateKey.from_private_bytes(bytes(raw_private[64:])).public_key()
    return (m.public_bytes(Encoding.Raw, PublicFormat.Raw)
            + x.public_bytes(Encoding.Raw, PublicFormat.Raw))


def public_key(raw: bytes) -> hpke.MLKEM768X25519PublicKey:
    """The HPKE public key object of an encoded hybrid public key."""
    if len(raw) != PUBLIC_BYTES:
        raise BadInput("A hybrid public key must be 1216 bytes long.")
    try:
        return hpke.MLKEM768X25519PublicKey(
            mlkem.MLKEM768PublicKey.from_public_bytes(bytes(raw[:_MLKEM_PUBLIC])),
            x25519.X25519PublicKey.from_public_bytes(bytes(raw[_MLKEM_PUBLIC:])),
        )
    except ValueError:
        raise BadInput("The hybrid public key is malformed.") from None


def check_public(raw: object) -> bytes:
    """``raw`` as bytes if it is a well-formed hybrid public key; BadInput otherwise."""
    if not isinstance(raw, bytes | bytearray):
        raise BadInput("A hybrid public key must be bytes.")
    public_key(bytes(raw))
    return bytes(raw)
