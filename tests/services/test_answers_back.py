"""The lead answers back: receipts, revocation, team updates, backup recipients.

Real vaults, real signed and encrypted files; every refusal is checked to
change nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_world import BORDER, FORM, Side, border_answers, new_side, team_of

from testimonio.errors import BadSignature, BundleDamaged, NotForThisVault
from testimonio.exchange import receipt as receipt_file
from testimonio.exchange.teamupdate import Retention
from testimonio.services.import_ import KeyRevoked
from testimonio.services.keys import KeyService
from testimonio.services.receipts import ReceiptRefused, ReceiptService
from testimonio.services.team_admin import TeamAdminService, UpdateRefused


def state(side: Side) -> tuple[object, ...]:
    with side.vault.read() as db:
        return (db.execute("SELECT * FROM team").fetchall(),
                db.execute("SELECT * FROM received ORDER BY interview_id").fetchall(),
                db.execute("SELECT * FROM roster ORDER BY key_id").fetchall(),
                db.execute("SELECT * FROM revocations").fetchall(),
                db.execute("SELECT form_id, version FROM questionnaires ORDER BY 1, 2").fetchall())


def fingerprint(side: Side) -> str:
    return KeyService(side.vault).public().fingerprint


def export(side: Side, out: Path) -> Path:
    side.add(border_answers(len(list(out.parent.glob("*.tmb")))))
    return side.export.write(out, accept_risk=True).path


def test_receipt_marks_received_and_refuses_what_it_must(tmp_path: Path) -> None:
    lead, (r1, r2) = team_of(tmp_path, researchers=2)
    one = r1.add(border_answers(1))
    lead.import_.import_file(r1.export.write(tmp_path / "1.tmb", accept_risk=True).path)
    receipts = ReceiptService(lead.vault)
    first = receipts.write(fingerprint(r1), tmp_path / "r1.tmr")
    assert first.interviews == 1 and first.number == 1

    # Meant for another vault: researcher 2 cannot use researcher 1's receipt.
    before = state(r2)
    with pytest.raises(NotForThisVault):
        ReceiptService(r2.vault).import_file(tmp_path / "r1.tmr")
    assert state(r2) == before

    done = ReceiptService(r1.vault).import_file(tmp_path / "r1.tmr")
    assert done.interviews == 1
    assert ReceiptService(r1.vault).received_dates([one]) == {one: first.issued[:10]}

    # Older than one already imported (the same receipt again, too).
    second = receipts.write(fingerprint(r1), tmp_path / "r2.tmr")
    ReceiptService(r1.vault).import_file(tmp_path / "r2.tmr")
    before = state(r1)
    for old in ("r1.tmr", "r2.tmr"):
        with pytest.raises(ReceiptRefused, match="already imported"):
            ReceiptService(r1.vault).import_file(tmp_path / old)
    assert state(r1) == before and second.number == 2

    # Not signed by the team's lead: another lead with r1 on its roster.
    other, _ = team_of(tmp_path / "other", researchers=0)
    other.team.add_researcher(other.team.read_public_key_file(tmp_path / "r1.pub"))
    other_receipts = ReceiptService(other.vault)
    with other.vault.transaction() as db:
        db.execute("UPDATE team SET receipt_number = 50")
    other_receipts.write(fingerprint(r1), tmp_path / "foreign.tmr")
    with pytest.raises(ReceiptRefused, match="not signed by your team's lead"):
        ReceiptService(r1.vault).import_file(tmp_path / "foreign.tmr")
    assert state(r1) == before

    # Naming a revision never sent, signed by the real lead.
    me = KeyService(r1.vault).public()
    receipt_file.write_receipt(tmp_path / "forged.tmr", KeyService(lead.vault).ensure(), me, 99,
                               [("ab" * 16, 1)])
    with pytest.raises(ReceiptRefused, match="never sent"):
        ReceiptService(r1.vault).import_file(tmp_path / "forged.tmr")
    assert state(r1) == before


def test_altered_receipt_is_refused(tmp_path: Path) -> None:
    lead, (r1,) = team_of(tmp_path)
    r1.add(border_answers(1))
    lead.import_.import_file(r1.export.write(tmp_path / "1.tmb", accept_risk=True).path)
    ReceiptService(lead.vault).write(fingerprint(r1), tmp_path / "r.tmr")
    raw = bytearray((tmp_path / "r.tmr").read_bytes())
    raw[-5] ^= 1
    (tmp_path / "bad.tmr").write_bytes(bytes(raw))
    before = state(r1)
    with pytest.raises(BundleDamaged):
        ReceiptService(r1.vault).import_file(tmp_path / "bad.tmr")
    assert state(r1) == before


def test_revoked_key_above_and_below_the_revocation_point(tmp_path: Path) -> None:
    lead, (r1, r2) = team_of(tmp_path, researchers=2)
    b1, b2 = export(r1, tmp_path / "1.tmb"), export(r1, tmp_path / "2.tmb")
    lead.import_.import_file(b2)  # bundle 1 is still on its way
    admin = TeamAdminService(lead.vault)
    revoked = admin.revoke(fingerprint(r1))
    assert revoked.last_sequence == 2
    b3 = export(r1, tmp_path / "3.tmb")  # the thief's bundle
    with pytest.raises(KeyRevoked, match="revoked on") as refused:
        lead.import_.import_file(b3)
    assert fingerprint(r1) in str(refused.value) and "up to number 2" in str(refused.value)
    assert lead.import_.import_file(b1).added == 1  # made before the laptop was lost

    # The revocation travels in the team update.
    update = admin.publish(tmp_path / "u1.tmu")
    assert [r.key_id for r in update.revocations] == [KeyService(r1.vault).public().key_id]
    service = TeamAdminService(r2.vault)
    service.apply_update(service.read_update(tmp_path / "u1.tmu"))
    with r2.vault.read() as db:
        assert db.execute("SELECT last_sequence FROM revocations").fetchall() == [(2,)]


def test_team_update_installs_and_refuses_what_it_must(tmp_path: Path) -> None:
    lead, (r1,) = team_of(tmp_path)
    started = r1.interviews.start(FORM.form_id, FORM.version, "CEBAF Peru", "r1", "es")
    admin = TeamAdminService(lead.vault)
    newer = _bumped_form(tmp_path)
    lead.team.forms.install(newer)
    admin.set_retention(Retention("identifiers", 30))
    admin.publish(tmp_path / "u1.tmu")
    admin.publish(tmp_path / "u2.tmu")
    service = TeamAdminService(r1.vault)

    # Unsigned (altered after signing), foreign (another lead), then older.
    raw = bytearray((tmp_path / "u2.tmu").read_bytes())
    raw[100] ^= 1
    (tmp_path / "bad.tmu").write_bytes(bytes(raw))
    before = state(r1)
    with pytest.raises(BadSignature):
        service.read_update(tmp_path / "bad.tmu")
    other, _ = team_of(tmp_path / "other", researchers=0)
    TeamAdminService(other.vault).publish(tmp_path / "foreign.tmu")
    with pytest.raises(UpdateRefused, match="not signed by your team's lead"):
        service.read_update(tmp_path / "foreign.tmu")
    assert state(r1) == before

    result = service.apply_update(service.read_update(tmp_path / "u2.tmu"))
    assert result.number == 2 and result.questionnaires == 1
    assert result.retention == Retention("identifiers", 30)
    with pytest.raises(UpdateRefused, match="already imported"):
        service.read_update(tmp_path / "u1.tmu")
    versions = [v for f, v in state(r1)[4] if f == FORM.form_id]
    assert versions == sorted([FORM.version, "2099010101"])
    assert r1.interviews.get(started).form_version == FORM.version  # keeps its version


def _bumped_form(tmp_path: Path) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(BORDER)
    settings = wb["settings"]
    header = [c.value for c in settings[1]]
    settings.cell(row=2, column=header.index("version") + 1, value="2099010101")
    out = tmp_path / "border_v2.xlsx"
    wb.save(out)
    return out


def test_backup_recipient_imports_and_the_team_moves_to_v2(tmp_path: Path) -> None:
    lead, (r1,) = team_of(tmp_path)
    # A researcher who joined before the lead had a hybrid key writes v1.
    with r1.vault.transaction() as db:
        db.execute("UPDATE team SET lead_kem = NULL")
    v1 = export(r1, tmp_path / "1.tmb")
    assert v1.read_bytes()[8] == 1
    assert lead.import_.import_file(v1).added == 1  # a v1 bundle after v2 keys

    backup = new_side(tmp_path, "backup")
    KeyService(backup.vault).export_public(tmp_path / "backup.pub", name="Office safe")
    admin = TeamAdminService(lead.vault)
    admin.add_recipient(admin.read_recipient_file(tmp_path / "backup.pub"))
    admin.publish(tmp_path / "u1.tmu")
    for side in (r1, backup):
        if side is backup:
            side.team.join(side.team.read_team_file(tmp_path / "team.tmt"))
        service = TeamAdminService(side.vault)
        service.apply_update(service.read_update(tmp_path / "u1.tmu"))

    v2 = export(r1, tmp_path / "2.tmb")
    raw = v2.read_bytes()
    assert raw[8] == 2 and int.from_bytes(raw[30:32], "big") == 2
    assert backup.import_.import_file(v2).added == 1  # any one recipient can import
    assert lead.import_.import_file(v2).added == 1


def test_recipient_key_file_without_hybrid_key_is_refused(tmp_path: Path) -> None:
    from testimonio.errors import BadInput
    from testimonio.exchange.keys import generate
    from testimonio.exchange.teamfile import write_public_key_file

    lead, _ = team_of(tmp_path, researchers=0)
    write_public_key_file(tmp_path / "old.pub", generate(with_kem=False), "Old")
    with pytest.raises(BadInput, match="hybrid"):
        TeamAdminService(lead.vault).read_recipient_file(tmp_path / "old.pub")


def test_keys_made_before_the_hybrid_part_gain_it_at_first_use(tmp_path: Path) -> None:
    side = new_side(tmp_path, "old")
    before = KeyService(side.vault).public()
    with side.vault.transaction() as db:  # as a vault of schema 3 had it
        db.execute("DELETE FROM device_kem_keys")
    after = KeyService(side.vault).ensure()
    assert after.kem is not None and after.public.kem is not None
    assert after.public.key_id == before.key_id and after.public.kem != before.kem
    assert KeyService(side.vault).ensure().kem == after.kem  # made once, stored
