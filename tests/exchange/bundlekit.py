"""Helpers for the bundle tests: build bundles piece by piece (real crypto).

Used to craft bundles a honest writer never makes (bad names, lying
manifests, broken signatures) so the reader's refusals can be tested.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from testimonio.exchange import keys
from testimonio.exchange.bundle_io import (
    SECTION_ATTACHMENT,
    SECTION_INDEX,
    SECTION_RECORDS,
    pack_trailer,
    seal_stream,
    section_head,
)
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.manifest import Manifest

# Fixed keys so failures are reproducible (seeds are public test data).
RESEARCHER = keys.DeviceKeys.from_private_bytes(bytes(range(64)))
LEAD = keys.DeviceKeys.from_private_bytes(bytes(range(64, 128)))
OTHER = keys.DeviceKeys.from_private_bytes(bytes(range(128, 192)))
ROSTER = {RESEARCHER.public.key_id: RESEARCHER.public}


def sample_records(n: int = 20) -> list[dict[str, Any]]:
    return [
        {"export_id": f"e{i:05d}", "form": "f", "version": "1",
         "answers": {"age_band": "30-39", "site": "Tumbes", "note": "ñandú " * (i % 5)}}
        for i in range(n)
    ]


def build_plaintext(
    *,
    sender: DeviceKeys = RESEARCHER,
    recipient: PublicKeys | None = None,
    records_blob: bytes | None = None,
    records: list[dict[str, Any]] | None = None,
    index: list[dict[str, Any]] | None = None,
    attachment_data: list[bytes] | None = None,
    manifest_changes: dict[str, Any] | None = None,
    signer: DeviceKeys | None = None,
) -> bytes:
    """A bundle body (plaintext) whose manifest matches its payload unless told otherwise."""
    recipient = recipient or LEAD.public
    records = sample_records() if records is None else records
    lines = b"".join(
        (json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()
        for r in records
    )
    blob = zlib.compress(lines) if records_blob is None else records_blob
    datas = attachment_data or []
    index = index if index is not None else []
    idx = json.dumps(index, separators=(",", ":")).encode()
    payload = section_head(SECTION_INDEX, len(idx)) + idx
    payload += section_head(SECTION_RECORDS, len(blob)) + blob
    for data in datas:
        payload += section_head(SECTION_ATTACHMENT, len(data)) + data
    manifest = Manifest(
        bundle_id="0" * 32, researcher=sender.public.key_id, sequence=1,
        recipient=recipient.key_id, created="2026-01-01T00:00:00Z",
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        records_sha256=hashlib.sha256(blob).hexdigest(), records=len(records),
        records_bytes=len(lines), attachments=len(index),
        attachment_bytes=sum(int(m.get("size", 0)) for m in index),
    )
    if manifest_changes:
        manifest = replace(manifest, **manifest_changes)
    return payload + pack_trailer(manifest.to_json(), signer or sender)


def seal_plaintext(path: Path, plaintext: bytes, recipient: PublicKeys | None = None) -> Path:
    """Encrypt a body to ``recipient`` as a bundle file (fresh file key)."""
    with open(path, "wb") as f:
        w = seal_stream(f, recipient or LEAD.public)
        w.write(plaintext)
        w.finish()
    return path


def sign_payload(payload: bytes, *, records: int, records_bytes: int, records_sha256: str,
                 attachments: int, attachment_bytes: int) -> bytes:
    """A body with ``payload`` as is and a correctly signed manifest over its hash."""
    manifest = Manifest(
        bundle_id="1" * 32, researcher=RESEARCHER.public.key_id, sequence=2,
        recipient=LEAD.public.key_id, created="2026-01-01T00:00:00Z",
        payload_sha256=hashlib.sha256(payload).hexdigest(), records_sha256=records_sha256,
        records=records, records_bytes=records_bytes, attachments=attachments,
        attachment_bytes=attachment_bytes,
    )
    return payload + pack_trailer(manifest.to_json(), RESEARCHER)


def consume(path: Path) -> tuple[int, int]:
    """Open and read a bundle to its end as an importer would: (records, attachment bytes)."""
    from testimonio.exchange.bundle import open_bundle

    n = size = 0
    with open_bundle(path, recipient=LEAD, known_signers=ROSTER) as b:
        for _ in b.records():
            n += 1
        for a in b.attachments():
            for piece in a.chunks():
                size += len(piece)
    return n, size


def apply_mutation(data: bytes, op: str, pos: int, arg: int, blob: bytes) -> bytes:
    """One byte-level mutation used by the fuzzers."""
    pos = pos % (len(data) + 1)
    if op == "flip":
        if pos == len(data):
            return data
        return data[:pos] + bytes([data[pos] ^ (1 + arg % 255)]) + data[pos + 1 :]
    if op == "truncate":
        return data[:pos]
    if op == "insert":
        return data[:pos] + blob + data[pos:]
    if op == "delete":
        return data[:pos] + data[pos + 1 + arg % 64 :]
    if op == "overwrite":
        return data[:pos] + blob + data[pos + len(blob) :]
    raise ValueError(op)
