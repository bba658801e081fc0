"""Issue 15 item 1: a signed bundle numbered 2^62 must not hang the lead."""

from __future__ import annotations

import time

from testimonio.exchange.manifest import MAX_SEQUENCE
from testimonio.services.import_ import ImportService

from .attackkit import World, snapshot


def test_huge_sequence_is_refused_and_changes_nothing(world: World) -> None:
    hostile = world.bundle("huge.tmb", sequence=2**62)
    before = snapshot(world.lead)
    started = time.monotonic()
    done = world.cli("import", str(hostile), code=3)
    assert time.monotonic() - started < 30
    assert f"sequence number is not between 1 and {MAX_SEQUENCE}" in done.stderr
    assert "It was not imported." in done.stderr
    assert snapshot(world.lead) == before


def test_highest_allowed_sequence_reports_one_run(world: World) -> None:
    done = world.cli("import", str(world.bundle("last.tmb", sequence=MAX_SEQUENCE)), code=0)
    assert f"Missing bundles from Researcher 1: 1–{MAX_SEQUENCE - 1}." in done.stdout
    assert len(done.stdout) < 300


def test_poisoned_import_log_rows_hang_nothing(world: World) -> None:
    """Rows an older version let in (sequence 2^62) cost nothing to walk."""
    world.cli("import", str(world.bundle("b3.tmb", sequence=3)), code=0)
    vault = world.open()
    try:
        with vault.transaction() as db:
            row = db.execute("SELECT researcher FROM import_log").fetchone()
            for n, seq in enumerate((2**62, 2**63 - 1, 10**7)):
                db.execute("INSERT INTO import_log (bundle_id, researcher, sequence, created, at, "
                           "file_name, records, added, replaced, ignored, outcome) VALUES "
                           "(?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'x', 0, 0, 0, "
                           "0, 'imported')", (f"{n:032x}", row[0], seq))
        started = time.monotonic()
        service = ImportService(vault)
        assert service.gaps(str(row[0])) == ((1, 2),)
        assert service.all_gaps() == {str(row[0]): ((1, 2),)}
        assert time.monotonic() - started < 2
    finally:
        vault.lock()
    done = world.cli("import", str(world.bundle("b5.tmb", sequence=5)), code=0)
    assert "Missing bundles from Researcher 1: 1–2, 4." in done.stdout
