"""A light hypothesis fuzz of the bundle reader (10 000 cases: bench/bench_bundle_fuzz.py).

Whatever the bytes, the reader ends in success or in one of our BundleError
types — never another exception — and only an unchanged file succeeds.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import shutil
import tempfile
import zlib
from pathlib import Path

import pytest
from bundlekit import (
    LEAD,
    RESEARCHER,
    apply_mutation,
    build_plaintext,
    consume,
    sample_records,
    seal_plaintext,
    sign_payload,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testimonio.errors import BundleError
from testimonio.exchange.bundle import AttachmentSource, write_bundle
from testimonio.exchange.bundle_io import TRAILER_FIXED

_DIR = Path(tempfile.mkdtemp(prefix="bundle-fuzz-"))
atexit.register(shutil.rmtree, _DIR, True)
_VALID = _DIR / "valid.tmb"
write_bundle(_VALID, sender=RESEARCHER, recipient=LEAD.public, sequence=1,
             records=sample_records(30),
             attachments=[AttachmentSource("a.bin", "x/y", 70_000, bytes(range(256)) * 273 + b"!" * 112)])
VALID = _VALID.read_bytes()
EXPECTED = consume(_VALID)

mutations = st.lists(
    st.tuples(st.sampled_from(["flip", "truncate", "insert", "delete", "overwrite"]),
              st.integers(0, len(VALID)), st.integers(0, 255), st.binary(min_size=1, max_size=40)),
    min_size=1, max_size=3,
)


def check(data: bytes, original: bytes, expected: tuple[int, int]) -> None:
    with tempfile.NamedTemporaryFile(dir=_DIR, suffix=".tmb", delete=False) as f:
        f.write(data)
    path = Path(f.name)
    try:
        result = consume(path)
    except BundleError:
        return
    finally:
        path.unlink()
    assert data == original and result == expected


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_mutated_files_are_refused_with_our_errors(ops: list[tuple[str, int, int, bytes]]) -> None:
    data = VALID
    for op in ops:
        data = apply_mutation(data, *op)
    check(data, VALID, EXPECTED)


# Payload-level: mutate the decrypted payload, then re-sign and re-encrypt it, so the
# parser behind the signature check sees hostile bytes too (a malicious roster member).
_BODY = build_plaintext(index=[{"name": "n.txt", "mime": "t/p", "size": 5, "ref": "r"}],
                        attachment_data=[b"hello"])
_MLEN = int.from_bytes(_BODY[-4:], "big")
PAYLOAD = _BODY[: len(_BODY) - _MLEN - TRAILER_FIXED]
_LINES = b"".join(
    (json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
     + "\n").encode() for r in sample_records())
_COUNTS = dict(records=20, records_bytes=len(_LINES),
               records_sha256=hashlib.sha256(zlib.compress(_LINES)).hexdigest(),
               attachments=1, attachment_bytes=5)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations)
def test_signed_hostile_payloads_end_in_our_errors(ops: list[tuple[str, int, int, bytes]]) -> None:
    payload = PAYLOAD
    for op in ops:
        payload = apply_mutation(payload, *op)
    body = sign_payload(payload, **_COUNTS)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(dir=_DIR) as d:
        path = seal_plaintext(Path(d) / "b.tmb", body)
        try:
            result = consume(path)
        except BundleError:
            return
    # A re-signed payload may legitimately differ (an attachment's type or bytes), but
    # never in its records (their hash is fixed in the manifest) or in its counts.
    assert result == (20, 5)
