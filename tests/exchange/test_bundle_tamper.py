"""Bundles v1 "must survive": every region tampered, truncated, extended, bombs."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest
from bundlekit import LEAD, RESEARCHER, ROSTER, build_plaintext, sample_records, seal_plaintext

from testimonio.errors import BadInput, BadSignature, BundleDamaged, BundleError, NotForThisVault
from testimonio.exchange.bundle import (
    AttachmentSource,
    BundleTooLarge,
    Limits,
    open_bundle,
    write_bundle,
)
from testimonio.exchange.bundle_io import BODY_OFFSET, HEADER_SIZE, plaintext_of
from testimonio.exchange.stream import SEALED_CHUNK

PHOTO = os.urandom(200_000)  # four STREAM chunks with the records and trailer


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    out = tmp_path / "b.tmb"
    write_bundle(out, sender=RESEARCHER, recipient=LEAD.public, sequence=1,
                 records=sample_records(), attachments=[
                     AttachmentSource("p.jpg", "image/jpeg", len(PHOTO), PHOTO)])
    return out


def read_all(path: Path, limits: Limits | None = None) -> None:
    with open_bundle(path, recipient=LEAD, known_signers=ROSTER, limits=limits) as b:
        list(b.records())
        for a in b.attachments():
            a.read_all()


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def chunk_count(path: Path) -> int:
    return -(-(path.stat().st_size - BODY_OFFSET) // SEALED_CHUNK)


def test_fixture_bundle_is_valid_and_has_several_chunks(bundle: Path) -> None:
    read_all(bundle)
    assert chunk_count(bundle) == 4


# magic, version, suite, chunk size, recipient id, nonce, wrapped-key length
@pytest.mark.parametrize("offset", [0, 7, 8, 9, 12, 14, 45, 46, 61, 62, 63])
def test_flipped_byte_in_header(bundle: Path, offset: int) -> None:
    flip(bundle, offset)
    with pytest.raises(BundleError):  # recipient bytes give NotForThisVault, others Damaged
        read_all(bundle)


def test_flipped_nonce_is_damaged_not_misaddressed(bundle: Path) -> None:
    flip(bundle, 50)
    with pytest.raises(BundleDamaged, match="header or key"):
        read_all(bundle)


def test_flipped_recipient_is_not_for_this_vault(bundle: Path) -> None:
    flip(bundle, 20)
    with pytest.raises(NotForThisVault):
        read_all(bundle)


@pytest.mark.parametrize("offset", [0, 31, 32, 50, 79])
def test_flipped_byte_in_wrapped_key(bundle: Path, offset: int) -> None:
    flip(bundle, HEADER_SIZE + offset)
    with pytest.raises(BundleDamaged):
        read_all(bundle)


@pytest.mark.parametrize("chunk", [0, 1, 2, 3])
@pytest.mark.parametrize("where", ["start", "tag"])
def test_flipped_byte_in_each_chunk(bundle: Path, chunk: int, where: str) -> None:
    start = BODY_OFFSET + chunk * SEALED_CHUNK
    end = min(start + SEALED_CHUNK, bundle.stat().st_size)
    flip(bundle, start + 3 if where == "start" else end - 1)
    with pytest.raises(BundleDamaged):
        read_all(bundle)


def test_flipped_byte_in_signature_inside(tmp_path: Path) -> None:
    body = bytearray(build_plaintext())
    body[-4 - 10] ^= 0x01  # inside the 64-byte signature
    seal_plaintext(tmp_path / "b.tmb", bytes(body))
    with pytest.raises(BadSignature):
        read_all(tmp_path / "b.tmb")


def test_flipped_byte_in_manifest_inside(tmp_path: Path) -> None:
    body = bytearray(build_plaintext())
    body[-4 - 96 - 20] ^= 0x01
    seal_plaintext(tmp_path / "b.tmb", bytes(body))
    with pytest.raises(BadSignature):
        read_all(tmp_path / "b.tmb")


def test_flipped_byte_in_payload_inside_with_reencryption(tmp_path: Path) -> None:
    # Whoever knows the lead's public key can re-encrypt; the signed hash still catches it.
    body = bytearray(build_plaintext())
    body[40] ^= 0x01
    seal_plaintext(tmp_path / "b.tmb", bytes(body))
    with pytest.raises(BundleDamaged, match="do not match its signed manifest"):
        read_all(tmp_path / "b.tmb")


def test_truncated_mid_chunk(bundle: Path) -> None:
    data = bundle.read_bytes()
    bundle.write_bytes(data[: BODY_OFFSET + SEALED_CHUNK + 1234])
    with pytest.raises(BundleDamaged):
        read_all(bundle)


@pytest.mark.parametrize("chunks", [1, 2, 3])
def test_truncated_at_chunk_boundary(bundle: Path, chunks: int) -> None:
    data = bundle.read_bytes()
    bundle.write_bytes(data[: BODY_OFFSET + chunks * SEALED_CHUNK])
    with pytest.raises(BundleDamaged):
        read_all(bundle)


@pytest.mark.parametrize("cut", [0, 1, HEADER_SIZE - 1, HEADER_SIZE, BODY_OFFSET - 1, BODY_OFFSET,
                                 BODY_OFFSET + 15])
def test_truncated_in_header_key_or_first_tag(bundle: Path, cut: int) -> None:
    bundle.write_bytes(bundle.read_bytes()[:cut])
    with pytest.raises(BundleDamaged):
        read_all(bundle)


@pytest.mark.parametrize("extra", [b"\n", b"\x00" * 16, bytes(range(256)) * 257], ids=["1", "16", "chunk"])
def test_bytes_appended(bundle: Path, extra: bytes) -> None:
    bundle.write_bytes(bundle.read_bytes() + extra)
    with pytest.raises(BundleDamaged):
        read_all(bundle)


def test_two_chunks_swapped(bundle: Path) -> None:
    data = bundle.read_bytes()
    c1 = data[BODY_OFFSET : BODY_OFFSET + SEALED_CHUNK]
    c2 = data[BODY_OFFSET + SEALED_CHUNK : BODY_OFFSET + 2 * SEALED_CHUNK]
    rest = data[BODY_OFFSET + 2 * SEALED_CHUNK :]
    bundle.write_bytes(data[:BODY_OFFSET] + c2 + c1 + rest)
    with pytest.raises(BundleDamaged):
        read_all(bundle)


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "e.tmb").write_bytes(b"")
    with pytest.raises(BundleDamaged, match="empty"):
        read_all(tmp_path / "e.tmb")


@pytest.mark.parametrize("content", [b"PK\x03\x04" + bytes(500), b"hello\n" * 100,
                                     b"\x89PNG\r\n\x1a\n" + bytes(200)], ids=["zip", "text", "png"])
def test_non_bundle_file(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "x.tmb").write_bytes(content)
    with pytest.raises(BundleDamaged, match="not a Testimonio bundle"):
        read_all(tmp_path / "x.tmb")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no bundle"):
        read_all(tmp_path / "nothing.tmb")


def test_attachment_named_dot_dot(tmp_path: Path) -> None:
    body = build_plaintext(index=[{"name": "../../x", "mime": "a/b", "size": 1, "ref": ""}],
                           attachment_data=[b"x"])
    seal_plaintext(tmp_path / "b.tmb", body)
    # Refused at open, before a single record is handed out.
    with pytest.raises(BundleDamaged, match="unsafe name"):
        open_bundle(tmp_path / "b.tmb", recipient=LEAD, known_signers=ROSTER)


def test_attachment_over_the_limit(tmp_path: Path) -> None:
    body = build_plaintext(index=[{"name": "a", "mime": "a/b", "size": 100, "ref": ""}],
                           attachment_data=[bytes(100)])
    seal_plaintext(tmp_path / "b.tmb", body)
    read_all(tmp_path / "b.tmb")
    with pytest.raises(BundleTooLarge):
        read_all(tmp_path / "b.tmb", Limits(max_attachment_bytes=99))


BOMB = [{"x": " " * 4_000_000}]


def test_records_over_the_limit_honestly_declared(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    write_bundle(out, sender=RESEARCHER, recipient=LEAD.public, sequence=1, records=BOMB)
    assert out.stat().st_size < 50_000
    read_all(out)
    with pytest.raises(BundleTooLarge):
        open_bundle(out, recipient=LEAD, known_signers=ROSTER,
                    limits=Limits(max_records_bytes=1_000_000))


def test_records_decompressing_past_what_the_manifest_declares(tmp_path: Path) -> None:
    body = build_plaintext(records=BOMB, manifest_changes={"records_bytes": 1000})
    seal_plaintext(tmp_path / "b.tmb", body)
    with open_bundle(tmp_path / "b.tmb", recipient=LEAD, known_signers=ROSTER) as b:
        with pytest.raises(BundleTooLarge):
            list(b.records())


def test_record_line_over_the_limit(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    write_bundle(out, sender=RESEARCHER, recipient=LEAD.public, sequence=1, records=BOMB)
    with pytest.raises(BundleTooLarge):
        read_all(out, Limits(max_record_line=100_000))


@pytest.mark.parametrize("blob", [b"not zlib", zlib.compress(b"[1,2]\n"), zlib.compress(b"{}"),
                                  zlib.compress(b"{}\n") + b"x", zlib.compress(b"{\xff}\n")])
def test_malformed_records_inside_a_signed_bundle(tmp_path: Path, blob: bytes) -> None:
    body = build_plaintext(records=[{}], records_blob=blob,
                           manifest_changes={"records_bytes": 3} if b"[" not in blob else None)
    seal_plaintext(tmp_path / "b.tmb", body)
    with pytest.raises(BundleDamaged):
        read_all(tmp_path / "b.tmb")


@pytest.mark.parametrize("change", [{"records": 19}, {"attachments": 1}, {"format": 2},
                                    {"created": "yesterday"}, {"sequence": -1}])
def test_manifest_not_matching_or_malformed(tmp_path: Path, change: dict[str, object]) -> None:
    seal_plaintext(tmp_path / "b.tmb", build_plaintext(manifest_changes=change))
    with pytest.raises(BundleDamaged):
        read_all(tmp_path / "b.tmb")


def test_plaintext_helper_matches_writer(bundle: Path) -> None:
    body = plaintext_of(bundle, LEAD)
    assert body.startswith(b"I")
    assert PHOTO in body


def test_truncated_header_says_truncated(bundle: Path) -> None:
    bundle.write_bytes(bundle.read_bytes()[:30])
    with pytest.raises(BundleDamaged, match="truncated"):
        read_all(bundle)


@pytest.mark.parametrize("line", [b'{"x":NaN}\n', b'{"x":-Infinity}\n'])
def test_records_with_non_json_numbers_are_refused(tmp_path: Path, line: bytes) -> None:
    body = build_plaintext(records=[{}], records_blob=zlib.compress(line),
                           manifest_changes={"records_bytes": len(line)})
    seal_plaintext(tmp_path / "b.tmb", body)
    with pytest.raises(BundleDamaged, match="not readable"):
        read_all(tmp_path / "b.tmb")


def test_manifest_format_true_is_not_one(tmp_path: Path) -> None:
    seal_plaintext(tmp_path / "b.tmb", build_plaintext(manifest_changes={"format": True}))
    with pytest.raises(BundleDamaged, match="another version"):
        read_all(tmp_path / "b.tmb")


def test_record_line_over_the_limit_arriving_whole(tmp_path: Path) -> None:
    # 200 kB record, far below one read piece: it arrives complete in one go.
    out = tmp_path / "b.tmb"
    write_bundle(out, sender=RESEARCHER, recipient=LEAD.public, sequence=1,
                 records=[{"x": "y" * 200_000}])
    read_all(out)
    with pytest.raises(BundleTooLarge):
        read_all(out, Limits(max_record_line=100_000))
