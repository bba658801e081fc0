"""Answer coercion and type checks, one row per type and branch (forms.state_values)."""

from __future__ import annotations

import pytest

from testimonio.forms.model import AnswerValue, Question
from testimonio.forms.state_values import normalize, type_problem

CHOICES = frozenset({"a", "b"})


def _q(kind: str, *, or_other: bool = False, range_: tuple[float, float, float] | None = None) -> Question:
    return Question(name="q", path="q", type=kind, or_other=or_other, range=range_)


@pytest.mark.parametrize(("kind", "typed", "stored"), [
    ("text", "", None),
    ("text", [], None),
    ("text", 2.5, "2.5"),
    ("text", ["x", "y"], "x y"),
    ("select_multiple", "a  b", ["a", "b"]),
    ("select_multiple", "   ", None),
    ("rank", ("b", "a"), ["b", "a"]),
    ("rank", ["a", 1], "['a', 1]"),
    ("integer", " -12 ", -12),
    ("integer", 7.0, 7),
    ("integer", True, "True"),
    ("integer", "1.5", "1.5"),
    ("integer", "1" * 19, "1" * 19),
    ("decimal", "1,5", 1.5),
    ("decimal", 3, 3.0),
    ("decimal", False, "False"),
    ("decimal", "inf", "inf"),
    ("decimal", "tres", "tres"),
    ("decimal", float("nan"), "NaN"),
])
def test_normalize(kind: str, typed: object, stored: AnswerValue) -> None:
    assert normalize(_q(kind), typed) == stored


@pytest.mark.parametrize(("kind", "value", "problem"), [
    ("integer", 4, None),
    ("integer", "4x", "integer"),
    ("integer", 10**18 - 1, None),  # 18 digits, as typed ones
    ("integer", 10**18, "integer"),  # more: only JSON (a bundle, interview add) can say it
    ("integer", -(10**400), "integer"),
    ("decimal", float("inf"), "decimal"),
    ("decimal", float("nan"), "decimal"),
    ("decimal", 4.5, None),
    ("decimal", "x", "decimal"),
    ("select_multiple", ["a", "b"], None),
    ("select_multiple", ["a", "a"], "choice"),
    ("rank", ["a", "zz"], "choice"),
    ("rank", "a", "choice"),
    ("select_one", "b", None),
    ("select_one", "zz", "choice"),
    ("select_one", ["a"], "text"),
    ("date", "2024-02-29", None),
    ("today", "2023-02-29", "date"),
    ("date", "24-02-01", "date"),
    ("time", "23:59:59", None),
    ("time", "24:00", "time"),
    ("dateTime", "2024-01-01T10:00", None),
    ("start", "2024-01-01", "dateTime"),
    ("geopoint", "-3.5 -80.2", None),
    ("geopoint", "-3.5 -180.2", "geopoint"),
    ("geopoint", "x y", "geopoint"),
    ("acknowledge", "OK", None),
    ("acknowledge", "ok", "acknowledge"),
    ("text", "anything", None),
    ("note", 3, "text"),
])
def test_type_problem(kind: str, value: AnswerValue, problem: str | None) -> None:
    assert type_problem(_q(kind), value, CHOICES) == problem


def test_other_and_range() -> None:
    assert type_problem(_q("select_one", or_other=True), "other", CHOICES) is None
    assert type_problem(_q("select_one"), "other", CHOICES) == "choice"
    scale = (0.0, 1.0, 0.25)
    assert type_problem(_q("decimal", range_=scale), 0.75, CHOICES) is None
    assert type_problem(_q("decimal", range_=scale), 0.8, CHOICES) == "range"
    assert type_problem(_q("integer", range_=(1.0, 10.0, 1.0)), 11, CHOICES) == "range"
