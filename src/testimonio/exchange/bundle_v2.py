"""Bundle format v2: the file key wrapped to several recipients with the hybrid KEM.

Only the part before the body differs from v1 (docs/bundle-format.md,
"Format version 2")::

    magic (8) | version 02 | suite 02 | chunk size u32 | nonce (16) | count u16
    | count x ( recipient key id (32) | HPKE MLKEM768-X25519 output (1168) )
    | STREAM body, as v1, under HKDF(file key, nonce, "testimonio bundle v2 payload")

Every wrap is HPKE base mode, single shot, with ``info`` = label || the
32 fixed header bytes || every recipient key id in order: removing,
duplicating or reordering any entry makes every unwrap fail. The signed
manifest (format 2) names the recipients and the SHA-256 of all bytes
before the body, so a wrap replaced for one recipient is caught by all.

:func:`unwrap_any` reads either version and returns an :class:`Unwrapped`.
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from testimonio.errors import BadInput, BundleDamaged, NotForThisVault
from testimonio.exchange import bundle_io, kem
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.stream import CHUNK_SIZE, StreamWriter, payload_key

VERSION = 2
SUITE_ID = 2
MAX_RECIPIENTS = 16
FIXED = struct.Struct(">8sBBI16sH")  # 32 bytes
ENTRY_SIZE = 32 + kem.WRAPPED_BYTES
WRAP_INFO = b"testimonio bundle v2 file key\x00"
PAYLOAD_INFO = b"testimonio bundle v2 payload"
SIG_DOMAIN = b"testimonio bundle manifest v2\x00"


@dataclass(frozen=True)
class Unwrapped:
    """What the part before the body gave: the payload key and what to check later."""

    key: bytes
    version: int
    body_offset: int
    recipients: tuple[str, ...]  # key ids (hex) in header order
    header_sha256: str  # of every byte before the body

    def signed_message(self, signer_key_id: bytes, manifest: bytes) -> bytes:
        """What the researcher signed, for this bundle's version."""
        domain = SIG_DOMAIN if self.version == VERSION else bundle_io.SIG_DOMAIN
        return domain + signer_key_id + manifest


def wrap_info(fixed: bytes, key_ids: Sequence[bytes]) -> bytes:
    """HPKE ``info`` of every wrap: binds the fixed header and the whole recipient list."""
    return WRAP_INFO + fixed + b"".join(key_ids)


def usable(recipients: Sequence[PublicKeys]) -> bool:
    """True when every recipient has a hybrid key, so a v2 bundle can be made."""
    return bool(recipients) and all(r.kem is not None for r in recipients)


def seal_stream(
    out: BinaryIO,
    recipients: Sequence[PublicKeys],
    *,
    file_key: bytes | None = None,
    nonce: bytes | None = None,
) -> tuple[StreamWriter, bytes]:
    """Write the v2 header and wraps; return the body's writer and the header bytes."""
    ids = [r.key_id_bytes for r in recipients]
    if not 1 <= len(ids) <= MAX_RECIPIENTS or len(set(ids)) != len(ids):
        raise BadInput(f"A bundle needs 1 to {MAX_RECIPIENTS} different recipients.")
    if not usable(recipients):
        raise BadInput("Every recipient of a version 2 bundle needs a hybrid key.")
    file_key = os.urandom(bundle_io.FILE_KEY_SIZE) if file_key is None else file_key
    nonce = os.urandom(bundle_io.NONCE_SIZE) if nonce is None else nonce
    fixed = FIXED.pack(bundle_io.MAGIC, VERSION, SUITE_ID, CHUNK_SIZE, nonce, len(ids))
    info = wrap_info(fixed, ids)
    head = bytearray(fixed)
    for recipient, kid in zip(recipients, ids, strict=True):
        assert recipient.kem is not None
        wrapped = kem.SUITE.encrypt(file_key, kem.public_key(recipient.kem), info=info)
        if len(wrapped) != kem.WRAPPED_BYTES:  # pragma: no cover - fixed by the suite
            raise AssertionError("unexpected HPKE output size")
        head += kid + wrapped
    out.write(head)
    return StreamWriter(payload_key(file_key, nonce, PAYLOAD_INFO), out), bytes(head)


def _read_exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise BundleDamaged("The bundle is truncated: its header is cut short. "
                            "It was not imported.")
    return data


def unwrap_v2(f: BinaryIO, first: bytes, recipient: DeviceKeys) -> Unwrapped:
    """The rest of a v2 header after its first 10 bytes ``first``."""
    fixed = first + _read_exact(f, FIXED.size - len(first))
    _, _, suite, chunk, nonce, count = FIXED.unpack(fixed)
    if suite != SUITE_ID or chunk != CHUNK_SIZE:
        raise BundleDamaged("The bundle's header is damaged. It was not imported.")
    if not 1 <= count <= MAX_RECIPIENTS:
        raise BundleDamaged("The bundle's header names an impossible number of recipients. "
                            "It was not imported.")
    table = _read_exact(f, count * ENTRY_SIZE)
    ids = [table[i * ENTRY_SIZE : i * ENTRY_SIZE + 32] for i in range(count)]
    if len(set(ids)) != len(ids):
        raise BundleDamaged("The bundle names one recipient twice: it was altered. "
                            "It was not imported.")
    mine = recipient.public.key_id_bytes
    if mine not in ids or recipient.kem is None:
        raise NotForThisVault("This bundle is addressed to other keys, not to this vault. "
                              "It was not imported.")
    at = ids.index(mine) * ENTRY_SIZE + 32
    try:
        file_key = kem.SUITE.decrypt(table[at : at + kem.WRAPPED_BYTES],
                                     kem.private_key(recipient.kem), info=wrap_info(fixed, ids))
    except Exception:  # InvalidTag, or ValueError for a malformed encapsulation
        raise BundleDamaged("The bundle's header or key is damaged or was altered. "
                            "It was not imported.") from None
    if len(file_key) != bundle_io.FILE_KEY_SIZE:
        raise BundleDamaged("The bundle's key is damaged. It was not imported.")
    head = fixed + table
    return Unwrapped(payload_key(file_key, nonce, PAYLOAD_INFO), VERSION, len(head),
                     tuple(i.hex() for i in ids), hashlib.sha256(head).hexdigest())


def unwrap_any(f: BinaryIO, recipient: DeviceKeys) -> Unwrapped:
    """Read the header of a v1 or v2 bundle from ``f`` (at 0); leave ``f`` at the body."""
    first = f.read(10)
    if len(first) == 10 and first.startswith(bundle_io.MAGIC) and first[8] == VERSION:
        return unwrap_v2(f, first, recipient)
    f.seek(0)
    key = bundle_io.unwrap(f, recipient)
    f.seek(0)
    head = f.read(bundle_io.BODY_OFFSET)
    return Unwrapped(key, bundle_io.FORMAT_VERSION, bundle_io.BODY_OFFSET,
                     (recipient.public.key_id,), hashlib.sha256(head).hexdigest())
