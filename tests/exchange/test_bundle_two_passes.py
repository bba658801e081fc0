"""The bundle file changing between the reader's two passes.

Pass 1 authenticates the whole file; pass 2 reads it again to hand out the
records and attachments. Whatever happens to the file in between, pass 2
gives out only what pass 1 authenticated, or stops with BundleDamaged.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bundlekit import LEAD, RESEARCHER, ROSTER, sample_records

from testimonio.errors import BundleDamaged
from testimonio.exchange.bundle import AttachmentSource, open_bundle, write_bundle

PHOTO = os.urandom(500_000)  # eight STREAM chunks


def _bundle(path: Path, records: list[dict[str, object]] | None = None) -> Path:
    write_bundle(path, sender=RESEARCHER, recipient=LEAD.public, sequence=1,
                 records=records if records is not None else sample_records(),
                 attachments=[AttachmentSource("photo.jpg", "image/jpeg", len(PHOTO), PHOTO)])
    return path


def _read_out(path: Path, between: object) -> tuple[list[object], BaseException | None]:
    """Open (pass 1), run ``between``, then read everything (pass 2)."""
    got: list[object] = []
    with open_bundle(path, recipient=LEAD, known_signers=ROSTER) as opened:
        between()  # type: ignore[operator]
        try:
            got.extend(opened.records())
            got.extend(a.read_all() for a in opened.attachments())
        except BundleDamaged as error:
            return got, error
    return got, None


@pytest.mark.parametrize(("where", "read_before"), [(0.05, True), (0.5, False), (0.95, False)])
def test_bytes_changed_in_place_stop_pass_two(tmp_path: Path, where: float,
                                              read_before: bool) -> None:
    """A change in a chunk pass 2 already holds is never seen; a later one stops it."""
    path = _bundle(tmp_path / "b.tmb")
    size = path.stat().st_size

    def damage() -> None:
        with open(path, "r+b") as f:
            f.seek(int(size * where))
            byte = f.read(1)
            f.seek(int(size * where))
            f.write(bytes([byte[0] ^ 0x40]))

    got, error = _read_out(path, damage)
    expected = [*sample_records(), PHOTO]
    assert got == expected[:len(got)]  # nothing altered was handed out
    if read_before:  # the first chunks are read (and checked) while opening
        assert error is None and got == expected
    else:
        assert isinstance(error, BundleDamaged)


def test_another_bundle_written_over_it_stops_pass_two(tmp_path: Path) -> None:
    path = _bundle(tmp_path / "b.tmb")
    other = _bundle(tmp_path / "other.tmb", [{"answers": {"age": "90-99"}, "export_id": "z"}])

    def overwrite() -> None:
        with open(path, "r+b") as f:
            f.write(other.read_bytes())

    got, error = _read_out(path, overwrite)
    assert isinstance(error, BundleDamaged)
    assert {"answers": {"age": "90-99"}, "export_id": "z"} not in got


def test_a_file_renamed_over_it_is_not_read(tmp_path: Path) -> None:
    """The reader keeps the file it authenticated, not whatever now has its name."""
    path = _bundle(tmp_path / "b.tmb")
    other = _bundle(tmp_path / "other.tmb", [{"answers": {"age": "90-99"}, "export_id": "z"}])
    got, error = _read_out(path, lambda: os.replace(other, path))
    assert error is None
    assert got == [*sample_records(), PHOTO]
