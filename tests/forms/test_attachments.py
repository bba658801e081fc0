"""Form attachments (CSV, XML, GeoJSON): select_one_from_file, pulldata and
instance() over them, kept with the questionnaire as a package of the XLSForm
and its files; hostile packages and files refused naming the file."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from test_loader import write_xlsform

from testimonio.errors import FormError
from testimonio.forms import attachments
from testimonio.forms.loader import load_bytes, load_file
from testimonio.forms.model import Question
from testimonio.forms.state import FormState

CITIES_CSV = "name,label,country,pop\ntum,Tumbes,pe,111\npi,Piura,pe,484\nhua,Huaquillas,ec,57\n"


def cities_form(folder: Path, *, with_csv: bool = True) -> Path:
    form = write_xlsform(folder / "cities.xlsx", [
        {"type": "select_one country", "name": "country", "label": "Country"},
        {"type": "select_one_from_file cities.csv", "name": "city", "label": "City",
         "choice_filter": "country = ${country}"},
        {"type": "calculate", "name": "pop", "calculation": "pulldata('cities', 'pop', 'name', ${city})"},
        {"type": "calculate", "name": "label",
         "calculation": "instance('cities')/root/item[name = ${city}]/label"},
        {"type": "calculate", "name": "station", "calculation": "pulldata('stations', 'name', 'id', 's2')"},
    ], [{"list_name": "country", "name": "pe", "label": "Perú"},
        {"list_name": "country", "name": "ec", "label": "Ecuador"}],
        {"form_id": "cities", "version": "1"})
    if with_csv:
        (folder / "cities.csv").write_text(CITIES_CSV, encoding="utf-8")
        media = folder / "cities-media"
        media.mkdir()
        (media / "stations.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": "s1", "geometry": {"type": "Point", "coordinates": [-80.45, -3.56]},
             "properties": {"name": "Aguas Verdes"}},
            {"type": "Feature", "id": "s2", "geometry": {"type": "Point", "coordinates": [-80.23, -3.48]},
             "properties": {"name": "Huaquillas CEBAF"}}]}), encoding="utf-8")
    return form


def test_select_one_from_file_pulldata_and_instance_read_the_attachments(tmp_path: Path) -> None:
    result = load_file(cities_form(tmp_path))
    q = result.questionnaire
    city = q.by_name("city")
    assert isinstance(city, Question) and city.type == "select_one"
    assert [c.name for c in city.choices] == ["tum", "pi", "hua"]
    assert set(q.attachments) == {"cities", "stations"}
    state = FormState(q, {"country": "pe"}, "default")
    assert [c.name for c in state.choices("city")] == ["tum", "pi"]
    state.set("city", "pi")
    assert (state.value("pop"), state.value("label"), state.value("station")) == ("484", "Piura", "Huaquillas CEBAF")
    assert state.evaluate("pulldata('stations', 'geometry', 'id', 's1')") == "-3.56 -80.45 0 0"


def test_the_package_keeps_the_form_and_its_files_and_loads_alike(tmp_path: Path) -> None:
    result = load_file(cities_form(tmp_path))
    assert attachments.is_package(result.stored)
    again = load_bytes(result.stored, "cities.xlsx")
    assert again.sha256 == result.sha256 and again.stored == result.stored
    assert again.questionnaire.attachments == result.questionnaire.attachments
    copy = shutil.copytree(tmp_path, tmp_path.parent / f"{tmp_path.name}-copy")
    assert load_file(copy / "cities.xlsx").sha256 == result.sha256  # the same files, the same bytes


def test_a_missing_attachment_is_named_in_a_warning(tmp_path: Path) -> None:
    result = load_file(cities_form(tmp_path, with_csv=False))
    text = " ".join(result.warnings)
    assert "'cities'" in text and "'stations'" in text and "free text" in text
    state = FormState(result.questionnaire, {}, "default")
    state.set("city", "pi")
    assert state.value("pop") is None  # pulldata of a missing file: empty, not a crash
    assert not attachments.is_package(result.stored)


def test_xml_attachment_and_its_refusals(tmp_path: Path) -> None:
    data = b"<root><item><name>a</name><label>A</label></item><item><name>b</name><label>B</label></item></root>"
    inst = attachments.parse("letters.xml", data)
    assert inst.id == "letters" and inst.items[1] == {"name": "b", "label": "B"}
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><root><item><n>&a;</n></item></root>'
    with pytest.raises(FormError) as caught:
        attachments.parse("bomb.xml", bomb)
    assert caught.value.file == "bomb.xml"
    with pytest.raises(FormError, match="cannot be read"):
        attachments.parse("broken.geojson", b"{not json")
    with pytest.raises(FormError, match=".csv, .xml or .geojson"):
        attachments.parse("evil.exe", b"MZ")


def test_hostile_packages_are_refused(tmp_path: Path) -> None:
    good = load_file(cities_form(tmp_path)).stored
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(attachments.PACKAGE_MARKER, b"")
        archive.writestr("form/cities.xlsx", zipfile.ZipFile(io.BytesIO(good)).read("form/cities.xlsx"))
        archive.writestr("media/../../etc/passwd", b"x")
    with pytest.raises(FormError, match="cannot be used|unexpected"):
        load_bytes(out.getvalue(), "cities.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(attachments.PACKAGE_MARKER, b"")
    with pytest.raises(FormError, match="no XLSForm"):
        load_bytes(out.getvalue(), "empty.xlsx")
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(attachments.PACKAGE_MARKER, b"")
        archive.writestr("media/big.csv", b"a" * (attachments.MAX_PACKAGE_UNPACKED + 1))
    with pytest.raises(FormError, match="too large"):
        load_bytes(many.getvalue(), "big.xlsx")


def test_a_form_cannot_name_files_outside_its_folder(tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text("name,label\nx,SECRET\n", encoding="utf-8")
    folder = tmp_path / "form"
    folder.mkdir()
    form = write_xlsform(folder / "f.xlsx", [
        {"type": "calculate", "name": "c", "calculation": "pulldata('../secret', 'label', 'name', 'x')"}])
    result = load_file(form)
    assert result.questionnaire.attachments == {} and not attachments.is_package(result.stored)
    with pytest.raises(FormError, match="cannot be read"):
        attachments.parse("bad.geojson", b'{"type": "FeatureCollection", "features": [{"geometry": '
                                          b'{"type": "Point", "coordinates": [1]}}]}')


def test_damaged_packages_only_ever_raise_form_errors(tmp_path: Path) -> None:
    import random

    good = load_file(cities_form(tmp_path)).stored
    rng = random.Random(14)
    for _ in range(25):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            load_bytes(bytes(data), "cities.xlsx")
        except FormError:
            pass
