"""The format 2 test vectors of docs/bundle-format.md, checked against the code.

Run ``python tests/exchange/test_bundle_v2_vectors.py`` to print the block.
HPKE encapsulation is randomised, so the vectors give everything around it
(keys, header, ``info``, payload key) and a check that a wrap made with the
documented ``info`` opens with the documented private key.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from testimonio.exchange import bundle_v2, kem
from testimonio.exchange.bundle_io import MAGIC
from testimonio.exchange.keys import DeviceKeys
from testimonio.exchange.stream import CHUNK_SIZE, payload_key

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md"
LEAD = DeviceKeys.from_private_bytes(bytes(range(64, 128)), bytes(range(0x10, 0x70)))
BACKUP = DeviceKeys.from_private_bytes(bytes(range(128, 192)), bytes(range(0x70, 0xD0)))
FILE_KEY = bytes(range(0xA0, 0xC0))
NONCE = bytes(range(0xC0, 0xD0))


def derive() -> dict[str, Any]:
    ids = [LEAD.public.key_id_bytes, BACKUP.public.key_id_bytes]
    fixed = bundle_v2.FIXED.pack(MAGIC, 2, 2, CHUNK_SIZE, NONCE, len(ids))
    assert LEAD.kem is not None and BACKUP.kem is not None
    return {
        "lead_kem_private": LEAD.kem.hex(),
        "lead_kem_public_sha256": hashlib.sha256(kem.public_bytes(LEAD.kem)).hexdigest(),
        "lead_key_id": ids[0].hex(),
        "backup_kem_private": BACKUP.kem.hex(),
        "backup_kem_public_sha256": hashlib.sha256(kem.public_bytes(BACKUP.kem)).hexdigest(),
        "backup_key_id": ids[1].hex(),
        "file_key": FILE_KEY.hex(),
        "nonce": NONCE.hex(),
        "fixed_header": fixed.hex(),
        "hpke_info": bundle_v2.wrap_info(fixed, ids).hex(),
        "payload_key": payload_key(FILE_KEY, NONCE, bundle_v2.PAYLOAD_INFO).hex(),
    }


def doc_vectors() -> dict[str, Any]:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"<!-- v2-vectors:begin -->\n```json\n(.*?)\n```\n<!-- v2-vectors:end -->",
                      text, re.S)
    assert found, "the v2 vector block is missing from docs/bundle-format.md"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_documented_v2_vectors_match_the_code() -> None:
    assert doc_vectors() == derive()


def test_a_wrap_with_the_documented_info_opens_with_each_documented_key() -> None:
    v = doc_vectors()
    info = bytes.fromhex(v["hpke_info"])
    for name in ("lead", "backup"):
        private = bytes.fromhex(v[f"{name}_kem_private"])
        wrapped = kem.SUITE.encrypt(bytes.fromhex(v["file_key"]),
                                    kem.public_key(kem.public_bytes(private)), info=info)
        assert len(wrapped) == kem.WRAPPED_BYTES
        assert kem.SUITE.decrypt(wrapped, kem.private_key(private), info=info).hex() == v["file_key"]


if __name__ == "__main__":
    sys.stdout.write("<!-- v2-vectors:begin -->\n```json\n" + json.dumps(derive(), indent=1)
                     + "\n```\n<!-- v2-vectors:end -->\n")
