"""pyxform's nested survey dict to our model nodes (used by ``forms.loader``).

Types are mapped to ``QUESTION_TYPES`` (or kept as read-only notes, see
docs/questionnaires.md), texts are keyed by language code, expressions are
kept as written for the expression engine, privacy comes from the rows'
first pass (``forms.xlsform_rows``), and every node gets its survey row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any

from pyxform.parsing.parameters import parse as parameters_parse

from testimonio.errors import FormError
from testimonio.forms.model import (
    DEFAULT_LANG,
    Choice,
    Group,
    Node,
    Privacy,
    Question,
    Questionnaire,
    Text,
    made,
)
from testimonio.forms.secondary import SecondaryInstance
from testimonio.forms.xlsform_rows import RowInfo, SurveyRows

#: pyxform's type names (after its own aliasing) to ours.
TYPE_MAP: Mapping[str, str] = {
    "text": "text", "string": "text", "barcode": "text",
    "integer": "integer", "int": "integer",
    "decimal": "decimal",
    "date": "date", "time": "time", "dateTime": "dateTime", "datetime": "dateTime",
    "select one": "select_one", "select all that apply": "select_multiple", "rank": "rank",
    "note": "note", "acknowledge": "acknowledge", "trigger": "acknowledge",
    "calculate": "calculate", "hidden": "hidden",
    "image": "image", "photo": "image", "file": "file", "audio": "audio", "video": "file",
    "geopoint": "geopoint", "location": "geopoint", "gps": "geopoint",
    "start": "start", "start time": "start", "end": "end", "end time": "end",
    "today": "today", "get today": "today",
    "deviceid": "deviceid", "device id": "deviceid", "imei": "deviceid",
    "uri:deviceid": "deviceid", "get device id": "deviceid",
    "username": "username", "uri:username": "username",
}
#: Types we keep only as a read-only note (the label is shown, nothing is asked).
NOTE_TYPES = frozenset({
    "geotrace", "geoshape", "background-audio", "background-geopoint", "start-geopoint",
    "phonenumber", "phone number", "get phone number", "uri:phonenumber",
    "email", "uri:email", "simserial", "sim id", "get sim id", "uri:simserial",
    "subscriberid", "subscriber id", "get subscriber id", "uri:subscriberid",
})
_LANG_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\)\s*$")
_TRUE = {"yes", "true", "true()"}
_FALSE = {"no", "false", "false()", ""}
_NO_PARAMETERS: Mapping[str, str] = MappingProxyType({})
_NO_TEXT = Text()


@lru_cache(maxsize=1024)
def split_language(key: str) -> tuple[str, str]:
    """``"Español (es)"`` -> ``("es", "Español")``; ``"english"`` -> itself twice."""
    if key == DEFAULT_LANG:
        return DEFAULT_LANG, DEFAULT_LANG
    match = _LANG_RE.match(key)
    if match:
        return match.group("code"), match.group("name") or match.group("code")
    return key, key


def _flag(value: Any) -> str | None:
    """A yes/no column or an expression, normalised to an expression or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true()" if value else None
    text = str(value).strip()
    if text.lower() in _TRUE:
        return "true()"
    if text.lower() in _FALSE:
        return None
    return text


