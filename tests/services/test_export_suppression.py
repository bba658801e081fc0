"""Suppression: one more generalisation step first; blanking reaches derived values, _other texts and repeats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_world import P, Side, border_answers, team_of

from smallk import lower_k
from testimonio.services.settings import SettingsService

WORKPLACE = "Panadería Central de Maracaibo"


def _answers(n: int, age: int) -> dict[str, Any]:
    a = border_answers(n, age=age)
    a[P["occupation"]] = "other"
    a[P["occupation_other"]] = WORKPLACE
    a[P["travels_with_others"]] = "yes"
    a.update({"companions": 1, "companions[1]/relationship": "child", "companions[1]/companion_age": 7})
    return a


def _side(tmp_path: Path, k: int) -> tuple[Side, list[str]]:
    _, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), k)
    ids = [r.add(_answers(n, 34 if n < 4 else 25)) for n in range(5)]
    for iid in ids:  # the researcher released the workplace for export
        r.export.review(iid, P["occupation_other"], True)
    return r, ids


def test_one_more_step_of_generalisation_saves_them_from_blanking(tmp_path: Path) -> None:
    r, _ = _side(tmp_path, 5)
    plan = r.export.plan()
    assert plan.groups  # control: 4 aged 30-39 and 1 aged 20-29 are each fewer than 5
    plan.suppress_small_groups()
    assert plan.groups == [] and plan.suppressed_ids == set()
    for planned in plan.records:
        a = planned.record["answers"]
        assert a[P["age"]] == "20-39" and a[P["claim_date"]] == "2019"
        assert a[P["days_waited"]] == "40-59"  # derived quasi: coarser too
        assert a[P["occupation_other"]] == WORKPLACE


def test_blanking_takes_derived_values_other_texts_and_repeats(tmp_path: Path) -> None:
    r, _ = _side(tmp_path, 6)
    before = r.export.plan().records[0].record["answers"]
    assert before[P["occupation_other"]] == WORKPLACE and "companions[1]/companion_age" in before
    plan = r.export.plan()
    plan.suppress_small_groups()  # even coarser, 5 are fewer than 6
    assert plan.groups == [] and len(plan.suppressed_ids) == 5
    for planned in plan.records:
        a = planned.record["answers"]
        for gone in (P["age"], P["days_waited"], P["occupation"], P["occupation_other"],
                     "companions[1]/companion_age", P["claim_date"]):
            assert gone not in a, gone
        assert a["companions[1]/relationship"] == "child"  # not a quasi-identifier: stays
        shown = {v.path: v.how for v in planned.values}
        assert shown[P["occupation_other"]] == "blanked"
    r.export.write(tmp_path / "b.tmb", suppress_small_groups=True)
