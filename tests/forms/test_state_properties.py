"""Properties of the form-state engine, with hypothesis.

* After any sequence of changes, the incrementally updated state equals a
  state rebuilt from scratch from the same answers (the graph missed nothing).
* Random answers only ever raise our own error types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testimonio import errors
from testimonio.forms.model import Choice, Group, Node, Question, Questionnaire, Text
from testimonio.forms.state import FormState

TODAY = dt.date(2024, 3, 10)


def _rebase(node: Node, parent: str) -> Node:
    path = f"{parent}/{node.name}" if parent else node.name
    if isinstance(node, Group):
        return replace(node, path=path, children=tuple(_rebase(c, path) for c in node.children))
    return replace(node, path=path)


def _q(name: str, type_: str = "text", **kw: Any) -> Question:
    return Question(name=name, path=name, type=type_, **kw)


def _form() -> Questionnaire:
    yn = (Choice("yes", Text({"en": "Yes"})), Choice("no", Text({"en": "No"})))
    cities = tuple(Choice(n, Text({"en": n}), {"k": k}) for n, k in
                   (("c1", "yes"), ("c2", "no"), ("c3", "yes")))
    children: tuple[Node, ...] = (
        _q("consent", "select_one", choices=yn),
        _q("n", "integer", relevant="${consent} = 'yes'", constraint=". < 4"),
        _q("twice", "calculate", calculation="${n} * 2"),
        _q("k", "integer", constraint=". <= 3"),
        _q("city", "select_one", choices=cities, choice_filter="k = ${consent}", required="${n} > 1"),
        Group("grp", "grp", relevant="${twice} >= 2", children=(
            _q("inner", "integer", constraint=". > ${n}"),
            _q("flag", "calculate", calculation="if(${inner} > 5, 'big', 'small')"),
        )),
        Group("kids", "kids", repeat=True, repeat_count="if(${k} > 3, 3, ${k})", children=(
            _q("age", "integer", required="true()"),
            _q("older", "calculate", calculation="${age} > ${inner}"),
            _q("note", "text", relevant="../age > 2 and ${flag} = 'big'"),
        )),
        Group("trips", "trips", repeat=True, relevant="${consent} = 'yes'", children=(
            _q("place", "text"),
            _q("days", "integer", relevant="${place} != ''"),
            _q("pos", "calculate", calculation="position(..) + ${n}"),
        )),
        _q("total", "calculate", calculation="sum(${days}) + sum(${age})"),
        _q("many", "integer", relevant="count(${trips}) > 1 or ${total} > 3",
           label=Text({"en": "Total ${total}"})),
    )
    root = Group("", "", children=tuple(_rebase(c, "") for c in children))
    return Questionnaire("p", "1", Text({"en": "P"}), root, ("en",), "en")


FORM = _form()
PATHS = ["consent", "n", "k", "city", "grp/inner", "many", "kids[1]/age", "kids[2]/age", "kids[3]/note",
         "trips[1]/place", "trips[1]/days", "trips[2]/place", "trips[2]/days", "trips[3]/days"]
VALUES = st.one_of(
    st.sampled_from(["yes", "no", "c1", "c2", "c3", "", "x", "3", "2024-01-01"]),
    st.integers(-2, 8),
    st.none(),
)
OPS = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(PATHS), VALUES),
    st.tuples(st.just("add"), st.just("trips"), st.none()),
    st.tuples(st.just("remove"), st.just("trips"), st.integers(1, 3)),
)


def _observe(s: FormState) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for own in ("kids", "trips"):
        seen[own] = (s.instances(own), s.is_relevant(own), [i.path for i in s.items("")])
    for node in FORM.walk():
        for path in s._inst.expand(node.path):
            seen[path] = (s.value(path), s.is_relevant(path), s.is_required(path), s.error(path),
                          [c.name for c in s.choices(path)], s.label(path))
    seen["#export"] = s.exportable_answers()
    seen["#problems"] = s.problems()
    return seen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, max_size=12))
def test_incremental_state_equals_a_fresh_one(ops: list[tuple[str, str, Any]]) -> None:
    s = FormState(FORM, {"consent": "yes"}, "en", today=TODAY)
    for op, path, value in ops:
        try:
            if op == "set":
                s.set(path, value)
            elif op == "add":
                s.add_instance(path)
            else:
                s.remove_instance(path, value)
        except errors.TestimonioError:
            continue  # e.g. an instance that does not exist (yet)
        fresh = FormState(FORM, s.answers(), "en", today=TODAY)
        assert _observe(s) == _observe(fresh), (op, path, value)


ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6),
    st.lists(st.text(max_size=3), max_size=3), st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
ANY_PATH = st.one_of(st.sampled_from(PATHS + ["kids", "trips", "grp", "", "/", "trips[0]/days", "x[1]"]),
                     st.text(max_size=12))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.dictionaries(ANY_PATH, ANY_VALUE, max_size=6), st.lists(st.tuples(ANY_PATH, ANY_VALUE), max_size=4))
def test_random_answers_raise_only_our_errors(answers: dict[str, Any], sets: list[tuple[str, Any]]) -> None:
    try:
        s = FormState(FORM, answers, "en", today=TODAY)
    except errors.TestimonioError as exc:
        assert str(exc)
        return
    for path, value in sets:
        try:
            s.set(path, value)
        except errors.TestimonioError as exc:
            assert str(exc)
    s.problems()
    s.exportable_answers()


REF_NAMES = st.sampled_from(["consent", "n", "age", "days", "place", "kids", "trips", "grp", "total", "ghost"])
EXPR_LEAVES = st.one_of(
    REF_NAMES.map(lambda n: "${" + n + "}"),
    st.sampled_from([".", "..", "../age", "../../n", "/p/n", "'yes'", "''", "3", "0.5", "'2024-01-01'"]),
)
FUNCS = st.sampled_from(["count", "sum", "max", "string", "number", "selected", "position", "date",
                         "concat", "if", "indexed-repeat", "jr:choice-name", "count-selected", "not"])


def _combine(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    ops = st.sampled_from([" + ", " - ", " div ", " mod ", " = ", " != ", " < ", " >= ", " and ", " or ", " | "])
    return st.one_of(
        st.tuples(parts, ops, parts).map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
        st.tuples(FUNCS, st.lists(parts, min_size=1, max_size=3)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        parts.map(lambda p: f"-{p}"),
    )


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.recursive(EXPR_LEAVES, _combine, max_leaves=8),
       st.sampled_from(["", "n", "kids[1]/age", "trips[2]/days", "grp/inner", "kids", "trips[1]"]))
def test_random_expressions_over_a_real_state_raise_only_expression_errors(text: str, at: str) -> None:
    s = FormState(FORM, {"consent": "yes", "n": 2, "k": 2, "kids[1]/age": 4, "trips": 2,
                         "trips[1]/place": "x", "trips[2]/days": 3}, "en", today=TODAY)
    try:
        s.evaluate(text, at)
    except errors.ExpressionError as exc:
        assert str(exc)
