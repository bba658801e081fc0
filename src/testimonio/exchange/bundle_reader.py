"""Opening a bundle v1: authenticate everything first, then stream it out.

See bundle.py for the API and docs/bundle-format.md for the bytes. Pass 1
(in :func:`open_bundle`) decrypts every chunk, hashes the payload, reads the
trailer at the very end, checks the signer against the roster, the
signature, the manifest, the payload hash and the declared sizes. Pass 2
re-reads the file and hands out the attachment index (checked before any
record is given), the records, then the attachments, re-checking hashes.
"""

from __future__ import annotations

import gc
import hashlib
import json
import struct
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from testimonio.errors import (
    BadInput,
    BadSignature,
    BundleDamaged,
    NotForThisVault,
    TestimonioError,
    UnknownSigner,
)
from testimonio.exchange.bundle_io import (
    SECTION_ATTACHMENT,
    SECTION_HEAD,
    SECTION_INDEX,
    SECTION_RECORDS,
    TRAILER_FIXED,
    check_attachment_name,
)
from testimonio.exchange.bundle_v2 import Unwrapped, unwrap_any
from testimonio.exchange.fingerprint import fingerprint_of_key_id
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.manifest import (
    MAX_MANIFEST_BYTES,
    Limits,
    Manifest,
    bounded_json,
    reject_json_constant,
)
from testimonio.exchange.stream import decrypt_chunks

MAX_INDEX_BYTES = 32 * 1024 * 1024
#: Longest attachment entry in the index (a 200-byte name escaped, a MIME type, a reference).
MAX_INDEX_ENTRY_BYTES = 4096
_PIECE = 1024 * 1024


class BundleTooLarge(BundleDamaged):
    """The bundle declares or holds more than the reader's limits allow."""


class BundleCancelled(TestimonioError):
    """The person cancelled; nothing was written or imported."""


def _damaged(why: str) -> BundleDamaged:
    return BundleDamaged(f"The bundle is damaged: {why}. It was not imported.")


class _PayloadReader:
    """Exact reads over the authenticated plaintext, bounded to the payload."""

    def __init__(self, chunks: Iterator[bytes], length: int) -> None:
        self._chunks = chunks
        self.remaining = length
        self._cur = b""
        self._pos = 0
        self.hash = hashlib.sha256()

    def read(self, n: int) -> bytes:
        if n > self.remaining:
            raise _damaged("a section runs past the end of the payload")
        parts = []
        left = n
        while left:
            if self._pos == len(self._cur):
                try:
                    self._cur = next(self._chunks)
                except StopIteration:
                    raise _damaged("it ends too early") from None
                self._pos = 0
            take = min(left, len(self._cur) - self._pos)
            parts.append(self._cur[self._pos : self._pos + take])
            self._pos += take
            left -= take
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        self.remaining -= n
        self.hash.update(data)
        return data

    def section(self, kind: int) -> int:
        got, length = SECTION_HEAD.unpack(self.read(SECTION_HEAD.size))
        if got != kind:
            raise _damaged("its sections are out of order")
        if length > self.remaining:
            raise _damaged("a section is longer than the payload")
        return int(length)


@dataclass
class ReceivedAttachment:
    """An attachment being read from an opened bundle; stream it with :meth:`chunks`."""

    name: str
    mime: str
    size: int
    ref: str
    _reader: _PayloadReader = field(repr=False)
    _left: int = field(default=0, repr=False)

    def chunks(self) -> Iterator[bytes]:
        """The bytes, in pieces of at most 1 MiB. Read once, before the next attachment."""
        while self._left:
            piece = self._reader.read(min(_PIECE, self._left))
            self._left -= len(piece)
            yield piece

    def read_all(self) -> bytes:
        """All the bytes at once (small attachments only)."""
        return b"".join(self.chunks())

    def _drain(self) -> None:
        for _ in self.chunks():
            pass


#: The first bytes of a bundle, in every format version, hold its random nonce
#: (and the start of its wrapped key): their hash identifies one bundle file.
HEAD_ID_BYTES = 144


