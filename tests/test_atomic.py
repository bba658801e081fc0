"""The one atomic-write helper: all of the file or none, mode 0600, no temp left."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from testimonio.atomic import atomic_file, move_into_place, write_atomic


def test_write_replaces_the_whole_file_private(tmp_path: Path) -> None:
    target = tmp_path / "team.tmt"
    target.write_bytes(b"old contents that are longer")
    assert write_atomic(target, b"new") == target
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.tmt"]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_bytes(b"before")
    with pytest.raises(KeyboardInterrupt), atomic_file(target) as out:
        out.write(b"half of the new")
        raise KeyboardInterrupt  # a cancel or a crash in the middle
    assert target.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_move_into_place(tmp_path: Path) -> None:
    done = tmp_path / "scratch.bin"
    done.write_bytes(b"finished")
    target = tmp_path / "out.bin"
    move_into_place(done, target)
    assert target.read_bytes() == b"finished" and not done.exists()
