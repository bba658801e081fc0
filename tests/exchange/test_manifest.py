"""Manifest.from_json: every field checked, each refusal naming what is off."""

from __future__ import annotations

import json
from typing import Any

import pytest

from testimonio.errors import BundleDamaged
from testimonio.exchange.manifest import FORMAT_V2, MAX_SEQUENCE, Manifest

H64 = "ab" * 32


def _manifest(**changes: Any) -> dict[str, Any]:
    data = json.loads(Manifest(
        bundle_id="cd" * 16, researcher=H64, sequence=3, recipient="ef" * 32, created="2024-05-01T10:00:00Z",
        payload_sha256=H64, records_sha256=H64, records=2, records_bytes=10, attachments=0, attachment_bytes=0,
    ).to_json())
    data.update(changes)
    return data


def _v2(**changes: Any) -> dict[str, Any]:
    return _manifest(**{"format": FORMAT_V2, "recipients": [H64], "header_sha256": H64, **changes})


def _raw(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode()


def test_both_formats_read_back() -> None:
    one = Manifest.from_json(_raw(_manifest()))
    assert one.sequence == 3 and one.recipients == ()
    assert Manifest.from_json(one.to_json()) == one
    two = Manifest.from_json(_raw(_v2()))
    assert two.recipients == (H64,) and two.header_sha256 == H64


@pytest.mark.parametrize(("raw", "says"), [
    (b"\xff", "not readable"),
    (b'{"format": NaN}', "not readable"),
    (b"[1]", "not an object"),
    (_raw(_manifest(format=3)), "another version"),
    (_raw(_manifest(format=True)), "another version"),
    (_raw(_manifest(surprise=1)), "missing or unknown fields"),
    (_raw({k: v for k, v in _manifest().items() if k != "records"}), "missing or unknown fields"),
    (_raw(_manifest(format=FORMAT_V2)), "missing or unknown fields"),
    (_raw(_v2(recipients=[])), "recipients is malformed"),
    (_raw(_v2(recipients=["AB" * 32])), "recipients is malformed"),
    (_raw(_v2(header_sha256=7)), "header_sha256 is malformed"),
    (_raw(_manifest(researcher=5)), "researcher is not text"),
    (_raw(_manifest(records=True)), "records is not a count"),
    (_raw(_manifest(attachment_bytes=2**63)), "attachment_bytes is not a count"),
    (_raw(_manifest(sequence=0)), "between 1 and"),
    (_raw(_manifest(sequence=MAX_SEQUENCE + 1)), "between 1 and"),
    (_raw(_manifest(extra=[])), "extra is not an object"),
    (_raw(_manifest(bundle_id="cd" * 32)), "bundle_id is malformed"),
    (_raw(_manifest(created="2024-05-01T10:00:00Z\n")), "created is malformed"),
    (_raw(_manifest(records_sha256=H64.upper())), "records_sha256 is malformed"),
])
def test_refusals(raw: bytes, says: str) -> None:
    with pytest.raises(BundleDamaged, match=says):
        Manifest.from_json(raw)