class OpenedBundle:
    """An authenticated bundle. Use as a context manager; see bundle.py."""

    def __init__(self, f: BinaryIO, head: Unwrapped, manifest: Manifest, signer: PublicKeys,
                 payload_len: int, limits: Limits) -> None:
        self._f = f
        self.manifest = manifest
        self.signer = signer
        self.format = head.version
        self._limits = limits
        f.seek(head.body_offset)
        self._reader = _PayloadReader(decrypt_chunks(head.key, f), payload_len)
        self.index = self._read_index()
        self._state = "index"

    def header_sha256(self) -> str:
        """SHA-256 of the authenticated file's first bytes (unique per bundle).

        Read from the file already open, so it is the header that was checked,
        whatever has happened to the path since.
        """
        position = self._f.tell()
        try:
            self._f.seek(0)
            head = self._f.read(HEAD_ID_BYTES)
        finally:
            self._f.seek(position)
        return hashlib.sha256(head).hexdigest()

    def _read_index(self) -> list[dict[str, Any]]:
        length = self._reader.section(SECTION_INDEX)
        # Bounded by the signed count before anything is read: an entry is a
        # few hundred bytes, and the parse stops past one object per entry.
        if length > min(MAX_INDEX_BYTES, 64 + self.manifest.attachments * MAX_INDEX_ENTRY_BYTES):
            raise BundleTooLarge("The bundle's attachment list is too large. It was not imported.")
        try:
            index = bounded_json(self._reader.read(length).decode("utf-8"),
                                 self.manifest.attachments + 1)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _damaged("its attachment list is not readable") from None
        if not isinstance(index, list) or len(index) != self.manifest.attachments:
            raise _damaged("its attachment list does not match the manifest")
        names: set[str] = set()
        total = 0
        for meta in index:
            if not isinstance(meta, dict) or set(meta) != {"name", "mime", "size", "ref"}:
                raise _damaged("an attachment entry is malformed")
            why = check_attachment_name(meta["name"])
            if why:
                raise BundleDamaged(
                    f"The bundle holds an attachment with an unsafe name ({why}): "
                    f"{str(meta['name'])[:80]!r}. It was not imported."
                )
            size = meta["size"]
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                raise _damaged("an attachment size is malformed")
            if not isinstance(meta["mime"], str) or not isinstance(meta["ref"], str):
                raise _damaged("an attachment entry is malformed")
            if size > self._limits.max_attachment_bytes:
                raise BundleTooLarge(
                    f"The attachment {meta['name']!r} is larger than the limit. "
                    "The bundle was not imported."
                )
            if meta["name"] in names:
                raise _damaged("two attachments have the same name")
            names.add(meta["name"])
            total += size
        if total != self.manifest.attachment_bytes:
            raise _damaged("its attachment sizes do not match the manifest")
        return index

    def records(self) -> Iterator[dict[str, Any]]:
        """The records in order, each a JSON object; call once, before attachments()."""
        if self._state != "index":
            raise RuntimeError("records() can be read once, before attachments()")
        self._state = "records"
        reader, m, limits = self._reader, self.manifest, self._limits
        remaining = reader.section(SECTION_RECORDS)
        rhash = hashlib.sha256()
        inflate = zlib.decompressobj()
        out_total = count = 0
        buf = bytearray()
        while remaining:
            data = reader.read(min(_PIECE, remaining))
            remaining -= len(data)
            rhash.update(data)
            while data:
                if inflate.eof:
                    raise _damaged("its records have bytes after their end")
                try:
                    out = inflate.decompress(data, _PIECE)
                except zlib.error:
                    raise _damaged("its records do not decompress") from None
                out_total += len(out)
                if out_total > m.records_bytes:
                    raise BundleTooLarge(
                        "The bundle's records decompress to more than they declare. "
                        "It was not imported."
                    )
                buf += out
                data = inflate.unconsumed_tail
                start = 0
                while (end := buf.find(b"\n", start)) >= 0:
                    # A whole record can arrive in one piece: check each, not only the rest.
                    if end - start > limits.max_record_line:
                        raise BundleTooLarge("A record in the bundle is larger than the limit.")
                    count += 1
                    if count > m.records:
                        raise _damaged("it holds more records than its manifest declares")
                    yield _parse_record(bytes(buf[start:end]))
                    start = end + 1
                del buf[:start]
                if len(buf) > limits.max_record_line:
                    raise BundleTooLarge("A record in the bundle is larger than the limit.")
        if not inflate.eof or inflate.unused_data or buf:
            raise _damaged("its records end in the middle")
        if count != m.records or out_total != m.records_bytes:
            raise _damaged("its records do not match the manifest")
        if rhash.hexdigest() != m.records_sha256:
            raise _damaged("its records changed while it was being read")
        self._state = "records done"

    def attachments(self) -> Iterator[ReceivedAttachment]:
        """The attachments in order, streamed; the payload hash is re-checked at the end."""
        if self._state == "index":
            for _ in self.records():
                pass
        if self._state != "records done":
            raise RuntimeError("attachments() comes after records() was read to its end")
        self._state = "attachments"
        for meta in self.index:
            if self._reader.section(SECTION_ATTACHMENT) != meta["size"]:
                raise _damaged("an attachment's size does not match its entry")
            att = ReceivedAttachment(meta["name"], meta["mime"], meta["size"], meta["ref"],
                                     self._reader, meta["size"])
            yield att
            att._drain()
        if self._reader.remaining:
            raise _damaged("it has data after its last attachment")
        if self._reader.hash.hexdigest() != self.manifest.payload_sha256:
            raise _damaged("it changed while it was being read")
        self._state = "done"

    def close(self) -> None:
        """Close the file."""
        self._f.close()

    def __enter__(self) -> OpenedBundle:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


