"""Answers JSON of the command line <-> flat answer paths."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonio.errors import AnswersInvalid
from testimonio.forms.answers_json import from_flat, to_flat
from testimonio.forms.model import Choice, Group, Node, Question, Questionnaire, Text


def _rebase(node: Node, parent: str) -> Node:
    path = f"{parent}/{node.name}" if parent else node.name
    if isinstance(node, Group):
        return replace(node, path=path, children=tuple(_rebase(c, path) for c in node.children))
    return replace(node, path=path)


def _q(name: str, type_: str = "text", **kw: Any) -> Question:
    return Question(name=name, path=name, type=type_, **kw)


ABC = tuple(Choice(n, Text({"en": n})) for n in ("a", "b", "c", "8"))
FORM = Questionnaire("j", "1", Text({"en": "J"}), Group("", "", children=tuple(_rebase(n, "") for n in (
    _q("alias"),
    _q("age", "integer"),
    _q("height", "decimal"),
    _q("pets", "select_multiple", choices=ABC),
    _q("one", "select_one", choices=ABC, or_other=True),
    _q("intro", "note"),
    Group("home", "home", children=(_q("name"), _q("town"))),
    Group("work", "work", children=(_q("name"), _q("since", "date"))),
    Group("companions", "companions", repeat=True, children=(
        _q("name"), _q("age", "integer"),
        Group("kids", "kids", repeat=True, children=(_q("kid_name"),)),
    )),
))), ("en",), "en")


def test_nested_json_to_answer_paths_and_back() -> None:
    data = {
        "alias": "Rosa", "age": 34, "height": 1.6, "pets": ["a", "c"], "one": 8,
        "home/name": "casa", "town": "Tumbes", "work/name": "none", "since": "2020-01-01",
        "companions": [
            {"name": "Luz", "age": 9, "kids": [{"kid_name": "x"}, {"kid_name": "y"}]},
            {"name": "Ana"},
        ],
    }
    flat = to_flat(FORM, data)
    assert flat == {
        "alias": "Rosa", "age": 34, "height": 1.6, "pets": ["a", "c"], "one": "8",
        "home/name": "casa", "home/town": "Tumbes", "work/name": "none", "work/since": "2020-01-01",
        "companions": 2, "companions[1]/name": "Luz", "companions[1]/age": 9,
        "companions[1]/kids": 2, "companions[1]/kids[1]/kid_name": "x", "companions[1]/kids[2]/kid_name": "y",
        "companions[2]/name": "Ana",
    }
    back = from_flat(FORM, flat)
    assert back["town"] == "Tumbes" and back["home/name"] == "casa"  # short key only where unique
    assert back["companions"][0]["kids"][1] == {"kid_name": "y"}
    assert to_flat(FORM, back) == flat


def test_every_problem_is_listed() -> None:
    data = {
        "ghost": 1, "name": "which one?", "age": "old", "height": True, "pets": "a",
        "one": "zzz", "intro": "x", "companions": {"name": "x"},
        "home/name": 5,
    }
    with pytest.raises(AnswersInvalid) as caught:
        to_flat(FORM, data)
    problems = caught.value.problems
    assert len(problems) == 9
    joined = "\n".join(problems)
    for word in ("ghost", "name", "age", "height", "pets", "one", "intro", "companions", "home/name"):
        assert word in joined
    with pytest.raises(AnswersInvalid):
        to_flat(FORM, ["not", "an", "object"])
    with pytest.raises(AnswersInvalid) as caught:
        to_flat(FORM, {"companions": [{"age": 1.5, "kids": [{"nope": 1}]}], "pets": ["a", "a", "q"]})
    assert len(caught.value.problems) == 4
    assert any("companions[1]/kids[1]/nope" in p for p in caught.value.problems)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=10,
)
KEYS = st.sampled_from(["alias", "age", "pets", "one", "companions", "name", "home/name", "kids", "x"])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS | st.text(max_size=5), JSONISH, max_size=5))
def test_random_json_gives_answers_or_our_error(data: dict[str, Any]) -> None:
    try:
        flat = to_flat(FORM, data)
    except AnswersInvalid as exc:
        assert exc.problems
        return
    assert to_flat(FORM, from_flat(FORM, flat)) == flat
