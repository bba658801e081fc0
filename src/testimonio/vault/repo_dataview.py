"""The lead's data view in SQL: the filter as one condition over indexed
columns, counts, pages of ids, and the rows of one page.

The service (``services/data_view.py``) owns the filter and the columns;
this module builds the filter's condition (:func:`where`) and runs the
queries. Only the page shown is read.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple, Protocol

from testimonio.vault.day_stamps import month_stamp
from testimonio.vault.db import Db, marks
from testimonio.vault.search import TRIGRAM

OWN = "@own"  # the researcher filter's value for interviews taken in this vault
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Filter(Protocol):
    """What the condition reads of the data view's filter (``services.data_view.DataFilter``)."""

    @property
    def form_id(self) -> str: ...
    @property
    def researcher(self) -> str | None: ...  # a roster key id, OWN, or None for everybody
    @property
    def site(self) -> str | None: ...
    @property
    def date_from(self) -> str | None: ...  # YYYY-MM-DD
    @property
    def date_to(self) -> str | None: ...  # inclusive
    @property
    def choices(self) -> tuple[tuple[str, str], ...]: ...  # (question path, choice name)
    @property
    def search(self) -> str | None: ...  # in the alias


class MetaRow(NamedTuple):
    """An interview's metadata for the data view."""

    updated_at: str  # the report's _submission_time (services/report.py)
    interviewer: str
    site: str
    researcher: str | None  # the researcher's key id, when imported
    origin_export_id: str | None
    own_export_id: str | None
    withheld_known: int = 0  # 1: its bundle said what it withheld (schema 10)


def _like(text: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


def where(f: Filter) -> tuple[str, list[Any]]:
    """The filter as one SQL condition over ``interviews i``, with its parameters."""
    clauses = ["i.form_id = ?", "i.status = 'complete'"]
    params: list[Any] = [f.form_id]
    if f.site:
        clauses.append("i.site = ?")
        params.append(f.site)
    if f.date_from and _DAY.match(f.date_from):
        # An interview imported with its month only (day_stamps.py) is stamped
        # on the 1st: it is kept when its month holds the first day asked for,
        # since it may have been taken on any day of it.
        clauses.append("(i.created_at >= ? OR i.created_at = ?)")
        params += [f.date_from, month_stamp(f.date_from[:7])]
    if f.date_to and _DAY.match(f.date_to):
        clauses.append("i.created_at < ?")
        params.append(f.date_to + "T99")  # every time of that day sorts before
    # researcher_key is imported_origin.researcher, kept on the row (migration 9).
    if f.researcher == OWN:
        clauses.append("i.researcher_key IS NULL")
    elif f.researcher:
        clauses.append("i.researcher_key = ?")
        params.append(f.researcher)
    for path, choice in f.choices:
        # select_one answers are stored as the JSON text of the choice name;
        # select_multiple answers as a JSON list holding it. Each half is one
        # range of the (path, value) index: the exact value, and the lists
        # (JSON text starting with "[", which sorts just before "\\").
        # The set holds rowids (found through the id index): probing it for each
        # interview costs half of probing a set of text ids.
        clauses.append("i.rowid IN (SELECT j.rowid FROM interviews j WHERE j.id IN ("
                       "SELECT interview_id FROM answers WHERE path = ? AND value = ? "
                       "UNION ALL SELECT interview_id FROM answers WHERE path = ? "
                       "AND value >= '[' AND value < '\\' AND value LIKE ? ESCAPE '\\'))")
        name = json.dumps(choice, ensure_ascii=False)
        params += [path, name, path, _like(name)]
    text = (f.search or "").strip()
    if text:
        if len(text) >= TRIGRAM:
            # The alias's trigram index (migration 8) finds every alias the LIKE
            # can match (it folds case and accents) without reading the table;
            # the LIKE then keeps exactly the ones it always kept.
            clauses.append("i.rowid IN (SELECT rowid FROM interviews_alias_fts "
                           "WHERE interviews_alias_fts MATCH ?)")
            params.append('"' + text.replace('"', '""') + '"')
        clauses.append("i.alias LIKE ? ESCAPE '\\'")
        params.append(_like(text))
    return " AND ".join(clauses), params


def complete_form_ids(db: Db) -> list[str]:
    """Form ids with complete interviews, in order."""
    return [str(r[0]) for r in db.execute(
        "SELECT DISTINCT form_id FROM interviews WHERE status = 'complete' ORDER BY form_id")]


def complete_sites(db: Db, form_id: str) -> list[str]:
    """Sites with complete interviews of ``form_id``, in order."""
    return [str(r[0]) for r in db.execute(
        "SELECT DISTINCT site FROM interviews WHERE form_id = ? AND status = 'complete' "
        "ORDER BY site", (form_id,))]


def count(db: Db, f: Filter) -> int:
    """How many interviews the filter lets through."""
    condition, params = where(f)
    row = db.execute(f"SELECT count(*) FROM interviews i WHERE {condition}", params).fetchone()
    return 0 if row is None else int(row[0])


def page_ids(db: Db, f: Filter, offset: int, limit: int) -> list[str]:
    """The interview ids of one page, newest interview first."""
    condition, params = where(f)
    return [str(r[0]) for r in db.execute(
        f"SELECT i.id FROM interviews i WHERE {condition} "
        "ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?", (*params, limit, offset))]


def meta(db: Db, ids: list[str]) -> dict[str, MetaRow]:
    """Interview id -> its metadata, for ``ids`` (one query)."""
    if not ids:
        return {}
    return {str(r[0]): MetaRow(*r[1:]) for r in db.execute(
        "SELECT i.id, i.updated_at, i.interviewer, i.site, o.researcher, o.export_id, "
        "p.export_id, coalesce(o.withheld_known, 0) FROM interviews i "
        "LEFT JOIN imported_origin o ON o.interview_id = i.id "
        f"LEFT JOIN pseudonyms p ON p.interview_id = i.id WHERE i.id IN ({marks(len(ids))})", ids)}


def withheld(db: Db, ids: list[str]) -> dict[str, dict[str, str]]:
    """Interview id -> {answer path: reason its export withheld it} for ``ids`` (one query;
    whether a bundle said anything at all is :attr:`MetaRow.withheld_known`)."""
    out: dict[str, dict[str, str]] = {i: {} for i in ids}
    if not ids:
        return out
    for iid, path, reason in db.execute(
            "SELECT interview_id, path, reason FROM withheld_answers "
            f"WHERE interview_id IN ({marks(len(ids))})", ids):
        out[str(iid)][str(path)] = str(reason)
    return out


def answers(db: Db, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Interview id -> {answer path: value} for ``ids`` (one query)."""
    out: dict[str, dict[str, Any]] = {i: {} for i in ids}
    if not ids:
        return out
    for iid, path, value in db.execute(
            f"SELECT interview_id, path, value FROM answers WHERE interview_id IN ({marks(len(ids))})",
            ids):
        out[str(iid)][str(path)] = json.loads(value)
    return out
