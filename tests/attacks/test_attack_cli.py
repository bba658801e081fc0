"""Issue 15 item 8: every file error a person can meet gets its exit code and a sentence."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .attackkit import PASS, World, snapshot


def test_keys_export_onto_a_folder_or_into_a_missing_one(world: World) -> None:
    folder = world.root / "keys"
    folder.mkdir()
    done = world.cli("keys", "export", "--out", str(folder), code=2)
    assert "is a folder: give the name of the key file to write" in done.stderr
    done = world.cli("keys", "export", "--out", str(world.root / "nowhere" / "k.tkey"), code=2)
    assert "There is no folder" in done.stderr and "create it first" in done.stderr
    assert list(folder.iterdir()) == []


def test_answers_from_dev_zero_are_bounded(world: World) -> None:
    done = world.cli("interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
                     "--answers", "/dev/zero", vault=world.researcher, code=2, timeout=30)
    assert "the answers file is larger than 5 MB" in done.stderr


def test_a_5000_digit_answer_is_bad_input(world: World) -> None:
    answers = world.root / "big.json"
    answers.write_text('{"age": ' + "9" * 5000 + "}")
    before = snapshot(world.researcher)
    done = world.cli("interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
                     "--answers", str(answers), vault=world.researcher, code=2)
    assert "has more than 18 digits; no answer can hold it" in done.stderr
    assert snapshot(world.researcher) == before


def test_unreadable_files_are_bad_input(world: World) -> None:
    folder = world.root / "a-folder.json"
    folder.mkdir()
    done = world.cli("interviews", "add", "--form", "border_testimony", "--site", "CEBAF Peru",
                     "--answers", str(folder), vault=world.researcher, code=2)
    assert "is a folder, not an answers file" in done.stderr
    done = world.cli("import", str(folder), code=2)
    assert "is a folder, not a bundle" in done.stderr
    done = world.cli("team", "add-researcher", str(world.root / "missing.tkey"), "--yes", code=2)
    assert "There is no key file" in done.stderr


def test_interviews_list_into_a_closed_pipe_is_quiet(world: World) -> None:
    env = {**os.environ, "TESTIMONIO_PASSPHRASE": PASS, "TESTIMONIO_VAULT": str(world.researcher)}
    proc = subprocess.Popen([sys.executable, "-m", "testimonio", "interviews", "list"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has read enough
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1
    assert stderr == ""


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 64 KiB tmpfs (needs root and mount; skipped elsewhere)."""
    where = tmp_path / "full"
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("this system does not allow mounting a tmpfs here")
    try:
        with contextlib.suppress(OSError), open(where / "filler", "wb") as f:
            while True:  # leave no byte free
                f.write(b"\0" * 1024)
                f.flush()
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_export_onto_a_full_disk(world: World, full_disk: Path) -> None:
    before = snapshot(world.researcher)
    done = world.cli("export", "--out", str(full_disk / "b.tbundle"), vault=world.researcher,
                     code=1)
    assert "the disk is full" in done.stderr.lower()
    assert "Nothing was written or marked as done" in done.stderr
    assert snapshot(world.researcher) == before
    assert [p.name for p in full_disk.iterdir()] == ["filler"]
