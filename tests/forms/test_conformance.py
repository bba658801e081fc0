"""Conformance table: expression cases with the results the specifications give.

Sources: XPath 1.0 (W3C REC 1999) §3.4 comparisons, §3.5 numbers, §4 core
functions and their examples; the ODK XForms specification (functions,
date arithmetic in days, empty answers as ''), and JavaRosa where the ODK
spec defers to it (a one-node set used as a boolean converts through its
value). Each row: expression, expected value.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from testimonio.forms.expr import MappingContext, NodeSet, evaluate, parse
from testimonio.forms.expr import values as expr_values
from testimonio.forms.model import Choice, Group, Question, Questionnaire, Text
from testimonio.forms.state import FormState

TODAY = dt.date(2024, 3, 10)
NAN = math.nan
INF = math.inf

# Expressions with no answers involved: XPath 1.0 and ODK functions.
SCALAR_CASES: list[tuple[str, object]] = [
    # §3.4 comparisons: numbers win over strings for =, relational ops compare numbers
    ("1 = 1.0", True),
    ("'1' = 1", True),
    ("'1.0' = '1'", False),
    ("'1.0' = 1", True),
    ("'abc' = 'abc'", True),
    ("'abc' < 'abd'", False),
    ("'2' < '10'", True),
    ("2 < '10'", True),
    ("'' = 0", False),
    ("'' = ''", True),
    ("'' != 0", True),
    ("true() = 'x'", True),
    ("false() = ''", True),
    ("true() = 2", True),
    ("false() = 0", True),
    ("1 < 2 < 3", True),
    ("3 > 2 > 1", False),  # (3 > 2) is true, true > 1 is 1 > 1
    ("1 = 1 = 1", True),
    ("true() > false()", True),
    # §3.5 numbers: IEEE 754 division, truncating mod (spec examples)
    ("5 mod 2", 1.0),
    ("5 mod -2", 1.0),
    ("-5 mod 2", -1.0),
    ("-5 mod -2", -1.0),
    ("5 div 2", 2.5),
    ("1 div 0", INF),
    ("-1 div 0", -INF),
    ("0 div 0", NAN),
    ("5 mod 0", NAN),
    ("1 div 0 = 2 div 0", True),
    ("0 div 0 = 0 div 0", False),
    ("0 div 0 != 0 div 0", True),
    ("0 div 0 < 1", False),
    ("0 div 0 >= 1", False),
    ("2 + 3 * 4", 14.0),
    ("(2 + 3) * 4", 20.0),
    ("10 - 2 - 3", 5.0),
    ("12 div 2 div 3", 2.0),
    ("- - 3", 3.0),
    ("-2 * -2", 4.0),
    ("1 + true()", 2.0),
    ("'3' * '4'", 12.0),
    ("'x' + 1", NAN),
    ("1 or 0 and 0", True),
    ("(1 or 0) and 0", False),
    # §4.4 number(): no exponent, no plus sign, whitespace allowed
    ("number('')", NAN),
    ("number(' 12 ')", 12.0),
    ("number('1e3')", NAN),
    ("number('+1')", NAN),
    ("number('-1.5')", -1.5),
    ("number('.5')", 0.5),
    ("number(true())", 1.0),
    ("number(false())", 0.0),
    # §4.2 string() of numbers
    ("string(1 div 0)", "Infinity"),
    ("string(-1 div 0)", "-Infinity"),
    ("string(0 div 0)", "NaN"),
    ("string(1.0)", "1"),
    ("string(0.5)", "0.5"),
    ("string(-0.25)", "-0.25"),
    ("string(1 div 3)", "0.3333333333333333"),
    ("string(1000000 * 1000000 * 1000000)", "1000000000000000000"),
    ("string(true())", "true"),
    ("string(false())", "false"),
    # §4.3 boolean()
    ("boolean('')", False),
    ("boolean('false')", True),
    ("boolean(0)", False),
    ("boolean(0 div 0)", False),
    ("boolean(-0.0001)", True),
    ("not(0)", True),
    ("not('')", True),
    ("true() and false()", False),
    ("true() or false()", True),
    # §4.2 string functions (spec examples)
    ("substring('12345', 2, 3)", "234"),
    ("substring('12345', 2)", "2345"),
    ("substring('12345', 1.5, 2.6)", "234"),
    ("substring('12345', 0, 3)", "12"),
    ("substring('12345', 0 div 0, 3)", ""),
    ("substring('12345', -42, 1 div 0)", "12345"),
    ("substring-before('1999/04/01', '/')", "1999"),
    ("substring-after('1999/04/01', '/')", "04/01"),
    ("translate('bar', 'abc', 'ABC')", "BAr"),
    ("translate('--aaa--', 'abc-', 'ABC')", "AAA"),
    ("normalize-space('  a   b ')", "a b"),
    ("concat('a', 'b', 'c')", "abc"),
    ("concat('a', 1, true())", "a1true"),
    ("contains('abc', 'b')", True),
    ("contains('abc', '')", True),
    ("starts-with('abc', 'ab')", True),
    ("ends-with('abc', 'bc')", True),
    ("string-length('año')", 3.0),
    ("string-length('')", 0.0),
    # §4.4 number functions
    ("round(2.5)", 3.0),
    ("round(-2.5)", -2.0),
    ("round(2.4)", 2.0),
    ("round(0 div 0)", NAN),
    ("floor(-1.5)", -2.0),
    ("ceiling(-1.5)", -1.0),
    ("floor(2.7)", 2.0),
    # ODK XForms functions
    ("round(15.0449, 2)", 15.04),
    ("round(1.005, 2)", 1.01),
    ("round(1234.5, -2)", 1200.0),
    ("int(3.9)", 3.0),
    ("int(-3.9)", -3.0),
    ("substr('hello', 1, 3)", "el"),
    ("substr('hello', 2)", "llo"),
    ("selected('a b c', 'b')", True),
    ("selected('a b c', 'd')", False),
    ("selected('ab', 'a')", False),
    ("selected(' a  b ', ' b ')", True),
    ("count-selected('a b c')", 3.0),
    ("count-selected('')", 0.0),
    ("selected-at('a b c', 1)", "b"),
    ("selected-at('a b', 5)", ""),
    ("regex('abc123', '^[a-z]+[0-9]+$')", True),
    ("regex('hello', 'ell')", True),
    ("regex('hello', '^ell')", False),
    ("coalesce('', 'b')", "b"),
    ("coalesce('a', 'b')", "a"),
    ("if(1 > 2, 'y', 'n')", "n"),
    ("if('x', 1, 2)", 1.0),
    ("pow(2, 10)", 1024.0),
    ("pow(-8, 1 div 3)", NAN),
    ("sqrt(16)", 4.0),
    ("sqrt(-1)", NAN),
    ("exp(0)", 1.0),
    ("log(0)", -INF),
    ("log10(1000)", 3.0),
    ("abs(-2)", 2.0),
    ("sin(0)", 0.0),
    ("cos(0)", 1.0),
    ("round(atan2(1, 1) * 4, 10)", round(math.pi, 10)),
    ("round(pi(), 5)", 3.14159),
    ("asin(2)", NAN),
    ("max(1, 5, 3)", 5.0),
    ("min(1, 'x')", NAN),
    ("boolean-from-string('true')", True),
    ("boolean-from-string('yes')", False),
    ("join('-', 'a', 'b')", "a-b"),
    # dates: arithmetic in days (ODK), date strings converted when compared or subtracted
    ("today() - date('2024-03-01')", 9.0),
    ("'2024-03-10' = today()", True),
    ("today() = '2024-03-10'", True),
    ("today() > '2024-03-09'", True),
    ("'2024-03-10' - '2024-02-10'", 29.0),
    ("string(date(date('2024-02-28') + 1))", "2024-02-29"),
    ("date('2024-03-01') + 1 = date('2024-03-02')", True),
    ("date('2024-03-01') < date('2024-03-02')", True),
    ("decimal-date-time('1970-01-02')", 1.0),
    ("decimal-date-time('1970-01-01T12:00:00')", 0.5),
    ("string(date(0))", "1970-01-01"),
    ("string(today())", "2024-03-10"),
    ("string(date('not a date'))", ""),
    ("int((today() - date('2000-03-10')) div 365.25)", 24.0),
    ("format-date(date('2024-03-05'), '%Y/%m/%d %e %n %y')", "2024/03/05 5 3 24"),
    ("format-date('2024-03-05T07:08:09', '%H:%M:%S')", "07:08:09"),
]


def _same(got: object, expected: object) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(got, float) and math.isnan(got)
    if isinstance(expected, bool):
        return got is expected
    if isinstance(expected, float):
        return isinstance(got, float) and not isinstance(got, bool) and got == pytest.approx(expected)
    return got == expected


@pytest.mark.parametrize(("text", "expected"), SCALAR_CASES, ids=[c[0] for c in SCALAR_CASES])
def test_scalar_case(text: str, expected: object) -> None:
    got = evaluate(parse(text), MappingContext({}, today=TODAY))
    assert _same(got, expected), f"{text} gave {got!r}, expected {expected!r}"


def _q(name: str, type_: str = "text", parent: str = "", **kw: object) -> Question:
    return Question(name=name, path=f"{parent}/{name}" if parent else name, type=type_, **kw)  # type: ignore[arg-type]


def _form() -> Questionnaire:
    abc = tuple(Choice(n, Text({"en": n.upper(), "es": f"{n}-es"})) for n in ("a", "b", "c"))
    rep = Group("r", "r", repeat=True, children=(_q("a", "integer", "r"), _q("b", "text", "r"),
                                                   _q("same", "text", "r", calculation="${b}"),
                                                   _q("pos", "text", "r", calculation="position(..)"),
                                                   _q("sib", "text", "r", calculation="../b")))
    none = Group("none", "none", repeat=True, children=(_q("z", "integer", "none"),))
    root = Group("", "", children=(
        _q("x"), _q("n", "integer"), _q("d", "date"), _q("e", "date"),
        _q("ms", "select_multiple", choices=abc, list_name="abc"),
        _q("one", "select_one", choices=abc, list_name="abc"),
        rep, none,
    ))
    return Questionnaire("conf", "1", Text({"en": "Conformance"}), root, ("en", "es"), "en")


ANSWERS = {
    "n": 0, "d": "2024-01-01", "e": "2024-03-10", "ms": ["a", "c"], "one": "b",
    "r": 3, "r[1]/a": 1, "r[2]/a": 5, "r[3]/a": 10,
    "r[1]/b": "p", "r[2]/b": "q",
}

# Expressions over answers: empty answers, node-sets, selects, repeats.
FORM_CASES: list[tuple[str, str, object]] = [
    # an empty answer is '' (ODK), and never equal to a number
    ("", "${x} = ''", True),
    ("", "${x} != ''", False),
    ("", "${x} = 0", False),
    ("", "${x} > 0", False),
    ("", "${x} < 0", False),
    ("", "${x} + 1", NAN),
    ("", "string-length(${x})", 0.0),
    ("", "if(${x}, 'y', 'n')", "n"),  # JavaRosa: a one-node set converts through its value
    ("", "boolean(${n})", False),
    ("", "count-selected(${x})", 0.0),
    ("", "selected(${x}, 'a')", False),
    ("", "coalesce(${x}, 'd')", "d"),
    ("", "concat(${x}, 'a')", "a"),
    # node-sets (§3.4): true if any node compares true
    ("", "${a} = 5", True),
    ("", "${a} != 5", True),
    ("", "${a} > 9", True),
    ("", "${a} > 10", False),
    ("", "${a} = '10'", True),
    ("", "${a} = ${a}", True),
    ("", "${a} != ${a}", True),
    ("", "count(${a})", 3.0),
    ("", "count(${r})", 3.0),
    ("", "sum(${a})", 16.0),
    ("", "max(${a})", 10.0),
    ("", "min(${a})", 1.0),
    ("", "join(', ', ${a})", "1, 5, 10"),
    ("", "sum(${b}) ", NAN),  # 'p' is not a number
    ("", "count(${z})", 0.0),  # a repeat with no instances: the empty node-set
    ("", "${z} = ''", False),  # §3.4: nothing in an empty set compares true
    ("", "${z} != ''", False),
    ("", "sum(${z})", 0.0),
    ("", "boolean(${z})", False),
    # inside a repeat: ${name} is the same instance's sibling
    ("r[2]/a", "${b}", "q"),
    ("r[2]/a", ". * 2", 10.0),
    ("r[2]/a", "../b", "q"),
    ("r[2]/a", "position(..)", 2.0),
    ("r[3]/a", "${b} = ''", True),
    ("r[2]/a", "count(${a})", 1.0),
    ("r[2]/pos", ".", "2"),
    ("r[1]/same", ".", "p"),
    ("r[2]/sib", ".", "q"),
    # indexed-repeat (ODK): the node in the i-th instance, wherever the expression is
    ("", "indexed-repeat(${a}, ${r}, 2)", "5"),
    ("r[1]/a", "indexed-repeat(${b}, ${r}, 2)", "q"),
    ("r[1]/a", "indexed-repeat(${a}, ${r}, position(..) + 2)", "10"),
    ("", "count(indexed-repeat(${a}, ${r}, 9))", 0.0),
    # selects
    ("", "selected(${ms}, 'c')", True),
    ("", "selected(${ms}, 'b')", False),
    ("", "count-selected(${ms})", 2.0),
    ("", "selected-at(${ms}, 1)", "c"),
    ("", "${one} = 'b'", True),
    ("", "jr:choice-name(${one}, '${one}')", "B"),
    ("", "jr:choice-name('c', '${ms}')", "C"),
    ("", "jr:choice-name('nope', '${ms}')", "nope"),
    # dates in answers
    ("", "${d} < today()", True),
    ("", "${e} - ${d}", 69.0),
    ("", "${e} = today()", True),
    ("", "today() - ${d} > 60", True),
]


@pytest.fixture(autouse=True)
def _utc_is_local(monkeypatch: pytest.MonkeyPatch) -> None:
    """Date-times without an offset are local time: make that UTC whatever the machine's zone."""
    monkeypatch.setattr(expr_values, "LOCAL_ZONE", dt.UTC)


@pytest.fixture(scope="module")
def state() -> FormState:
    return FormState(_form(), ANSWERS, "en", today=TODAY)


@pytest.mark.parametrize(("at", "text", "expected"), FORM_CASES, ids=[f"{c[0]}:{c[1]}" for c in FORM_CASES])
def test_form_case(state: FormState, at: str, text: str, expected: object) -> None:
    got = state.evaluate(text, at)
    if isinstance(got, NodeSet):
        got = got.strings()[0] if len(got) == 1 else got
    assert _same(got, expected), f"{text} at {at!r} gave {got!r}, expected {expected!r}"
