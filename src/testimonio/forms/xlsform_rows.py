"""A first pass over the raw survey rows, before pyxform builds its tree.

pyxform's nested structure does not carry sheet row numbers, and some of its
messages name no row. This pass reads the rows pyxform already read (no
second parse of the workbook), checks what we can tell precisely by row —
types we refuse, begin/end balance and depth, duplicate names, the
``privacy`` and ``privacy_band`` columns — and keeps, per name, the rows in
form order so the loader can give each node its row.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pyxform import aliases
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from testimonio.errors import FormError
from testimonio.forms.model import Privacy

SHEET = "survey"
MAX_DEPTH = 32
MAX_PRIVACY_BAND = 1_000_000

_CONTROL = "|".join(re.escape(k) for k in aliases.control)
_BEGIN_RE = re.compile(rf"^begin[ _](?P<kind>{_CONTROL})(?: (?:over )?(?P<list>\S+))?$")
_END_RE = re.compile(rf"^end[ _](?P<kind>{_CONTROL})$")
_SELECT_RE = re.compile(
    r"^(?P<cmd>" + "|".join(re.escape(k) for k in sorted(aliases.select, key=len, reverse=True))
    + r") (?P<list>\S+)(?: (?P<other>or specify other|or_other|or other))?$"
)

_FROM_FILE = {
    "select_one_from_file", "select_multiple_from_file", "select one from file",
    "select multiple from file",
}
_EXTERNAL = {"select_one_external", "select one external"}
#: Types pyxform knows that we refuse outright, with the sentence to show.
REFUSED_TYPES: Mapping[str, str] = {
    "csv-external": "External CSV data (csv-external) is not supported: Testimonio "
                    "works offline with everything inside the questionnaire.",
    "xml-external": "External XML data (xml-external) is not supported: Testimonio "
                    "works offline with everything inside the questionnaire.",
    "osm": "OpenStreetMap questions (osm) are not supported.",
}
# A language code followed by another column's name: two headers run together
# (``required_message::French(fr)required_message::English(en)``).
_RUN_ON_HEADER = re.compile(r"\([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*\)\s*[^\s:()][^:()]*::")
_FILE_LIST_EXT = (".csv", ".xml", ".geojson")


@dataclass(frozen=True)
class RowInfo:
    """What the loader needs from one survey row."""

    row: int
    type_text: str
    name: str
    privacy: Privacy
    privacy_band: int
    or_other: bool
    from_file: str | None = None  # select_*_from_file: the file it names


@lru_cache(maxsize=2048)
def _canonical(header: str) -> str:
    # pyxform reads headers in any case (TYPE, Name); so do we.
    header = header.lower() if "::" not in header else header
    target = aliases.survey_header.get(header, header)
    if isinstance(target, tuple):
        return str(target[-1])
    return str(target)


class SurveyRows:
    """The survey sheet's rows by name, in form order, checked."""

    def __init__(self, survey: Sequence[Mapping[str, str]], source_name: str) -> None:
        self.source_name = source_name
        self._by_name: dict[str, deque[RowInfo]] = {}
        self.warnings: list[str] = []
        self.from_files: list[str] = []  # files select_*_from_file rows name
        self._scan(survey)

    def take(self, name: str) -> RowInfo | None:
        """The next unclaimed row with this name (form order), if any."""
        queue = self._by_name.get(name)
        if not queue:
            return None
        return queue.popleft()

    def _error(self, message: str, row: int, column: str | None) -> FormError:
        return FormError(message, file=self.source_name, sheet=SHEET, row=row, column=column)

    def _check_headers(self, survey: Sequence[Mapping[str, str]]) -> None:
        """Refuse a header holding two columns' names (``a::French(fr)b::English(en)``)."""
        seen: set[str] = set()
        for raw in survey:
            for key in raw:
                header = str(key)
                if header in seen:
                    continue
                seen.add(header)
                if _RUN_ON_HEADER.search(header):
                    raise FormError(
                        f"The column header '{header}' is malformed: it holds more than one "
                        "'column::language' name. Put each language in its own column.",
                        file=self.source_name, sheet=SHEET, row=1, column=header)

    def _scan(self, survey: Sequence[Mapping[str, str]]) -> None:
        self._check_headers(survey)
        # One scope per open group: the names already used in it.
        stack: list[tuple[str, str, int, set[str]]] = [("survey", "", 0, set())]
        for index, raw in enumerate(survey):
            row_number = index + 2
            if not raw:
                continue
            row = {_canonical(str(k).strip()): v for k, v in raw.items()}
            lowered = {k.lower(): (k, v) for k, v in row.items()}
            disabled = row.get("disabled")
            if disabled is not None and aliases.yes_no.get(str(disabled).strip()):
                continue
            type_header = "type"
            type_text = " ".join(str(row.get("type", "")).split())
            name = str(row.get("name", "")).strip()
            if not type_text:
                continue  # pyxform skips comment rows and refuses named rows without type
            begin = _BEGIN_RE.match(type_text)
            end = _END_RE.match(type_text)
            or_other = False
            from_file: str | None = None
            if end:
                kind = aliases.control[end.group("kind")]
                if len(stack) == 1:
                    raise self._error(
                        f"'{type_text}' has no matching 'begin {kind}' above it.",
                        row_number, type_header)
                open_kind, open_name, open_row, _ = stack[-1]
                if open_kind != kind:
                    raise self._error(
                        f"'{type_text}' closes the {open_kind} '{open_name}' opened on row "
                        f"{open_row}; end that {open_kind} first.", row_number, type_header)
                stack.pop()
                continue
            if begin is None:
                from_file = self._check_type(type_text, row_number, type_header)
                select = _SELECT_RE.match(type_text)
                or_other = bool(select and select.group("other"))
                if from_file:
                    self.from_files.append(from_file)
            if name:
                scope = stack[-1][3]
                if name in scope:
                    raise self._error(
                        f"The name '{name}' is used twice in the same group; names must be "
                        "unique within a group.", row_number, "name")
                scope.add(name)
            privacy, band = self._privacy(lowered, row_number, begin is not None)
            if name or type_text == "note":
                key = name or f"generated_note_name_{row_number}"
                info = RowInfo(row_number, type_text, key, privacy, band, or_other, from_file)
                self._by_name.setdefault(key, deque()).append(info)
            if begin:
                kind = aliases.control[begin.group("kind")]
                if len(stack) > MAX_DEPTH:
                    raise self._error(
                        f"Groups and repeats are nested more than {MAX_DEPTH} deep.",
                        row_number, type_header)
                stack.append((kind, name, row_number, set()))
        if len(stack) > 1:
            kind, name, row_number, _ = stack[-1]
            named = f"{kind} '{name}'" if name else kind
            raise self._error(
                f"The {named} begun here is never ended: add an 'end {kind}' row.",
                row_number, type_header)

    def _check_type(self, type_text: str, row: int, column: str) -> str | None:
        """Refuse types we cannot take; the file name for select_*_from_file."""
        if type_text in REFUSED_TYPES:
            raise self._error(REFUSED_TYPES[type_text], row, column)
        select = _SELECT_RE.match(type_text)
        if select:
            command, list_name = select.group("cmd"), select.group("list")
            if command in _EXTERNAL:
                raise self._error(
                    f"'{type_text}': external choices are not supported; copy the choices "
                    "onto the 'choices' sheet and use select_one.", row, column)
            if "${" in list_name:
                raise self._error(
                    f"'{type_text}': choices taken from earlier answers are not supported; "
                    "list the choices on the 'choices' sheet.", row, column)
            if command in _FROM_FILE or list_name.lower().endswith(_FILE_LIST_EXT):
                # Real forms (ucl_biomass_plot) keep long lists in CSV files we do not
                # have; the question stays askable as free text instead of failing.
                return list_name
            return None
        if type_text in QUESTION_TYPE_DICT or type_text in aliases.settings_header:
            return None
        if type_text.split(" ")[0] in {"select_one", "select_multiple", "rank", "select one"}:
            raise self._error(
                f"'{type_text}' does not name a choice list correctly; write e.g. "
                "'select_one yes_no'.", row, column)
        raise self._error(
            f"Unknown question type '{type_text}'. See docs/questionnaires.md for the "
            "types Testimonio supports.", row, column)

    def _privacy(
        self, lowered: Mapping[str, tuple[str, str]], row: int, is_group: bool
    ) -> tuple[Privacy, int]:
        privacy = Privacy.DEFAULT
        band = 10
        found = lowered.get("privacy")
        if found is not None:
            header, value = found
            text = str(value).strip().lower()
            try:
                privacy = Privacy(text)
            except ValueError:
                raise self._error(
                    f"The privacy value '{value}' is not one of identifier, quasi, safe "
                    "(or empty).", row, header) from None
            if is_group and privacy is not Privacy.DEFAULT:
                raise self._error(
                    "privacy applies to questions, not to groups or repeats; set it on "
                    "each question inside.", row, header)
        found = lowered.get("privacy_band")
        if found is not None:
            header, value = found
            text = str(value).strip()
            try:
                number = float(text)
            except ValueError:
                number = -1.0
            if not number.is_integer() or not 0 < number <= MAX_PRIVACY_BAND:
                raise self._error(
                    f"The privacy_band value '{value}' must be a whole number above 0 "
                    f"(at most {MAX_PRIVACY_BAND}).", row, header)
            band = int(number)
        return privacy, band
