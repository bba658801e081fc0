"""The layering, read from the imports of every module (docs/architecture.md).

Every import counts, including those inside functions (which can hide a
circle from a plain ``import`` at start-up); only imports under
``if TYPE_CHECKING:`` are left out of the circle check, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "testimonio"

#: Modules at the top of the package that every layer may use.
BASE = {"testimonio", "testimonio.errors", "testimonio.paths", "testimonio.logs",
        "testimonio.hardening", "testimonio.limits", "testimonio.atomic"}
#: Layer -> the layers it may import (besides itself and BASE). Imports point down.
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "vault": set(),
    "forms": set(),
    "exchange": {"forms"},
    "services": {"vault", "forms", "exchange"},
    "gui": {"services", "forms", "exchange"},
    "app": {"gui"},
    "cli": {"app", "gui", "services", "forms", "exchange", "vault"},
    "main": {"app", "cli", "gui", "services", "forms", "exchange", "vault"},
}
#: The GUI's one door to the vault (opening, creating, locking it), and the
#: screenshot tools, which make sample vaults with cheap Argon2id costs.
GUI_VAULT_DOORS = {"testimonio.gui.context", "testimonio.gui.screenshots",
                   "testimonio.gui.screenshots_team"}
QT = ("PySide6", "shiboken6")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the module imported (a testimonio module, or an outside top-level name)
    line: int
    type_only: bool  # under ``if TYPE_CHECKING:``


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str) -> str:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(module: str) -> Iterator[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = _type_checking_lines(tree)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            # ``from pkg import submodule`` imports the submodule, not only pkg.
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                     for a in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name) if name.startswith("testimonio") else name.split(".")[0]
            if target and target != module:
                yield Import(module, target, node.lineno, node.lineno in type_only)


ALL_IMPORTS = [imp for module in MODULES for imp in _imports(module)]


def layer(module: str) -> str:
    """The layer of a testimonio module."""
    if module in BASE:
        return "base"
    if module == "testimonio.__main__":
        return "main"
    return module.split(".")[1]


def test_the_modules_are_found() -> None:
    assert {"vault", "forms", "exchange", "services", "gui", "cli", "app", "base"} <= {
        layer(m) for m in MODULES}
    assert len(ALL_IMPORTS) > 500


def test_only_the_gui_and_app_import_qt() -> None:
    wrong = [f"{i.module}:{i.line} imports {i.target}" for i in ALL_IMPORTS
             if i.target in QT and layer(i.module) not in {"gui", "app"}]
    assert wrong == []


def test_imports_point_downwards() -> None:
    wrong = []
    for i in ALL_IMPORTS:
        if not i.target.startswith("testimonio"):
            continue
        here, there = layer(i.module), layer(i.target)
        if there in {"base", here} or there in ALLOWED[here]:
            continue
        if here == "gui" and there == "vault" and i.module in GUI_VAULT_DOORS:
            continue
        wrong.append(f"{i.module}:{i.line} ({here}) imports {i.target} ({there})")
    assert wrong == []


def test_the_layer_rules_catch_an_upward_import() -> None:
    """The checks above can fail: an invented vault -> services import is refused."""
    fake = Import("testimonio.vault.core", "testimonio.services.export", 1, False)
    assert layer(fake.target) not in ALLOWED[layer(fake.module)] | {"base", "vault"}
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_circles_even_through_imports_inside_functions() -> None:
    graph: dict[str, set[str]] = {}
    for i in ALL_IMPORTS:
        if i.type_only or not i.target.startswith("testimonio"):
            continue
        # A package's __init__ re-exports its own modules; a module taking a
        # name from its own package's __init__ is not a circle of meaning.
        if i.module.startswith(i.target + "."):
            continue
        graph.setdefault(i.module, set()).add(i.target)
    assert _cycles(graph) == []
