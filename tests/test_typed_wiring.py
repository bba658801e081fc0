"""The GUI's wiring stays typed: no ``context`` typed Any, no string-keyed locator."""

from __future__ import annotations

import ast
from pathlib import Path

GUI = Path(__file__).resolve().parents[1] / "src" / "testimonio" / "gui"


def _loose(annotation: ast.expr | None) -> bool:
    """No annotation, or one that lets anything in (a translation context is a str)."""
    return annotation is None or "Any" in ast.unparse(annotation) or "object" in ast.unparse(
        annotation)


def _untyped_contexts(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for arg in [*node.args.args, *node.args.kwonlyargs]:
                if arg.arg == "context" and _loose(arg.annotation):
                    lines.append(arg.lineno)
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and node.target.id == "context" and _loose(node.annotation)):
            lines.append(node.lineno)
    return lines


def test_no_context_in_the_gui_is_untyped() -> None:
    wrong = [f"{path.relative_to(GUI)}:{line}" for path in sorted(GUI.rglob("*.py"))
             for line in _untyped_contexts(ast.parse(path.read_text(encoding="utf-8")))]
    assert wrong == []


def test_the_check_finds_an_untyped_context() -> None:
    tree = ast.parse("def f(context): ...\nclass A:\n    context: Any\n"
                     "def g(context: AppContext, other: str) -> None: ...\n")
    assert _untyped_contexts(tree) == [1, 3]


def test_the_context_has_no_string_locator() -> None:
    source = (GUI / "context.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    methods = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert "__getattr__" not in methods and "importlib" not in source
