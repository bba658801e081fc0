"""The researcher's export through real vaults and real bundles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exchange_world import CANARY_DOC, CANARY_NAME, CANARY_STORY, P, Side, border_answers, team_of

from smallk import lower_k
from testimonio.errors import BadInput, PrivacyRisk
from testimonio.services._progress import Cancelled


def _low_k(side: Side, k: int = 2) -> None:
    from testimonio.services.settings import SettingsService

    lower_k(SettingsService(side.vault), k)


def _sent(side: Side) -> list[tuple[int, int]]:
    with side.vault.read() as db:
        return [(int(s), int(n)) for s, n in db.execute(
            "SELECT sequence, interviews FROM bundles_sent ORDER BY sequence")]


def test_incremental_sequence_and_stable_export_ids(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    _low_k(r)
    first = [r.add(border_answers(i)) for i in range(3)]
    a = r.export.write(tmp_path / "1.tmb")
    assert (a.sequence, a.interviews) == (1, 3)
    with pytest.raises(BadInput):  # nothing new
        r.export.write(tmp_path / "2.tmb")
    assert not (tmp_path / "2.tmb").exists()
    r.add(border_answers(9))
    r.interviews.reopen(first[0], "typo in the quote", r.name)
    r.interviews.set_answer(first[0], P["interview_minutes"], 7, r.name)
    r.interviews.complete(first[0], r.name)
    plan = r.export.plan()
    assert plan.sequence == 2 and len(plan.records) == 2
    ids_before = {x.record["export_id"] for x in r.export.plan(all_=True).records}
    b = r.export.write(tmp_path / "2.tmb")
    assert (b.sequence, b.interviews) == (2, 2)
    assert _sent(r) == [(1, 3), (2, 2)]
    everything = r.export.plan(all_=True)
    assert len(everything.records) == 4 and {x.record["export_id"] for x in everything.records} == ids_before
    assert all("vault" not in json.dumps(x.record) for x in everything.records)


def test_drafts_do_not_leave(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    r.add(border_answers(1), complete=False)
    assert r.export.plan().records == []


def test_free_text_leaves_only_after_review_and_review_voids_on_change(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    iid = r.add(border_answers(1))
    listed = r.export.review_items(iid, "en")
    assert {i.path for i in listed.items} == {P["account"], "quotes[1]/quote_text"}
    assert listed.identifiers[P["real_name"]] == CANARY_NAME
    assert CANARY_STORY not in json.dumps(r.export.preview())
    r.export.review(iid, P["account"], True)
    assert CANARY_STORY in json.dumps(r.export.preview())
    r.interviews.reopen(iid, "fix", r.name)
    r.interviews.set_answer(iid, P["account"], "another story", r.name)
    r.interviews.complete(iid, r.name)
    assert "another story" not in json.dumps(r.export.preview())
    assert {i.path for i in r.export.pending_reviews()} == {P["account"], "quotes[1]/quote_text"}


def test_preview_shows_exactly_what_leaves(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    _low_k(r)
    for i in range(2):
        r.add(border_answers(i))
    preview = r.export.preview()
    text = json.dumps(preview, ensure_ascii=False)
    for canary in (CANARY_NAME, CANARY_DOC, CANARY_STORY):
        assert canary not in text
    rec = preview["records"][0]
    assert rec["answers"][P["age"]] == "30-39" and rec["answers"][P["claim_date"]] == "2019-10"
    assert rec["answers"][P["alias"]] == "Alias0"
    r.export.write(tmp_path / "b.tmb")
    from testimonio.exchange.bundle import open_bundle
    from testimonio.services.keys import KeyService

    roster = {k: v[0] for k, v in lead.import_.roster().items()}
    with open_bundle(tmp_path / "b.tmb", recipient=KeyService(lead.vault).ensure(),
                     known_signers=roster) as opened:
        written = list(opened.records())
    assert written == preview["records"]


def test_k_anonymity_refuses_then_suppresses_or_accepts(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    for i in range(3):
        r.add(border_answers(i))
    r.add(border_answers(7, age=71, gender="male"))
    with pytest.raises(PrivacyRisk) as caught:
        r.export.write(tmp_path / "x.tmb")
    assert caught.value.exit_code == 2 and "person/age=70-79" in str(caught.value)
    assert not (tmp_path / "x.tmb").exists() and _sent(r) == []
    _low_k(r, 3)
    result = r.export.write(tmp_path / "x.tmb", suppress_small_groups=True)
    assert result.blanked == 1
    _low_k(r, 5)
    r.add(border_answers(8))
    result = r.export.write(tmp_path / "y.tmb", accept_risk=True)
    assert result.interviews == 1


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    _, (r,) = team_of(tmp_path)
    _low_k(r)
    for i in range(3):
        r.add(border_answers(i))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        r.export.write(tmp_path / "c.tmb", progress=lambda *a: None, cancelled=cancelled)
    assert list(tmp_path.glob("c.tmb*")) == [] and list(tmp_path.glob(".c.tmb*")) == []
    assert _sent(r) == []
    assert r.export.write(tmp_path / "c.tmb").sequence == 1