# One decoder for every record: json.loads with an option builds one a call.
_DECODER = json.JSONDecoder(parse_constant=reject_json_constant)


def _parse_record(line: bytes) -> dict[str, Any]:
    # JSON makes no reference cycles, so the cyclic collector has nothing to
    # find in a record; left on, it re-walks every container while a large
    # one is built (a 4 MiB record of "[[],[],...]" parses 5x slower).
    collecting = gc.isenabled()
    gc.disable()
    try:
        value = _DECODER.decode(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged("a record is not readable") from None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(value, dict):
        raise _damaged("a record is not a JSON object")
    if b"\\ud" in line or b"\\uD" in line:
        _require_unicode(value)
    return value


def _require_unicode(record: dict[str, Any]) -> None:
    """Refuse a record holding half of a surrogate pair: JSON may escape one
    ("\\ud800"), but no UTF-8 text holds it, so the vault could not store it.
    Only records with such an escape are walked (an emoji written escaped is a
    whole pair, and passes)."""
    try:
        _UNICODE_CHECK(record).encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        raise _damaged("a record holds text that is not valid Unicode") from None


_UNICODE_CHECK = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _authenticate(
    f: BinaryIO, head: Unwrapped, total_size: int,
    progress: Callable[[int, int], None] | None, cancel: Callable[[], bool] | None,
) -> tuple[int, str, bytes]:
    """Pass 1: (payload length, payload SHA-256 hex, trailer bytes)."""
    payload_hash = hashlib.sha256()
    keep = MAX_MANIFEST_BYTES + TRAILER_FIXED
    tail = bytearray()
    plain_total = 0
    key = head.key
    done = head.body_offset

    def on_chunk(n: int) -> None:
        nonlocal done
        done += n
        if cancel is not None and cancel():
            raise BundleCancelled("The import was cancelled; nothing was imported.")
        if progress is not None:
            progress(done, total_size)

    for plain in decrypt_chunks(key, f, on_chunk=on_chunk):
        tail += plain
        plain_total += len(plain)
        if len(tail) > keep:
            cut = len(tail) - keep
            payload_hash.update(memoryview(tail)[:cut])
            del tail[:cut]
    if len(tail) < TRAILER_FIXED:
        raise _damaged("it is too short to hold a signature")
    (mlen,) = struct.unpack(">I", tail[-4:])
    tlen = mlen + TRAILER_FIXED
    if mlen > MAX_MANIFEST_BYTES or tlen > len(tail):
        raise _damaged("its signed manifest is malformed")
    payload_hash.update(memoryview(tail)[: len(tail) - tlen])
    return plain_total - tlen, payload_hash.hexdigest(), bytes(tail[len(tail) - tlen :])


def open_bundle(
    path: Path,
    *,
    recipient: DeviceKeys,
    known_signers: Mapping[str, PublicKeys],
    limits: Limits | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> OpenedBundle:
    """Authenticate the bundle at ``path`` fully and return it opened.

    ``known_signers`` maps key ids (hex, ``PublicKeys.key_id``) to the
    researchers' public keys (the roster). ``progress(done, total)`` is in
    bytes of the file during authentication.
    """
    limits = limits or Limits()
    try:
        f = open(path, "rb")  # noqa: SIM115 - handed to OpenedBundle
    except FileNotFoundError:
        raise BadInput(f"There is no bundle at {path}.") from None
    except IsADirectoryError:
        raise BadInput(f"{path} is a folder, not a bundle.") from None
    except OSError as exc:  # not a security refusal: nothing was read
        raise BadInput(f"The bundle {path} cannot be read: {exc.strerror}.") from None
    try:
        size = Path(path).stat().st_size
        head = unwrap_any(f, recipient)
        payload_len, payload_hex, trailer = _authenticate(f, head, size, progress, cancel)
        manifest, signer = _verify_trailer(trailer, recipient, known_signers, head)
        if manifest.payload_sha256 != payload_hex:
            raise _damaged("its contents do not match its signed manifest")
        _check_limits(manifest, limits)
        return OpenedBundle(f, head, manifest, signer, payload_len, limits)
    except BaseException:
        f.close()
        raise


def _verify_trailer(
    trailer: bytes, recipient: DeviceKeys, known_signers: Mapping[str, PublicKeys],
    head: Unwrapped,
) -> tuple[Manifest, PublicKeys]:
    mlen = len(trailer) - TRAILER_FIXED
    raw, kid, sig = trailer[:mlen], trailer[mlen : mlen + 32], trailer[mlen + 32 : mlen + 96]
    signer = known_signers.get(kid.hex())
    if signer is None or signer.key_id_bytes != kid:
        raise UnknownSigner(
            "This bundle is signed by a researcher who is not on your team roster "
            f"(fingerprint {fingerprint_of_key_id(kid.hex())}). Add their key with "
            "'team add-researcher' after checking the fingerprint, then import again."
        )
    if not signer.verify(sig, head.signed_message(kid, raw)):
        raise BadSignature(
            "The bundle's signature does not verify: it was altered or not made by the "
            "researcher it claims. It was not imported."
        )
    manifest = Manifest.from_json(raw)
    if manifest.researcher != kid.hex():
        raise BadSignature(
            "The bundle's manifest names another researcher than the key that signed it. "
            "It was not imported."
        )
    if manifest.format != head.version:
        raise _damaged("its manifest and its header disagree on the format")
    if head.version == 1 and manifest.recipient != recipient.public.key_id:
        raise NotForThisVault(
            "This bundle was made for another team lead and passed on. It was not imported."
        )
    if head.version != 1 and (manifest.recipients != head.recipients
                              or manifest.recipient != head.recipients[0]
                              or manifest.header_sha256 != head.header_sha256):
        raise _damaged("its recipients were altered after it was signed")
    return manifest, signer


def _check_limits(m: Manifest, limits: Limits) -> None:
    if (
        m.records > limits.max_records
        or m.records_bytes > limits.max_records_bytes
        or m.attachments > limits.max_attachments
        or m.attachment_bytes > limits.max_total_attachment_bytes
    ):
        raise BundleTooLarge(
            "The bundle is larger than this program accepts (records or attachments "
            "over the limit). It was not imported."
        )
