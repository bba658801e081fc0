"""The test vectors of docs/bundle-format.md, checked against the code.

Run ``python tests/exchange/test_bundle_vectors.py`` to print a fresh vector
block (the HPKE wrap is randomised, so the bundle bytes change each time;
every other value is deterministic and re-derived here).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any

from testimonio.exchange.bundle import open_bundle
from testimonio.exchange.bundle_io import (
    SECTION_INDEX,
    SECTION_RECORDS,
    SUITE,
    Header,
    pack_trailer,
    section_head,
    signed_message,
    wrap_info,
)
from testimonio.exchange.keys import DeviceKeys
from testimonio.exchange.manifest import Manifest
from testimonio.exchange.stream import StreamWriter, payload_key

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md"
RESEARCHER_PRIVATE = bytes(range(64))
LEAD_PRIVATE = bytes(range(64, 128))
FILE_KEY = bytes(range(0xA0, 0xC0))
NONCE = bytes(range(0xC0, 0xD0))
RECORDS = [{"answers": {"age": "30-39", "site": "Tumbes"}, "export_id": "x1"}]
TWO_CHUNKS = b"A" * (65536 + 10)


def stream(key: bytes, plain: bytes) -> bytes:
    out = io.BytesIO()
    w = StreamWriter(key, out)
    w.write(plain)
    w.finish()
    return out.getvalue()


def derive(records_zlib: bytes) -> dict[str, Any]:
    """Every deterministic value, from the fixed inputs and a given zlib blob."""
    r = DeviceKeys.from_private_bytes(RESEARCHER_PRIVATE)
    lead = DeviceKeys.from_private_bytes(LEAD_PRIVATE)
    lines = b"".join((json.dumps(x, sort_keys=True, separators=(",", ":")) + "\n").encode()
                     for x in RECORDS)
    pkey = payload_key(FILE_KEY, NONCE)
    header = Header(recipient=lead.public.key_id_bytes, nonce=NONCE).pack()
    payload = section_head(SECTION_INDEX, 2) + b"[]"
    payload += section_head(SECTION_RECORDS, len(records_zlib)) + records_zlib
    manifest = Manifest(
        bundle_id="00112233445566778899aabbccddeeff", researcher=r.public.key_id, sequence=1,
        recipient=lead.public.key_id, created="2026-03-01T12:00:00Z",
        payload_sha256=hashlib.sha256(payload).hexdigest(),
        records_sha256=hashlib.sha256(records_zlib).hexdigest(), records=len(RECORDS),
        records_bytes=len(lines), attachments=0, attachment_bytes=0, extra={"study": "demo"},
    ).to_json()
    trailer = pack_trailer(manifest, r)
    sealed2 = stream(pkey, TWO_CHUNKS)
    return {
        "researcher_private": RESEARCHER_PRIVATE.hex(),
        "researcher_signing_public": r.public.signing.hex(),
        "researcher_encryption_public": r.public.encryption.hex(),
        "researcher_key_id": r.public.key_id,
        "researcher_fingerprint": r.public.fingerprint,
        "lead_private": LEAD_PRIVATE.hex(),
        "lead_signing_public": lead.public.signing.hex(),
        "lead_encryption_public": lead.public.encryption.hex(),
        "lead_key_id": lead.public.key_id,
        "lead_fingerprint": lead.public.fingerprint,
        "file_key": FILE_KEY.hex(),
        "nonce": NONCE.hex(),
        "payload_key": pkey.hex(),
        "header": header.hex(),
        "hpke_info": wrap_info(header).hex(),
        "stream_testimonio": stream(pkey, b"testimonio").hex(),
        "stream_65546_A_sha256": hashlib.sha256(sealed2).hexdigest(),
        "stream_65546_A_chunk0_tag": sealed2[65536:65552].hex(),
        "stream_65546_A_chunk1": sealed2[65552:].hex(),
        "records_jsonl": lines.decode(),
        "records_zlib": records_zlib.hex(),
        "manifest": manifest.decode(),
        "signed_message_sha256": hashlib.sha256(
            signed_message(r.public.key_id_bytes, manifest)).hexdigest(),
        "signature": trailer[len(manifest) + 32 : len(manifest) + 96].hex(),
        "plaintext": (payload + trailer).hex(),
    }


def doc_vectors() -> dict[str, Any]:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"<!-- vectors:begin -->\s*```json\n(.*?)```\s*<!-- vectors:end -->", text, re.S)
    assert m, "docs/bundle-format.md has no vector block"
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def test_deterministic_vectors_match_the_code() -> None:
    v = doc_vectors()
    expected = derive(bytes.fromhex(v["records_zlib"]))
    for name, value in expected.items():
        assert v[name] == value, name


def test_records_blob_inflates_to_the_json_lines() -> None:
    v = doc_vectors()
    assert zlib.decompress(bytes.fromhex(v["records_zlib"])).decode() == v["records_jsonl"]


def test_bundle_vector_opens_and_is_made_of_the_pieces(tmp_path: Path) -> None:
    v = doc_vectors()
    bundle = bytes.fromhex(v["bundle"])
    lead = DeviceKeys.from_private_bytes(bytes.fromhex(v["lead_private"]))
    assert bundle[:64].hex() == v["header"]
    file_key = SUITE.decrypt(bundle[64:144], lead.encryption, info=bytes.fromhex(v["hpke_info"]))
    assert file_key.hex() == v["file_key"]
    assert bundle[144:] == stream(bytes.fromhex(v["payload_key"]), bytes.fromhex(v["plaintext"]))
    path = tmp_path / "vector.tmb"
    path.write_bytes(bundle)
    r = DeviceKeys.from_private_bytes(bytes.fromhex(v["researcher_private"]))
    with open_bundle(path, recipient=lead, known_signers={r.public.key_id: r.public}) as b:
        assert b.manifest.to_json().decode() == v["manifest"]
        assert list(b.records()) == RECORDS
        assert list(b.attachments()) == []


def make_block() -> str:
    from testimonio.exchange.bundle_io import seal_stream
    from testimonio.exchange.keys import PublicKeys

    lines = b"".join((json.dumps(x, sort_keys=True, separators=(",", ":")) + "\n").encode()
                     for x in RECORDS)
    v = derive(zlib.compress(lines, 6))
    out = io.BytesIO()
    lead_pub = PublicKeys(bytes.fromhex(v["lead_signing_public"]),
                          bytes.fromhex(v["lead_encryption_public"]))
    w = seal_stream(out, lead_pub, file_key=FILE_KEY, nonce=NONCE)
    w.write(bytes.fromhex(v["plaintext"]))
    w.finish()
    v["bundle"] = out.getvalue().hex()
    return json.dumps(v, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    sys.stdout.write(make_block() + "\n")
