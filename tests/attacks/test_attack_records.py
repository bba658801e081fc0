"""Issue 15 item 3: import memory must not follow what the records declare.

Records are streamed: each is checked and merged as it is read, inside one
transaction that a later refusal rolls back, and every size is bounded
before it is used (a record line, the attachment list, the record count).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from .attackkit import World, snapshot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exchange"))

from bundlekit import build_plaintext, seal_plaintext  # noqa: E402

from testimonio.exchange.manifest import Limits  # noqa: E402

MIB = 1 << 20


def test_records_that_cost_most_memory_are_refused(world: World) -> None:
    """Records of 4 MiB of "[[],[],...]" (the costliest JSON) are refused, nothing changes."""
    record = copy.deepcopy(world.records[0])
    alias = next(p for p in record["answers"] if p.endswith("alias"))
    record["answers"] = {alias: [[]] * ((Limits().max_record_line - 600) // 3)}
    records = [record, world.records[1]]
    hostile = world.bundle("nested.tmb", records=records)
    before = snapshot(world.lead)
    done = world.cli("import", str(hostile), code=3)
    assert "its records do not fit their questionnaire. Nothing was imported" in done.stderr
    assert "/alias has a value of the wrong kind for a text question" in done.stderr
    assert snapshot(world.lead) == before


def test_a_record_over_the_line_limit_is_refused(world: World) -> None:
    record = copy.deepcopy(world.records[0])
    record["answers"] = {"alias": "x" * Limits().max_record_line}
    plain = build_plaintext(sender=world.sender, recipient=world.lead_public, records=[record])
    hostile = seal_plaintext(world.root / "long.tmb", plain, world.lead_public)
    before = snapshot(world.lead)
    done = world.cli("import", str(hostile), code=3)
    assert "A record in the bundle is larger than the limit." in done.stderr
    assert snapshot(world.lead) == before


def test_more_records_than_declared_stop_at_once(world: World) -> None:
    plain = build_plaintext(sender=world.sender, recipient=world.lead_public,
                            records=world.records, manifest_changes={"records": 1})
    hostile = seal_plaintext(world.root / "more.tmb", plain, world.lead_public)
    before = snapshot(world.lead)
    done = world.cli("import", str(hostile), code=3)
    assert "holds more records than its manifest declares" in done.stderr
    assert snapshot(world.lead) == before


def test_a_bad_record_after_good_ones_rolls_everything_back(world: World) -> None:
    """The first records are merged as they stream in; a later bad one undoes them all."""
    bad = copy.deepcopy(world.records[1])
    age = next(p for p in bad["answers"] if p.endswith("/age"))
    bad["answers"][age] = "forty"
    hostile = world.bundle("late.tmb", records=[world.records[0], bad])
    before = snapshot(world.lead)
    done = world.cli("import", str(hostile), code=3)
    assert "has a value of the wrong kind" in done.stderr
    assert snapshot(world.lead) == before
    assert "2 new" in world.cli("import", str(world.bundle("good.tmb")), code=0).stdout


def test_an_attachment_list_of_empty_lists_is_refused(world: World) -> None:
    """Parsing stops past one object per declared attachment; the list's length is bounded."""
    before = snapshot(world.lead)
    for n, lists, sentence in ((1, 1000, "its attachment list is not readable"),
                               (2, 3000, "The bundle's attachment list is too large.")):
        plain = build_plaintext(sender=world.sender, recipient=world.lead_public,
                                records=world.records, index=[{"name": [[]] * lists}])
        hostile = seal_plaintext(world.root / f"index{n}.tmb", plain, world.lead_public)
        done = world.cli("import", str(hostile), code=3)
        assert sentence in done.stderr
    assert snapshot(world.lead) == before
