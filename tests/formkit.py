"""Questionnaires for the tests: small XLSForms written here, the project's own forms,
and the optional conformance set in ../shared.

The project's tests pass from a clone of the project alone. The real-world forms
in ../shared (the design folder laid beside the checkout; CI has it) are an extra
conformance run: tests over them skip when the folder is absent. This module is
the one place that knows where that folder is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FORMS = ROOT / "forms"
BORDER = PROJECT_FORMS / "border_testimony.xlsx"
MEETING = PROJECT_FORMS / "official_meeting.xlsx"

SHARED_XLSFORMS = ROOT.parent / "shared" / "xlsforms"
HAVE_SHARED = SHARED_XLSFORMS.is_dir()
needs_shared = pytest.mark.skipif(
    not HAVE_SHARED, reason="the conformance forms in ../shared are not beside this checkout")


def shared_forms(kind: str) -> list[Path]:
    """Every file in ../shared/xlsforms/<kind>, or none when the folder is absent."""
    folder = SHARED_XLSFORMS / kind
    return sorted(folder.iterdir()) if folder.is_dir() else []


def shared_form(kind: str, name: str) -> Path:
    """One conformance form; the calling test skips when ../shared is absent."""
    path = SHARED_XLSFORMS / kind / name
    if not path.is_file():
        pytest.skip(f"../shared/xlsforms/{kind}/{name} is not beside this checkout")
    return path


def write_rows(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A real .xlsx whose sheets hold exactly the given rows (headers included)."""
    book = Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def table(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """Dict rows as a header row plus value rows (headers in first-seen order)."""
    headers: list[str] = []
    for row in rows:
        headers.extend(k for k in row if k not in headers)
    return [list(headers)] + [[row.get(h) for h in headers] for row in rows]


SMALL_SURVEY = [
    {"type": "text", "name": "alias", "label": "Alias"},
    {"type": "select_one yn", "name": "travel", "label": "Travelling?"},
    {"type": "integer", "name": "age", "label": "Age", "relevant": "${travel} = 'y'"},
]
SMALL_CHOICES = [
    {"list_name": "yn", "name": "y", "label": "Yes"},
    {"list_name": "yn", "name": "n", "label": "No"},
]


def small_form(path: Path, form_id: str = "small", version: str = "1") -> Path:
    """A valid three-question form with a choice list, a relevance and settings."""
    return write_rows(path, {
        "survey": table(SMALL_SURVEY), "choices": table(SMALL_CHOICES),
        "settings": table([{"form_id": form_id, "version": version, "form_title": "Small"}]),
    })


def duplicate_choices_form(path: Path, filler: int = 120) -> Path:
    """A form whose choice list names one choice twice, on choices row ``filler + 6``."""
    choices = [{"list_name": "pad", "name": f"c{i}", "label": f"C{i}"} for i in range(filler)]
    choices += SMALL_CHOICES + [
        {"list_name": "colour", "name": "red", "label": "Red"},
        {"list_name": "colour", "name": "blue", "label": "Blue"},
        {"list_name": "colour", "name": "red", "label": "Red again"},
    ]
    survey = SMALL_SURVEY + [{"type": "select_one colour", "name": "colour", "label": "Colour"},
                             {"type": "select_one pad", "name": "pad", "label": "Pad"}]
    return write_rows(path, {"survey": table(survey), "choices": table(choices)})


def duplicate_columns_form(path: Path) -> Path:
    """A form whose survey sheet has two ``label`` columns."""
    return write_rows(path, {"survey": [
        ["type", "name", "label", "label"],
        ["text", "alias", "Alias", "Alias again"],
    ]})


def install_form(vault: Any, folder: Path, form_id: str, version: str,
                 survey: list[dict[str, Any]], choices: list[dict[str, Any]] | None = None) -> None:
    """Install a small questionnaire written here, so interviews over it can be completed.

    Completing checks the answers against the interview's questionnaire, so a
    test that completes an interview needs its questionnaire in the vault.
    """
    from testimonio.services.questionnaires import QuestionnaireService

    sheets = {"survey": table(survey),
              "settings": table([{"form_id": form_id, "version": version}])}
    if choices:
        sheets["choices"] = table(choices)
    folder.mkdir(parents=True, exist_ok=True)
    QuestionnaireService(vault).install(write_rows(folder / f"{form_id}-{version}.xlsx", sheets))
