"""Checks of an imported record against the questionnaire version it names.

The bundle is authenticated before any record is read, but a signed record
can still be wrong (another program version, a bug, a researcher's tool gone
astray): every field is checked here, and an answer a correct exporter
would never send (an identifier, an unknown path, a value of the wrong type)
refuses the whole bundle. Values may be generalised as the exporter does
(bands like ``"30-39"``, months like ``"2019-11"``).
"""

from __future__ import annotations

import re
from typing import Any

from testimonio.exchange.pseudonymise import model_path
from testimonio.forms.model import Group, Privacy, Question, Questionnaire

RECORD_FIELDS = frozenset({"export_id", "form_id", "form_version", "revision", "site", "language",
                           "started", "completed", "answers", "attachments"})
ATTACHMENT_FIELDS = frozenset({"name", "path", "mime", "size", "sha256"})
MAX_TEXT = 100_000
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_PATH = re.compile(r"^[A-Za-z_][\w.-]*(\[[1-9]\d{0,5}\])?(/[A-Za-z_][\w.-]*(\[[1-9]\d{0,5}\])?)*$")
_BAND = re.compile(r"^-?\d+--?\d+$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")
_ATTACHMENT_NAME = re.compile(r"^[0-9a-f]{32}-\d{1,4}\.(jpg|png)$")
_MIMES = frozenset({"image/jpeg", "image/png"})


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _value_ok(q: Question, value: Any, names: set[str]) -> bool:
    quasi = q.privacy is Privacy.QUASI
    t = q.type
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return False
    if t == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            quasi and isinstance(value, str) and bool(_BAND.match(value)))
    if t == "decimal":
        return _number(value) or (quasi and isinstance(value, str) and bool(_BAND.match(value)))
    if t in {"date", "start", "end", "today"}:
        return isinstance(value, str) and bool(_DAY.match(value) or (quasi and _MONTH.match(value)))
    if t == "dateTime":
        return isinstance(value, str) and bool(_DATETIME.match(value) or (quasi and _MONTH.match(value)))
    if t == "select_one":
        return isinstance(value, str) and (not q.choices or q.or_other
                                           or value in {c.name for c in q.choices})
    if t in {"select_multiple", "rank"}:
        allowed = {c.name for c in q.choices}
        return isinstance(value, list) and all(
            isinstance(v, str) and (not allowed or q.or_other or v in allowed) for v in value)
    if q.is_attachment:
        return isinstance(value, str) and value in names
    if t == "acknowledge":
        return bool(value == "OK")
    if t in {"calculate", "hidden"}:
        return isinstance(value, str) or _number(value)
    return isinstance(value, str)


def record_problems(record: Any, questionnaire: Questionnaire) -> list[str]:
    """Every way ``record`` breaks the format or its questionnaire (empty if none)."""
    if not isinstance(record, dict) or set(record) != RECORD_FIELDS:
        return ["a record does not have the expected fields"]
    problems: list[str] = []
    eid = record["export_id"]
    if not isinstance(eid, str) or not _HEX32.match(eid):
        return ["a record has a malformed export id"]
    rev = record["revision"]
    if not isinstance(rev, int) or isinstance(rev, bool) or not 1 <= rev < 2**62:
        problems.append(f"record {eid}: bad revision")
    for name in ("site", "language"):
        if not isinstance(record[name], str) or len(record[name]) > 500:
            problems.append(f"record {eid}: bad {name}")
    for name in ("started", "completed"):
        if record[name] is not None and not (isinstance(record[name], str) and _DAY.match(record[name])):
            problems.append(f"record {eid}: {name} is not a date")
    names: set[str] = set()
    atts = record["attachments"]
    if not isinstance(atts, list):
        return problems + [f"record {eid}: attachments is not a list"]
    for att in atts:
        if not isinstance(att, dict) or set(att) != ATTACHMENT_FIELDS:
            problems.append(f"record {eid}: an attachment entry is malformed")
            continue
        name = att["name"]
        if (not isinstance(name, str) or not _ATTACHMENT_NAME.match(name)
                or not name.startswith(eid) or name in names):
            problems.append(f"record {eid}: attachment name {str(name)[:80]!r} is not allowed")
            continue
        if att["mime"] not in _MIMES or not isinstance(att["size"], int) or not isinstance(att["sha256"], str):
            problems.append(f"record {eid}: attachment {name} is malformed")
            continue
        names.add(name)
    answers = record["answers"]
    if not isinstance(answers, dict):
        return problems + [f"record {eid}: answers is not an object"]
    for path, value in answers.items():
        if not isinstance(path, str) or len(path) > 1000 or not _PATH.match(path):
            problems.append(f"record {eid}: malformed answer path {str(path)[:80]!r}")
            continue
        mpath = model_path(path)
        if not questionnaire.has_path(mpath):
            problems.append(f"record {eid}: {path} is not a question of "
                            f"{questionnaire.form_id} version {questionnaire.version}")
            continue
        node = questionnaire.node(mpath)
        if isinstance(node, Group):
            if not (node.repeat and isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**6):
                problems.append(f"record {eid}: {path} is not a repeat count")
            continue
        if node.privacy is Privacy.IDENTIFIER:
            problems.append(f"record {eid}: carries the identifier {path}, which must never leave a vault")
        elif node.type == "note" or not _value_ok(node, value, names):
            problems.append(f"record {eid}: {path} has a value of the wrong kind for a {node.type} question")
    return problems
