"""The ``questionnaires`` table: each installed XLSForm version and its bytes.

The service (``services/questionnaires.py``) loads and checks the forms;
this module only stores and finds the rows.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from testimonio.vault.db import Db


class FormRow(NamedTuple):
    """One installed version, without its file's bytes."""

    form_id: str
    version: str
    title: str
    languages: tuple[str, ...]
    source_name: str
    sha256: str
    installed_at: str


class FormSource(NamedTuple):
    """One installed version's file, as a team file or update carries it."""

    form_id: str
    version: str
    source: bytes
    source_name: str


class NewForm(NamedTuple):
    """What installing a version stores."""

    form_id: str
    version: str
    title: str | None
    languages: tuple[str, ...]
    source_name: str
    source: bytes
    sha256: str


def sha256_of(db: Db, form_id: str, version: str) -> tuple[str, str] | None:
    """(sha256, source file name) of an installed version, or None."""
    row = db.execute("SELECT sha256, source_name FROM questionnaires "
                     "WHERE form_id = ? AND version = ?", (form_id, version)).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))


def source(db: Db, form_id: str, version: str) -> bytes | None:
    """The XLSForm bytes of an installed version, or None."""
    row = db.execute("SELECT source FROM questionnaires WHERE form_id = ? AND version = ?",
                     (form_id, version)).fetchone()
    return None if row is None else bytes(row[0])


def install(db: Db, form: NewForm, at: str) -> None:
    """Store a new version (the caller checked it is not installed)."""
    db.execute("INSERT INTO questionnaires (form_id, version, title, languages, source_name, "
               "source, sha256, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (form.form_id, form.version, form.title, json.dumps(list(form.languages)),
                form.source_name, form.source, form.sha256, at))


def installed(db: Db) -> list[FormRow]:
    """Every installed version (no particular order)."""
    rows = db.execute("SELECT form_id, version, title, languages, source_name, sha256, "
                      "installed_at FROM questionnaires").fetchall()
    return [FormRow(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6]) for r in rows]


def sources(db: Db) -> list[FormSource]:
    """Every installed version's file, by form id then installation time."""
    return [FormSource(str(f), str(v), bytes(d), str(n)) for f, v, d, n in db.execute(
        "SELECT form_id, version, source, source_name FROM questionnaires "
        "ORDER BY form_id, installed_at")]
