"""Issue 15 item 11: no answer reaches the log through an expression's error.

A ``regex()`` whose pattern comes from an answer fails on a bad pattern; the
engine logs that the expression could not be computed, never the reason,
which quotes the pattern (an answer).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

import pytest

from testimonio.forms.model import Group, Node, Question, Questionnaire, Text
from testimonio.forms.state import FormState

SECRET = "Rosa Pérez V-12345678 ("  # an answer that is also a broken regular expression


def _q(name: str, type_: str = "text", **kw: Any) -> Question:
    return Question(name=name, path=name, type=type_, **kw)


def _form(*children: Node) -> Questionnaire:
    root = Group("", "", children=tuple(replace(c, path=c.name) for c in children))
    return Questionnaire("t", "1", Text({"en": "T"}), root, ("en",), "en")


def test_a_failing_regex_logs_no_answer(caplog: pytest.LogCaptureFixture) -> None:
    form = _form(_q("pattern"), _q("check", "calculate", calculation="regex('abc', ${pattern})"),
                 _q("shown", relevant="regex('abc', ${pattern})"))
    with caplog.at_level(logging.DEBUG):
        state = FormState(form, {}, "en")
        state.set("pattern", SECRET)
        state.problems()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "could not be computed" in logged  # the failure itself is still logged
    assert "Rosa" not in logged and "12345678" not in logged
