"""The export plan keeps records out of memory: encoded while planned, read back a chunk at a time."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from types import MethodType

import pytest
from exchange_world import CANARY_STORY, P, border_answers, team_of

from testimonio.errors import BadInput, VaultLocked
from testimonio.services import export_plan, export_ready


@pytest.mark.parametrize("values", [False, True])
def test_records_are_released_after_planning_and_read_back_a_chunk_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, values: bool) -> None:
    for module in (export_ready, export_plan):
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


def _plan_summary(plan: export_plan.ExportPlan) -> list[tuple[str, int, str, object]]:
    return [(p.interview_id, p.revision, p.export_id, p.quasi.values) for p in plan.records]


def test_chunks_read_ahead_on_a_second_thread_plan_what_one_thread_plans(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (export_ready, export_plan):
        monkeypatch.setattr(module, "LOAD_CHUNK", 2)
    _, (r,) = team_of(tmp_path)
    for i in range(5):
        r.add(border_answers(i, age=20 + i))
    ahead = r.export.plan()
    with r.vault.read():  # inside a read: the reader cannot wait for a second thread
        assert r.vault.held_here()
        alone = r.export.plan()
    assert not r.vault.held_here()
    assert _plan_summary(ahead) == _plan_summary(alone)
    assert list(ahead.encoded) == list(alone.encoded)
    assert len(list(ahead.encoded)) == 5


def test_leaving_the_chunks_early_leaves_the_vault_free(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from testimonio.services.export_reader import PlanReader
    from testimonio.services.questionnaires import QuestionnaireService
    from testimonio.services.relevance import Relevance
    from testimonio.vault import repo_export

    _, (r,) = team_of(tmp_path)
    for i in range(5):
        r.add(border_answers(i))
    with r.vault.read() as db:
        ids = repo_export.candidate_ids(db, True)
    repo_export.assign_export_ids(r.vault, ids)
    reader = PlanReader(r.vault, QuestionnaireService(r.vault), Relevance(), None, {})
    chunks = reader.plan_chunks(ids, 2)
    assert len(next(chunks)) == 2
    chunks.close()  # the export was cancelled: the read ahead is waited for, not left running
    r.vault.lock()  # would wait forever for a read still holding the vault
    with pytest.raises(VaultLocked):  # raised on the reading thread, given to the caller
        next(PlanReader(r.vault, QuestionnaireService(r.vault), Relevance(), None, {}).plan_chunks(ids, 2))


def test_a_plan_keeps_no_container_per_interview_and_shares_quasi_values(tmp_path: Path) -> None:
    # What a plan keeps of each interview grows a large export's memory: lists,
    # maps and bound methods must not be made per interview, and equal quasi keys
    # (values repeat: groups) must be one tuple. Counted through the objects each
    # planned record refers to, so a new field holding a fresh list fails here.
    _, (r,) = team_of(tmp_path)
    for i in range(8):
        r.add(border_answers(i, age=25 + 10 * (i % 2)))
    plan = r.export.plan()
    assert len(plan.records) == 8
    held = [o for p in plan.records for o in gc.get_referents(p)
            if not isinstance(o, str | bytes | int | type | None)]
    assert not any(isinstance(o, list | dict | set) for o in held)
    assert len({id(o) for o in held if isinstance(o, MethodType)}) == 1  # the one loader
    # Apart from ids and revisions, a record refers only to objects every record
    # (or every one of its group) shares: its form, the loader, what it holds of
    # no attachments or notes, its quasi values.
    assert len({id(o) for o in held}) <= 5
    keys = [p.quasi.values for p in plan.records]
    assert len({id(v) for v in keys}) == len(set(keys)) == 2


def test_the_check_reads_only_earlier_keys_this_export_does_not_send_again(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    ids = [r.add(border_answers(i)) for i in range(3)]
    first = r.export.write(tmp_path / "b1.tmb", accept_risk=True)
    assert first.interviews == 3
    r.export.review(ids[1], P["account"], True)  # a new revision leaves next
    plan = r.export.plan()
    (again,) = plan.records
    assert again.interview_id == ids[1]
    assert sorted(q.export_id for q in plan.previous) == sorted(
        p.export_id for p in r.export.plan(all_=True).records if p.interview_id != ids[1])
    assert r.export.plan(all_=True).previous == []  # every one of them leaves again
    # The unchanged ones still count: the new revision's group holds the 3 of them.
    assert [g.size for g in plan.groups] == [3]
