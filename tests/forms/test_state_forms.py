"""Every real form loads into the form-state engine, and every expression in it
parses and evaluates on sample answers without an error."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest

from formkit import PROJECT_FORMS, shared_form, shared_forms
from testimonio.forms.expr import evaluate
from testimonio.forms.loader import load_questionnaire
from testimonio.forms.model import Group, Question, Questionnaire
from testimonio.forms.state import FormState

FILES = shared_forms("valid") + sorted(PROJECT_FORMS.glob("*.xlsx"))
TODAY = dt.date(2024, 3, 10)


def _sample(question: Question) -> Any:
    """A plausible answer of the question's type."""
    names = [c.name for c in question.choices]
    return {
        "integer": 3, "decimal": 2.5, "date": "2024-03-01", "time": "10:30",
        "dateTime": "2024-03-01T10:30:00", "geopoint": "-3.5 -80.2 10 5", "acknowledge": "OK",
        "select_one": names[0] if names else None,
        "select_multiple": names[:2] or None, "rank": names or None,
    }.get(question.type, "sample")


def _fill(state: FormState, q: Questionnaire) -> None:
    """Answer every input question, with two instances of each hand-made repeat."""
    for node in q.walk():
        if isinstance(node, Group) and node.repeat and not node.repeat_count:
            for own in state._inst.own_paths(node.path):
                while state.instances(own) < 2:
                    state.add_instance(own)
        elif isinstance(node, Question) and node.takes_input and not node.calculation:
            for path in state._inst.expand(node.path):
                value = _sample(node)
                if value is not None:
                    state.set(path, value)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_expression_evaluates_on_sample_answers(path: Path, caplog: pytest.LogCaptureFixture) -> None:
    q = load_questionnaire(path)
    with caplog.at_level(logging.WARNING, logger="testimonio.forms.state_engine"):
        state = FormState(q, {}, q.default_language, today=TODAY)
        _fill(state, q)
        for language in q.languages:
            state.language = language
            for node in q.walk():
                for answer_path in state._inst.expand(node.path):
                    state.label(answer_path)
                    state.error(answer_path)
                    state.choices(answer_path)
        state.problems()
        state.exportable_answers()
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    evaluated = 0
    for (model, _column), expr in state.graph.exprs.items():
        for answer_path in state._inst.expand(model) or state._inst.own_paths(model):
            state._ctx.here = answer_path
            evaluate(expr, state._ctx)  # raises if anything is wrong
            evaluated += 1
    assert evaluated >= len(state.graph.exprs)  # sample answers make at least one instance of each


def test_sample_interview_on_the_spec_test_form() -> None:
    q = load_questionnaire(shared_form("valid", "xlsform_spec_test.xlsx"))
    state = FormState(q, {}, q.default_language, today=TODAY)
    assert state.instances("everything/repeat_test") == 2  # repeat_count from a calculate
    assert state.value("everything/calculate_test") == "4"
    state.set("skip_to_end", ["yes"])
    assert not state.is_relevant("everything/a_integer")
    state.set("skip_to_end", [])
    state.set("everything/a_integer", 5)
    state.set("everything/a_decimal", 6.5)
    assert state.error("everything/a_decimal") is not None  # . <= ${a_integer}
    state.set("everything/a_decimal", 4.5)
    assert state.error("everything/a_decimal") is None