class SurveyBuilder:
    """Turns pyxform's nested survey dict into model nodes."""

    def __init__(self, rows: SurveyRows, source_name: str,
                 instances: Mapping[str, SecondaryInstance] | None = None) -> None:
        self.rows = rows
        self.instances = dict(instances or {})  # form attachments by id
        self.source_name = source_name
        self.language_names: dict[str, str] = {}
        self.notes: list[str] = []
        self.loop_rows: dict[str, RowInfo] = {}
        self.generated: set[str] = set()  # paths of nodes pyxform made up (no row)
        self._lists: dict[int, tuple[list[Mapping[str, Any]], tuple[Choice, ...]]] = {}
        self.all_lists: dict[str, list[Mapping[str, Any]]] = {}  # the choices sheet by list name
        self._codes: dict[Any, str] = {}  # a text's key (e.g. "English (en)") -> its language code
        self.unversioned = False  # whether the settings sheet set no version (see questionnaire)

    # --- texts ---------------------------------------------------------------

    def text(self, value: Any) -> Text:
        if value is None or value == "":
            return _NO_TEXT  # immutable: one shared empty text (most hints and messages)
        if isinstance(value, dict) or isinstance(value, Mapping):  # a dict, as pyxform gives, checked first
            out: dict[str, str] = {}
            codes = self._codes
            for key, item in value.items():
                if item is not None:
                    out[codes.get(key) or self._code(key)] = str(item)
            return made(Text, {"by_lang": MappingProxyType(out)})
        return made(Text, {"by_lang": MappingProxyType({DEFAULT_LANG: str(value)})})

    def _code(self, key: Any) -> str:
        """A text's language code from its key, worked out once per column header."""
        code, display = split_language(str(key))
        self.language_names.setdefault(code, display)
        self._codes[key] = code
        return code

    # --- tree ----------------------------------------------------------------

    def questionnaire(self, tree: Mapping[str, Any], unversioned: str = "") -> Questionnaire:
        """The questionnaire of pyxform's ``tree``; its version is ``unversioned``
        when the settings sheet sets none (``self.unversioned`` then says so)."""
        self.all_lists = {str(k): v for k, v in (tree.get("choices") or {}).items() if isinstance(v, list)}
        children = self.children(tree.get("children") or [], "", None)
        root = Group(name="", path="", children=tuple(children))
        title = self.text(tree.get("title"))
        # Every list, used by a question or not: instance('list') may read it.
        lists = {str(name): self.choice_list(items or [])
                 for name, items in (tree.get("choices") or {}).items()}
        languages = [code for code in self.language_names if code != DEFAULT_LANG]
        if not languages:
            languages = [DEFAULT_LANG]
            self.language_names.setdefault(DEFAULT_LANG, DEFAULT_LANG)
        wanted = str(tree.get("default_language") or DEFAULT_LANG)
        default_code = split_language(wanted)[0]
        if default_code not in languages:
            default_code = languages[0]
        version = tree.get("version")
        self.unversioned = version in (None, "")
        return Questionnaire(
            form_id=str(tree.get("id_string") or "form"),
            version=unversioned if self.unversioned else str(version),
            title=title,
            root=root,
            languages=tuple(languages),
            default_language=default_code,
            source_name=self.source_name,
            language_names=MappingProxyType(
                {code: self.language_names.get(code, code) for code in languages}),
            choice_lists=MappingProxyType(lists),
            privacy_dates="day" if str(tree.get("privacy_dates") or "").strip().lower() == "day"
            else "month",
            attachments=MappingProxyType(dict(self.instances)),
        )

    def children(self, items: Iterable[Mapping[str, Any]], prefix: str,
                 parent_row: int | None, claim: bool = True) -> list[Node]:
        out: list[Node] = []
        fallback = parent_row
        for item in items:
            # Nodes pyxform generates (an or_other's text, a repeat_count's calculate)
            # have no row of their own: they take the row of the row that made them.
            node = self.node(item, prefix, fallback, claim)
            if node is not None:
                out.append(node)
                fallback = node.row if node.row is not None else fallback
        return _inline_repeat_counts(out, self.generated)

    def node(self, item: Mapping[str, Any], prefix: str, parent_row: int | None,
             claim: bool = True) -> Node | None:
        name = str(item.get("name", ""))
        kind = str(item.get("type", ""))
        info = self.rows.take(name) if claim else self.loop_rows.get(name)
        row = info.row if info else parent_row
        path = f"{prefix}/{name}" if prefix else name
        if info is None and claim:
            self.generated.add(path)
        if kind in {"group", "repeat"}:
            if not prefix and name == "meta" and info is None:
                return None  # pyxform's own instanceID block; interviews carry their own id
            return self.group(item, name, path, row, kind == "repeat")
        if kind == "loop":
            return self.loop(item, name, path, row)
        return self.question(item, name, path, kind, row, info)

    def group(self, item: Mapping[str, Any], name: str, path: str, row: int | None,
              repeat: bool) -> Group:
        bind = item.get("bind") or {}
        control = item.get("control") or {}
        count = control.get("jr:count")
        return Group(
            name=name, path=path, label=self.text(item.get("label")),
            children=tuple(self.children(item.get("children") or [], path, row)),
            repeat=repeat,
            repeat_count=str(count).strip() if count not in (None, "") else None,
            relevant=_expr(bind.get("relevant")),
            appearance=str(control.get("appearance") or ""),
            row=row,
        )

    def loop(self, item: Mapping[str, Any], name: str, path: str, row: int | None) -> Group:
        """``begin loop over list``: one group per choice, as pyxform expands it."""
        groups: list[Node] = []
        template = list(item.get("children") or [])
        for child in template:  # claim the template rows once, in form order
            info = self.rows.take(str(child.get("name", "")))
            if info is not None:
                self.loop_rows[info.name] = info
        for column in item.get("columns") or []:
            cname = str(column.get("name"))
            label = column.get("label")
            labels = label if isinstance(label, Mapping) else {DEFAULT_LANG: label or cname}
            copies = [_substitute(child, cname, labels) for child in template]
            inner = f"{path}/{cname}"
            groups.append(Group(
                name=cname, path=inner, label=self.text(label),
                children=tuple(self._loop_children(copies, inner, row)), row=row))
        bind = item.get("bind") or {}
        return Group(name=name, path=path, label=self.text(item.get("label")),
                     children=tuple(groups), relevant=_expr(bind.get("relevant")), row=row)

    def _loop_children(self, items: list[Mapping[str, Any]], prefix: str,
                       row: int | None) -> list[Node]:
        # Copies of the loop's rows: each takes its template's row, claimed once below.
        return self.children(items, prefix, row, claim=False)

    def question(self, item: Mapping[str, Any], name: str, path: str, kind: str,
                 row: int | None, info: RowInfo | None) -> Question:
        label = self.text(item.get("label"))  # first: languages are listed in the order met
        from_file = info.from_file if info else None
        attached = self.instances.get(PurePosixPath(from_file).stem) if from_file else None
        range_ = self.range_bounds(item, row) if kind == "range" else None
        our_type = self.question_type(kind, name, row, range_, from_file, attached)
        choices, list_name = self.question_choices(item, from_file, attached)
        privacy, band = _privacy(info, our_type)
        # Every field given, so made() can skip the frozen __init__ (one per row);
        # a column the row leaves empty keeps its default without a call.
        values: dict[str, Any] = {
            **_QUESTION_DEFAULTS,
            "name": name, "path": path, "type": our_type, "label": label,
            "choices": choices, "list_name": list_name, "or_other": bool(info and info.or_other),
            "privacy": privacy, "privacy_band": band, "row": row, "range": range_,
        }
        if "hint" in item:
            values["hint"] = self.text(item["hint"])
        bind = item.get("bind")
        if bind:
            self.bind_values(values, bind)
        control = item.get("control")
        if control:
            values["appearance"] = str(control.get("appearance") or "")
        if "default" in item:
            values["default"] = _str_or_none(item["default"])
        if "choice_filter" in item and not (from_file and attached is None):
            values["choice_filter"] = _expr(item["choice_filter"])
        if "parameters" in item:
            values["parameters"] = _parameters(item, row)
        return made(Question, values)

    def bind_values(self, values: dict[str, Any], bind: Mapping[str, Any]) -> None:
        """A question's fields from pyxform's ``bind``: expressions, yes/no columns, messages."""
        for key, column, convert in _BIND_FIELDS:
            if key in bind:
                values[column] = convert(bind[key])
        # Texts in this order: languages are listed in the order met.
        if "jr:requiredMsg" in bind:
            values["required_message"] = self.text(bind["jr:requiredMsg"])
        if "jr:constraintMsg" in bind:
            values["constraint_message"] = self.text(bind["jr:constraintMsg"])

    def question_type(self, kind: str, name: str, row: int | None, range_: tuple[float, float, float] | None,
                      from_file: str | None, attached: SecondaryInstance | None) -> str:
        """Our type for pyxform's ``kind``: a range is a number, a list from a missing
        file is free text, a type we cannot record is a note (with a note to the user)."""
        missing_file = bool(from_file) and attached is None
        if missing_file:
            self.notes.append(f"row {row}: '{name}' takes its choices from {from_file}, which was not "
                              "given with the form; it is asked as free text.")
        if name.startswith("reserved_name_for_field_list_labels_"):
            return "note"  # pyxform's table-list header row: labels only, no answer
        if missing_file:
            return "text"
        if range_ is not None:
            return "integer" if all(float(x).is_integer() for x in range_) else "decimal"
        our_type = TYPE_MAP.get(kind) or type_from_dictionary(kind)
        if our_type is not None:
            return our_type
        if kind not in NOTE_TYPES:
            raise FormError(f"The question type '{kind}' is not supported.",
                            file=self.source_name, sheet="survey", row=row, column="type")
        self.notes.append(
            f"row {row}: '{name}' ({kind}) cannot be recorded by Testimonio and is "
            "shown as a read-only note.")
        return "note"

    def question_choices(self, item: Mapping[str, Any], from_file: str | None,
                         attached: SecondaryInstance | None) -> tuple[tuple[Choice, ...], str | None]:
        """A question's choices and list name: from its attachment, its list, or none."""
        if attached is not None:
            return _file_choices(attached, item.get("parameters") or {}), attached.id
        if from_file:
            return (), None  # the file was not given: asked as free text
        listed = item.get("choices")
        if not listed and isinstance(item.get("itemset"), str):
            # pyxform leaves a list it writes as an itemset (randomize=true) on the form
            listed = self.all_lists.get(str(item["itemset"]))
        if not listed:
            return (), None  # most questions: no list
        choices = self.choice_list(listed)
        return choices, _str_or_none(item.get("list_name") or item.get("itemset")) if choices else None

    def range_bounds(self, item: Mapping[str, Any], row: int | None) -> tuple[float, float, float]:
        """start, end and step of a ``range`` question (ODK's defaults 1, 10, 1)."""
        raw = item.get("parameters") or {}
        if isinstance(raw, str):
            raw = parameters_parse(raw_parameters=raw, row_number=row or 0)
        try:
            start, end, step = (float(str(raw.get(k, d))) for k, d in (("start", 1), ("end", 10), ("step", 1)))
        except ValueError:
            raise FormError("The range's start, end and step must be numbers.", file=self.source_name,
                            sheet="survey", row=row, column="parameters") from None
        if not all(math.isfinite(x) for x in (start, end, step)) or step == 0 or abs(end - start) / abs(step) > 1e6:
            raise FormError("The range needs finite start and end and a step that is not 0 (at most a million "
                            "steps).", file=self.source_name, sheet="survey", row=row, column="parameters")
        return start, end, step

    def choice_list(self, items: list[Mapping[str, Any]]) -> tuple[Choice, ...]:
        """The choices of one list, made once however many questions share it."""
        key = id(items)
        known = self._lists.get(key)
        if known is None or known[0] is not items:
            known = self._lists[key] = (items, tuple(self.choice(c) for c in items))
        return known[1]

    def choice(self, item: Mapping[str, Any]) -> Choice:
        extra = {str(k): str(v) for k, v in item.items()
                 if k not in {"name", "label", "media", "_row_number"} and v is not None}
        return made(Choice, {"name": str(item.get("name", "")), "label": self.text(item.get("label")),
                             "extra": MappingProxyType(extra)})


