"""Canaries planted through every path that leaked, looked for everywhere the lead ends up with data.

Two researchers take interviews with a questionnaire written for this test
(identifiers, a quasi birth date and a derived age, a quasi select with its
``_other`` text, a repeat of quasi ages, safe and free texts, a picture),
export, and the lead imports them and writes CSV, XLSX and the summary.
Each canary must be absent from the bundle's plaintext (records and
attachments, opened with the lead's key), the lead's vault (every table,
decrypted, attachments included), the CSV, the XLSX and the summary's data.

Each path has a positive control run through the same pipeline and the same
search with that one protection switched off (the text released, the risk
accepted instead of suppression, the derived value marked safe, the dates
asked for by the day, the picture written raw by the bundle writer), which
must find the canary: the search is shown to look in the right place.
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from PIL import Image

from smallk import lower_k

# The real team of vaults the exchange service tests build (tests/services/exchange_world.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from exchange_world import Side, team_of  # noqa: E402

from testimonio.exchange.bundle import AttachmentSource, open_bundle, write_bundle
from testimonio.services.keys import KeyService
from testimonio.services.report import ReportService
from testimonio.services.settings import SettingsService

NAME = "Yoselin Canarena Urdaneta"
IN_STORY = "la señora YOSELIN CANARENA nos contó todo"  # the name without accents, upper case
PHONE_NOTE = "llamar al 0414-777.12.34 de noche"  # a phone in a *safe* text
PHONE_DIGITS = "04147771234"
WORKPLACE = "CANARYWORK Panadería El Sol de Maracaibo"
GPS = b"CANARYGPS-10.65N-71.61W"
CHUNK = b"CANARYCHUNK-private-png"
BIRTH, VISIT = "1900-01-01", "2019-11-20"  # derived age: exactly 119


def leak_form(path: Path, form_id: str, derived_privacy: str = "", dates: str = "") -> Path:
    """The questionnaire of this test; ``derived_privacy``/``dates`` switch protections off."""
    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy", "relevant", "calculation"])
    for row in (
        ["start", "start", "", "", "", ""],
        ["text", "alias", "Alias", "safe", "", ""],
        ["text", "full_name", "Name", "identifier", "", ""],
        ["date", "birth", "Birth date", "quasi", "", ""],
        ["date", "visit", "Visit", "", "", ""],
        ["calculate", "age_years", "", derived_privacy, "",
         "int((decimal-date-time(${visit}) - decimal-date-time(${birth})) div 365.25)"],
        ["select_one jobs", "job", "Job", "quasi", "", ""],
        ["text", "job_other", "Other job", "", "${job} = 'other'", ""],
        ["text", "note", "Note", "safe", "", ""],
        ["text", "story", "Story", "", "", ""],
        ["begin repeat", "kids", "Children", "", "", ""],
        ["integer", "kid_age", "Age", "quasi", "", ""],
        ["end repeat", "kids", "", "", "", ""],
        ["image", "photo", "Photo", "", "", ""],
    ):
        survey.append(row)
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", "label"])
    choices.append(["jobs", "teacher", "Teacher"])
    choices.append(["jobs", "other", "Other"])
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version", "privacy_dates"])
    settings.append([form_id, "1", dates])
    wb.save(path)
    return path


def dirty_jpeg() -> bytes:
    """A first picture, then a second one (MPF-style) carrying GPS in its EXIF."""
    exif = Image.Exif()
    exif.get_ifd(0x8825)[0x12] = GPS.decode()
    first, second = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (48, 32), (30, 140, 30)).save(first, "JPEG")
    Image.new("RGB", (48, 32), (30, 30, 140)).save(second, "JPEG", exif=exif.tobytes())
    return first.getvalue() + second.getvalue()


def dirty_png() -> bytes:
    """A PNG with a private ancillary chunk and bytes after IEND."""
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (200, 200, 30)).save(out, "PNG")
    png = out.getvalue()
    chunk = struct.pack(">I", len(CHUNK)) + b"gpSa" + CHUNK + struct.pack(">I", zlib.crc32(b"gpSa" + CHUNK))
    return png[:33] + chunk + png[33:] + CHUNK


def interview(r: Side, form_id: str, n: int, picture: bytes, mime: str) -> str:
    svc = r.interviews
    iid = svc.start(form_id, "1", "CEBAF Peru", r.name, "es")
    answers: dict[str, Any] = {
        "alias": f"Persona {n}", "full_name": NAME, "birth": BIRTH, "visit": VISIT,
        "job": "other", "job_other": WORKPLACE, "note": PHONE_NOTE, "story": IN_STORY,
        "kids": 1, "kids[1]/kid_age": 17}
    for path, value in answers.items():
        svc.set_answer(iid, path, value, r.name)
    att = svc.add_attachment(iid, "photo", picture, mime)
    svc.set_answer(iid, "photo", att, r.name)
    svc.set_attachment_export(att, True)
    svc.complete(iid, r.name)
    for path in ("story", "job_other"):  # the researcher kept these texts after a review
        r.export.review(iid, path, True)
    return iid


def haystacks(lead: Side, bundles: list[Path], tmp: Path) -> tuple[dict[str, bytes], list[Any]]:
    """Everything the lead ends up with, as bytes to search; and the bundles' records."""
    roster = {k: v[0] for k, v in lead.import_.roster().items()}
    found: dict[str, bytes] = {}
    plain = b""
    records: list[Any] = []
    for bundle in bundles:
        with open_bundle(bundle, recipient=KeyService(lead.vault).ensure(), known_signers=roster) as opened:
            records += list(opened.records())
            plain += json.dumps(records[-1:], ensure_ascii=False).encode()
            plain += b"".join(a.read_all() for a in opened.attachments())
        lead.import_.import_file(bundle)
    found["bundle plaintext"] = plain
    with lead.vault.read() as db:
        blobs = b"".join(bytes(r[0]) for r in db.execute("SELECT data FROM attachments"))
    found["lead vault"] = lead.database_text().encode() + blobs
    report = ReportService(lead.vault)
    csv_dir = tmp / f"csv{len(list(tmp.glob('csv*')))}"
    found["csv"] = b"".join(p.read_bytes() for p in report.write_csv(csv_dir))
    xlsx = csv_dir.with_suffix(".xlsx")
    report.write_xlsx(xlsx)
    found["xlsx"] = "\n".join(str(c) for ws in load_workbook(xlsx) for row in ws.iter_rows(values_only=True)
                              for c in row).encode()
    found["summary"] = repr(report.summary()).encode()
    return found, records


