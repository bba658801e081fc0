"""The expression engine: tokenizer, parser, printer, evaluator, robustness."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testimonio.errors import ExpressionError
from testimonio.forms.expr import (
    Binary,
    Call,
    Expr,
    Literal,
    MappingContext,
    Number,
    Path,
    Ref,
    Unary,
    evaluate,
    parse,
    ref_names,
    references,
    to_text,
)
from testimonio.forms.expr.ast import PRECEDENCE
from testimonio.forms.expr.functions import FUNCTIONS
from testimonio.forms.expr.lexer import MAX_LENGTH


def test_parse_builds_the_tree_with_xpath_precedence() -> None:
    assert parse("1 + 2 * 3") == Binary("+", Number(1), Binary("*", Number(2), Number(3)))
    assert parse("a or b and c") == Binary("or", Path(("a",)), Binary("and", Path(("b",)), Path(("c",))))
    assert parse("10 - 2 - 3") == Binary("-", Binary("-", Number(10), Number(2)), Number(3))
    assert parse("-${x}") == Unary(Ref("x"))
    assert parse("position(..)") == Call("position", (Path(("..",)),))
    assert parse("../sibling") == Path(("..", "sibling"))
    assert parse("/data/q") == Path(("data", "q"), absolute=True)
    assert parse("jr:choice-name(${a}, '${a}')") == Call("jr:choice-name", (Ref("a"), Literal("${a}")))
    assert parse("${ name }") == Ref("name")


def test_operator_names_are_names_where_xpath_says_so() -> None:
    # "div" after an operator is a name; after a value it is the operator.
    assert parse("div div div") == Binary("div", Path(("div",)), Path(("div",)))
    assert parse("and and and") == Binary("and", Path(("and",)), Path(("and",)))
    assert parse("x-1") == Path(("x-1",))  # one XPath name, as in ODK
    assert parse("x - 1") == Binary("-", Path(("x",)), Number(1))
    assert parse("${a}-1") == Binary("-", Ref("a"), Number(1))
    assert parse("selected (., 'no')") == Call("selected", (Path((".",)), Literal("no")))


def test_real_form_expressions_round_trip() -> None:
    texts = [
        "(. >= 2 and . <= 54) or . =999",
        "round(15 div (sqrt(cos(atan(${slope} div 100)))),2)",
        "regex(.,'^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$')",
        "not(selected(., 'yes') and selected (., 'no'))",
        "position(..) <= ${repeatNum}",
        "village=${village} and plant_phase=${plant_phase}",
        "if(${tree_distance} > ${slope_radius_inner}, 15, 6)",
        "-(1 - 2) - -3",
        "1 - (2 - 3)",
        "(1 = 2) = (3 = 4)",
        "a | b | c",
        "-(a | b)",
        "'it''s'",
    ]
    for text in texts[:-1]:
        tree = parse(text)
        assert parse(to_text(tree)) == tree, text
    assert to_text(parse("1 - (2 - 3)")) == "1 - (2 - 3)"
    assert to_text(parse("(1 - 2) - 3")) == "1 - 2 - 3"


def test_parse_is_cached() -> None:
    assert parse("${a} + 1") is parse("${a} + 1")


def test_references_lists_names_and_relative_paths() -> None:
    tree = parse("${a} + ../b + . + count(${c}) + 'text ${not_a_ref}'")
    assert references(tree) == {Ref("a"), Ref("c"), Path(("..", "b")), Path((".",))}
    assert ref_names(tree) == {"a", "c"}


BAD = [
    "", "   ", "1 +", "(1", "1)", "foo(1)", "round()", "round(1, 2, 3)", "'open", '"open',
    "${}", "${a b}", "${a", "1 2", "1 and", "a[1]", "a//b", "@x", "$x", "1 = = 1", "9" * 400,
    ",", "concat(1,)", "indexed-repeat(${a}, ${r}, 1, ${s})", "#", "a/", "/..[", "selected(.,'a') and",
]


@pytest.mark.parametrize("text", BAD)
def test_malformed_expressions_get_a_sentence(text: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    message = str(caught.value)
    assert message.endswith(".") and len(message) > 15


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("(" * 5000 + "1" + ")" * 5000, "long"),
        ("(" * 100 + "1" + ")" * 100, "nested"),
        ("-" * 5000 + "1", "nested"),
        ("not(" * 3000 + "1" + ")" * 3000, "long"),
        ("not(" * 60 + "1" + ")" * 60, "nested"),
        (" + ".join(["1"] * 3000), "long"),
        ("x" * (MAX_LENGTH + 1), "long"),
        ("concat(" + ", ".join(["'a'"] * 2000) + ")", "long"),
        ("concat(" + ", ".join(["'a'"] * 1000) + ")", None),  # wide but shallow: fine
    ],
)
def test_huge_or_deep_input_is_refused_not_crashed(text: str, refused: str | None) -> None:
    if refused is None:
        assert evaluate(parse(text), MappingContext()) == "a" * 1000
        return
    with pytest.raises(ExpressionError, match=refused):
        parse(text)


def test_evaluate_basic_values_and_context() -> None:
    ctx = MappingContext({"age": 20, "sex": "female", "pets": ["cat", "dog"]}, here="age",
                         today=dt.date(2024, 1, 1))
    assert evaluate(parse("${sex}='female' and ${age}>=15 and ${age}<=49"), ctx) is True
    assert evaluate(parse(". + 1"), ctx) == 21.0
    assert evaluate(parse("count-selected(${pets})"), ctx) == 2.0
    assert evaluate(parse("today()"), ctx) == dt.date(2024, 1, 1)
    assert math.isnan(evaluate(parse("${missing} + 1"), ctx))  # type: ignore[arg-type]


def test_choice_filter_names_read_choice_columns() -> None:
    ctx = MappingContext({"state": "texas"}, choice={"cf": "texas", "name": "dallas"})
    assert evaluate(parse("${state}=cf"), ctx) is True
    assert evaluate(parse("name = 'dallas'"), ctx) is True


def test_runtime_errors_are_expression_errors() -> None:
    ctx = MappingContext()
    with pytest.raises(ExpressionError, match="regex"):
        evaluate(parse("regex('a', '[')"), ctx)
    with pytest.raises(ExpressionError, match="count"):
        evaluate(parse("count(1)"), ctx)
    with pytest.raises(ExpressionError):
        evaluate(parse("1 | 2"), ctx)


def test_uuid_once_and_now() -> None:
    ctx = MappingContext({"here": "kept"}, here="here")
    assert evaluate(parse("once(uuid())"), ctx) == "kept"
    ctx = MappingContext({}, here="here")
    first = evaluate(parse("once(uuid())"), ctx)
    assert isinstance(first, str) and len(first) == 36
    assert isinstance(evaluate(parse("now()"), ctx), dt.datetime)


# -- hypothesis: random trees and random text ---------------------------------------------

NAMES = st.sampled_from(["a", "b", "age", "x-1", "b.c", "div", "and", "mod", "or", "jr:x", "año"])
FIXED_ARITY = [(name, lo if hi is None else hi) for name, (lo, hi, _fn) in FUNCTIONS.items()
               if name not in ("random", "uuid", "now")]


def _literal() -> st.SearchStrategy[Expr]:
    text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
    return text.filter(lambda s: not ("'" in s and '"' in s)).map(Literal)


LEAVES: st.SearchStrategy[Expr] = st.one_of(
    _literal(),
    st.floats(min_value=0, max_value=1e300, allow_nan=False).map(lambda f: Number(abs(f))),
    NAMES.map(Ref),
    st.lists(st.one_of(st.just("."), st.just(".."), NAMES), min_size=1, max_size=3).map(
        lambda steps: Path(tuple(steps))),
)


def _extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    return st.one_of(
        children.map(Unary),
        st.builds(Binary, st.sampled_from(sorted(PRECEDENCE)), children, children),
        st.sampled_from(FIXED_ARITY).flatmap(
            lambda fa: st.lists(children, min_size=fa[1], max_size=fa[1]).map(
                lambda args: Call(fa[0], tuple(args)))),
    )


TREES = st.recursive(LEAVES, _extend, max_leaves=20)
CTX_ANSWERS = {"a": "5", "b": 2, "age": 2.5, "x-1": ["p", "q"], "r[1]/b": 3, "r[2]/b": "2024-01-02"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_random_trees_round_trip_and_evaluate_with_only_our_error(tree: Expr) -> None:
    text = to_text(tree)
    assert parse(text) == tree, text
    try:
        evaluate(tree, MappingContext(CTX_ANSWERS, here="a", today=dt.date(2024, 1, 1)))
    except ExpressionError as exc:
        assert str(exc)


PIECES = list("${}()[]/.,'\"-+*=!<>|@ 019abdiovnrmx:_") + [
    " div ", " and ", " or ", " mod ", "round(", "concat(", "${a}", "${r}", "..", "date(", "count(",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=25).map("".join) | st.text(max_size=30)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_random_text_gives_a_tree_or_our_error(text: str) -> None:
    try:
        tree = parse(text)
    except ExpressionError as exc:
        assert str(exc)
        return
    assert parse(to_text(tree)) == tree
    try:
        evaluate(tree, MappingContext(CTX_ANSWERS, here="b"))
    except ExpressionError:
        pass
