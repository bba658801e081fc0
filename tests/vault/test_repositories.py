"""The typed repositories (vault/repo_*.py) on a real SQLCipher vault.

Each test writes through a repository and reads back through another path
(a repository's reader, or the service that uses it), so a wrong column
order, a lost ON CONFLICT rule or a batch boundary shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from vault_fixtures import new_vault

from testimonio.errors import BadInput
from testimonio.services.interviews import InterviewService
from testimonio.vault import (
    Vault,
    records,
    repo_export,
    repo_imports,
    repo_receipts,
    repo_retention,
    repo_settings,
    repo_team,
)

AT = "2026-01-02T03:04:05.000Z"


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    for made, _ in new_vault(tmp_path / "v"):
        yield made


def _key(n: int, kem: bytes | None = None) -> repo_team.KeyRow:
    return repo_team.KeyRow(f"key{n}", bytes([n]) * 64, kem, f"{n:032X}")


def test_settings_read_the_preference_before_the_raw_key_and_skip_what_is_no_number(
        vault: Vault) -> None:
    with vault.transaction() as db:
        assert repo_settings.setting_int(db, "k_anonymity", 5) == 5  # nothing stored
        repo_settings.put(db, "k_anonymity", "7")
        assert repo_settings.setting_int(db, "k_anonymity", 5) == 7
        repo_settings.put(db, "pref.k_anonymity", '"not a number"')
        assert repo_settings.setting_int(db, "k_anonymity", 5) == 7  # the preference is skipped
        repo_settings.put(db, "pref.k_anonymity", "0")
        assert repo_settings.setting_int(db, "k_anonymity", 5) == 1  # never below 1
        repo_settings.put(db, "pref.k_anonymity", "9")
        assert repo_settings.setting_int(db, "k_anonymity", 5) == 9
        assert repo_settings.has(db, "pref.k_anonymity")
        repo_settings.delete(db, "pref.k_anonymity")
        assert not repo_settings.has(db, "pref.k_anonymity")
        assert repo_settings.keys(db) == ["k_anonymity"]
        repo_settings.put(db, "plain", "exact")
        assert repo_settings.json_value(db, "plain") == "exact"  # not JSON: the text itself
        assert repo_settings.json_value(db, "unset") is None


def test_team_row_keeps_a_researchers_hybrid_key_that_a_later_file_lacks(vault: Vault) -> None:
    with vault.transaction() as db:
        assert repo_team.team(db) is None
        repo_team.set_team(db, "researcher", "Study A", _key(1, b"K" * 32), AT)
        repo_team.set_team(db, "researcher", "Study B", _key(1, None), AT)
        row = repo_team.team(db)
    assert row is not None
    assert (row["study"], row["role"], row["lead_kem"]) == ("Study B", "researcher", b"K" * 32)
    assert row["lead_public"] == bytes([1]) * 64 and isinstance(row["lead_public"], bytes)
    assert (row["update_number"], row["receipt_number"]) == (0, 0)
    assert repo_team.read_team(vault) == row


def test_roster_rename_keeps_the_hybrid_key_and_an_update_replaces_the_roster(vault: Vault) -> None:
    with vault.transaction() as db:
        repo_team.add_to_roster(db, _key(1, b"Q" * 32), "Ana", AT)
        repo_team.add_to_roster(db, _key(1, None), "Ana María", AT)
        assert repo_team.roster_key(db, "key1") == repo_team.NamedKey("Ana María", bytes([1]) * 64,
                                                                      b"Q" * 32)
        assert repo_team.roster_by_fingerprint(db, f"{1:032X}") == repo_team.RosterRow(
            "key1", "Ana María", f"{1:032X}", AT)
        # A repeated key in an update counts once (the first name stays).
        repo_team.replace_roster(db, [(_key(2), "Bea"), (_key(2), "Other"), (_key(3), "carla")], AT)
        assert [r.name for r in repo_team.roster(db)] == ["Bea", "carla"]  # case ignored
        assert repo_team.roster_key(db, "key1") is None


def test_a_revocation_is_never_moved_by_a_second_one(vault: Vault) -> None:
    with vault.transaction() as db:
        first = repo_team.revoke(db, repo_team.RevocationRow("key1", "F1", 3, AT))
        again = repo_team.revoke(db, repo_team.RevocationRow("key1", "F1", 9, "2027-01-01"))
        repo_team.add_revocations(db, [repo_team.RevocationRow("key1", "F1", 12, "2028")])
        assert first == again == repo_team.revocation(db, "key1")
        assert repo_team.revocations(db) == [repo_team.RevocationRow("key1", "F1", 3, AT)]
        # A revoked backup recipient no longer gets bundles.
        repo_team.add_recipient(db, _key(1, b"A" * 32), "revoked", AT)
        repo_team.add_recipient(db, _key(2, b"B" * 32), "kept", AT)
        assert repo_team.active_recipient_keys(db) == [(bytes([2]) * 64, b"B" * 32)]
        assert repo_team.is_recipient(db, "key1") and not repo_team.is_recipient(db, "key9")


def test_a_bundle_number_is_recorded_once(vault: Vault) -> None:
    service = InterviewService(vault)
    interview_id = service.start("form", "1", "Tumbes", "ana", "es")
    repo_export.assign_export_ids(vault, [interview_id])
    with vault.read() as db:
        export_id = repo_export.export_ids(db, [interview_id])[interview_id]
    item = repo_export.SentItem(interview_id, 1, export_id, json.dumps({"form_id": "form", "values": {}}))
    with vault.transaction() as db:
        assert repo_export.next_sequence(db) == 1
        repo_export.record_sent(db, 1, "bundle-1", AT, [item])
        assert repo_export.next_sequence(db) == 2
        with pytest.raises(BadInput, match="Another export finished meanwhile"):
            repo_export.record_sent(db, 1, "bundle-2", AT, [item])
        # A draft is no candidate: the key that left is read back as sent.
        assert list(repo_export.quasi_left_before(db, True)) == [(export_id, {"form_id": "form", "values": {}})]
        assert repo_receipts.sent_interview(db, export_id, 1) == interview_id
        assert repo_receipts.sent_interview(db, export_id, 2) is None
    repo_export.assign_export_ids(vault, [interview_id])  # an export id is never replaced
    with vault.read() as db:
        assert repo_export.export_ids(db, [interview_id]) == {interview_id: export_id}


def test_received_dates_cross_the_batch_of_ids(vault: Vault) -> None:
    service = InterviewService(vault)
    ids = [service.start("form", "1", "Tumbes", "ana", "es") for _ in range(3)]
    with vault.transaction() as db:
        repo_receipts.mark_received(db, ids[0], 1, "2026-01-01", 1)
        repo_receipts.mark_received(db, ids[0], 2, "2026-01-05", 2)  # a newer receipt replaces
        repo_receipts.mark_received(db, ids[2], 1, "2026-01-03", 2)
        assert repo_receipts.received_revision(db, ids[0]) == 2
        assert repo_receipts.received_revision(db, ids[1]) is None
        # 1 200 ids: three IN lists, the received ones in the first and the last.
        asked = [ids[0], *(f"none{n}" for n in range(1197)), ids[1], ids[2]]
        assert repo_receipts.received_dates(db, asked) == {ids[0]: "2026-01-05",
                                                           ids[2]: "2026-01-03"}
        rows = repo_retention.received(db, skip_purged=False)
    assert [r.interview_id for r in rows] == [ids[2], ids[0]]  # by date


def test_the_small_page_cache_is_given_back_after_an_error(vault: Vault) -> None:
    with vault.transaction() as db:
        before = db.execute("PRAGMA cache_size").fetchone()
        with pytest.raises(RuntimeError), repo_imports.small_page_cache(db, 1024):
            assert db.execute("PRAGMA cache_size").fetchone() == (-1024,)
            raise RuntimeError("stop")
        assert db.execute("PRAGMA cache_size").fetchone() == before


def test_the_import_log_reads_back_in_the_order_written(vault: Vault) -> None:
    with vault.transaction() as db:
        repo_team.add_to_roster(db, _key(1), "Ana", AT)
        for n in (1, 2, 5):
            repo_imports.add_log(db, repo_imports.NewLogRow(f"b{n}", "key1", n, AT, f"f{n}.tstm",
                                                            4, 3, 1, 0, "imported"), AT)
        repo_imports.add_log(db, repo_imports.NewLogRow("x", "gone", 1, AT, "x.tstm", 1, 1, 0, 0,
                                                        "imported"), AT)
        assert repo_imports.bundle_seen(db, "b2") and not repo_imports.bundle_seen(db, "b3")
        assert repo_imports.sequences(db, "key1", 4) == [1, 2]  # bounded above
        assert repo_imports.last_sequence(db, "key1") == 5
        assert repo_imports.last_sequence(db, "nobody") == 0
        log = repo_imports.log(db)
        mine = repo_imports.log(db, "key1")
    assert [r.bundle_id for r in log] == ["x", "b5", "b2", "b1"]  # newest first
    assert log[0].researcher == "" and log[1].researcher == "Ana"  # a name only from the roster
    assert log[1] == repo_imports.LogRow("b5", "Ana", "key1", 5, AT, AT, "f5.tstm", 4, 3, 1, 0,
                                         "imported")
    assert [r.bundle_id for r in mine] == ["b5", "b2", "b1"]


def test_answers_of_several_interviews_match_each_ones_answers(vault: Vault) -> None:
    values = ["plain", 'quote " and \\ backslash', "añez ñ 🙂", 0, -3, 2.5, True, [], ["a", "b c"],
              {"nested": [1, None]}, "", None, "null", "{\"not\": 1}"]
    ids = ["a" * 32, "b" * 32, "c" * 32]
    with vault.transaction() as db:
        for n, iid in enumerate(ids):
            db.execute("INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, alias, "
                       "status, created_at, updated_at, revision) VALUES (?, 'f', '1', 's', 'r', 'es', '', "
                       "'complete', 'x', 'x', 1)", (iid,))
            rows = [(iid, f"g/q{k:02d}", json.dumps(v)) for k, v in enumerate(values) if n != 2]
            rows.append((iid, "r[1]/x", " null "))  # a null as another writer may space it
            db.executemany("INSERT INTO answers (interview_id, path, value) VALUES (?, ?, ?)", rows)
    with vault.read() as db:
        together = records.answers_of(db, [*reversed(ids), "missing"])
        one_by_one = {i: records.answers(db, i) for i in ids}
    assert together.pop("missing") == {}
    assert together == one_by_one
    for iid in ids:
        assert list(together[iid]) == list(one_by_one[iid])  # path order too
    assert one_by_one[ids[0]]["g/q02"] == "añez ñ 🙂" and "g/q11" not in one_by_one[ids[0]]
    assert one_by_one[ids[2]] == {}


def test_an_export_reads_rows_export_ids_and_answers_in_one_row_of_sqlite(vault: Vault) -> None:
    """export_reads gives the interview's row, what export_ids and answers_of give, across
    the batch of ids, with paths and texts that need quoting and interviews without
    answers or export id."""
    service = InterviewService(vault)
    ids = [service.start("form", "1", 'Tumbes "norte"', "ana", "es") for _ in range(503)]
    for n, interview_id in enumerate(ids[:5]):
        service.set_answer(interview_id, 'a"b\\c', f"dijo: \"{n}\"\nñandú", "ana")
        service.set_answer(interview_id, "n", n, "ana")
        service.set_answer(interview_id, "m", ["x", "y"], "ana")
        service.set_answer(interview_id, "gone", None, "ana")
    repo_export.assign_export_ids(vault, ids[:-1])
    with vault.read() as db:
        found = repo_export.export_reads(db, [*ids, "not-there"])
        rows = {r[0]: records.InterviewSummary(*r) for r in db.execute(
            f"SELECT {', '.join(records.INTERVIEW_COLUMNS)} FROM interviews")}
        eids = repo_export.export_ids(db, ids)
        answers = records.answers_of(db, ids)
    assert set(found) == set(ids)
    for interview_id in ids:
        got = found[interview_id]
        assert got.row == rows[interview_id]
        assert got.export_id == eids.get(interview_id)
        assert got.answers == answers[interview_id]
        assert list(got.answers) == list(answers[interview_id])  # the same order (by path)
    assert found[ids[0]].answers == {'a"b\\c': 'dijo: "0"\nñandú', "m": ["x", "y"], "n": 0}
    assert found[ids[-1]].export_id is None


def test_an_export_takes_complete_interviews_oldest_first_from_an_index(vault: Vault) -> None:
    """candidate_ids reads the ids in order from interviews_status_created (migration 16):
    no sort of every complete interview in memory, and drafts, imported and purged
    interviews stay out."""
    service = InterviewService(vault)
    ids = [service.start("form", "1", "Tumbes", "ana", "es") for _ in range(6)]
    with vault.transaction() as db:
        for n, interview_id in enumerate(ids):  # created in the reverse order of their ids
            db.execute("UPDATE interviews SET status = ?, created_at = ? WHERE id = ?",
                       ("draft" if n == 2 else "complete", f"2026-01-0{9 - n}T00:00:00.000Z",
                        interview_id))
        db.execute("INSERT INTO purged (interview_id, scope, at) VALUES (?, ?, ?)",
                   (ids[3], "identifiers", AT))
        plan = [r[3] for r in db.execute(
            f"EXPLAIN QUERY PLAN {repo_export._candidates(True)} ORDER BY i.created_at, i.id")]
        assert repo_export.candidate_ids(db, True) == [ids[5], ids[4], ids[1], ids[0]]
    assert any("COVERING INDEX interviews_status_created" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
