"""The exchange services' one door to the bundle format.

Export and import only call :func:`bundle_file`, :func:`write`,
:func:`publish` and :func:`open_bundle`. Everything cryptographic is the
bundle modules' (``exchange.bundle_io``: header, HPKE key wrap, signed
trailer; ``exchange.stream``: STREAM chunks; ``exchange.manifest``): this
module only lays the sections out and reads them back.

Body plaintext (inside the STREAM), each section ``type u8 || length u64 || body``:

- ``I`` index: canonical JSON ``{"attachments": [{"name", "size", "sha256"}]}``
- ``R`` records: zlib-compressed JSON lines, one record a line
- ``A`` one per attachment: ``u16 name length || name (UTF-8) || bytes``
- trailer: ``manifest || signer key id || Ed25519 signature || u32 len(manifest)``

``payload_sha256`` in the manifest is the SHA-256 of every plaintext byte
before the trailer; ``records_sha256`` of the compressed records body.

Reading authenticates everything first: pass one decrypts every chunk,
hashes the payload and checks the trailer's signature (by a roster key,
naming that same researcher, addressed to this vault) and the hash; only
then does pass two parse, re-checking the hash as it goes, with hard limits
on decompression. Until the end of pass two nothing read is acted on: the
import holds records in memory and writes attachments inside its
transaction, which a late failure rolls back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import struct
import zlib
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from testimonio.errors import BadSignature, BundleDamaged, UnknownSigner
from testimonio.exchange import bundle_io as bio
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.manifest import MAX_MANIFEST_BYTES, Limits, Manifest
from testimonio.exchange.stream import decrypt_chunks
from testimonio.services._atomic import atomic_file, finish
from testimonio.services._atomic import publish as _publish

_NAME_LEN = struct.Struct(">H")
_U32 = struct.Struct(">I")
_MAX_TRAILER = bio.TRAILER_FIXED + MAX_MANIFEST_BYTES


def _damaged(why: str) -> BundleDamaged:
    return BundleDamaged(f"The bundle is damaged: {why}. It was not imported.")


# --- writing -----------------------------------------------------------------


@contextlib.contextmanager
def bundle_file(out: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A temp file beside ``out``; removed if the block fails or is cancelled."""
    with atomic_file(out) as (fh, tmp):
        yield fh, tmp


def publish(tmp: Path, out: Path) -> None:
    """Rename the finished temp file onto ``out``."""
    _publish(tmp, out)


