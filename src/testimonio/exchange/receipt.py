"""Receipts (lead → one researcher): signed by the lead, encrypted to the researcher.

Layout (docs/bundle-format.md, "Receipts")::

    magic "\\x89TMR\\r\\n\\x1a\\n" (8) | version 01 | suite (1) | recipient key id (32)
    | HPKE single-shot ciphertext of the signed receipt (to the end of the file)

suite 1 = HPKE X25519 / HKDF-SHA256 / ChaCha20-Poly1305 to the researcher's
device key (a researcher without a hybrid key); suite 2 = MLKEM768-X25519 /
HKDF-SHA256 / ChaCha20-Poly1305 to its hybrid key. ``info`` =
``"testimonio receipt v1" || 00 || the 42 bytes before the ciphertext``.
The plaintext is the team file's signed container (teamfile.py) with magic
``\\x89TMQ\\r\\n\\x1a\\n`` and domain ``"testimonio receipt body v1" || 00``,
signed by the lead; its body::

    {"format": 1, "number": N, "researcher": <key id hex>, "issued": "YYYY-MM-DDTHH:MM:SSZ",
     "items": [[export_id, revision], ...]}
"""

from __future__ import annotations

import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hpke

from testimonio.atomic import write_atomic
from testimonio.errors import BadInput, BundleDamaged, NotForThisVault
from testimonio.exchange import kem as hybrid
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.teamfile import _now, _open, _read, _seal

MAGIC = b"\x89TMR\r\n\x1a\n"
BODY_MAGIC = b"\x89TMQ\r\n\x1a\n"
BODY_DOMAIN = b"testimonio receipt body v1\x00"
INFO = b"testimonio receipt v1\x00"
VERSION = 1
X25519_SUITE_ID, HYBRID_SUITE_ID = 1, 2
X25519_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
MAX_RECEIPT = 32 * 1024 * 1024
MAX_ITEMS = 2_000_000
_HEAD = struct.Struct(">8sBB32s")
_HEX32 = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Receipt:
    """A verified receipt: who signed it and what the lead received."""

    signer: PublicKeys
    number: int
    researcher: str  # key id hex
    issued: str
    items: tuple[tuple[str, int], ...]  # (export id, revision)


def write_receipt(path: Path, lead: DeviceKeys, researcher: PublicKeys, number: int,
                  items: Sequence[tuple[str, int]]) -> Receipt:
    """Sign with ``lead``, encrypt to ``researcher`` (hybrid when it has a key), write atomically."""
    issued = _now()
    body = {"format": VERSION, "number": number, "researcher": researcher.key_id,
            "issued": issued, "items": [[e, r] for e, r in items]}
    signed = _seal(BODY_MAGIC, BODY_DOMAIN, lead, body)
    suite_id = HYBRID_SUITE_ID if researcher.kem is not None else X25519_SUITE_ID
    head = _HEAD.pack(MAGIC, VERSION, suite_id, researcher.key_id_bytes)
    if researcher.kem is not None:
        sealed = hybrid.SUITE.encrypt(signed, hybrid.public_key(researcher.kem), info=INFO + head)
    else:
        sealed = X25519_SUITE.encrypt(signed, researcher.encryption_key(), info=INFO + head)
    if len(head) + len(sealed) > MAX_RECEIPT:
        raise BadInput("Too many interviews for one receipt.")
    write_atomic(Path(path), head + sealed)
    return Receipt(lead.public, number, researcher.key_id, issued, tuple(items))


def read_receipt(path: Path, me: DeviceKeys) -> Receipt:
    """Decrypt and verify a receipt meant for ``me``; the caller checks the signer."""
    data = _read(Path(path), MAX_RECEIPT, "receipt")
    if len(data) < _HEAD.size or not data.startswith(MAGIC):
        raise BundleDamaged("This file is not a Testimonio receipt.")
    _, version, suite_id, recipient = _HEAD.unpack_from(data)
    if version != VERSION or suite_id not in (X25519_SUITE_ID, HYBRID_SUITE_ID):
        raise BundleDamaged("This receipt was made by another version of Testimonio; update "
                            "and try again.")
    if recipient != me.public.key_id_bytes:
        raise NotForThisVault("This receipt is meant for another researcher's vault. "
                              "Nothing was changed.")
    head, sealed = data[: _HEAD.size], data[_HEAD.size :]
    try:
        if suite_id == HYBRID_SUITE_ID:
            if me.kem is None:
                raise ValueError("no hybrid key")
            signed = hybrid.SUITE.decrypt(sealed, hybrid.private_key(me.kem), info=INFO + head)
        else:
            signed = X25519_SUITE.decrypt(sealed, me.encryption, info=INFO + head)
    except Exception:  # InvalidTag, or ValueError for a malformed encapsulation
        raise BundleDamaged("The receipt is damaged or was altered. Nothing was changed.") from None
    signer, body = _open(signed, BODY_MAGIC, BODY_DOMAIN, "receipt")
    try:
        return _parse(signer, body, me)
    except (KeyError, TypeError, ValueError):
        raise BundleDamaged("The receipt is damaged: its contents are malformed.") from None


def _parse(signer: PublicKeys, body: dict[str, object], me: DeviceKeys) -> Receipt:
    number, researcher, issued, items = (body["number"], body["researcher"], body["issued"],
                                         body["items"])
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number < 2**31:
        raise ValueError("number")
    if not isinstance(issued, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z",
                                                       issued):
        raise ValueError("issued")
    if researcher != me.public.key_id:
        raise NotForThisVault("This receipt is meant for another researcher's vault. "
                              "Nothing was changed.")
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise ValueError("items")
    pairs: list[tuple[str, int]] = []
    for item in items:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
                and _HEX32.fullmatch(item[0]) and isinstance(item[1], int)
                and not isinstance(item[1], bool) and 1 <= item[1] < 2**31):
            raise ValueError("item")
        pairs.append((item[0], item[1]))
    return Receipt(signer, number, researcher, issued, tuple(pairs))
