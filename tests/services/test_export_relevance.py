"""The export's relevance sweep gives exactly what the form-state engine gives.

The reference is ``FormState(q, answers).exportable_answers()``, without
clock-filled metadata the interview never recorded. It is compared with
:meth:`Relevance.exportable` (the sweep over plain answers) on the shipped
questionnaires and on generated forms with groups, repeats (hand-made and
counted), nested repeats, relevance chains and calculations.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from exchange_world import FORM, P, border_answers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formkit import MEETING, table, write_rows
from testimonio.forms.loader import load_questionnaire
from testimonio.forms.model import METADATA_TYPES, Group, Questionnaire
from testimonio.forms.state import FormState
from testimonio.forms.state_paths import model_path
from testimonio.services.relevance import Relevance


def _engine(q: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    out = FormState(q, dict(answers), q.default_language).exportable_answers()
    metadata = {n.path for n in q.questions() if n.type in METADATA_TYPES}
    return {p: v for p, v in out.items() if p in answers or model_path(p) not in metadata}


def _check(q: Questionnaire, cases: list[dict[str, Any]]) -> int:
    """Compare on every case; return how many the sweep decided itself."""
    relevance = Relevance()
    swept = 0
    for answers in cases:
        assert relevance.exportable(q, answers) == _engine(q, answers), answers
    sweep = relevance.facts(q).sweep
    for answers in cases:  # every path is known by now: what the sweep takes on its own
        swept += sweep.run(answers) is not None
    return swept


def _border_variants() -> list[dict[str, Any]]:
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
        if rng.random() < 0.3:
            a.pop(P["interview_date"], None)  # filled in with today, as the engine does
        found.append(a)
    return found


def test_sweep_matches_the_engine_on_the_border_questionnaire() -> None:
    cases = _border_variants()
    assert _check(FORM, cases) == len(cases)


def _random_answers(q: Questionnaire, rng: random.Random) -> dict[str, Any]:
    """Answers of every question, some left out, repeats of 0-3 instances (and a ghost)."""
    out: dict[str, Any] = {}

    def fill(node: Any, prefix: str) -> None:
        for child in node.children:
            path = f"{prefix}/{child.name}" if prefix else child.name
            if isinstance(child, Group):
                if child.repeat:
                    count = rng.randint(0, 3)
                    if count or rng.random() < 0.5:
                        out[path] = count
                    for i in range(1, count + 1 + (rng.random() < 0.2)):
                        fill(child, f"{path}[{i}]")
                else:
                    fill(child, path)
                continue
            if rng.random() < 0.2 or not child.takes_input:
                continue
            names = [c.name for c in child.choices]
            if child.type == "integer":
                out[path] = rng.randint(0, 90)
            elif child.type == "decimal":
                out[path] = rng.choice([0.5, 2.0, 17.25])
            elif child.type == "date":
                out[path] = f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            elif child.type == "select_one" and names:
                out[path] = rng.choice(names)
            elif child.type == "select_multiple" and names:
                out[path] = rng.sample(names, rng.randint(1, len(names)))
            else:
                out[path] = rng.choice(["", "yes", "texto libre", "12"])

    fill(q.root, "")
    return out


def test_sweep_matches_the_engine_on_the_meeting_questionnaire() -> None:
    q = load_questionnaire(MEETING)
    rng = random.Random(3)
    cases = [_random_answers(q, rng) for _ in range(60)]
    assert _check(q, cases) > len(cases) // 2


_REL = ["", "${a} > 40", "${s} = 'yes'", "selected(${m}, 'x')", "${c} != ''", "count(${r}) > 1",
        "${in_r} > 20", "not(${s} = 'no') and ${a} < 70", "${g_t} = 'yes'", "${cnt} >= 2"]
_CALC = ["${a} + 1", "if(${s} = 'yes', 'y', 'n')", "count(${r})", "sum(${in_r})", "concat(${t}, '-')",
         "${in_r} * 2", "count-selected(${m})"]


def _generated_form(tmp: Path, rng: random.Random) -> Questionnaire:
    """A form with a group, a hand-made repeat (a calculation and a nested repeat
    inside), a repeat counted by ${cnt}, relevance chains and calculations."""
    def rel() -> str:
        return rng.choice(_REL)

    rows = [
        {"type": "integer", "name": "a", "label": "A"},
        {"type": "select_one yn", "name": "s", "label": "S", "relevant": rng.choice(["", "${a} > 10"])},
        {"type": "select_multiple xy", "name": "m", "label": "M", "relevant": rng.choice(["", "${s} = 'yes'"])},
        {"type": "integer", "name": "cnt", "label": "Count"},
        {"type": "begin_group", "name": "g", "label": "G", "relevant": rng.choice(["", "${s} = 'yes'"])},
        {"type": "select_one yn", "name": "g_t", "label": "T", "relevant": rng.choice(["", "${a} > 5"])},
        {"type": "text", "name": "t", "label": "Text", "relevant": rel()},
        {"type": "end_group"},
        {"type": "calculate", "name": "c", "label": "", "calculation": rng.choice(_CALC[:2] + _CALC[4:5])},
        {"type": "begin_repeat", "name": "r", "label": "R",
         "relevant": rng.choice(["", "${a} > 20", "count(${k}) > 1", "${k_n} > 30"])},
        {"type": "integer", "name": "in_r", "label": "In"},
        {"type": "text", "name": "in_t", "label": "InT", "relevant": rng.choice(["", "${in_r} > 30", "${s} = 'yes'"])},
        {"type": "calculate", "name": "in_c", "label": "", "calculation": rng.choice(["${in_r} * 2", "${a} + ${in_r}"])},
        {"type": "begin_repeat", "name": "rr", "label": "RR", "relevant": rng.choice(["", "${in_r} > 10"])},
        {"type": "select_one yn", "name": "deep", "label": "Deep", "relevant": rng.choice(["", "${s} = 'no'"])},
        {"type": "end_repeat"},
        {"type": "end_repeat"},
        {"type": "begin_repeat", "name": "k", "label": "K", "repeat_count": "${cnt}"},
        {"type": "integer", "name": "k_n", "label": "KN", "relevant": rng.choice(["", "${a} < 50"])},
        {"type": "end_repeat"},
        {"type": "calculate", "name": "after", "label": "", "calculation": rng.choice(_CALC)},
        {"type": "text", "name": "last", "label": "Last", "relevant": rel()},
        {"type": "integer", "name": "later", "label": "Later", "relevant": rel()},
    ]
    choices = [{"list_name": "yn", "name": "yes", "label": "Yes"}, {"list_name": "yn", "name": "no", "label": "No"},
               {"list_name": "xy", "name": "x", "label": "X"}, {"list_name": "xy", "name": "y", "label": "Y"}]
    path = write_rows(tmp / f"gen{rng.random():.6f}.xlsx", {
        "survey": table(rows), "choices": table(choices),
        "settings": table([{"form_id": "gen", "version": "1"}])})
    return load_questionnaire(path)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Questionnaire]:
    tmp = tmp_path_factory.mktemp("forms")
    return [_generated_form(tmp, random.Random(seed)) for seed in range(4)]


def test_sweep_matches_the_engine_on_generated_forms(generated: list[Questionnaire]) -> None:
    for n, q in enumerate(generated):
        rng = random.Random(n)
        cases = [_random_answers(q, rng) for _ in range(50)]
        for case in cases[::3]:
            if "k" in case:
                case["cnt"] = case["k"]  # a count the expression agrees with: the sweep's case
        assert _check(q, cases) > 0


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), form=st.integers(0, 3))
def test_sweep_matches_the_engine_on_any_answers(generated: list[Questionnaire], seed: int, form: int) -> None:
    q = generated[form]
    rng = random.Random(seed)
    _check(q, [_random_answers(q, rng) for _ in range(3)])


def test_results_remembered_stay_bounded_per_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    """days_waited reads dates: remembering each interview's result would grow with the export."""
    from testimonio.services import relevance_memo

    monkeypatch.setattr(relevance_memo, "MAX_SHARED_EACH", 20)
    cases = []
    for n in range(200):
        a = border_answers(n, age=30, gender="female", visa=False, decision="admitted")
        a[P["claim_date"]] = f"2019-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
        a[P["interview_date"]] = f"2020-{n % 12 + 1:02d}-{(n * 7) % 28 + 1:02d}"
        cases.append(a)
    relevance = Relevance()
    for answers in cases:  # still the engine's answers once the bound is reached
        assert relevance.exportable(FORM, answers) == _engine(FORM, answers)
    memo = relevance.facts(FORM).sweep.memo
    per_expression = {fn: len(results) for fn, results in memo.shared.items()}
    assert max(per_expression.values()) == 20  # reached, and no further
    assert sum(per_expression.values()) < 20 * len(memo.pure)
