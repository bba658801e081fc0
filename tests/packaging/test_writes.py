"""The program writes nothing outside the vault and the settings (checked from source).

CI repeats the same check on the frozen build with packaging/check_frozen_writes.py.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_frozen_writes",
                                                  ROOT / "packaging" / "check_frozen_writes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_selftest_from_source_leaves_only_the_log(tmp_path: Path) -> None:
    problems = checker().check([sys.executable, "-m", "testimonio"], tmp_path)
    assert problems == []
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["data/testimonio/logs/testimonio.log"]
    assert not list((tmp_path / "tmp").iterdir())


def test_the_check_finds_a_leaked_answer_and_a_stray_temp_file(tmp_path: Path) -> None:
    leaky = (
        "import os, pathlib, sys\n"
        "home = pathlib.Path(os.environ['HOME'])\n"
        "(home / 'notes.txt').write_text('selftest 0123456789abcdef')\n"
        "(pathlib.Path(os.environ['TMPDIR']) / 'copy.db').write_bytes(b'x')\n"
        "print('selftest passed')\n"
    )
    program = tmp_path / "leaky.py"
    program.write_text(leaky)
    base = tmp_path / "sandbox"
    base.mkdir()
    problems = checker().check([sys.executable, str(program)], base)
    assert "sample answer written to home/notes.txt" in problems
    assert "left in TMPDIR: tmp/copy.db" in problems