def _privacy(info: RowInfo | None, our_type: str) -> tuple[Privacy, int]:
    """The row's privacy and band; a note holds no answer, so it keeps the default."""
    if info is None:
        return Privacy.DEFAULT, 10
    privacy = Privacy.DEFAULT if our_type == "note" else info.privacy
    return privacy, info.privacy_band


def _parameters(item: Mapping[str, Any], row: int | None) -> Mapping[str, str]:
    """The parameters column as text (pyxform leaves some, e.g. image's, unparsed)."""
    parameters = item.get("parameters") or {}
    if isinstance(parameters, str):
        parameters = parameters_parse(raw_parameters=parameters, row_number=row or 0)
    if not parameters:
        return _NO_PARAMETERS
    return MappingProxyType({str(k): str(v) for k, v in parameters.items()})


# pyxform's question-type dictionary (its aliases, e.g. "add text prompt") by
# what they bind: (bind type, control tag) -> our type.
_BY_BIND: Mapping[tuple[str, str], str] = {
    ("string", "input"): "text", ("barcode", "input"): "text", ("int", "input"): "integer",
    ("decimal", "input"): "decimal", ("date", "input"): "date", ("time", "input"): "time",
    ("dateTime", "input"): "dateTime", ("geopoint", "input"): "geopoint",
    ("string", "select1"): "select_one", ("string", "select"): "select_multiple",
    ("string", "trigger"): "acknowledge", ("string", ""): "calculate",
}
_BY_MEDIA: Mapping[str, str] = {"image": "image", "audio": "audio", "video": "file", "application": "file"}


