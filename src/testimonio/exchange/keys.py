"""A vault's device keys: Ed25519 for signing, X25519 for HPKE.

API (used by the vault and the exchange services)::

    keys = generate()                       # DeviceKeys
    raw = keys.private_bytes()              # 64 bytes, store inside the vault
    keys = DeviceKeys.from_private_bytes(raw)
    pub = keys.public                       # PublicKeys(signing=32 B, encryption=32 B)
    pub.raw                                 # signing || encryption, 64 bytes
    pub.key_id                              # SHA-256(pub.raw) hex: stored in rosters/bundles
    pub.fingerprint                         # "3F2A 9C01 ..." read aloud to confirm
    PublicKeys.from_raw(pub.raw)

A device is identified by one key id over both public keys, so confirming
one fingerprint confirms the signing and the encryption key together.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from testimonio.errors import BadInput
from testimonio.exchange.fingerprint import fingerprint, key_id, key_id_bytes

PUBLIC_KEY_BYTES = 32
PRIVATE_BYTES = 64


@dataclass(frozen=True)
class PublicKeys:
    """The public half of a device: raw Ed25519 and X25519 public keys."""

    signing: bytes
    encryption: bytes

    def __post_init__(self) -> None:
        if len(self.signing) != PUBLIC_KEY_BYTES or len(self.encryption) != PUBLIC_KEY_BYTES:
            raise BadInput("A public key must be 32 bytes long.")

    @property
    def raw(self) -> bytes:
        """``signing || encryption`` (64 bytes): what key ids are taken over."""
        return self.signing + self.encryption

    @property
    def key_id(self) -> str:
        """SHA-256 of :attr:`raw` as 64 lowercase hex characters."""
        return key_id(self.raw)

    @property
    def key_id_bytes(self) -> bytes:
        """SHA-256 of :attr:`raw` (32 bytes)."""
        return key_id_bytes(self.raw)

    @property
    def fingerprint(self) -> str:
        """The fingerprint a person reads aloud (8 groups of 4 hex)."""
        return fingerprint(self.raw)

    @classmethod
    def from_raw(cls, raw: bytes) -> PublicKeys:
        """Inverse of :attr:`raw`."""
        if len(raw) != 2 * PUBLIC_KEY_BYTES:
            raise BadInput("A device public key must be 64 bytes long.")
        return cls(signing=bytes(raw[:32]), encryption=bytes(raw[32:]))

    def verify(self, signature: bytes, message: bytes) -> bool:
        """True when ``signature`` is this device's Ed25519 signature of ``message``."""
        try:
            Ed25519PublicKey.from_public_bytes(self.signing).verify(signature, message)
        except (InvalidSignature, ValueError):
            return False
        return True

    def encryption_key(self) -> X25519PublicKey:
        """The X25519 public key object for HPKE."""
        return X25519PublicKey.from_public_bytes(self.encryption)


@dataclass(frozen=True)
class DeviceKeys:
    """A device's private keys. Keep them inside the vault only."""

    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @property
    def public(self) -> PublicKeys:
        """The public half."""
        return PublicKeys(
            signing=self.signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
            encryption=self.encryption.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
        )

    def sign(self, message: bytes) -> bytes:
        """Ed25519 signature (64 bytes)."""
        return self.signing.sign(message)

    def private_bytes(self) -> bytes:
        """Ed25519 seed || X25519 private scalar (64 bytes) for storage in the vault."""
        return self.signing.private_bytes(
            Encoding.Raw, PrivateFormat.Raw, NoEncryption()
        ) + self.encryption.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    @classmethod
    def from_private_bytes(cls, raw: bytes) -> DeviceKeys:
        """Inverse of :meth:`private_bytes`."""
        if len(raw) != PRIVATE_BYTES:
            raise BadInput("Stored device keys must be 64 bytes long.")
        return cls(
            signing=Ed25519PrivateKey.from_private_bytes(bytes(raw[:32])),
            encryption=X25519PrivateKey.from_private_bytes(bytes(raw[32:])),
        )

    def __repr__(self) -> str:  # never print private key material
        return f"DeviceKeys(fingerprint={self.public.fingerprint!r})"


def generate() -> DeviceKeys:
    """Fresh random device keys."""
    return DeviceKeys(signing=Ed25519PrivateKey.generate(), encryption=X25519PrivateKey.generate())
