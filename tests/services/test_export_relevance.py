"""The export's memoised relevance gives exactly what the form-state engine gives."""

from __future__ import annotations

import random

from exchange_world import FORM, P, border_answers

from testimonio.forms.state import FormState
from testimonio.services.relevance import Relevance


def _engine(answers: dict) -> dict:  # type: ignore[type-arg]
    out = FormState(FORM, dict(answers), "es").exportable_answers()
    return {p: v for p, v in out.items() if p in answers or p not in {"start", "end", "interview_date"}}


def _variants() -> list[dict]:  # type: ignore[type-arg]
    rng = random.Random(7)
    found = []
    for n in range(60):
        a = border_answers(n, age=rng.randint(1, 90), gender=rng.choice(["female", "male"]),
                           visa=rng.random() < 0.3,
                           decision=rng.choice(["pending", "not_processed", "admitted", "rejected_written"]))
        if rng.random() < 0.2:
            a[P["consent"]] = "no"
        if rng.random() < 0.3:
            a[P["asylum_claimed"]] = "no"
        if rng.random() < 0.3:
            a[P["entry_result"]] = "allowed"
        if rng.random() < 0.5:
            a[P["travels_with_others"]] = "yes"
            a["companions"] = 2
            a["companions[1]/relationship"] = "child"
            a["companions[1]/companion_age"] = rng.randint(0, 17)
            a["companions[2]/relationship"] = "parent"
            a["companions[2]/companion_age"] = 70
            a["companions[3]/relationship"] = "ghost"  # beyond the count: never exported
        if rng.random() < 0.3:
            a[P["exception_criteria"]] = ["over_60", "pregnancy"]
            a[P["exception_invoked"]] = "yes"
        found.append(a)
    return found


def test_shortcut_matches_the_engine() -> None:
    relevance = Relevance()
    assert relevance.facts(FORM).shortcut
    for answers in _variants():
        assert relevance.exportable(FORM, answers) == _engine(answers)
    assert len(relevance.facts(FORM).cache) < 60  # verdicts are shared
