"""Pictures through the real export and import: re-encoded, previewed as they leave, ticks are revisions.

A small questionnaire with a picture and a select_multiple (the shape that
crashed the export dialog when an attachment was unticked), real vaults, a
real team, real bundles imported at the lead.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from exchange_world import Side, team_of
from openpyxl import Workbook
from PIL import Image

from smallk import lower_k
from testimonio.errors import BadInput
from testimonio.services.settings import SettingsService

CANARY = "CANARY-GPS-SERIAL-5521"


def pictures_form(path: Path) -> Path:
    """Alias, a select_multiple, a picture that may leave."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy"])
    survey.append(["text", "alias", "Alias", "safe"])
    survey.append(["select_multiple needs", "needs", "Needs", ""])
    survey.append(["image", "place", "Photo of the place", ""])
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    for name in ("food", "water", "shelter"):
        choices.append(["needs", name, name.title()])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["pictures", "1"])
    wb.save(path)
    return path


def dirty_jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    """A JPEG with EXIF GPS and a serial number, and a second picture appended (MPF)."""
    exif = Image.Exif()
    exif[0x010F] = CANARY
    exif.get_ifd(0x8825)[0x12] = CANARY
    first, second = io.BytesIO(), io.BytesIO()
    Image.new("RGB", size, (20, 160, 20)).save(first, "JPEG", exif=exif.tobytes())
    Image.new("RGB", size, (20, 20, 160)).save(second, "JPEG", exif=exif.tobytes(), comment=CANARY)
    return first.getvalue() + second.getvalue()


def _interview(r: Side, picture: bytes, mime: str = "image/jpeg", alias: str = "Luz") -> tuple[str, str]:
    svc = r.interviews
    iid = svc.start("pictures", "1", "CEBAF Peru", r.name, "es")
    svc.set_answer(iid, "alias", alias, r.name)
    svc.set_answer(iid, "needs", ["food", "water"], r.name)
    att = svc.add_attachment(iid, "place", picture, mime)
    svc.set_answer(iid, "place", att, r.name)
    svc.set_attachment_export(att, True)
    svc.complete(iid, r.name)
    return iid, att


def _world(tmp_path: Path) -> tuple[Side, Side]:
    lead, (r,) = team_of(tmp_path, forms=(pictures_form(tmp_path / "pictures.xlsx"),))
    lower_k(SettingsService(r.vault), 2)
    return lead, r


def _lead_pictures(lead: Side) -> list[bytes]:
    with lead.vault.read() as db:
        return [bytes(r[0]) for r in db.execute("SELECT data FROM attachments")]


def test_preview_shows_the_cleaned_size_and_hash_the_lead_receives(tmp_path: Path) -> None:
    lead, r = _world(tmp_path)
    _interview(r, dirty_jpeg((3000, 1500)))
    preview = r.export.preview()
    meta = preview["records"][0]["attachments"][0]
    assert meta["mime"] == "image/jpeg" and meta["sha256"] and meta["size"] > 0
    r.export.write(tmp_path / "b.tmb", accept_risk=True)
    lead.import_.import_file(tmp_path / "b.tmb")
    (received,) = _lead_pictures(lead)
    assert hashlib.sha256(received).hexdigest() == meta["sha256"] and len(received) == meta["size"]
    assert CANARY.encode() not in received and received.count(b"\xff\xd8") == 1
    assert Image.open(io.BytesIO(received)).size == (2400, 1200)  # long side capped
    assert CANARY not in lead.database_text()


def test_long_side_is_a_setting(tmp_path: Path) -> None:
    lead, r = _world(tmp_path)
    SettingsService(r.vault).set("pref.picture_max_side", "800")
    _interview(r, dirty_jpeg((2000, 1000)))
    r.export.write(tmp_path / "b.tmb", accept_risk=True)
    lead.import_.import_file(tmp_path / "b.tmb")
    assert Image.open(io.BytesIO(_lead_pictures(lead)[0])).size == (800, 400)


@pytest.mark.parametrize("broken", [b"", b"\xff\xd8\xff\xe0 truncated", b"%PDF-1.7 " + CANARY.encode()])
def test_undecodable_picture_stays_and_the_rest_needs_agreement(tmp_path: Path, broken: bytes) -> None:
    lead, r = _world(tmp_path)
    _interview(r, broken, alias="Rosa")
    _interview(r, dirty_jpeg(), alias="Luz")
    plan = r.export.plan()
    assert len(plan.left_out) == 1 and "stays in the vault" in plan.left_out[0]
    with pytest.raises(BadInput, match="cannot be cleaned"):
        r.export.write(tmp_path / "b.tmb")
    assert not (tmp_path / "b.tmb").exists()
    r.export.write(tmp_path / "b.tmb", leave_behind=True)
    lead.import_.import_file(tmp_path / "b.tmb")
    assert len(_lead_pictures(lead)) == 1
    with lead.vault.read() as db:
        places = [json.loads(v) for (v,) in db.execute("SELECT value FROM answers WHERE path = 'place'")]
    assert len(places) == 1  # the broken picture's answer did not leave either
    assert CANARY not in lead.database_text()


def test_unticking_with_a_select_multiple_drops_the_picture_and_makes_a_revision(tmp_path: Path) -> None:
    lead, r = _world(tmp_path)
    iid, att = _interview(r, dirty_jpeg())
    r.export.write(tmp_path / "1.tmb", accept_risk=True)
    lead.import_.import_file(tmp_path / "1.tmb")
    assert len(_lead_pictures(lead)) == 1
    r.export.set_attachment_export(att, True)  # the same tick: nothing changes
    assert r.export.plan().records == []
    r.export.set_attachment_export(att, False)
    (planned,) = r.export.plan().records
    assert planned.record["attachments"] == [] and "place" not in planned.record["answers"]
    assert planned.record["answers"]["needs"] == ["food", "water"]
    r.export.write(tmp_path / "2.tmb", accept_risk=True)
    result = lead.import_.import_file(tmp_path / "2.tmb")
    assert result.replaced == 1 and _lead_pictures(lead) == []


def test_a_changed_review_decision_makes_a_revision(tmp_path: Path) -> None:
    from exchange_world import CANARY_STORY, P, border_answers

    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 2)
    iid = r.add(border_answers(1))
    r.export.write(tmp_path / "1.tmb", accept_risk=True)
    lead.import_.import_file(tmp_path / "1.tmb")
    assert CANARY_STORY not in lead.database_text()
    r.export.review(iid, P["account"], False)
    r.export.review(iid, P["account"], True)
    (planned,) = r.export.plan().records  # new revision, not "nothing new"
    assert planned.record["answers"][P["account"]] == CANARY_STORY
    r.export.write(tmp_path / "2.tmb", accept_risk=True)
    assert lead.import_.import_file(tmp_path / "2.tmb").replaced == 1
    assert CANARY_STORY in lead.database_text()  # control: the lead holds what the preview showed
    r.export.review(iid, P["account"], True)  # same decision again: nothing new
    assert r.export.plan().records == []
