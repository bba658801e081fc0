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
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

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


class RowInfo(NamedTuple):
    """What the loader needs from one survey row (a tuple: one is made per row, on every load)."""

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


class _Scope(NamedTuple):
    """An open group or repeat while scanning: its kind, name, row and the names used in it."""

    kind: str
    name: str
    row: int
    names: set[str]


class _Kind(NamedTuple):
    """What a row's type says, the same for every row with that type text."""

    begins: str | None = None  # "group"/"repeat"/"loop" for a begin row
    ends: str | None = None  # the same for an end row
    or_other: bool = False
    from_file: str | None = None  # select_*_from_file: the file it names
    refusal: str | None = None  # the sentence when we cannot take the type


#: The columns the first pass reads (lower-case canonical headers).
_READ_COLUMNS = frozenset({"type", "name", "disabled", "privacy", "privacy_band"})


def _is_yes(value: str | None) -> bool:
    return value is not None and bool(aliases.yes_no.get(str(value).strip()))


@lru_cache(maxsize=1024)
def _classify(type_text: str) -> _Kind:
    """A begin row, an end row, or a question type we take (or the refusal)."""
    end = _END_RE.match(type_text)
    if end:
        return _Kind(ends=aliases.control[end.group("kind")])
    begin = _BEGIN_RE.match(type_text)
    if begin:
        return _Kind(begins=aliases.control[begin.group("kind")])
    select = _SELECT_RE.match(type_text)
    if select:
        return _select_kind(type_text, select)
    if type_text in REFUSED_TYPES:
        return _Kind(refusal=REFUSED_TYPES[type_text])
    if type_text in QUESTION_TYPE_DICT or type_text in aliases.settings_header:
        return _Kind()
    if type_text.split(" ")[0] in {"select_one", "select_multiple", "rank", "select one"}:
        return _Kind(refusal=f"'{type_text}' does not name a choice list correctly; write e.g. "
                             "'select_one yes_no'.")
    return _Kind(refusal=f"Unknown question type '{type_text}'. See docs/questionnaires.md for the "
                         "types Testimonio supports.")


def _select_kind(type_text: str, select: re.Match[str]) -> _Kind:
    """A select type: refused when its choices are external or taken from answers."""
    command, list_name = select.group("cmd"), select.group("list")
    if command in _EXTERNAL:
        return _Kind(refusal=f"'{type_text}': external choices are not supported; copy the choices "
                             "onto the 'choices' sheet and use select_one.")
    if "${" in list_name:
        return _Kind(refusal=f"'{type_text}': choices taken from earlier answers are not supported; "
                             "list the choices on the 'choices' sheet.")
    or_other = bool(select.group("other"))
    if command in _FROM_FILE or list_name.lower().endswith(_FILE_LIST_EXT):
        # Real forms (ucl_biomass_plot) keep long lists in CSV files we do not
        # have; the question stays askable as free text instead of failing.
        return _Kind(or_other=or_other, from_file=list_name)
    return _Kind(or_other=or_other)


def _role(header: str) -> tuple[str, str]:
    """A header's canonical name and its lower-case form (what the first pass reads by)."""
    canonical = _canonical(header.strip())
    return canonical, canonical.lower()


def _readers(headers: Sequence[str]) -> dict[str, tuple[str, str]] | None:
    """For each column the first pass reads, its header and canonical header, when
    each has one header (the usual case: a row is then read by these headers alone);
    None when two headers name the same column, so that each row is read whole
    (see :func:`_columns`)."""
    found: dict[str, tuple[str, str]] = {}
    for header in headers:
        canonical, role = _role(str(header))
        if role in _READ_COLUMNS:
            if role in found:
                return None
            found[role] = (header, canonical)
    return found


