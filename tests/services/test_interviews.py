"""InterviewService: the interview's life, the edit log, attachments, pages, sites."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from formkit import install_form
from testimonio.errors import AnswersInvalid, BadInput, NotFound
from testimonio.services.interviews import InterviewQuery, InterviewService
from testimonio.services.settings import SettingsService
from testimonio.vault import KdfParams, Vault


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    vault, _ = Vault.create(tmp_path / "vault", "pass phrase", kdf=KdfParams.FAST)
    yield vault
    vault.lock()


@pytest.fixture
def service(vault: Vault, tmp_path: Path) -> InterviewService:
    """Interviews over a questionnaire "border" 2024-01 with nothing required."""
    install_form(vault, tmp_path, "border", "2024-01", [
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "text", "name": "q", "label": "Q"},
        {"type": "text", "name": "alias", "label": "Alias"},
    ])
    return InterviewService(vault)


def _start(service: InterviewService, site: str = "Tumbes") -> str:
    return service.start("border", "2024-01", site, "ana", "es")


def test_start_and_get(service: InterviewService) -> None:
    interview_id = _start(service)
    record = service.get(interview_id)
    assert (record.form_id, record.form_version, record.site, record.status) == (
        "border", "2024-01", "Tumbes", "draft")
    assert record.revision == 1 and record.created_at == record.updated_at
    assert len(interview_id) == 32
    with pytest.raises(NotFound):
        service.get("0" * 32)


def test_each_answer_is_saved_logged_and_bumps_revision(service: InterviewService) -> None:
    interview_id = _start(service)
    assert service.set_answer(interview_id, "age", 34, "ana")
    assert service.set_answer(interview_id, "age", 35, "luis")
    assert not service.set_answer(interview_id, "age", 35, "luis")  # same value: nothing
    assert service.set_answer(interview_id, "languages", ["es", "qu"], "ana")
    assert service.set_answer(interview_id, "weight", 61.5, "ana")
    assert service.set_answer(interview_id, "languages", [], "ana")  # empty removes
    assert service.answers(interview_id) == {"age": 35, "weight": 61.5}
    assert service.get(interview_id).revision == 6
    sets = [(e.path, e.old_value, e.new_value, e.who) for e in service.history(interview_id)
            if e.action == "set"]
    assert sets == [("age", None, 34, "ana"), ("age", 34, 35, "luis"),
                    ("languages", None, ["es", "qu"], "ana"), ("weight", None, 61.5, "ana"),
                    ("languages", ["es", "qu"], None, "ana")]


def test_bad_values_are_refused(service: InterviewService) -> None:
    interview_id = _start(service)
    for bad in (True, float("nan"), {"a": 1}, [1, 2], b"x"):
        with pytest.raises(BadInput):
            service.set_answer(interview_id, "q", bad, "ana")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        service.set_answer("f" * 32, "q", 1, "ana")


def test_alias_follows_the_alias_question(service: InterviewService) -> None:
    interview_id = _start(service)
    service.set_answer(interview_id, "respondent/alias", "Rosa", "ana")
    assert service.get(interview_id).alias == "Rosa"
    service.set_answer(interview_id, "companions[1]/alias", "Not her", "ana")
    assert service.get(interview_id).alias == "Rosa"
    service.set_answer(interview_id, "respondent/alias", None, "ana")
    assert service.get(interview_id).alias == ""


def test_complete_refuses_problems_then_locks_answers(service: InterviewService, vault: Vault,
                                                      tmp_path: Path) -> None:
    install_form(vault, tmp_path, "strict", "1", [
        {"type": "text", "name": "name", "label": "Name", "required": "yes"},
        {"type": "integer", "name": "age", "label": "Age", "constraint": ". < 120"},
    ])
    interview_id = service.start("strict", "1", "Tumbes", "ana", "es")
    service.set_answer(interview_id, "age", 134, "ana")
    with pytest.raises(AnswersInvalid) as caught:
        service.complete(interview_id, "ana")
    assert [p.split(":")[0] for p in caught.value.problems] == ["name", "age"]
    assert service.get(interview_id).status == "draft"
    service.set_answer(interview_id, "age", 34, "ana")
    service.set_answer(interview_id, "name", "Rosa", "ana")
    service.complete(interview_id, "ana")
    assert service.get(interview_id).status == "complete"
    with pytest.raises(BadInput):
        service.set_answer(interview_id, "age", 40, "ana")
    with pytest.raises(BadInput):
        service.add_attachment(interview_id, "photo", b"x", "image/png")
    with pytest.raises(BadInput):
        service.delete_draft(interview_id)
    with pytest.raises(BadInput):
        service.complete(interview_id, "ana")


def test_reopen_needs_a_reason_and_logs_it(service: InterviewService) -> None:
    interview_id = _start(service)
    service.complete(interview_id, "ana")
    for reason in ("", "   "):
        with pytest.raises(BadInput):
            service.reopen(interview_id, reason, "ana")
    service.reopen(interview_id, "age was mistyped", "luis")
    record = service.get(interview_id)
    assert record.status == "draft"
    last = service.history(interview_id)[-1]
    assert (last.action, last.reason, last.who) == ("reopen", "age was mistyped", "luis")
    service.set_answer(interview_id, "age", 43, "luis")
    with pytest.raises(BadInput):
        service.reopen(interview_id, "again", "luis")  # drafts are not reopened


def test_edit_log_is_append_only(service: InterviewService, vault: Vault) -> None:
    interview_id = _start(service)
    service.set_answer(interview_id, "age", 34, "ana")
    import sqlcipher3

    for sql in ("UPDATE edit_log SET new_value = '1'", "DELETE FROM edit_log"):
        with pytest.raises(sqlcipher3.IntegrityError), vault.transaction() as db:
            db.execute(sql)
    assert len(service.history(interview_id)) == 2


def test_delete_draft_removes_everything(service: InterviewService, vault: Vault) -> None:
    keep = _start(service)
    gone = _start(service)
    for interview_id in (keep, gone):
        service.set_answer(interview_id, "age", 1, "ana")
        service.add_attachment(interview_id, "photo", b"jpeg", "image/jpeg")
    service.delete_draft(gone)
    with pytest.raises(NotFound):
        service.get(gone)
    with vault.read() as db:
        for table in ("answers", "attachments", "edit_log"):
            rows = db.execute(f"SELECT count(*) FROM {table} WHERE interview_id = ?",
                              (gone,)).fetchone()
            assert rows == (0,), table
    assert service.answers(keep) == {"age": 1}


def test_attachments_round_trip(service: InterviewService) -> None:
    interview_id = _start(service)
    data = bytes(range(256)) * 100
    attachment_id = service.add_attachment(interview_id, "documents[1]/scan", data,
                                           "application/pdf", caption="passport")
    found = service.attachment(attachment_id)
    assert found.data == data and found.size == len(data) and found.mime == "application/pdf"
    assert found.caption == "passport" and not found.export_opt_in
    import hashlib

    assert found.sha256 == hashlib.sha256(data).hexdigest()
    service.set_attachment_export(attachment_id, True, "ana")
    assert service.attachments(interview_id)[0].export_opt_in
    service.remove_attachment(attachment_id, "ana")
    assert service.get_attachment(attachment_id) is None
    with pytest.raises(NotFound):
        service.attachment(attachment_id)
    actions = [e.action for e in service.history(interview_id)]
    assert actions == ["start", "attach", "export-opt-in", "detach"]


def test_remove_repeat_instance_shifts_later_ones(service: InterviewService) -> None:
    interview_id = _start(service)
    service.set_answer(interview_id, "companions", 3, "ana")
    for n in (1, 2, 3):
        service.set_answer(interview_id, f"companions[{n}]/name", f"c{n}", "ana")
        service.set_answer(interview_id, f"companions[{n}]/kids", 1, "ana")
        service.set_answer(interview_id, f"companions[{n}]/kids[1]/age", n, "ana")
    service.set_answer(interview_id, "companions_note", "kept", "ana")
    photo = service.add_attachment(interview_id, "companions[3]/photo", b"p3", "image/png")
    doomed = service.add_attachment(interview_id, "companions[2]/photo", b"p2", "image/png")
    service.remove_repeat_instance(interview_id, "companions", 2, "ana")
    assert service.answers(interview_id) == {
        "companions": 2, "companions_note": "kept",
        "companions[1]/name": "c1", "companions[1]/kids": 1, "companions[1]/kids[1]/age": 1,
        "companions[2]/name": "c3", "companions[2]/kids": 1, "companions[2]/kids[1]/age": 3,
    }
    assert service.get_attachment(doomed) is None
    assert service.attachment(photo).question_path == "companions[2]/photo"
    last = service.history(interview_id)[-1]
    assert last.action == "remove-repeat" and last.path == "companions[2]"
    assert last.old_value == {"companions[2]/name": "c2", "companions[2]/kids": 1,
                              "companions[2]/kids[1]/age": 2}
    # The GUI's form: one instance path, then who.
    service.remove_repeat_instance(interview_id, "companions[1]", "ana")
    assert service.answers(interview_id)["companions[1]/name"] == "c3"
    assert service.answers(interview_id)["companions"] == 1
    service.remove_repeat_instance(interview_id, "companions[1]/kids", 1, "ana")
    assert "companions[1]/kids[1]/age" not in service.answers(interview_id)


def test_paging_filters_search_and_sort(service: InterviewService) -> None:
    ids = []
    for n in range(30):
        interview_id = _start(service, site="Tumbes" if n % 3 else "Huaquillas")
        service.set_answer(interview_id, "alias", f"Person {n:02d}" + (" Quispe" if n % 5 == 0 else ""),
                           "ana")
        ids.append(interview_id)
    service.complete(ids[4], "ana")
    assert service.count(InterviewQuery()) == 30
    assert service.count(InterviewQuery(site="Huaquillas")) == 10
    assert service.count(InterviewQuery(status="complete")) == 1
    assert service.count(InterviewQuery(search="quispe")) == 6
    assert service.count(InterviewQuery(site="Tumbes", search="QUISPE")) == 4
    assert service.count(InterviewQuery(search="100%")) == 0  # LIKE wildcards are literal
    assert service.count(InterviewQuery(search=ids[7][:8])) == 1  # id prefix
    newest = service.page(InterviewQuery(limit=5))
    assert newest[0].id == ids[4]  # completed last: most recent change
    by_alias = service.page(InterviewQuery(sort="alias", descending=False, limit=100))
    assert [r.alias for r in by_alias] == sorted(r.alias for r in by_alias)
    pages = [service.page(InterviewQuery(sort="created", descending=False, offset=o, limit=7))
             for o in range(0, 30, 7)]
    assert [r.id for page in pages for r in page] == ids
    assert pages[0][0].created == pages[0][0].created_at
    with pytest.raises(BadInput):
        service.page(InterviewQuery(sort="answers"))


def test_find_by_id_prefix(service: InterviewService) -> None:
    interview_id = _start(service)
    assert service.find(interview_id[:6]).id == interview_id
    with pytest.raises(NotFound):
        service.find("zzzz")


def test_sites(service: InterviewService) -> None:
    service.add_site("Tumbes")
    service.add_site("aguas verdes")
    service.add_site("Tumbes")
    assert service.sites() == ["aguas verdes", "Tumbes"]
    service.deactivate_site("Tumbes")
    assert service.sites() == ["aguas verdes"]
    assert service.sites(include_inactive=True) == ["aguas verdes", "Tumbes"]
    service.add_site("Tumbes")
    assert "Tumbes" in service.sites()
    with pytest.raises(BadInput):
        service.add_site("  ")
    with pytest.raises(NotFound):
        service.deactivate_site("Lima")


def test_settings_are_typed(vault: Vault) -> None:
    settings = SettingsService(vault)
    assert settings.get("missing") is None
    settings.set("interviewer", "Ana")
    settings.set_json("auto_lock", 5)
    settings.set_json("sites", ["a", "b"])
    assert settings.get("interviewer") == "Ana"
    assert settings.get_typed("auto_lock", 10) == 5
    assert settings.get_typed("interviewer", 10) == 10  # wrong type: the default
    assert settings.get_typed("auto_lock", 1.5) == 5.0
    assert settings.get_json("sites") == ["a", "b"]
    settings.delete("sites")
    assert settings.keys() == ["auto_lock", "interviewer"]


def test_an_attachment_over_the_limit_is_refused_and_nothing_stored(service: InterviewService) -> None:
    from testimonio.vault.records import MAX_ATTACHMENT_BYTES

    iid = _start(service)
    with pytest.raises(BadInput, match="at most 100 MB"):
        service.add_attachment(iid, "photo", bytes(MAX_ATTACHMENT_BYTES + 1), "image/jpeg")
    assert service.attachments(iid) == []


def test_the_language_of_a_draft_is_kept_and_logged(service: InterviewService) -> None:
    interview_id = _start(service)
    before = service.get(interview_id).revision
    assert service.set_language(interview_id, "en", "ana")
    assert not service.set_language(interview_id, "en", "ana")  # no change, no log row
    record = service.get(interview_id)
    assert record.language == "en" and record.revision == before + 1
    last = service.history(interview_id)[-1]
    assert (last.action, last.who, last.old_value, last.new_value) == ("language", "ana", "es", "en")
    for bad in ("", "x" * 65):
        with pytest.raises(BadInput):
            service.set_language(interview_id, bad, "ana")
    service.complete(interview_id, "ana")
    with pytest.raises(BadInput, match="complete"):
        service.set_language(interview_id, "es", "ana")
    assert service.get(interview_id).language == "en"


def test_half_a_surrogate_pair_is_refused_with_a_sentence_and_nothing_changes(service: InterviewService) -> None:
    """No UTF-8 text holds half of a surrogate pair (pasted from a broken source, or
    escaped in JSON), so the vault cannot store it: a sentence, not a crash."""
    interview_id = _start(service)
    assert service.set_answer(interview_id, "q", "before", "ana")
    with pytest.raises(BadInput, match="not valid text"):
        service.set_answer(interview_id, "q", "a\ud800b", "ana")
    with pytest.raises(BadInput, match="not valid text"):
        service.set_answer(interview_id, "languages", ["es", "\udcff"], "ana")
    assert service.answers(interview_id) == {"q": "before"}
    assert service.get(interview_id).revision == 2
    with pytest.raises(BadInput, match="control characters"):
        _start(service, site="Tum\udcffbes")


@pytest.mark.parametrize("search", ["\ud800", "ab\udcffc", "Jos\udce9"])
def test_a_search_holding_half_a_surrogate_pair_finds_nothing_and_raises_nothing(
        service: InterviewService, search: str) -> None:
    interview_id = _start(service)
    assert service.set_answer(interview_id, "alias", "José", "ana")
    assert service.page(InterviewQuery(search=search)) == []
    assert service.count(InterviewQuery(search=search)) == 0


def test_a_setting_holding_half_a_surrogate_pair_is_refused_and_the_old_one_kept(vault: Vault) -> None:
    settings = SettingsService(vault)
    settings.set_json("note", "kept")
    with pytest.raises(BadInput, match="cannot hold that value"):
        settings.set_json("note", ["x\udcff"])
    assert settings.get_json("note") == "kept"