def type_from_dictionary(kind: str) -> str | None:
    """Our type for one of pyxform's type aliases, from what pyxform binds it to."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    entry = QUESTION_TYPE_DICT.get(kind)
    if not entry or kind in NOTE_TYPES:
        return None
    bind = entry.get("bind") or {}
    control = entry.get("control") or {}
    if bind.get("readonly") == "true()":
        return "note"
    if bind.get("jr:preload") == "timestamp":
        return {"start": "start", "end": "end"}.get(str(bind.get("jr:preloadParams")))
    if bind.get("type") == "binary":
        media = str(control.get("mediatype", "")).partition("/")[0]
        return _BY_MEDIA.get(media)
    return _BY_BIND.get((str(bind.get("type", "")), str(control.get("tag", ""))))


def _file_choices(data: SecondaryInstance, parameters: Any) -> tuple[Choice, ...]:
    """Choices of select_*_from_file: the ``name`` and ``label`` columns (or those
    the ``value=`` and ``label=`` parameters name); other columns stay for choice_filter."""
    params = parameters if isinstance(parameters, Mapping) else {}
    value_key, label_key = str(params.get("value", "name")), str(params.get("label", "label"))
    out: list[Choice] = []
    for item in data.items:
        value = item.get(value_key, "")
        if not value:
            continue
        labels = {DEFAULT_LANG: item.get(label_key, value)}
        for key, text in item.items():
            if key.startswith(label_key + "::") and text:
                labels[split_language(key.partition("::")[2])[0]] = text
        extra = {k: v for k, v in item.items() if k not in (value_key, label_key) and "::" not in k}
        out.append(Choice(value, Text(MappingProxyType(labels)), MappingProxyType(extra)))
    return tuple(out)


def _inline_repeat_counts(nodes: list[Node], generated_paths: set[str]) -> list[Node]:
    """Undo pyxform's ``<repeat>_count`` calculate: the repeat keeps the expression.

    pyxform moves a ``repeat_count`` that is not a plain reference into a
    generated calculate sibling; the author wrote it on the repeat, and that
    is where messages and the form-state engine should find it.
    """
    if not any(isinstance(n, Group) and n.repeat and n.repeat_count for n in nodes):
        return nodes  # most groups: no counted repeat among the children
    by_name = {n.name: n for n in nodes}
    dropped: set[str] = set()
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Group) and node.repeat and node.repeat_count:
            generated = by_name.get(f"{node.name}_count")
            if (isinstance(generated, Question) and generated.type == "calculate"
                    and node.repeat_count == f"${{{generated.name}}}"
                    and generated.path in generated_paths and generated.calculation):
                node = replace(node, repeat_count=generated.calculation)
                dropped.add(generated.name)
        out.append(node)
    return [n for n in out if n.name not in dropped or isinstance(n, Group)]


def _expr(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _str_or_none(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


#: A question's fields when its row leaves their columns empty (see SurveyBuilder.question).
_QUESTION_DEFAULTS: Mapping[str, Any] = MappingProxyType({
    "hint": _NO_TEXT, "relevant": None, "required": None, "required_message": _NO_TEXT,
    "constraint": None, "constraint_message": _NO_TEXT, "calculation": None, "default": None,
    "read_only": None, "appearance": "", "choice_filter": None, "parameters": _NO_PARAMETERS,
})
#: pyxform's bind keys read as expressions or yes/no columns: (key, field, conversion).
_BIND_FIELDS: tuple[tuple[str, str, Callable[[Any], str | None]], ...] = (
    ("relevant", "relevant", _expr), ("required", "required", _flag), ("constraint", "constraint", _expr),
    ("calculate", "calculation", _expr), ("readonly", "read_only", _flag),
)


def _substitute(item: Mapping[str, Any], name: str,
                labels: Mapping[str, Any]) -> Mapping[str, Any]:
    """A copy of a loop child with ``%(name)s`` / ``%(label)s`` filled in."""
    def fill(value: Any, lang: str | None) -> Any:
        if isinstance(value, str):
            label = labels.get(lang or DEFAULT_LANG) if lang else None
            if label is None:
                label = next(iter(labels.values()), name)
            return value.replace("%(name)s", name).replace("%(label)s", str(label))
        return value

    def walk(value: Any, lang: str | None, key: str | None) -> Any:
        if isinstance(value, Mapping):
            translated = key in {"label", "hint"}
            return {k: walk(v, k if translated else lang, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, lang, key) for v in value]
        return fill(value, lang)

    result: Mapping[str, Any] = walk(item, None, None)
    return result

