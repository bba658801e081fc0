"""Bundles v1: sealing and opening, refusals by identity, atomic writes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from bundlekit import (
    LEAD,
    OTHER,
    RESEARCHER,
    ROSTER,
    build_plaintext,
    sample_records,
    seal_plaintext,
)

from testimonio.errors import BadInput, BadSignature, NotForThisVault, UnknownSigner
from testimonio.exchange.bundle import (
    AttachmentSource,
    BundleCancelled,
    open_bundle,
    write_bundle,
)


def write(path: Path, **kw: object) -> object:
    args: dict[str, object] = dict(
        sender=RESEARCHER, recipient=LEAD.public, sequence=3, records=sample_records()
    )
    args.update(kw)
    return write_bundle(path, **args)  # type: ignore[arg-type]


def test_round_trip_records_and_attachments(tmp_path: Path) -> None:
    photo = os.urandom(300_000)
    out = tmp_path / "b.tmb"
    m = write(
        out,
        attachments=[
            AttachmentSource("photo.jpg", "image/jpeg", len(photo), photo, ref="e00001/doc"),
            AttachmentSource("informe médico.pdf", "application/pdf", 7,
                             lambda: io.BytesIO(b"%PDF-1."), ref="e00002/x"),
            AttachmentSource("empty.txt", "text/plain", 0, b""),
        ],
        extra={"study": "Frontera"},
    )
    with open_bundle(out, recipient=LEAD, known_signers=ROSTER) as b:
        assert b.manifest == m
        assert b.manifest.sequence == 3 and b.manifest.extra == {"study": "Frontera"}
        assert b.manifest.researcher == RESEARCHER.public.key_id
        assert b.signer == RESEARCHER.public
        assert [i["name"] for i in b.index] == ["photo.jpg", "informe médico.pdf", "empty.txt"]
        assert list(b.records()) == sample_records()
        got = {a.name: (a.mime, a.ref, a.read_all()) for a in b.attachments()}
    assert got["photo.jpg"] == ("image/jpeg", "e00001/doc", photo)
    assert got["informe médico.pdf"][2] == b"%PDF-1."
    assert got["empty.txt"][2] == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.tmb"]
    assert (out.stat().st_mode & 0o777) == 0o600


def test_attachments_without_reading_records_first(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    write(out, attachments=[AttachmentSource("a.bin", "x/y", 3, b"abc")])
    with open_bundle(out, recipient=LEAD, known_signers=ROSTER) as b:
        assert [a.read_all() for a in b.attachments()] == [b"abc"]


def test_empty_bundle(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    m = write(out, records=[])
    with open_bundle(out, recipient=LEAD, known_signers=ROSTER) as b:
        assert list(b.records()) == [] and list(b.attachments()) == []
        assert b.manifest == m


def test_wrong_recipient(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    write(out, recipient=OTHER.public)
    with pytest.raises(NotForThisVault):
        open_bundle(out, recipient=LEAD, known_signers=ROSTER)


def test_unknown_signer(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    write(out, sender=OTHER)
    with pytest.raises(UnknownSigner, match="not on your team roster"):
        open_bundle(out, recipient=LEAD, known_signers=ROSTER)


def test_roster_entry_under_the_wrong_id_is_not_trusted(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    write(out, sender=OTHER)
    with pytest.raises(UnknownSigner):
        open_bundle(out, recipient=LEAD, known_signers={OTHER.public.key_id: RESEARCHER.public})


def test_manifest_naming_another_researcher_than_its_signer(tmp_path: Path) -> None:
    roster = {**ROSTER, OTHER.public.key_id: OTHER.public}
    body = build_plaintext(sender=OTHER, signer=RESEARCHER)
    seal_plaintext(tmp_path / "b.tmb", body)
    with pytest.raises(BadSignature, match="another researcher"):
        open_bundle(tmp_path / "b.tmb", recipient=LEAD, known_signers=roster)


def test_manifest_for_another_lead_rewrapped_to_us(tmp_path: Path) -> None:
    body = build_plaintext(recipient=OTHER.public)
    seal_plaintext(tmp_path / "b.tmb", body, recipient=LEAD.public)
    with pytest.raises(NotForThisVault):
        open_bundle(tmp_path / "b.tmb", recipient=LEAD, known_signers=ROSTER)


def test_crafted_bundle_opens(tmp_path: Path) -> None:
    # The test kit itself makes valid bundles, so refusals below are not artefacts.
    seal_plaintext(tmp_path / "b.tmb", build_plaintext())
    with open_bundle(tmp_path / "b.tmb", recipient=LEAD, known_signers=ROSTER) as b:
        assert list(b.records()) == sample_records()


@pytest.mark.parametrize("name", ["../../x", "a/b", "a\\b", "..", ".hidden", "", "c:x", "a\nb"])
def test_writer_refuses_unsafe_attachment_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(BadInput):
        write(tmp_path / "b.tmb", attachments=[AttachmentSource(name, "x/y", 1, b"a")])
    assert list(tmp_path.iterdir()) == []


def test_attachment_of_wrong_size_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(BadInput):
        write(tmp_path / "b.tmb", attachments=[AttachmentSource("a", "x/y", 5, b"abc")])
    assert list(tmp_path.iterdir()) == []


def test_unserialisable_record_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput):
        write(tmp_path / "b.tmb", records=[{"x": object()}])
    assert list(tmp_path.iterdir()) == []


def test_cancel_leaves_nothing_and_keeps_an_old_file(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    out.write_bytes(b"previous")
    data = os.urandom(3 * 1024 * 1024)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(BundleCancelled):
        write(out, attachments=[AttachmentSource("a", "x/y", len(data), data)], cancel=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.tmb"]
    assert out.read_bytes() == b"previous"


def test_progress_reaches_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write(tmp_path / "b.tmb", attachments=[AttachmentSource("a", "x/y", 10, b"0123456789")],
          progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (30, 30)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_open_progress_and_cancel(tmp_path: Path) -> None:
    out = tmp_path / "b.tmb"
    write(out)
    seen: list[tuple[int, int]] = []
    open_bundle(out, recipient=LEAD, known_signers=ROSTER,
                progress=lambda d, t: seen.append((d, t))).close()
    assert seen[-1] == (out.stat().st_size, out.stat().st_size)
    with pytest.raises(BundleCancelled):
        open_bundle(out, recipient=LEAD, known_signers=ROSTER, cancel=lambda: True)


def test_each_bundle_has_its_own_id_and_ciphertext(tmp_path: Path) -> None:
    a = write(tmp_path / "a.tmb")
    b = write(tmp_path / "b.tmb")
    assert a.bundle_id != b.bundle_id  # type: ignore[attr-defined]
    assert (tmp_path / "a.tmb").read_bytes()[64:] != (tmp_path / "b.tmb").read_bytes()[64:]


@pytest.mark.parametrize("extra", [{"x": object()}, {"x": float("nan")}], ids=["object", "nan"])
def test_extra_that_is_not_json_is_bad_input(tmp_path: Path, extra: dict[str, object]) -> None:
    with pytest.raises(BadInput):
        write(tmp_path / "b.tmb", extra=extra)
    assert list(tmp_path.iterdir()) == []


def test_records_encoded_beforehand_leave_as_they_were_encoded(tmp_path: Path) -> None:
    from testimonio.exchange.bundle import RecordEncoder

    # Incompressible text so the compressed lines span several 1 MiB pieces.
    records = [{"export_id": f"{n:032x}", "answers": {"note": os.urandom(40_000).hex()}}
               for n in range(40)]
    encoder = RecordEncoder()
    for record in records:
        encoder.add(record)
    encoded = encoder.finish()
    assert len(encoded) == 40 and len(encoded.blob) > 1024 * 1024
    assert len(encoded.pieces) > 1 and encoded.nbytes == len(encoded.blob)  # no one buffer grown
    assert list(encoded) == records  # decoded again, in order
    m = write(tmp_path / "a.tmb", records=encoded)
    assert m.records == 40 and m.records_sha256 == write(tmp_path / "b.tmb", records=records).records_sha256
    with open_bundle(tmp_path / "a.tmb", recipient=LEAD, known_signers=ROSTER) as b:
        assert list(b.records()) == records
    with pytest.raises(BadInput, match="JSON object"):
        RecordEncoder().add([1, 2])  # type: ignore[arg-type]
