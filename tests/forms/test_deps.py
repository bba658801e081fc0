"""The dependency graph: refusals with row and column, and what a change reaches."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from testimonio.errors import ExpressionError, FormError
from testimonio.forms.deps import DependencyGraph
from testimonio.forms.loader import load_questionnaire
from testimonio.forms.model import Group, Node, Question, Questionnaire, Text


def _rebase(node: Node, parent: str) -> Node:
    path = f"{parent}/{node.name}" if parent else node.name
    if isinstance(node, Group):
        return replace(node, path=path, children=tuple(_rebase(c, path) for c in node.children))
    return replace(node, path=path)


def form(*children: Node) -> Questionnaire:
    root = Group("", "", children=tuple(_rebase(c, "") for c in children))
    return Questionnaire("d", "1", Text({"en": "D"}), root, ("en",), "en", source_name="d.xlsx")


def q(name: str, row: int, **kw: Any) -> Question:
    return Question(name=name, path=name, type=kw.pop("type", "text"), row=row, **kw)


def test_unknown_reference_names_row_and_column() -> None:
    f = form(q("a", 2), q("b", 3, relevant="${a} = 1 and ${ghost} = 2"))
    with pytest.raises(FormError) as caught:
        DependencyGraph.build(f)
    err = caught.value
    assert (err.file, err.sheet, err.row, err.column) == ("d.xlsx", "survey", 3, "relevant")
    assert "${ghost}" in str(err)


def test_unknown_reference_in_a_label_is_refused() -> None:
    f = form(q("a", 2, label=Text({"en": "Hello ${nobody}"})))
    with pytest.raises(FormError) as caught:
        DependencyGraph.build(f)
    assert (caught.value.row, caught.value.column) == (2, "label")


def test_bad_expression_names_row_and_column() -> None:
    f = form(q("a", 2), q("b", 7, type="integer", constraint=". > (1"))
    with pytest.raises(ExpressionError) as caught:
        DependencyGraph.build(f)
    assert (caught.value.row, caught.value.column) == (7, "constraint")
    assert "d.xlsx" in str(caught.value) and "row 7" in str(caught.value)


@pytest.mark.parametrize(
    "nodes",
    [
        (q("a", 2, type="calculate", calculation="${b} + 1"), q("b", 3, type="calculate", calculation="${a} * 2")),
        (q("a", 2, type="calculate", calculation="${a} + 1"),),
        (q("a", 2, relevant="${b} = 'x'"), q("b", 3, relevant="${a} = 'y'")),
        (q("a", 2, relevant="${c} > 1"), q("b", 3, type="calculate", calculation="${a}"),
         q("c", 4, type="calculate", calculation="${b}")),
        (Group("g", "g", row=2, relevant="${inside} = 1", children=(q("inside", 3),)),),
        (Group("r", "r", row=2, repeat=True, repeat_count="${inner}", children=(q("inner", 3, type="integer"),)),),
    ],
)
def test_cycles_among_calculations_and_relevance_are_refused(nodes: tuple[Node, ...]) -> None:
    with pytest.raises(FormError) as caught:
        DependencyGraph.build(form(*nodes))
    assert caught.value.row is not None and caught.value.column in ("relevant", "calculation", "repeat_count")
    assert "circle" in str(caught.value)


def test_constraints_and_shown_columns_may_read_each_other() -> None:
    f = form(q("a", 2, type="integer", constraint=". < ${b}", required="${b} > 0"),
             q("b", 3, type="integer", constraint=". > ${a}"))
    graph = DependencyGraph.build(f)
    assert graph.affected(["a"]) == ["b"] and graph.affected(["b"]) == ["a"]


def test_affected_nodes_come_in_dependency_order() -> None:
    f = form(
        q("d", 2, type="calculate", calculation="${c} + 1"),
        q("c", 3, type="calculate", calculation="${b} + ${a}"),
        q("b", 4, type="calculate", calculation="${a} * 2"),
        q("a", 5, type="integer"),
        q("e", 6, label=Text({"en": "d is ${d}"})),
        q("x", 7),
        Group("g", "g", row=8, relevant="${a} > 1", children=(q("in_g", 9),)),
    )
    graph = DependencyGraph.build(f)
    order = graph.affected(["a"])
    assert set(order) == {"b", "c", "d", "e", "g", "g/in_g"}
    assert order.index("b") < order.index("c") < order.index("d") < order.index("e")
    assert order.index("g") < order.index("g/in_g")
    assert graph.affected(["x"]) == []
    assert graph.reads("c") == {"a", "b"}


def test_relative_paths_and_choice_columns_resolve() -> None:
    f = form(Group("r", "r", row=2, repeat=True, children=(
        q("a", 3, type="integer"),
        q("b", 4, relevant="../a > 1 and position(..) = 1"),
        q("c", 5, type="select_one", choice_filter="k = ${a}"),
    )))
    graph = DependencyGraph.build(f)
    assert graph.reads("r/b") == {"r", "r/a"}  # ".." is the repeat instance itself
    assert graph.reads("r/c") == {"r/a"}


def _xlsx(path: Path, survey: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in survey:
        sheet.append(row)
    book.save(path)
    return path


def test_the_loader_refuses_a_cycle_naming_sheet_row_and_column(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "cycle.xlsx", [
        ["type", "name", "label", "calculation", "relevant"],
        ["integer", "n", "N", None, None],
        ["calculate", "a", None, "${b} + ${n}", None],
        ["calculate", "b", None, "${a} + 1", None],
    ])
    with pytest.raises(FormError) as caught:
        load_questionnaire(path)
    err = caught.value
    assert err.sheet == "survey" and err.row in (3, 4) and err.column == "calculation"


def test_the_loader_refuses_a_bad_relevant(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "bad.xlsx", [
        ["type", "name", "label", "relevant"],
        ["integer", "n", "N", None],
        ["text", "t", "T", "${n} >>= 2"],
    ])
    with pytest.raises(FormError) as caught:
        load_questionnaire(path)
    assert caught.value.row == 3 and caught.value.column == "relevant"
