"""No function of the program above radon's grade C (cyclomatic complexity over 20).

A function that needs more branches than that is split into helpers whose
names say what they check (issue 16): radon's own visitor reads every module
under src/testimonio, so a new function over the line fails `make test`,
named with its file, line and complexity.
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_rank, cc_visit

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "testimonio"
WORST_GRADE = "C"  # 11-20; D is 21-30, E 31-40, F above


def over_the_line(root: Path) -> list[str]:
    """Every function, method and class under ``root`` graded above WORST_GRADE."""
    found = []
    for module in sorted(root.rglob("*.py")):
        for block in cc_visit(module.read_text(encoding="utf-8")):  # functions, classes, their methods
            grade = cc_rank(block.complexity)
            if grade > WORST_GRADE:
                found.append(f"{module.relative_to(root.parent)}:{block.lineno} {block.fullname} "
                             f"{grade} ({block.complexity})")
    return found


def test_no_function_above_grade_c() -> None:
    assert list(PACKAGE.rglob("*.py")), PACKAGE  # the check reads the real sources
    assert over_the_line(PACKAGE) == []


def test_the_check_sees_a_complex_function(tmp_path: Path) -> None:
    branches = "\n".join(f"    if x == {n}:\n        return {n}" for n in range(21))
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "tangled.py").write_text(f"def tangled(x):\n{branches}\n    return -1\n")
    assert over_the_line(tmp_path / "pkg") == ["pkg/tangled.py:1 tangled D (22)"]
