"""Storage lives in the vault's repositories (docs/architecture.md).

services/ holds no SQL: no ``execute``/``executemany``/``open_blob`` call
and no string that reads as an SQL statement. The repositories in
vault/repo_*.py hold it, typed. Read from the source, like test_layers.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[1] / "src" / "testimonio" / "services"
SQL_CALLS = {"execute", "executemany", "executescript", "open_blob"}
SQL_TEXT = re.compile(r"^\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE |DROP |PRAGMA )")


def _sql_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in SQL_CALLS):
            found.append(f"{path.name}:{node.lineno}: .{node.func.attr}(")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and SQL_TEXT.match(node.value):
            found.append(f"{path.name}:{node.lineno}: {node.value[:40]!r}")
    return found


def test_services_hold_no_sql() -> None:
    found = [hit for path in sorted(SERVICES.glob("*.py")) for hit in _sql_in(path)]
    assert found == [], "SQL belongs in a vault repository (vault/repo_*.py):\n" + "\n".join(found)


def test_the_check_finds_sql(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('def f(db):\n    db.execute("SELECT 1")\n    q = "DELETE FROM answers"\n',
                      encoding="utf-8")
    assert sorted(_sql_in(sample)) == ["sample.py:2: 'SELECT 1'", "sample.py:2: .execute(",
                                       "sample.py:3: 'DELETE FROM answers'"]
