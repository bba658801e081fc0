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

Since bundle format v2 a device also has a hybrid MLKEM768-X25519 key
(kem.py): ``DeviceKeys.kem`` (96 private bytes, None for keys made before
it) and ``PublicKeys.kem`` (1216 public bytes, None when unknown). It is
not part of the key id: the device's Ed25519 signature binds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
from testimonio.exchange import kem as hybrid
from testimonio.exchange.fingerprint import fingerprint, key_id, key_id_bytes

PUBLIC_KEY_BYTES = 32
PRIVATE_BYTES = 64


@dataclass(frozen=True)
class PublicKeys:
    """The public half of a device: raw Ed25519 and X25519 public keys."""

    signing: bytes
    encryption: bytes
    kem: bytes | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.signing) != PUBLIC_KEY_BYTES or len(self.encryption) != PUBLIC_KEY_BYTES:
            raise BadInput("A public key must be 32 bytes long.")
        if self.kem is not None and len(self.kem) != hybrid.PUBLIC_BYTES:
            raise BadInput("A hybrid public key must be 1216 bytes long.")

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
    def from_raw(cls, raw: bytes, kem: bytes | None = None) -> PublicKeys:
        """Inverse of :attr:`raw` (with the hybrid public key when known)."""
        if len(raw) != 2 * PUBLIC_KEY_BYTES:
            raise BadInput("A device public key must be 64 bytes long.")
        return cls(signing=bytes(raw[:32]), encryption=bytes(raw[32:]),
                   kem=None if kem is None else bytes(kem))

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
    kem: bytes | None = field(default=None, repr=False)  # hybrid private key (kem.py)
    _public: PublicKeys | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kem is not None and len(self.kem) != hybrid.PRIVATE_BYTES:
            raise BadInput("A stored hybrid key must be 96 bytes long.")

    @property
    def public(self) -> PublicKeys:
        """The public half (the hybrid public key too, when this device has one)."""
        if self._public is None:  # deriving the ML-KEM public key takes a while: once
            object.__setattr__(self, "_public", PublicKeys(
                signing=self.signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
                encryption=self.encryption.public_key().public_bytes(Encoding.Raw,
                                                                     PublicFormat.Raw),
                kem=None if self.kem is None else hybrid.public_bytes(self.kem),
            ))
        assert self._public is not None
        return self._public

    def with_kem(self, kem: bytes) -> DeviceKeys:
        """The same device keys with a hybrid private key added."""
        return DeviceKeys(signing=self.signing, encryption=self.encryption, kem=kem)

    def sign(self, message: bytes) -> bytes:
        """Ed25519 signature (64 bytes)."""
        return self.signing.sign(message)

    def private_bytes(self) -> bytes:
        """Ed25519 seed || X25519 private scalar (64 bytes) for storage in the vault."""
        return self.signing.private_bytes(
            Encoding.Raw, PrivateFormat.Raw, NoEncryption()
        ) + self.encryption.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    @classmethod
    def from_private_bytes(cls, raw: bytes, kem: bytes | None = None) -> DeviceKeys:
        """Inverse of :meth:`private_bytes` (``kem``: the stored hybrid private key)."""
        if len(raw) != PRIVATE_BYTES:
            raise BadInput("Stored device keys must be 64 bytes long.")
        return cls(
            signing=Ed25519PrivateKey.from_private_bytes(bytes(raw[:32])),
            encryption=X25519PrivateKey.from_private_bytes(bytes(raw[32:])),
            kem=None if kem is None else bytes(kem),
        )

    def __repr__(self) -> str:  # never print private key material
        return f"DeviceKeys(fingerprint={self.public.fingerprint!r})"


def generate(with_kem: bool = True) -> DeviceKeys:
    """Fresh random device keys (with the hybrid part unless told otherwise)."""
    return DeviceKeys(signing=Ed25519PrivateKey.generate(), encryption=X25519PrivateKey.generate(),
                      kem=hybrid.generate_private() if with_kem else None)
