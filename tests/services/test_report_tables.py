"""Kobo-style tables and their CSV/XLSX writers, on a hand-built questionnaire."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from testimonio.forms.model import Choice, Group, Question, Questionnaire, Text
from testimonio.services.report_tables import ReportInterview, build_tables, write_csv, write_xlsx


def _choices(*names: str) -> tuple[Choice, ...]:
    return tuple(Choice(n, Text({"en": n.upper(), "es": f"es-{n}"})) for n in names)


def form() -> Questionnaire:
    toys = Group(name="toys", path="kids/toys", repeat=True, children=(
        Question(name="toy", path="kids/toys/toy", type="text"),))
    kids = Group(name="kids", path="kids", repeat=True, children=(
        Question(name="kid_age", path="kids/kid_age", type="integer"), toys))
    route = Group(name="route", path="route", children=(
        Question(name="docs", path="route/docs", type="select_multiple", choices=_choices("passport", "visa")),
        Question(name="outcome", path="route/outcome", type="select_one", choices=_choices("refused", "allowed")),
    ))
    root = Group(name="data", path="", children=(
        Question(name="alias", path="alias", type="text"),
        Question(name="info", path="info", type="note"),
        route, kids,
    ))
    return Questionnaire("border", "3", Text({"en": "B"}), root, ("en", "es"), "en")


def interviews() -> list[ReportInterview]:
    a = {"alias": "=HYPERLINK(\"x\")", "route/docs": ["visa"], "route/outcome": "refused", "kids": 2,
         "kids[1]/kid_age": "0-9", "kids[2]/kid_age": "10-19", "kids[2]/toys": 1, "kids[2]/toys[1]/toy": "ball"}
    b = {"alias": "Luis", "route/outcome": "allowed"}
    return [ReportInterview(1, "u-a", "2019-11-20", "r1", "CEBAF Peru", "3", a),
            ReportInterview(2, "u-b", "2019-11-21", "r2", "Tumbes", "3", b)]


def test_kobo_columns_and_repeats() -> None:
    main, kids, toys = build_tables(form(), interviews())
    assert main.name == "border" and kids.name == "border_kids" and toys.name == "border_toys"
    assert main.columns[:5] == ["alias", "route/docs", "route/docs/passport", "route/docs/visa", "route/outcome"]
    assert main.columns[5:] == ["_id", "_uuid", "_submission_time", "_submitted_by", "_site", "__version__", "_index",
                                "_withheld"]  # ours, added last (issue 11)
    assert main.rows[0][:5] == ['=HYPERLINK("x")', "visa", 0, 1, "refused"]
    assert main.rows[1][:5] == ["Luis", None, None, None, "allowed"]
    assert kids.columns == ["kids/kid_age", "_index", "_parent_table_name", "_parent_index",
                            "_submission__id", "_submission__uuid", "_submission__submission_time",
                            "_withheld"]
    assert [r[:4] for r in kids.rows] == [["0-9", 1, "border", 1], ["10-19", 2, "border", 1]]
    assert toys.rows == [["ball", 1, "border_kids", 2, 1, "u-a", "2019-11-20", "unknown"]]


def test_labels_in_the_chosen_language() -> None:
    main = build_tables(form(), interviews(), lang="es")[0]
    assert main.rows[0][1] == "es-visa" and main.rows[0][4] == "es-refused"


def test_writers(tmp_path: Path) -> None:
    tables = build_tables(form(), interviews())
    files = write_csv(tables, tmp_path / "csv")
    assert sorted(f.name for f in files) == ["border.csv", "border_kids.csv", "border_toys.csv"]
    with open(tmp_path / "csv" / "border.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "alias" and rows[2][0] == "Luis" and rows[2][1] == ""
    assert not list((tmp_path / "csv").glob(".tmp-*"))
    out = write_xlsx(tables, tmp_path / "r.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["border", "border_kids", "border_toys"]
    cell = wb["border"]["A2"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"  # text, never a formula
    assert wb["border"]["B2"].value == "visa" and wb["border"]["D2"].value == 1


def test_xlsx_writes_nothing_to_the_system_temp_folder(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import tempfile

    # openpyxl's write-only sheets live in temp files until saved: pointed at a
    # folder that does not exist, any use of the system's temp folder fails.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-system-temp"))
    out = write_xlsx(build_tables(form(), interviews()), tmp_path / "out" / "r.xlsx")
    assert load_workbook(out).sheetnames == ["border", "border_kids", "border_toys"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["r.xlsx"]  # scratch removed
    assert tempfile.tempdir == str(tmp_path / "no-such-system-temp")  # put back
    assert not (tmp_path / "no-such-system-temp").exists()


def test_withheld_answers_are_listed_per_row_in_their_table() -> None:
    a = interviews()[0]
    said = ReportInterview(3, "u-c", "2019-11-22", "r1", "Tumbes", "3", a.answers, {
        "route/outcome": "suppressed", "kids[2]/kid_age": "generalised",
        "kids[2]/toys[1]/toy": "not-reviewed", "alias": "held"})
    nothing = ReportInterview(4, "u-d", "2019-11-23", "r1", "Tumbes", "3", {"alias": "Ana"}, {})
    main, kids, toys = build_tables(form(), [said, nothing])
    assert [r[-1] for r in main.rows] == ["alias:held route/outcome:suppressed", ""]
    assert [r[-1] for r in kids.rows] == ["", "kids/kid_age:generalised"]
    assert [r[-1] for r in toys.rows] == ["kids/toys/toy:not-reviewed"]
