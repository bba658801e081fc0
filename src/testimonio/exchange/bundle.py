"""Bundles: seal pseudonymised records and attachments for the team lead.

Format v2 (bundle_v2.py) when the lead and every backup recipient have a
hybrid key (``PublicKeys.kem``); v1 (lead only, X25519) otherwise, so a team
in transition keeps working. ``also`` names the backup recipients.

Byte layout: docs/bundle-format.md. API (the exchange services code against it)::

    manifest = write_bundle(
        out_path, sender=device_keys, recipient=lead_public_keys, sequence=7,
        records=[{...}, ...],                        # JSON objects, a Collection
                                                     # (or EncodedRecords, encoded beforehand)
        attachments=[AttachmentSource(name, mime, size, data_or_opener, ref)],
        extra={"study": "..."},                      # signed, free JSON object
        progress=lambda done, total: ..., cancel=lambda: False,
    )
    # temp file beside out_path, fsync, rename; on error/cancel nothing is left.

    with open_bundle(path, recipient=lead_keys, known_signers={kid: PublicKeys}) as b:
        b.manifest, b.signer                         # authenticated before return
        for record in b.records(): ...              # dicts, in order
        for att in b.attachments():                  # after records
            for piece in att.chunks(): ...          # streamed, <= 1 MiB each

``open_bundle`` decrypts the whole file once (every chunk authenticated, the
signature and the payload hash checked, declared sizes checked against
``Limits``) before it returns; nothing is parsed before that except the
fixed-size trailer. Records and attachments are then read in a second pass,
chunk by chunk, re-authenticated; the second pass re-checks the records hash
at the end of ``records()`` and the payload hash at the end of
``attachments()`` and raises :class:`BundleDamaged` if the file changed in
between. Callers import inside one transaction and commit only after both
iterators finished without error.

Errors: NotForThisVault, UnknownSigner, BadSignature, BundleDamaged (and
:class:`BundleTooLarge`, a BundleDamaged) — all exit 3; ``BadInput`` for
what the writer is given; :class:`BundleCancelled` when ``cancel()`` says so.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from testimonio.atomic import atomic_file
from testimonio.errors import BadInput
from testimonio.exchange import bundle_v2
from testimonio.exchange.bundle_io import (
    SECTION_ATTACHMENT,
    SECTION_INDEX,
    SECTION_RECORDS,
    SIG_DOMAIN,
    check_attachment_name,
    iter_file,
    pack_trailer,
    seal_stream,
    section_head,
)
from testimonio.exchange.bundle_reader import (
    BundleCancelled,
    BundleTooLarge,
    OpenedBundle,
    ReceivedAttachment,
    open_bundle,
)
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.manifest import (
    FORMAT_V2,
    FORMAT_VERSION,
    MAX_MANIFEST_BYTES,
    Limits,
    Manifest,
)

__all__ = [
    "AttachmentSource", "BundleCancelled", "BundleTooLarge", "Limits", "Manifest",
    "OpenedBundle", "ReceivedAttachment", "open_bundle", "write_bundle", "encode_records",
    "EncodedRecords", "RecordEncoder", "record_line",
]

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]
_PIECE = 1024 * 1024
_CANCEL_EVERY = 256


@dataclass(frozen=True)
class AttachmentSource:
    """An opted-in attachment to put in a bundle.

    ``data`` is the bytes, or a callable opening a binary stream that yields
    exactly ``size`` bytes (so 1 GB never sits in memory). ``ref`` links it
    to a record (for example ``"<export id>/<answer path>"``).
    """

    name: str
    mime: str
    size: int
    data: bytes | Callable[[], BinaryIO]
    ref: str = ""

    def meta(self) -> dict[str, Any]:
        return {"name": self.name, "mime": self.mime, "size": self.size, "ref": self.ref}


_RECORDS_LEVEL = 1


# How a record is written (json.dumps with these options builds an encoder per call).
_RECORD_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                                allow_nan=False).encode


def record_line(record: Mapping[str, Any]) -> bytes:
    """One record as a bundle's line holds it (UTF-8 JSON, keys sorted, ending in a newline);
    :class:`BadInput` if it cannot be written as JSON."""
    if not isinstance(record, Mapping):
        raise BadInput("Every exported record must be a JSON object.")
    try:
        return (_RECORD_JSON(record) + "\n").encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise BadInput(f"A record cannot be written as JSON: {exc}") from None


class RecordEncoder:
    """Records as a bundle holds them (zlib-compressed JSON lines), added one at a time.

    Each record is checked as it is added (a JSON object, at most the
    reader's line limit), so an export can encode while it plans and keep
    only the compressed lines, not the records.
    """

    def __init__(self) -> None:
        # Level 1: records of 10 000 border interviews deflate in 0.09 s instead of
        # 0.23 s at level 6, into a stream about 1.7x larger (attachments weigh more).
        self._comp = zlib.compressobj(_RECORDS_LEVEL)
        # The stream in pieces of about _PIECE bytes, each made once at its size:
        # one buffer grown as records came left the system's allocator holding the
        # smaller buffers it had outgrown (about 5 MB more at 50 000 interviews
        # than at 10 000), and a join at the end held the stream twice for a moment.
        self._pieces: list[bytes] = []
        self._open: list[bytes] = []  # compressed output not yet in a piece
        self._open_size = 0
        self._size = 0
        self._count = 0
        self._max_line = Limits().max_record_line

    def add(self, record: Mapping[str, Any]) -> None:
        """Encode one record; :class:`BadInput` if it cannot leave."""
        self.add_line(record_line(record))

    def add_line(self, line: bytes) -> None:
        """Add one record already encoded by :func:`record_line` (kept since it was worked out)."""
        if not line.endswith(b"\n") or line.count(b"\n") != 1:
            raise BadInput("A record kept for export is not one line of JSON.")
        if len(line) > self._max_line:
            # The lead's reader refuses it: say so here, before anything leaves.
            raise BadInput("An interview is too large to export (over "
                           f"{self._max_line // (1024 * 1024)} MiB of answers).")
        self._size += len(line)
        self._count += 1
        self._keep(self._comp.compress(line))

    def _keep(self, data: bytes) -> None:
        if data:
            self._open.append(data)
            self._open_size += len(data)
            if self._open_size >= _PIECE:
                self._cut()

    def _cut(self) -> None:
        if self._open:
            self._pieces.append(b"".join(self._open))
            self._open.clear()
            self._open_size = 0

    def finish(self) -> EncodedRecords:
        """The encoded records; the encoder is spent."""
        self._keep(self._comp.flush())
        self._cut()
        pieces, self._pieces = tuple(self._pieces), []
        return EncodedRecords(pieces, self._size, self._count)


@dataclass(frozen=True)
class EncodedRecords:
    """Records already encoded by :class:`RecordEncoder`: ``write_bundle`` takes them as they are.

    ``pieces`` are the compressed stream in order. Iterating decodes the
    records again, one at a time, in order.
    """

    pieces: tuple[bytes, ...]
    size: int  # uncompressed bytes
    count: int

    @property
    def blob(self) -> bytes:
        """The whole compressed stream in one object (a copy of the pieces)."""
        return b"".join(self.pieces)

    @property
    def nbytes(self) -> int:
        """Bytes of the compressed stream."""
        return sum(len(p) for p in self.pieces)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        inflate = zlib.decompressobj()
        rest = b""
        for piece in self.pieces:
            for start in range(0, len(piece), _PIECE):
                rest += inflate.decompress(piece[start:start + _PIECE])
                *lines, rest = rest.split(b"\n")
                yield from (json.loads(line) for line in lines)
        rest += inflate.flush()
        yield from (json.loads(line) for line in rest.split(b"\n") if line)

    def __contains__(self, item: object) -> bool:
        return any(item == r for r in self)


def encode_records(records: Collection[Mapping[str, Any]]) -> tuple[bytes, int]:
    """zlib-compressed JSON lines (sorted keys, UTF-8) and their uncompressed size."""
    encoded = _encoded(records)
    return encoded.blob, encoded.size


def _encoded(records: Collection[Mapping[str, Any]]) -> EncodedRecords:
    if isinstance(records, EncodedRecords):
        return records
    encoder = RecordEncoder()
    for record in records:
        encoder.add(record)
    return encoder.finish()


def _check_attachments(attachments: Sequence[AttachmentSource]) -> None:
    seen: set[str] = set()
    for att in attachments:
        why = check_attachment_name(att.name)
        if why:
            raise BadInput(f"The attachment name {att.name!r} cannot be exported: {why}.")
        if att.name in seen:
            raise BadInput(f"Two attachments are named {att.name!r}.")
        seen.add(att.name)
        if not isinstance(att.size, int) or att.size < 0:
            raise BadInput(f"The attachment {att.name!r} has no valid size.")
        if len(att.mime) > 200 or len(att.ref) > 1000:
            raise BadInput(f"The attachment {att.name!r} has too long a type or reference.")


def write_bundle(
    out_path: Path,
    *,
    sender: DeviceKeys,
    recipient: PublicKeys,
    sequence: int,
    records: Collection[Mapping[str, Any]],
    attachments: Sequence[AttachmentSource] = (),
    extra: Mapping[str, Any] | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    also: Sequence[PublicKeys] = (),
) -> Manifest:
    """Seal a bundle at ``out_path`` atomically and return its manifest.

    Progress counts one unit per record plus one per attachment byte.
    ``also``: backup recipients (format v2 only; see the module docstring).
    """
    if sequence < 0:
        raise BadInput("The bundle sequence number cannot be negative.")
    _check_attachments(attachments)
    total = len(records) + sum(a.size for a in attachments)
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if cancel is not None and cancel():
            raise BundleCancelled("The export was cancelled; nothing was written.")
        if progress is not None:
            progress(done, total)

    with atomic_file(Path(out_path), buffering=_PIECE) as out:
        manifest = _write_body(
            out, sender, [recipient, *also], sequence, records, attachments, extra or {},
            step,
        )
    return manifest


def _write_body(
    out: BinaryIO,
    sender: DeviceKeys,
    recipients: Sequence[PublicKeys],
    sequence: int,
    records: Collection[Mapping[str, Any]],
    attachments: Sequence[AttachmentSource],
    extra: Mapping[str, Any],
    step: Callable[[int], None],
) -> Manifest:
    step(0)
    encoded = _encoded(records)
    records_bytes = encoded.size
    step(len(records))
    recipient = recipients[0]
    v2 = bundle_v2.usable(recipients)
    if v2:
        writer, head = bundle_v2.seal_stream(out, recipients)
    else:
        writer, head = seal_stream(out, recipient), b""
    payload_hash = hashlib.sha256()

    def emit(data: bytes) -> None:
        payload_hash.update(data)
        writer.write(data)

    index = json.dumps([a.meta() for a in attachments], sort_keys=True,
                       separators=(",", ":")).encode("utf-8")
    emit(section_head(SECTION_INDEX, len(index)) + index)
    emit(section_head(SECTION_RECORDS, encoded.nbytes))
    records_hash = hashlib.sha256()
    for piece in encoded.pieces:
        records_hash.update(piece)
        for i in range(0, len(piece), _PIECE):
            emit(piece[i : i + _PIECE])
    for att in attachments:
        emit(section_head(SECTION_ATTACHMENT, att.size))
        stream: BinaryIO = io.BytesIO(att.data) if isinstance(att.data, bytes) else att.data()
        written = 0
        with stream:
            for piece in iter_file(stream, att.size, _PIECE):
                emit(piece)
                written += len(piece)
                step(len(piece))
            if written != att.size or stream.read(1):
                raise BadInput(f"The attachment {att.name!r} changed size while it was exported.")
        if not att.size:
            step(0)
    manifest = Manifest(
        bundle_id=secrets.token_hex(16),
        researcher=sender.public.key_id,
        sequence=sequence,
        recipient=recipient.key_id,
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        payload_sha256=payload_hash.hexdigest(),
        records_sha256=records_hash.hexdigest(),
        records=encoded.count,
        records_bytes=records_bytes,
        attachments=len(attachments),
        attachment_bytes=sum(a.size for a in attachments),
        extra=dict(extra),
        format=FORMAT_V2 if v2 else FORMAT_VERSION,
        recipients=tuple(r.key_id for r in recipients) if v2 else (),
        header_sha256=hashlib.sha256(head).hexdigest() if v2 else "",
    )
    try:
        raw = manifest.to_json()
    except (TypeError, ValueError) as exc:
        raise BadInput(f"The bundle's extra information cannot be written as JSON: {exc}") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise BadInput("The bundle's extra information is too large.")
    writer.write(pack_trailer(raw, sender, bundle_v2.SIG_DOMAIN if v2 else SIG_DOMAIN))
    writer.finish()
    return manifest

