"""Purged interviews leave no value in any vault file: database, WAL, journal, free pages.

The vault files are encrypted, so a plain byte search proves nothing: every
page of the database and every WAL frame is decrypted here with the vault's
key (SQLCipher 4: AES-256-CBC, the IV in each page's reserved bytes) and
searched, free pages included. A positive control finds the canaries before
the purge, so the search is known to work.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from exchange_world import FORM, P, Side, border_answers, team_of

from testimonio.errors import BadInput, NotFound, VaultLocked
from testimonio.exchange.teamupdate import Retention
from testimonio.services.keys import KeyService
from testimonio.services.receipts import ReceiptService
from testimonio.services.retention import RetentionService
from testimonio.services.team_admin import TeamAdminService
from testimonio.vault import Vault

PAGE, RESERVE, WAL_HEADER, FRAME_HEADER = 4096, 80, 32, 24


def _decrypt(key: bytes, page: bytes, first: bool) -> bytes:
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(page[16 if first else 0 : PAGE - RESERVE]) + dec.finalize()


def plaintext_of_files(folder: Path, key: bytes) -> dict[str, bytes]:
    """Every page and frame of every file in the vault folder, decrypted where it can be."""
    out: dict[str, bytes] = {}
    for path in folder.iterdir():
        data = path.read_bytes()
        if path.name == "vault.db":
            out[path.name] = b"".join(_decrypt(key, data[i : i + PAGE], i == 0)
                                      for i in range(0, len(data) - PAGE + 1, PAGE))
        elif path.name.endswith("-wal"):
            frames = range(WAL_HEADER, len(data) - FRAME_HEADER - PAGE + 1, FRAME_HEADER + PAGE)
            out[path.name] = b"".join(_decrypt(key, data[i + FRAME_HEADER : i + FRAME_HEADER + PAGE],
                                               False) for i in frames)
        out[path.name + " (raw)"] = data
    return out


def found(folder: Path, key: bytes, canaries: list[str]) -> list[str]:
    texts = plaintext_of_files(folder, key)
    return [f"{c} in {name}" for name, text in texts.items() for c in canaries
            for form in (c.encode("utf-8"), c.encode("utf-16-le")) if form in text]


def _interview(side: Side, n: int, canaries: dict[str, str]) -> str:
    svc = side.interviews
    iid = svc.start(FORM.form_id, FORM.version, "CEBAF Peru", side.name, "es")
    answers = border_answers(n)
    answers[P["real_name"]] = canaries["name"]
    answers[P["document_number"]] = canaries["doc"]
    answers[P["account"]] = canaries["story"]
    for path, value in answers.items():
        svc.set_answer(iid, path, value, side.name)
    svc.set_answer(iid, P["real_name"], canaries["name"] + " Jr", side.name)  # an edit-log old value
    svc.set_answer(iid, P["real_name"], canaries["name"], side.name)
    svc.set_answer(iid, "document_photos", 1, side.name)
    photo = b"\x89PNG\r\n\x1a\n" + canaries["photo"].encode() * 50
    att = svc.add_attachment(iid, "document_photos[1]/photo", photo, "image/png")
    svc.set_answer(iid, "document_photos[1]/photo", att, side.name)
    svc.complete(iid, side.name)
    return iid


def _canaries() -> dict[str, str]:
    tag = secrets.token_hex(5).upper()
    return {k: f"CANARY{k.upper()}{tag}" for k in ("name", "doc", "story", "photo")}


def _received(tmp_path: Path) -> tuple[Side, Side]:
    lead, (r1,) = team_of(tmp_path)
    return lead, r1


def _send_and_receipt(tmp_path: Path, lead: Side, r1: Side, name: str) -> None:
    lead.import_.import_file(r1.export.write(tmp_path / f"{name}.tmb", accept_risk=True).path)
    ReceiptService(lead.vault).write(KeyService(r1.vault).public().fingerprint,
                                     tmp_path / f"{name}.tmr")
    ReceiptService(r1.vault).import_file(tmp_path / f"{name}.tmr")


def test_purge_received_leaves_no_value_in_any_vault_file(tmp_path: Path) -> None:
    lead, r1 = _received(tmp_path)
    gone, kept = _canaries(), _canaries()
    purged_id = _interview(r1, 1, gone)
    _send_and_receipt(tmp_path, lead, r1, "1")
    kept_id = _interview(r1, 2, kept)  # never sent: stays whole
    key = r1.vault._require_key()
    assert sorted(found(r1.dir, key, list(gone.values()))) != []  # positive control
    assert found(r1.dir, key, list(gone.values()) + list(kept.values()))

    result = RetentionService(r1.vault).purge_received()
    assert (result.interviews, result.attachments) == (1, 1)
    assert found(r1.dir, key, list(gone.values())) == []
    assert len(found(r1.dir, key, [kept["name"], kept["photo"]])) >= 2  # the rest is still there
    assert not [p for p in r1.dir.iterdir() if p.name.endswith("-journal")]
    with pytest.raises(NotFound):
        r1.interviews.get(purged_id)
    assert r1.interviews.get(kept_id).status == "complete"
    # Not even "export --all" sends the purged interview again.
    assert [r.interview_id for r in r1.export.plan(all_=True).records] == [kept_id]


def test_retention_policy_purges_identifiers_when_due(tmp_path: Path) -> None:
    lead, r1 = _received(tmp_path)
    admin = TeamAdminService(lead.vault)
    admin.set_retention(Retention("identifiers", 30))
    admin.publish(tmp_path / "u.tmu")
    update = TeamAdminService(r1.vault)
    update.apply_update(update.read_update(tmp_path / "u.tmu"))
    canaries = _canaries()
    iid = _interview(r1, 1, canaries)
    _send_and_receipt(tmp_path, lead, r1, "1")
    service = RetentionService(r1.vault)
    (planned,) = service.plan()  # shown beforehand: what and when
    today = dt.date.fromisoformat(planned.received_at)  # the receipt's day, even past midnight
    assert planned.due == (today + dt.timedelta(days=30)).isoformat()
    assert service.due(today) == []
    key = r1.vault._require_key()
    assert found(r1.dir, key, [canaries["name"], canaries["doc"], canaries["photo"]])

    result = service.apply_due(today + dt.timedelta(days=30))
    assert result.interviews == 1 and result.attachments == 1
    assert found(r1.dir, key, [canaries["name"], canaries["doc"], canaries["photo"]]) == []
    answers = r1.interviews.answers(iid)
    assert P["real_name"] not in answers and answers[P["occupation"]] == "teacher"
    with pytest.raises(BadInput, match="purged"):
        r1.interviews.reopen(iid, "fix a typo", "r1")
    assert service.plan() == []  # done once


def test_schedule_lists_every_received_interview_with_its_action_and_day(tmp_path: Path) -> None:
    lead, r1 = _received(tmp_path)
    admin = TeamAdminService(lead.vault)
    admin.set_retention(Retention("identifiers", 10))
    admin.publish(tmp_path / "u.tmu")
    update = TeamAdminService(r1.vault)
    update.apply_update(update.read_update(tmp_path / "u.tmu"))
    first, second = _interview(r1, 1, _canaries()), _interview(r1, 2, _canaries())
    _send_and_receipt(tmp_path, lead, r1, "1")
    r1.interviews.reopen(second, "a late correction", "r1")  # changed after the receipt
    service = RetentionService(r1.vault)
    # The receipt's day, not the clock's: a run that crosses midnight stays right.
    today = dt.date.fromisoformat(service.received("interview")[0].received_at)
    due = (today + dt.timedelta(days=10)).isoformat()
    rows = {row.interview_id: row for row in service.schedule(today)}
    assert (rows[first].action, rows[first].due, rows[first].due_now) == ("identifiers", due, False)
    assert (rows[second].action, rows[second].due) == ("changed", "")
    later = {row.interview_id: row.due_now for row in service.schedule(today + dt.timedelta(days=10))}
    assert later == {first: True, second: False}
    # The clock is passed in: nothing is due today, the first is due in ten days.
    assert service.apply_due(today).interviews == 0
    result = service.apply_due(today + dt.timedelta(days=10))
    assert (result.interview_ids, result.scope) == ((first,), "identifiers")
    after = {row.interview_id: row.action for row in service.schedule(today)}
    assert after == {first: "done", second: "changed"}


def test_a_purge_cut_short_before_its_scrub_is_finished_next_time(tmp_path: Path) -> None:
    lead, r1 = _received(tmp_path)
    gone = _canaries()
    _interview(r1, 1, gone)
    _send_and_receipt(tmp_path, lead, r1, "1")
    key = bytes(r1.vault._require_key())

    def lock_before_the_scrub(_done: int, _total: int, step: str) -> None:
        if step == "compact":
            r1.vault.lock()  # the person locks (or closes) while the purge runs

    with pytest.raises(VaultLocked):
        RetentionService(r1.vault).purge_received(progress=lock_before_the_scrub)
    vault = Vault.unlock(r1.dir, "pass phrase")
    service = RetentionService(vault)
    assert service.received("interview") == [] and service.scrub_pending()
    assert service.finish_pending() and not service.scrub_pending()
    assert found(r1.dir, key, list(gone.values())) == []
    assert not service.finish_pending()  # nothing left to do
    vault.lock()