class _Body:
    """Feeds the STREAM writer and hashes the payload on the way."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.sha = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.sha.update(data)
        self.stream.write(data)


def write(fh: BinaryIO, plan: Any, *, keys: DeviceKeys, lead_public: bytes, bundle_id: str,
          load_attachment: Callable[[Any], bytes], steps: Any) -> Manifest:
    """Seal ``plan``'s records and attachments into ``fh``, signed with ``keys``."""
    lead = PublicKeys.from_raw(lead_public)
    # Cleaned attachments are needed twice (index, then body): clean each once,
    # keep only its size and hash, and clean again when writing (deterministic).
    index = []
    attachment_bytes = 0
    total = len(plan.records)
    for planned in plan.records:
        by_name = {a["name"]: a for a in planned.record["attachments"]}
        for stored, name in planned.attachments:
            data = load_attachment(stored)
            digest = hashlib.sha256(data).hexdigest()
            by_name[name]["size"], by_name[name]["sha256"] = len(data), digest
            index.append({"name": name, "size": len(data), "sha256": digest})
            attachment_bytes += len(data)
            steps.check()
    compressor = zlib.compressobj(6)
    compressed = bytearray()
    records_bytes = 0
    for n, planned in enumerate(plan.records, start=1):
        line = json.dumps(planned.record, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
        records_bytes += len(line)
        compressed += compressor.compress(line)
        steps.step(n, total, "Sealing interviews")
    compressed += compressor.flush()

    body = _Body(bio.seal_stream(fh, lead))
    index_json = json.dumps({"attachments": index}, sort_keys=True, separators=(",", ":")).encode()
    body.write(bio.section_head(bio.SECTION_INDEX, len(index_json)) + index_json)
    body.write(bio.section_head(bio.SECTION_RECORDS, len(compressed)))
    body.write(bytes(compressed))
    for planned in plan.records:
        for stored, name in planned.attachments:
            data = load_attachment(stored)
            raw_name = name.encode()
            body.write(bio.section_head(bio.SECTION_ATTACHMENT, _NAME_LEN.size + len(raw_name) + len(data)))
            body.write(_NAME_LEN.pack(len(raw_name)) + raw_name)
            body.write(data)
            steps.check()
    manifest = Manifest(
        bundle_id=bundle_id, researcher=keys.public.key_id, sequence=plan.sequence,
        recipient=lead.key_id, created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        payload_sha256=body.sha.hexdigest(), records_sha256=hashlib.sha256(compressed).hexdigest(),
        records=len(plan.records), records_bytes=records_bytes, attachments=len(index),
        attachment_bytes=attachment_bytes,
    )
    body.stream.write(bio.pack_trailer(manifest.to_json(), keys))
    body.stream.finish()
    finish(fh)
    return manifest


# --- reading -----------------------------------------------------------------


class OpenedBundle:
    """An authenticated bundle: its manifest, then records and attachments (pass two)."""

    def __init__(self, path: Path, key: bytes, manifest: Manifest, limits: Limits,
                 on_chunk: Callable[[int], None] | None) -> None:
        self.path = path
        self.manifest = manifest
        self._key = key
        self._limits = limits
        self._on_chunk = on_chunk
        self._records: list[dict[str, Any]] | None = None

    def _sections(self) -> Iterator[tuple[int, Iterator[bytes], int]]:
        """(type, body pieces, length) of each section, payload hash checked at the end."""
        with open(self.path, "rb") as f:
            f.seek(bio.HEADER_SIZE + bio.WRAPPED_KEY_SIZE)
            reader = _Reader(decrypt_chunks(self._key, f), self.manifest)
            while not reader.at_payload_end():
                kind, length = bio.SECTION_HEAD.unpack(reader.take(bio.SECTION_HEAD.size))
                if length > reader.payload_left():
                    raise _damaged("a section runs past the end of the payload")
                yield kind, reader.pieces(length), length
            reader.finish()

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record, parsed (each line must be a JSON object)."""
        if self._records is None:
            self._records = self._read_records()
        return iter(self._records)

    def _read_records(self) -> list[dict[str, Any]]:
        lim = self._limits
        out: list[dict[str, Any]] = []
        for kind, pieces, _ in self._sections():
            if kind != bio.SECTION_RECORDS:
                for _piece in pieces:
                    pass
                continue
            sha = hashlib.sha256()
            inflater = zlib.decompressobj()
            buf = bytearray()
            total = 0
            try:
                for piece in pieces:
                    sha.update(piece)
                    data = inflater.decompress(piece, lim.max_record_line + 1)
                    while True:
                        total += len(data)
                        if total > min(lim.max_records_bytes, self.manifest.records_bytes):
                            raise _damaged("its records are larger than it says")
                        buf += data
                        if len(buf) > lim.max_record_line and b"\n" not in buf:
                            raise _damaged("a record is too large")
                        *lines, rest = bytes(buf).split(b"\n")
                        buf = bytearray(rest)
                        for line in lines:
                            out.append(_record(line))
                            if len(out) > min(lim.max_records, self.manifest.records):
                                raise _damaged("it holds more records than it says")
                        if not inflater.unconsumed_tail:
                            break
                        data = inflater.decompress(inflater.unconsumed_tail, lim.max_record_line + 1)
            except zlib.error:
                raise _damaged("its records cannot be decompressed") from None
            if buf or not inflater.eof or sha.hexdigest() != self.manifest.records_sha256:
                raise _damaged("its records section is incomplete")
        if len(out) != self.manifest.records:
            raise _damaged("it holds fewer records than it says")
        return out

    def attachments(self) -> Iterator[tuple[str, bytes]]:
        """(name, bytes) of each attachment, one at a time (pass two again)."""
        for kind, pieces, length in self._sections():
            if kind != bio.SECTION_ATTACHMENT:
                for _piece in pieces:
                    pass
                continue
            if length > self._limits.max_attachment_bytes + 2 + 200:
                raise _damaged("an attachment is too large")
            data = b"".join(pieces)
            (n,) = _NAME_LEN.unpack(data[:2])
            name = data[2:2 + n].decode("utf-8", "replace")
            why = bio.check_attachment_name(name)
            if why is not None:
                raise _damaged(f"an attachment's name is not allowed ({why})")
            yield name, data[2 + n:]


def _record(line: bytes) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except ValueError:
        raise _damaged("a record is not readable") from None
    if not isinstance(value, dict):
        raise _damaged("a record is not an object")
    return value


class _Reader:
    """Plaintext of the payload (the part before the trailer), read in order."""

    def __init__(self, chunks: Iterator[bytes], manifest: Manifest) -> None:
        self._chunks = chunks
        self._buf = bytearray()
        self._sha = hashlib.sha256()
        self._manifest = manifest
        self._trailer_len = bio.TRAILER_FIXED + len(manifest.to_json())
        self._consumed = 0
        self._done = False

    def _fill(self, n: int) -> bool:
        while len(self._buf) < n + self._trailer_len and not self._done:
            try:
                self._buf += next(self._chunks)
            except StopIteration:
                self._done = True
        return len(self._buf) - self._trailer_len >= n

    def payload_left(self) -> int:
        self._fill(1)
        if self._done:
            return len(self._buf) - self._trailer_len
        return 2**63

    def at_payload_end(self) -> bool:
        return not self._fill(1)

    def take(self, n: int) -> bytes:
        if not self._fill(n):
            raise _damaged("it ends in the middle of a section")
        out = bytes(self._buf[:n])
        del self._buf[:n]
        self._sha.update(out)
        return out

    def pieces(self, length: int) -> Iterator[bytes]:
        left = length
        while left:
            self._fill(1)
            avail = len(self._buf) - self._trailer_len
            if avail <= 0:
                raise _damaged("it ends in the middle of a section")
            piece = self.take(min(left, avail, 1024 * 1024))
            left -= len(piece)
            yield piece

    def finish(self) -> None:
        if self._sha.hexdigest() != self._manifest.payload_sha256:
            raise _damaged("its contents do not match its signed manifest")


@contextlib.contextmanager
def open_bundle(path: Path, keys: DeviceKeys, roster: Mapping[str, PublicKeys],
                steps: Any, limits: Limits | None = None) -> Iterator[OpenedBundle]:
    """Authenticate the bundle at ``path`` (pass one) and give access to its contents."""
    limits = limits or Limits()
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise BundleDamaged(f"The bundle {path} cannot be read ({error.strerror}).") from None
    with f:
        key = bio.unwrap(f, keys)
        sha = hashlib.sha256()
        tail = bytearray()
        for chunk in decrypt_chunks(key, f):
            tail += chunk
            if len(tail) > _MAX_TRAILER:
                cut = len(tail) - _MAX_TRAILER
                sha.update(tail[:cut])
                del tail[:cut]
            if steps is not None:
                steps.check()
    manifest = _verify_trailer(bytes(tail), sha, roster, keys)
    _check_limits(manifest, limits)
    yield OpenedBundle(Path(path), key, manifest, limits, None)


def _verify_trailer(tail: bytes, sha: Any, roster: Mapping[str, PublicKeys],
                    keys: DeviceKeys) -> Manifest:
    if len(tail) < bio.TRAILER_FIXED:
        raise _damaged("it is too short")
    (mlen,) = _U32.unpack(tail[-4:])
    if mlen > MAX_MANIFEST_BYTES or mlen + bio.TRAILER_FIXED > len(tail):
        raise _damaged("its signature block is malformed")
    start = len(tail) - bio.TRAILER_FIXED - mlen
    sha.update(tail[:start])
    raw_manifest = tail[start:start + mlen]
    signer = tail[start + mlen:start + mlen + 32]
    signature = tail[start + mlen + 32:start + mlen + 96]
    known = roster.get(signer.hex())
    if known is None:
        raise UnknownSigner("The bundle is signed by a researcher who is not on this team's roster "
                            "(add their public key with 'team add-researcher' if you trust them). "
                            "It was not imported.")
    if not known.verify(signature, bio.signed_message(signer, raw_manifest)):
        raise BadSignature("The bundle's signature does not verify: it was altered after it was "
                           "signed. It was not imported.")
    manifest = Manifest.from_json(raw_manifest)
    if manifest.researcher != signer.hex():
        raise BadSignature("The bundle names another researcher than the key that signed it. "
                           "It was not imported.")
    if manifest.recipient != keys.public.key_id:
        raise BundleDamaged("The bundle's manifest is addressed to another team lead. "
                            "It was not imported.")
    if sha.hexdigest() != manifest.payload_sha256:
        raise _damaged("its contents do not match its signed manifest")
    return manifest


def _check_limits(m: Manifest, lim: Limits) -> None:
    if (m.records > lim.max_records or m.records_bytes > lim.max_records_bytes
            or m.attachments > lim.max_attachments
            or m.attachment_bytes > lim.max_total_attachment_bytes):
        raise BundleDamaged("The bundle is larger than this program accepts. It was not imported.")


def new_bundle_id() -> str:
    """A random bundle id (32 hex characters)."""
    return secrets.token_hex(16)
