"""Bundle format v2: the file key wrapped to every recipient with MLKEM768-X25519."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from bundlekit import RESEARCHER, ROSTER, sample_records

from testimonio.errors import BundleDamaged, NotForThisVault
from testimonio.exchange import bundle_v2, keys
from testimonio.exchange.bundle import AttachmentSource, open_bundle, write_bundle
from testimonio.exchange.kem import WRAPPED_BYTES
from testimonio.exchange.manifest import Manifest

LEAD = keys.generate()
BACKUP = keys.generate()
STRANGER = keys.generate()
PHOTO = os.urandom(70_000)
ENTRY = bundle_v2.ENTRY_SIZE
FIXED = bundle_v2.FIXED.size


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("v2") / "b.tmb"
    write_bundle(out, sender=RESEARCHER, recipient=LEAD.public, also=[BACKUP.public], sequence=3,
                 records=sample_records(5),
                 attachments=[AttachmentSource("p.jpg", "image/jpeg", len(PHOTO), PHOTO)])
    return out


def read_all(path: Path, who: keys.DeviceKeys) -> tuple[Manifest, list[dict[str, object]], bytes]:
    with open_bundle(path, recipient=who, known_signers=ROSTER) as b:
        records = list(b.records())
        data = b"".join(a.read_all() for a in b.attachments())
        return b.manifest, records, data


def test_every_recipient_can_import(bundle: Path) -> None:
    raw = bundle.read_bytes()
    assert raw[8] == 2 and raw[9] == 2
    assert struct.unpack(">H", raw[30:32])[0] == 2
    assert raw[FIXED : FIXED + 32] == LEAD.public.key_id_bytes
    assert raw[FIXED + ENTRY : FIXED + ENTRY + 32] == BACKUP.public.key_id_bytes
    for who in (LEAD, BACKUP):
        manifest, records, data = read_all(bundle, who)
        assert manifest.format == 2 and manifest.sequence == 3
        assert manifest.recipients == (LEAD.public.key_id, BACKUP.public.key_id)
        assert records == sample_records(5) and data == PHOTO


def test_a_key_not_named_is_told_so(bundle: Path) -> None:
    with pytest.raises(NotForThisVault):
        read_all(bundle, STRANGER)
    # The lead's keys without their hybrid part cannot open v2 either.
    with pytest.raises(NotForThisVault):
        read_all(bundle, keys.DeviceKeys(LEAD.signing, LEAD.encryption))


def _entries(raw: bytes) -> tuple[bytes, list[bytes], bytes]:
    count = struct.unpack(">H", raw[30:32])[0]
    table = [raw[FIXED + i * ENTRY : FIXED + (i + 1) * ENTRY] for i in range(count)]
    return raw[:FIXED], table, raw[FIXED + count * ENTRY :]


def _rebuild(tmp: Path, fixed: bytes, table: list[bytes], body: bytes) -> Path:
    fixed = fixed[:30] + struct.pack(">H", len(table))
    out = tmp / "altered.tmb"
    out.write_bytes(fixed + b"".join(table) + body)
    return out


def test_removed_wrap_is_refused_by_the_remaining_recipient(bundle: Path, tmp_path: Path) -> None:
    fixed, table, body = _entries(bundle.read_bytes())
    altered = _rebuild(tmp_path, fixed, [table[0]], body)
    with pytest.raises(BundleDamaged):
        read_all(altered, LEAD)
    with pytest.raises(NotForThisVault):
        read_all(altered, BACKUP)


def test_reordered_entries_are_refused(bundle: Path, tmp_path: Path) -> None:
    fixed, table, body = _entries(bundle.read_bytes())
    altered = _rebuild(tmp_path, fixed, [table[1], table[0]], body)
    for who in (LEAD, BACKUP):
        with pytest.raises(BundleDamaged):
            read_all(altered, who)


def test_swapped_wraps_are_refused(bundle: Path, tmp_path: Path) -> None:
    fixed, table, body = _entries(bundle.read_bytes())
    swapped = [table[0][:32] + table[1][32:], table[1][:32] + table[0][32:]]
    altered = _rebuild(tmp_path, fixed, swapped, body)
    for who in (LEAD, BACKUP):
        with pytest.raises(BundleDamaged):
            read_all(altered, who)


def test_another_recipients_wrap_replaced_is_caught_by_the_signed_manifest(
        bundle: Path, tmp_path: Path) -> None:
    fixed, table, body = _entries(bundle.read_bytes())
    # The lead's own wrap still opens; the backup's was replaced by a fresh
    # wrap of another key: only the manifest's header hash can tell.
    forged = table[1][:32] + os.urandom(WRAPPED_BYTES)
    altered = _rebuild(tmp_path, fixed, [table[0], forged], body)
    with pytest.raises(BundleDamaged, match="recipients were altered"):
        read_all(altered, LEAD)


def test_duplicated_wrap_is_refused(bundle: Path, tmp_path: Path) -> None:
    fixed, table, body = _entries(bundle.read_bytes())
    altered = _rebuild(tmp_path, fixed, [table[0], table[1], table[0]], body)
    for who in (LEAD, BACKUP):
        with pytest.raises(BundleDamaged, match="twice"):
            read_all(altered, who)


@pytest.mark.parametrize("count", [0, 17])
def test_impossible_recipient_counts_are_refused(bundle: Path, tmp_path: Path, count: int) -> None:
    raw = bytearray(bundle.read_bytes())
    raw[30:32] = struct.pack(">H", count)
    altered = tmp_path / "n.tmb"
    altered.write_bytes(bytes(raw))
    with pytest.raises(BundleDamaged, match="number of recipients"):
        read_all(altered, LEAD)


def test_truncated_table_is_refused(bundle: Path, tmp_path: Path) -> None:
    altered = tmp_path / "t.tmb"
    altered.write_bytes(bundle.read_bytes()[: FIXED + ENTRY + 100])
    with pytest.raises(BundleDamaged, match="truncated"):
        read_all(altered, BACKUP)


def test_v1_bundle_still_imports_after_v2_keys(tmp_path: Path) -> None:
    # A researcher who joined before the lead had a hybrid key writes v1.
    old_view = keys.PublicKeys(LEAD.public.signing, LEAD.public.encryption)
    out = tmp_path / "v1.tmb"
    write_bundle(out, sender=RESEARCHER, recipient=old_view, also=[BACKUP.public], sequence=1,
                 records=sample_records(2))
    assert out.read_bytes()[8] == 1
    manifest, records, _ = read_all(out, LEAD)
    assert manifest.format == 1 and records == sample_records(2)
    with pytest.raises(NotForThisVault):
        read_all(out, BACKUP)  # v1 has one recipient: the lead


def test_header_bytes_are_bound(bundle: Path, tmp_path: Path) -> None:
    raw = bytearray(bundle.read_bytes())
    raw[20] ^= 1  # the nonce
    altered = tmp_path / "h.tmb"
    altered.write_bytes(bytes(raw))
    with pytest.raises(BundleDamaged):
        read_all(altered, LEAD)