def _search(places: dict[str, bytes], canary: bytes) -> list[str]:
    return [where for where, data in places.items() if canary.lower() in data.lower()]


def _lead_answers(lead: Side, path: str) -> list[Any]:
    with lead.vault.read() as db:
        return [json.loads(v) for (v,) in db.execute("SELECT value FROM answers WHERE path = ?", (path,))]


@pytest.fixture()
def world(tmp_path: Path) -> tuple[Side, list[Side]]:
    forms = (leak_form(tmp_path / "leaks.xlsx", "leaks"),
             leak_form(tmp_path / "leaks_off.xlsx", "leaks_off", derived_privacy="safe", dates="day"))
    lead, researchers = team_of(tmp_path, researchers=2, forms=forms)
    for r in researchers:
        lower_k(SettingsService(r.vault), 3)
    return lead, researchers


def test_no_canary_reaches_the_lead(world: tuple[Side, list[Side]], tmp_path: Path) -> None:
    lead, (a, b) = world
    interview(a, "leaks", 1, dirty_jpeg(), "image/jpeg")
    interview(b, "leaks", 2, dirty_png(), "image/png")
    bundles = []
    for r, name in ((a, "a.tmb"), (b, "b.tmb")):
        assert r.export.plan().groups  # one interview each: a group of fewer than 3
        r.export.write(tmp_path / name, suppress_small_groups=True, leave_behind=True)
        bundles.append(tmp_path / name)
    places, records = haystacks(lead, bundles, tmp_path)
    for canary in (b"Canarena", b"Urdaneta", PHONE_DIGITS.encode(), b"777.12.34", b"CANARYWORK",
                   GPS, CHUNK):
        assert _search(places, canary) == [], canary
    # Values that are not strings: derived age, the repeat's ages, the dates.
    assert _lead_answers(lead, "age_years") == []  # quasi (reads a quasi date), blanked with the key
    assert _lead_answers(lead, "kids[1]/kid_age") == []  # blanked with its interview's key
    assert len(records) == 2 and {len(r["started"]) for r in records} == {7}  # the month, not the day
    assert len(places["lead vault"]) > 0 and b"Persona 1" in places["csv"]  # the search sees data


def test_controls_find_each_canary_with_its_protection_off(world: tuple[Side, list[Side]],
                                                            tmp_path: Path) -> None:
    lead, (a, _b) = world
    iid = interview(a, "leaks_off", 1, dirty_jpeg(), "image/jpeg")
    for path in ("story", "note", "job_other"):  # released, value by value
        a.export.review(iid, path, True, release=True)
    a.export.write(tmp_path / "off.tmb", accept_risk=True)  # risk accepted: no suppression
    # The picture written raw by the real bundle writer, as a program without cleaning would.
    raw = dirty_jpeg()
    write_bundle(tmp_path / "raw.tmb", sender=KeyService(a.vault).ensure(),
                 recipient=KeyService(lead.vault).public(), sequence=99, records=[],
                 attachments=[AttachmentSource("raw.jpg", "image/jpeg", len(raw), raw)])
    roster = {k: v[0] for k, v in lead.import_.roster().items()}
    with open_bundle(tmp_path / "raw.tmb", recipient=KeyService(lead.vault).ensure(),
                     known_signers=roster) as opened:
        raw_plain = b"".join(x.read_all() for x in opened.attachments())
    SettingsService(lead.vault).set("pref.small_counts", "exact")
    places, records = haystacks(lead, [tmp_path / "off.tmb"], tmp_path)
    assert _search(places, b"Canarena") == list(places)[:4]  # released story: bundle, vault, CSV, XLSX
    assert _search(places, b"777.12.34") == list(places)[:4]
    assert _search(places, b"CANARYWORK") == list(places)[:4]
    assert GPS in raw_plain  # an uncleaned picture carries the canary into the bundle
    assert _lead_answers(lead, "age_years") == ["119"]  # marked safe: the exact derived age
    assert _lead_answers(lead, "kids[1]/kid_age") == ["10-19"]  # generalised but not blanked
    assert len(records[0]["started"]) == 10  # privacy_dates = day
