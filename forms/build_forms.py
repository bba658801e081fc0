"""Write the questionnaires shipped with Testimonio as XLSForm workbooks.

The content lives here, in readable Python, so that a change to a question is
a reviewable diff; the .xlsx files beside this script are generated from it:

    .venv/bin/python forms/build_forms.py

Each row is an XLSForm survey row. Labels, hints and messages come as
``(Spanish, English)`` pairs. The ``privacy`` column follows
docs/questionnaires.md: ``identifier`` never leaves the vault, ``quasi`` leaves
generalised (integers in bands of ``privacy_band``, dates as the month),
``safe`` leaves as entered, empty lets select/number/date answers leave and
keeps free text back until a researcher has reviewed it.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
ES = "Español (es)"
EN = "English (en)"
Pair = tuple[str, str]

SURVEY_COLUMNS = [
    "type", "name", f"label::{ES}", f"label::{EN}", f"hint::{ES}", f"hint::{EN}",
    "required", f"required_message::{ES}", f"required_message::{EN}", "relevant",
    "constraint", f"constraint_message::{ES}", f"constraint_message::{EN}", "calculation",
    "default", "read_only", "appearance", "choice_filter", "repeat_count", "parameters",
    "privacy", "privacy_band",
]
CHOICE_COLUMNS = ["list_name", "name", f"label::{ES}", f"label::{EN}"]

REQUIRED_MSG: Pair = ("Esta pregunta es obligatoria.", "This question is required.")
NOT_FUTURE = ". <= today()"
NOT_FUTURE_MSG: Pair = ("La fecha no puede estar en el futuro.", "The date cannot be in the future.")


def q(type_: str, name: str, label: Pair | None = None, *, hint: Pair | None = None,
      required: bool | str = False, relevant: str = "", constraint: str = "",
      message: Pair | None = None, calculation: str = "", privacy: str = "",
      band: int | None = None, appearance: str = "", repeat_count: str = "",
      default: str = "", read_only: str = "", parameters: str = "",
      choice_filter: str = "") -> dict[str, Any]:
    """One survey row."""
    row: dict[str, Any] = {"type": type_, "name": name}
    if label:
        row[f"label::{ES}"], row[f"label::{EN}"] = label
    if hint:
        row[f"hint::{ES}"], row[f"hint::{EN}"] = hint
    if required:
        row["required"] = "yes" if required is True else required
        row[f"required_message::{ES}"], row[f"required_message::{EN}"] = REQUIRED_MSG
    if constraint:
        row["constraint"] = constraint
        if message:
            row[f"constraint_message::{ES}"], row[f"constraint_message::{EN}"] = message
    for key, value in (("relevant", relevant), ("calculation", calculation),
                       ("privacy", privacy), ("appearance", appearance),
                       ("repeat_count", repeat_count), ("default", default),
                       ("read_only", read_only), ("parameters", parameters),
                       ("choice_filter", choice_filter)):
        if value:
            row[key] = value
    if band is not None:
        row["privacy_band"] = band
    return row


def begin(kind: str, name: str, label: Pair, relevant: str = "", appearance: str = "",
          repeat_count: str = "") -> dict[str, Any]:
    return q(f"begin_{kind}", name, label, relevant=relevant, appearance=appearance,
             repeat_count=repeat_count)


def end(kind: str) -> dict[str, Any]:
    return {"type": f"end_{kind}"}


def date_q(name: str, label: Pair, *, after: str = "", after_msg: Pair | None = None,
           relevant: str = "", hint: Pair | None = None, required: bool = False,
           privacy: str = "quasi") -> dict[str, Any]:
    """A date that cannot be in the future (and not before ``after``); month leaves."""
    constraint, message = NOT_FUTURE, NOT_FUTURE_MSG
    if after:
        constraint = f"{NOT_FUTURE} and ({after} = '' or . >= {after})"
        assert after_msg is not None
        message = (f"La fecha no puede ser futura ni {after_msg[0]}.",
                   f"The date cannot be in the future or {after_msg[1]}.")
    return q("date", name, label, hint=hint, relevant=relevant, constraint=constraint,
             message=message, privacy=privacy, required=required)


Choices = list[tuple[str, str, str]]
YES_NO: Choices = [("yes", "Sí", "Yes"), ("no", "No", "No")]
YES_NO_DK: Choices = YES_NO + [("dont_know", "No sabe / no responde", "Does not know / no answer")]


def write(path: Path, survey: list[dict[str, Any]], choices: dict[str, Choices],
          settings: dict[str, str]) -> None:
    """Write one XLSForm workbook: survey, choices, settings."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    sheet.append(SURVEY_COLUMNS)
    for row in survey:
        unknown = set(row) - set(SURVEY_COLUMNS)
        if unknown:
            raise SystemExit(f"{path.name}: unknown columns {sorted(unknown)} in {row}")
        sheet.append([row.get(column, None) for column in SURVEY_COLUMNS])
    sheet_c = book.create_sheet("choices")
    sheet_c.append(CHOICE_COLUMNS)
    for list_name, items in choices.items():
        for name, es, en in items:
            sheet_c.append([list_name, name, es, en])
    sheet_s = book.create_sheet("settings")
    sheet_s.append(list(settings))
    sheet_s.append(list(settings.values()))
    # Fixed timestamps keep the generated file identical from run to run, so a
    # regenerated form only shows in git when its content changed.
    fixed = dt.datetime(2026, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    path.write_bytes(out.getvalue())


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    from questionnaire_border import CHOICES as B_CHOICES  # noqa: E402
    from questionnaire_border import SETTINGS as B_SETTINGS
    from questionnaire_border import SURVEY as B_SURVEY
    from questionnaire_meeting import CHOICES as M_CHOICES
    from questionnaire_meeting import SETTINGS as M_SETTINGS
    from questionnaire_meeting import SURVEY as M_SURVEY

    out = Path(argv[0]) if argv else HERE
    write(out / "border_testimony.xlsx", B_SURVEY, B_CHOICES, B_SETTINGS)
    write(out / "official_meeting.xlsx", M_SURVEY, M_CHOICES, M_SETTINGS)
    print(f"wrote {out / 'border_testimony.xlsx'} and {out / 'official_meeting.xlsx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
