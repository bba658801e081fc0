"""The export plan keeps records out of memory: encoded while planned, read back a chunk at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exchange_world import CANARY_STORY, P, border_answers, team_of

from testimonio.errors import BadInput
from testimonio.services import export, export_plan


@pytest.mark.parametrize("values", [False, True])
def test_records_are_released_after_planning_and_read_back_a_chunk_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: bool) -> None:
    for module in (export, export_plan):
        monkeypatch.setattr(module, "LOAD_CHUNK", 2)
    lead, (r,) = team_of(tmp_path)
    ids = [r.add(border_answers(i)) for i in range(5)]
    r.export.review(ids[3], P["account"], True)
    plan = r.export.plan()
    assert len(plan.records) == 5 and not any(p.loaded for p in plan.records)
    seen = []
    for planned in plan.loaded(values=values):
        assert planned.loaded and planned.record["export_id"] == planned.export_id
        seen.append((planned.interview_id, CANARY_STORY in json.dumps(planned.record)))
        assert sum(p.loaded for p in plan.records) <= 2  # at most the current chunk
        if values:
            assert any(v.path == P["account"] for v in planned.values) == (planned.interview_id == ids[3])
    assert seen == [(iid, iid == ids[3]) for iid in ids]
    assert not any(p.loaded for p in plan.records)
    result = r.export.write(tmp_path / "b.tmb", plan=plan, accept_risk=True)  # few interviews: small groups
    assert result.interviews == 5
    assert lead.import_.import_file(tmp_path / "b.tmb").added == 5


def test_the_bundle_holds_what_was_planned_and_a_later_change_waits_for_the_next(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    ids = [r.add(border_answers(i)) for i in range(2)]
    plan = r.export.plan()
    r.export.review(ids[1], P["account"], True)  # a new revision after the plan was made
    with pytest.raises(BadInput, match="changed since the export was prepared"):
        list(plan.loaded(values=True))  # the preview rows cannot be shown for the old plan
    r.export.write(tmp_path / "b.tmb", plan=plan, accept_risk=True)
    assert lead.import_.import_file(tmp_path / "b.tmb").added == 2
    (later,) = r.export.plan().records  # the new revision leaves next time, with the story
    assert later.interview_id == ids[1] and CANARY_STORY in json.dumps(later.record)
