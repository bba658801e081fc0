"""Malformed questionnaires: always a FormError naming where, never a traceback."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from formkit import (
    BORDER,
    duplicate_choices_form,
    duplicate_columns_form,
    shared_form,
    shared_forms,
    small_form,
)
from testimonio import errors
from testimonio.errors import FormError
from testimonio.forms import xlsform_read
from testimonio.forms.loader import load_bytes, load_file

INVALID_FILES = shared_forms("invalid")


def write_xlsform(path: Path, survey: list[dict[str, Any]] | None,
                  choices: list[dict[str, Any]] | None = None,
                  extra_sheets: dict[str, list[list[Any]]] | None = None) -> Path:
    """A real .xlsx with a survey (and choices) sheet built from dict rows."""
    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    for title, rows in (("survey", survey), ("choices", choices)):
        if rows is None:
            continue
        ws = book.create_sheet(title)
        headers: list[str] = []
        for row in rows:
            headers.extend(k for k in row if k not in headers)
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
    for title, raw in (extra_sheets or {}).items():
        ws = book.create_sheet(title)
        for line in raw:
            ws.append(line)
    book.save(path)
    return path


def refuse(path: Path) -> FormError:
    with pytest.raises(FormError) as caught:
        load_file(path)
    error = caught.value
    assert error.file == path.name
    assert "Traceback" not in str(error)
    return error


def _invalid_files() -> list[Any]:
    """Our own malformed forms, and the conformance set when it is present."""
    return [pytest.param(duplicate_choices_form, id="own_duplicate_choices"),
            pytest.param(duplicate_columns_form, id="own_duplicate_columns"),
            *[pytest.param(p, id=p.name) for p in INVALID_FILES]]


@pytest.mark.parametrize("source", _invalid_files())
def test_invalid_files_are_refused_naming_sheet_and_row_or_column(source: Any,
                                                                    tmp_path: Path) -> None:
    path = source if isinstance(source, Path) else source(tmp_path / "bad.xlsx")
    error = refuse(path)
    assert error.sheet in {"survey", "choices", "settings"}
    assert error.row is not None or error.column is not None
    assert str(error).startswith(f"{path.name}, sheet '{error.sheet}'")


@pytest.mark.parametrize("filler", [0, 120])
def test_duplicate_choices_name_the_choices_row(tmp_path: Path, filler: int) -> None:
    error = refuse(duplicate_choices_form(tmp_path / "dup.xlsx", filler=filler))
    assert (error.sheet, error.row, error.column) == ("choices", filler + 6, "name")


def test_duplicate_choices_in_the_conformance_form() -> None:
    error = refuse(shared_form("invalid", "liberia_coverage_duplicate_choices.xlsx"))
    assert (error.sheet, error.row, error.column) == ("choices", 126, "name")


def test_duplicate_column_names_the_column_letter(tmp_path: Path) -> None:
    error = refuse(duplicate_columns_form(tmp_path / "dup.xlsx"))
    assert (error.sheet, error.row, error.column) == ("survey", None, "D (label)")


def test_duplicate_column_in_the_conformance_form() -> None:
    error = refuse(shared_form("invalid", "duplicate_columns.xlsx"))
    assert error.sheet == "survey" and error.column is not None and "label" in error.column


T = "type"


def _q(type_: str, name: str = "", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {T: type_, "name": name or None, "label": name or "x"}
    row.update(extra)
    return row


CASES: dict[str, tuple[list[dict[str, Any]], str, int | None, str | None]] = {
    "unknown type": ([_q("text", "a"), _q("blurb", "b")], "Unknown question type", 3, "type"),
    "begin never ended": ([_q("begin_group", "g"), _q("text", "a")], "never ended", 2, "type"),
    "end without begin": ([_q("text", "a"), {T: "end_group"}], "no matching", 3, "type"),
    "end of the wrong kind": ([_q("begin_group", "g"), _q("text", "a"), {T: "end_repeat"}],
                              "closes the group", 4, "type"),
    "duplicate names": ([_q("text", "a"), _q("integer", "a")], "used twice", 3, "name"),
    "bad privacy": ([_q("text", "a", privacy="secret")], "privacy value", 2, "privacy"),
    "privacy on a group": ([_q("begin_group", "g", privacy="safe"), _q("text", "a"),
                            {T: "end_group"}], "not to groups", 2, "privacy"),
    "zero band": ([_q("integer", "a", privacy="quasi", privacy_band=0)], "privacy_band", 2,
                  "privacy_band"),
    "word band": ([_q("integer", "a", privacy="quasi", privacy_band="ten")], "privacy_band", 2,
                  "privacy_band"),
    "fractional band": ([_q("integer", "a", privacy="quasi", privacy_band=2.5)],
                        "privacy_band", 2, "privacy_band"),
    "unknown reference": ([_q("text", "a", relevant="${nope} = 1")], "nope", 2, None),
    "no type": ([_q("text", "a"), {"name": "b", "label": "B"}], "no type", 3, None),
    "external choices": ([_q("select_one_external places", "a")], "external", 2, "type"),
    "choices from answers": ([_q("begin_repeat", "r"), _q("text", "n"), {T: "end_repeat"},
                              _q("select_one ${n}", "pick")], "earlier answers", 5, "type"),
    "external csv": ([_q("csv-external", "places")], "not supported", 2, "type"),
    "bad expression": ([_q("integer", "a"), _q("text", "b", relevant="${a} = = 1")],
                       "", 3, "relevant"),
    "unbalanced parenthesis": ([_q("integer", "a", constraint="(. > 1")], "", 2, "constraint"),
    "cycle of calculations": ([_q("calculate", "a", calculation="${b} + 1"),
                               _q("calculate", "b", calculation="${a} + 1")],
                              "circle", None, "calculation"),
    "cycle through relevance": ([_q("integer", "a", relevant="${b} > 1"),
                                 _q("calculate", "b", calculation="${a} * 2")],
                                "circle", None, None),
    "too deep": ([_q("begin_group", f"g{i}") for i in range(40)] + [_q("text", "a")]
                 + [{T: "end_group"} for _ in range(40)], "nested", 34, "type"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_survey_rows(tmp_path: Path, case: str) -> None:
    survey, words, row, column = CASES[case]
    error = refuse(write_xlsform(tmp_path / "bad.xlsx", survey))
    assert words.lower() in error.reason.lower(), error
    assert error.sheet == "survey"
    assert error.row is not None
    if row is not None:
        assert error.row == row, error
    if column is not None:
        assert error.column == column, error


def test_missing_survey_sheet(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "nosurvey.xlsx", None,
                         choices=[{"list_name": "yn", "name": "y", "label": "Y"}],
                         extra_sheets={"notes": [["hello"]]})
    error = refuse(path)
    assert error.sheet == "survey" and "survey" in error.reason


def test_select_with_a_missing_list(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "nolist.xlsx", [_q("select_one colours", "c")],
                         choices=[{"list_name": "yn", "name": "y", "label": "Y"}])
    error = refuse(path)
    assert error.sheet == "survey" and error.row == 2 and "colours" in error.reason


def test_wrong_file_types(tmp_path: Path) -> None:
    text = tmp_path / "form.xlsx"
    text.write_text("type,name,label\ntext,a,A\n")
    assert "not an XLSForm spreadsheet" in refuse(text).reason
    csv = tmp_path / "form.csv"
    csv.write_text("type,name,label\n")
    assert ".xlsx or .xls" in refuse(csv).reason
    empty = tmp_path / "empty.xls"
    empty.write_bytes(b"")
    refuse(empty)
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    refuse(folder)
    with pytest.raises(FormError, match="no such file"):
        load_file(tmp_path / "missing.xlsx")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    path = tmp_path / "fake.xlsx"
    path.write_bytes(buffer.getvalue())
    refuse(path)


def test_huge_files_are_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    big.write_bytes(xlsform_read.XLSX_MAGIC + b"\0" * (xlsform_read.MAX_FILE_BYTES + 1))
    assert "MB" in refuse(big).reason
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (xlsform_read.MAX_UNPACKED_BYTES + 1))
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb.getvalue())
    assert len(bomb.getvalue()) < 1_000_000
    assert "unpacks to" in refuse(path).reason


def test_too_many_rows(tmp_path: Path) -> None:
    rows = [_q("text", f"q{i}") for i in range(xlsform_read.MAX_ROWS + 1)]
    error = refuse(write_xlsform(tmp_path / "long.xlsx", rows))
    assert error.sheet == "survey" and "rows" in error.reason


def test_damaged_bytes_only_ever_raise_form_errors(tmp_path: Path) -> None:
    """Random damage to real forms: a FormError or a load, never anything else."""
    rng = random.Random(1234)
    sources = [BORDER, small_form(tmp_path / "small.xlsx"), *[p for p in shared_forms("valid")
                                                          if p.name in {"tutorial.xls", "choice_filter.xlsx"}]]
    for source in sources:
        original = source.read_bytes()
        for _ in range(25):
            data = bytearray(original)
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            cut = rng.choice([len(data), rng.randrange(len(data))])
            try:
                load_bytes(bytes(data[:cut]), source.name)
            except errors.TestimonioError as error:
                assert isinstance(error, FormError)


def test_xml_entity_expansion_is_refused_quickly(tmp_path: Path) -> None:
    """A "billion laughs" survey sheet: refused, not expanded."""
    import time

    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
            "</sheetData></worksheet>").encode()
    source = zipfile.ZipFile(small_form(tmp_path / "small.xlsx"))
    survey = "xl/worksheets/sheet1.xml"
    assert survey in source.namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            data = bomb if info.filename == survey else source.read(info.filename)
            archive.writestr(info, data)
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(out.getvalue())
    start = time.perf_counter()
    refuse(path)
    assert time.perf_counter() - start < 5


def test_random_survey_sheets_only_ever_raise_form_errors(tmp_path: Path) -> None:
    """Rows drawn at random from plausible pieces: a load or a FormError, never a crash."""
    rng = random.Random(2019)
    types = ["text", "integer", "decimal", "select_one yn", "select_multiple yn", "begin_group",
             "end_group", "begin_repeat", "end_repeat", "note", "calculate", "date", "rank yn",
             "select_one yn or_other", "select_one_from_file a.csv", "range", "geotrace",
             "start", "blah", "", None]
    names = ["a", "b", "c", "d", "e", "g", "r", "a b", "1a", "", None, "meta"]
    exprs = ["", None, "${a} = 1", ". > 1", "${b}", "${zz}", "((", "count(${r})",
             "${a} + ${b}", "selected(${a}, 'y')", "position(..)", "today()", "1 div 0"]
    loaded = refused = 0
    for attempt in range(60):
        rows = [{T: rng.choice(types), "name": rng.choice(names), "label": rng.choice(["L", "${a}"]),
                 "relevant": rng.choice(exprs), "calculation": rng.choice(exprs),
                 "constraint": rng.choice(exprs), "required": rng.choice(["yes", None, "${a}=1"]),
                 "privacy": rng.choice(["", None, "safe", "quasi", "identifier"]),
                 "repeat_count": rng.choice([None, "2", "${a}"]),
                 "default": rng.choice([None, "1", "today()"])}
                for _ in range(rng.randint(1, 10))]
        path = write_xlsform(tmp_path / f"random{attempt}.xlsx", rows,
                             choices=[{"list_name": "yn", "name": "y", "label": "Y"},
                                      {"list_name": "yn", "name": "n", "label": "N"}])
        try:
            load_file(path)
            loaded += 1
        except FormError as error:
            refused += 1
            assert error.file == path.name and "cannot be read (" not in error.reason, error
    assert loaded + refused == 60 and refused > 0