def _columns(raw: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The columns the first pass reads (by lower-case canonical header): their
    values and their canonical headers (named in messages)."""
    values: dict[str, str] = {}
    headers: dict[str, str] = {}
    for key, value in raw.items():
        canonical, role = _role(str(key))
        if role in _READ_COLUMNS:
            values[role] = value  # a later duplicate column wins, as in a dict
            headers[role] = canonical
    return values, headers


class SurveyRows:
    """The survey sheet's rows by name, in form order, checked."""

    def __init__(self, survey: Sequence[Mapping[str, str]], source_name: str) -> None:
        self.source_name = source_name
        # The rows of each name in form order: the first, then any others (a
        # name used again in another group), so most names make no queue.
        self._first: dict[str, RowInfo] = {}
        self._more: dict[str, deque[RowInfo]] = {}
        self.warnings: list[str] = []
        self.from_files: list[str] = []  # files select_*_from_file rows name
        self._scan(survey)

    def take(self, name: str) -> RowInfo | None:
        """The next unclaimed row with this name (form order), if any."""
        info = self._first.pop(name, None)
        if info is not None:
            return info
        queue = self._more.get(name)
        if not queue:
            return None
        return queue.popleft()

    def _keep(self, info: RowInfo) -> None:
        if info.name not in self._first and info.name not in self._more:
            self._first[info.name] = info
        else:
            self._more.setdefault(info.name, deque()).append(info)

    def _error(self, message: str, row: int, column: str | None) -> FormError:
        return FormError(message, file=self.source_name, sheet=SHEET, row=row, column=column)

    def _check_headers(self, survey: Sequence[Mapping[str, str]]) -> list[str]:
        """Refuse a header holding two columns' names (``a::French(fr)b::English(en)``);
        the distinct headers, in the order met."""
        headers = list(dict.fromkeys(chain.from_iterable(survey)))
        for header in headers:
            if _RUN_ON_HEADER.search(str(header)):
                raise FormError(
                    f"The column header '{header}' is malformed: it holds more than one "
                    "'column::language' name. Put each language in its own column.",
                    file=self.source_name, sheet=SHEET, row=1, column=header)
        return headers

    def _scan(self, survey: Sequence[Mapping[str, str]]) -> None:
        readers = _readers(self._check_headers(survey))
        read = [(role, header) for role, (header, _) in readers.items()] if readers is not None else []
        headers = {role: canonical for role, (_, canonical) in (readers or {}).items()}
        # One scope per open group: the names already used in it.
        stack: list[_Scope] = [_Scope("survey", "", 0, set())]
        for index, raw in enumerate(survey):
            if not raw:
                continue
            if readers is not None:
                self._scan_row({role: raw[header] for role, header in read if header in raw}, headers,
                               index + 2, stack)
            else:
                self._scan_row(*_columns(raw), index + 2, stack)
        if len(stack) > 1:
            scope = stack[-1]
            named = f"{scope.kind} '{scope.name}'" if scope.name else scope.kind
            raise self._error(
                f"The {named} begun here is never ended: add an 'end {scope.kind}' row.",
                scope.row, "type")

    def _scan_row(self, columns: Mapping[str, str], headers: Mapping[str, str], row_number: int,
                  stack: list[_Scope]) -> None:
        """Check one row (the values of the columns read, and their headers) against
        the open groups and keep its RowInfo by name."""
        if _is_yes(columns.get("disabled")):
            return
        type_text = " ".join(str(columns.get("type", "")).split())
        if not type_text:
            return  # pyxform skips comment rows and refuses named rows without type
        kind = _classify(type_text)
        if kind.refusal:
            raise self._error(kind.refusal, row_number, "type")
        if kind.ends:
            self._close(stack, kind.ends, type_text, row_number)
            return
        if kind.from_file:
            self.from_files.append(kind.from_file)
        name = str(columns.get("name", "")).strip()
        if name:
            self._claim_name(stack[-1], name, row_number)
        privacy, band = self._privacy(columns, headers, row_number, kind.begins is not None)
        if name or type_text == "note":
            key = name or f"generated_note_name_{row_number}"
            self._keep(RowInfo(row_number, type_text, key, privacy, band, kind.or_other, kind.from_file))
        if kind.begins:
            if len(stack) > MAX_DEPTH:
                raise self._error(
                    f"Groups and repeats are nested more than {MAX_DEPTH} deep.", row_number, "type")
            stack.append(_Scope(kind.begins, name, row_number, set()))

    def _close(self, stack: list[_Scope], kind: str, type_text: str, row_number: int) -> None:
        """An ``end group``/``end repeat`` row: it must close the innermost open one."""
        if len(stack) == 1:
            raise self._error(
                f"'{type_text}' has no matching 'begin {kind}' above it.", row_number, "type")
        scope = stack[-1]
        if scope.kind != kind:
            raise self._error(
                f"'{type_text}' closes the {scope.kind} '{scope.name}' opened on row "
                f"{scope.row}; end that {scope.kind} first.", row_number, "type")
        stack.pop()

    def _claim_name(self, scope: _Scope, name: str, row_number: int) -> None:
        """Refuse a name already used in the same group."""
        if name in scope.names:
            raise self._error(
                f"The name '{name}' is used twice in the same group; names must be "
                "unique within a group.", row_number, "name")
        scope.names.add(name)

    def _privacy(
        self, lowered: Mapping[str, str], headers: Mapping[str, str], row: int, is_group: bool
    ) -> tuple[Privacy, int]:
        privacy = Privacy.DEFAULT
        band = 10
        if "privacy" in lowered:
            header, value = headers["privacy"], lowered["privacy"]
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
        if "privacy_band" in lowered:
            header, value = headers["privacy_band"], lowered["privacy_band"]
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
