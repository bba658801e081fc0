"""Issue 15 item 10: identifiers and dates are matched whole (a trailing newline is refused)."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

from .attackkit import World, snapshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exchange"))

from bundlekit import build_plaintext, seal_plaintext  # noqa: E402


def test_bundle_id_with_a_trailing_newline(world: World) -> None:
    plain = build_plaintext(sender=world.sender, recipient=world.lead_public, records=world.records,
                            manifest_changes={"bundle_id": "0" * 32 + "\n"})
    hostile = seal_plaintext(world.root / "id.tmb", plain, world.lead_public)
    before = snapshot(world.lead)
    done = world.cli("import", str(hostile), code=3)
    assert "manifest field bundle_id is malformed" in done.stderr
    assert snapshot(world.lead) == before


@pytest.mark.parametrize(("field", "sentence"), [
    ("export_id", "a record has a malformed export id"),
    ("started", "started is not a date"),
])
def test_record_fields_with_a_trailing_newline(world: World, field: str, sentence: str) -> None:
    record = copy.deepcopy(world.records[0])
    record[field] = record[field] + "\n"
    before = snapshot(world.lead)
    done = world.cli("import", str(world.bundle("nl.tmb", records=[record])), code=3)
    assert sentence in done.stderr
    assert snapshot(world.lead) == before
