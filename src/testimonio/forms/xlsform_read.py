"""Reading an XLSForm workbook once, safely, with pyxform's own readers.

The bytes are checked before any parser sees them (kind of file, size, the
unpacked size of an .xlsx, which is a zip), then read by pyxform's
``xlsx_to_dict``/``xls_to_dict`` into its sheet-by-sheet dictionaries. Those
keep empty rows inside the data, so a survey row's index gives its row number
on the sheet (index + 2, under the header row).

Every failure becomes a :class:`~testimonio.errors.FormError` naming the file
and, when it can be found, the sheet, row and column.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2json_backends import DefinitionData, xls_to_dict, xlsx_to_dict

from testimonio.errors import FormError

#: Largest questionnaire file accepted. Real forms are well under 1 MB;
#: the biggest in the compatibility set is 0.2 MB.
MAX_FILE_BYTES = 10 * 1024 * 1024  # the same as forms.loader.MAX_FILE_BYTES
#: Largest unpacked size of an .xlsx (a zip): stops "zip bombs".
MAX_UNPACKED_BYTES = 48 * 1024 * 1024
#: Most survey or choices rows we accept.
MAX_ROWS = 20_000

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_ROW_RE = re.compile(r"\[row\s*:\s*(\d+)\]")
_SHEET_RES = (
    re.compile(r"On the '([A-Za-z_]+)' sheet"),
    re.compile(r"for sheet: '([A-Za-z_]+)'"),
    re.compile(r"on the ([A-Za-z_]+) sheet", re.IGNORECASE),
    re.compile(r"in (?:the )?'?([A-Za-z_]+)'? sheet", re.IGNORECASE),
    re.compile(r"\b(?:a|the) '?([A-Za-z_]+)'? sheet", re.IGNORECASE),
)
_COLUMN_RES = (
    re.compile(r"the '([^']+)' value"),
    re.compile(r"column '([^']+)'"),
    re.compile(r"were found: '([^']+)'"),
    re.compile(r"under the (\S+) column"),
)
_KNOWN_SHEETS = {"survey", "choices", "settings", "external_choices", "entities", "osm"}


def sniff_kind(data: bytes, source_name: str) -> str:
    """``"xlsx"`` or ``"xls"`` from the file's first bytes; FormError otherwise."""
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    if data.startswith(XLS_MAGIC):
        return "xls"
    raise FormError(
        "This is not an XLSForm spreadsheet. Save the questionnaire from Excel or "
        "LibreOffice as .xlsx (or .xls) and try again.",
        file=source_name,
    )


def check_size(data: bytes, kind: str, source_name: str) -> None:
    """Refuse files too large to be a questionnaire before parsing them."""
    if len(data) > MAX_FILE_BYTES:
        raise FormError(
            f"The file is {len(data) // (1024 * 1024)} MB; questionnaires larger than "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB are refused. Remove unused sheets, "
            "images or formatting and try again.",
            file=source_name,
        )
    if kind != "xlsx":
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FormError(
            "The .xlsx file is damaged (it is not a readable zip archive).",
            file=source_name,
        ) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormError(
            f"The spreadsheet unpacks to {unpacked // (1024 * 1024)} MB; questionnaires "
            f"over {MAX_UNPACKED_BYTES // (1024 * 1024)} MB unpacked are refused. "
            "Delete empty formatted rows and columns and try again.",
            file=source_name,
        )


def read_definition(data: bytes, source_name: str, stem: str) -> DefinitionData:
    """pyxform's sheet dictionaries for the workbook in ``data`` (read once)."""
    kind = sniff_kind(data, source_name)
    check_size(data, kind, source_name)
    reader = xlsx_to_dict if kind == "xlsx" else xls_to_dict
    try:
        with warnings.catch_warnings():
            # openpyxl warns on stderr about Excel extensions it drops.
            warnings.simplefilter("ignore")
            sheets: dict[str, Any] = reader(io.BytesIO(data))
    except PyXFormError as error:
        raise translate_pyxform_error(error, source_name, data=data, kind=kind) from error
    except Exception as error:  # any parser failure on a damaged file is the file's fault
        raise FormError(
            f"The spreadsheet cannot be read ({type(error).__name__}); it may be damaged. "
            "Open it in Excel or LibreOffice, save it again and retry.",
            file=source_name,
        ) from error
    for sheet in ("survey", "choices"):
        rows = sheets.get(sheet) or []
        if len(rows) > MAX_ROWS:
            raise FormError(
                f"The sheet has {len(rows)} rows; at most {MAX_ROWS} are accepted.",
                file=source_name,
                sheet=sheet,
            )
    return DefinitionData(fallback_form_name=stem, **sheets)


def translate_pyxform_error(
    error: Exception, source_name: str, *, data: bytes | None = None, kind: str | None = None
) -> FormError:
    """A FormError with the sheet, row and column pyxform's message names."""
    text = str(error).strip()
    row_match = _ROW_RE.search(text)
    row = int(row_match.group(1)) if row_match else None
    sheet: str | None = None
    # A "[row : n]" message is about that row of the survey sheet unless it
    # says "On the 'x' sheet"; other mentions of a sheet are not its location.
    for pattern in _SHEET_RES[:1] if row is not None else _SHEET_RES:
        match = pattern.search(text)
        if match and match.group(1).lower() in _KNOWN_SHEETS:
            sheet = match.group(1).lower()
            break
    column: str | None = None
    for pattern in _COLUMN_RES:
        match = pattern.search(text)
        if match:
            column = match.group(1)
            break
    dup = re.match(r"Duplicate column header: (.+)$", text)
    if dup and data is not None and kind is not None:
        found = find_duplicate_header(data, kind, dup.group(1).strip())
        if found:
            sheet, column = found
            text = (
                f"The column header '{dup.group(1).strip()}' appears twice; "
                "rename or remove one of them."
            )
    if row is not None and sheet is None:
        sheet = "survey"  # pyxform's bare "[row : n]" messages are about the survey sheet
    message = _ROW_RE.sub("", text).strip()
    message = message.split("Learn more:")[0].strip()
    message = message.split("\n{")[0].strip()  # pyxform appends the row as a dict: noise
    return FormError(message or "pyxform refused the questionnaire.", file=source_name,
                     sheet=sheet, row=row, column=column)


def find_duplicate_header(data: bytes, kind: str, header: str) -> tuple[str, str] | None:
    """(sheet, column letter) of the second ``header`` in a header row.

    Only used on the error path, so reading the workbook again costs nothing
    that matters.
    """
    try:
        for sheet_name, cells in _header_rows(data, kind):
            seen: set[str] = set()
            for index, value in enumerate(cells):
                text = str(value).strip() if value is not None else ""
                if not text:
                    continue
                if text == header and text in seen:
                    return sheet_name, f"{column_letter(index)} ({header})"
                seen.add(text)
    except Exception:  # the caller still has a message without the column
        return None
    return None


def _header_rows(data: bytes, kind: str) -> list[tuple[str, list[Any]]]:
    if kind == "xlsx":
        from openpyxl import load_workbook

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            out = []
            for ws in book.worksheets:
                first = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
                out.append((ws.title, list(first)))
            return out
        finally:
            book.close()
    import xlrd

    xbook = xlrd.open_workbook(file_contents=data)
    return [
        (sh.name, [c.value for c in sh.row(0)] if sh.nrows else [])
        for sh in xbook.sheets()
    ]


def column_letter(index: int) -> str:
    """Spreadsheet column letters for a 0-based column index (0 -> A)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
