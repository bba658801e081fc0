"""HPKE known answers from RFC 9180 itself, not from our own code.

The bundle wraps its file key with HPKE base mode, DHKEM(X25519,
HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305 (exchange/bundle_io.SUITE):
the suite of RFC 9180 appendix A.2.1. A small reference of the RFC's key
schedule, written here from the RFC's text with plain X25519, HMAC and the
AEAD, must reproduce the appendix's values; then the library suite the
bundle uses must open what that reference seals.
"""

from __future__ import annotations

import hashlib
import hmac

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from testimonio.exchange.bundle_io import SUITE

H = bytes.fromhex
# RFC 9180, A.2.1 (mode 0, kem_id 32, kdf_id 1, aead_id 3).
INFO = H("4f6465206f6e2061204772656369616e2055726e")
SK_EM = H("f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600")
PK_EM = H("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a")
SK_RM = H("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb")
PK_RM = H("4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a")
SHARED_SECRET = H("0bbe78490412b4bbea4812666f7916932b828bba79942424abb65244930d69a7")
KEY = H("ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91")
BASE_NONCE = H("5c4d98150661b848853b547f")
PT = H("4265617574792069732074727574682c20747275746820626561757479")
ENCRYPTIONS = [  # (sequence number, aad, ct)
    (0, H("436f756e742d30"), H("1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db"
                               "21993c62ce81883d2dd1b51a28")),
    (1, H("436f756e742d31"), H("6b53c051e4199c518de79594e1c4ab18b96f081549d45ce015be002090bb119e"
                               "85285337cc95ba5f59992dc98c")),
    (255, H("436f756e742d323535"), H("18ab939d63ddec9f6ac2b60d61d36a7375d2070c9b683861110757062c52b888"
                                     "0a5f6b3936da9cd6c23ef2a95c")),
]

KEM_SUITE = b"KEM" + (0x0020).to_bytes(2, "big")
HPKE_SUITE = b"HPKE" + (0x0020).to_bytes(2, "big") + (1).to_bytes(2, "big") + (3).to_bytes(2, "big")


def _extract(salt: bytes, ikm: bytes) -> bytes:
    return hmac.new(salt or bytes(32), ikm, hashlib.sha256).digest()


def _expand(prk: bytes, info: bytes, length: int) -> bytes:
    out, block, n = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([n]), hashlib.sha256).digest()
        out, n = out + block, n + 1
    return out[:length]


def _labeled_extract(suite: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    return _extract(salt, b"HPKE-v1" + suite + label + ikm)


def _labeled_expand(suite: bytes, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    return _expand(prk, length.to_bytes(2, "big") + b"HPKE-v1" + suite + label + info, length)


def _public(private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)


def _encap_secret(sk_e: bytes, pk_r: bytes) -> bytes:
    """DHKEM(X25519) shared secret, as the sender computes it (RFC 9180 4.1)."""
    dh = X25519PrivateKey.from_private_bytes(sk_e).exchange(X25519PublicKey.from_public_bytes(pk_r))
    enc = _public(sk_e)
    eae_prk = _labeled_extract(KEM_SUITE, b"", b"eae_prk", dh)
    return _labeled_expand(KEM_SUITE, eae_prk, b"shared_secret", enc + pk_r, 32)


def _key_schedule(shared_secret: bytes, info: bytes) -> tuple[bytes, bytes]:
    """Base mode: (key, base_nonce) (RFC 9180 5.1, no PSK)."""
    psk_id_hash = _labeled_extract(HPKE_SUITE, b"", b"psk_id_hash", b"")
    info_hash = _labeled_extract(HPKE_SUITE, b"", b"info_hash", info)
    context = b"\x00" + psk_id_hash + info_hash
    secret = _labeled_extract(HPKE_SUITE, shared_secret, b"secret", b"")
    return (_labeled_expand(HPKE_SUITE, secret, b"key", context, 32),
            _labeled_expand(HPKE_SUITE, secret, b"base_nonce", context, 12))


def _nonce(sequence: int) -> bytes:
    return bytes(a ^ b for a, b in zip(BASE_NONCE, sequence.to_bytes(12, "big"), strict=True))


def test_the_reference_reproduces_the_rfc_appendix() -> None:
    assert _public(SK_EM) == PK_EM and _public(SK_RM) == PK_RM
    assert _encap_secret(SK_EM, PK_RM) == SHARED_SECRET
    assert _key_schedule(SHARED_SECRET, INFO) == (KEY, BASE_NONCE)
    for sequence, aad, ct in ENCRYPTIONS:
        assert ChaCha20Poly1305(KEY).encrypt(_nonce(sequence), PT, aad) == ct
        assert ChaCha20Poly1305(KEY).decrypt(_nonce(sequence), ct, aad) == PT


def test_the_bundle_suite_opens_what_the_rfc_schedule_seals() -> None:
    """Single-shot HPKE is enc || Seal(seq 0, empty aad): the library must agree."""
    sealed = PK_EM + ChaCha20Poly1305(KEY).encrypt(BASE_NONCE, PT, b"")
    recipient = X25519PrivateKey.from_private_bytes(SK_RM)
    assert SUITE.decrypt(sealed, recipient, info=INFO) == PT
    # And the other way: what the library seals, the reference schedule opens.
    wrapped = SUITE.encrypt(PT, recipient.public_key(), info=INFO)
    enc, body = wrapped[:32], wrapped[32:]
    dh = recipient.exchange(X25519PublicKey.from_public_bytes(enc))
    eae_prk = _labeled_extract(KEM_SUITE, b"", b"eae_prk", dh)
    shared = _labeled_expand(KEM_SUITE, eae_prk, b"shared_secret", enc + PK_RM, 32)
    key, nonce = _key_schedule(shared, INFO)
    assert ChaCha20Poly1305(key).decrypt(nonce, body, b"") == PT


def test_a_wrong_info_is_refused_by_the_suite() -> None:
    sealed = PK_EM + ChaCha20Poly1305(KEY).encrypt(BASE_NONCE, PT, b"")
    with pytest.raises(InvalidTag):
        SUITE.decrypt(sealed, X25519PrivateKey.from_private_bytes(SK_RM), info=INFO + b"x")
