"""The ``settings`` table: key -> stored text (JSON for the preferences).

Settings live inside the vault because some identify people (the
interviewer's name, the sites). The services decide what a setting means;
this module only reads and writes the rows.
"""

from __future__ import annotations

import json
from typing import Any

from testimonio.vault.db import Db


def raw(db: Db, key: str) -> str | None:
    """The stored text of ``key``, or None when it is not set."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def has(db: Db, key: str) -> bool:
    """Whether ``key`` is stored at all."""
    return db.execute("SELECT 1 FROM settings WHERE key = ?", (key,)).fetchone() is not None


def put(db: Db, key: str, text: str) -> None:
    """Store ``text`` under ``key`` (replacing what was there)."""
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, text))


def delete(db: Db, key: str) -> None:
    """Forget ``key`` (no error when it was not set)."""
    db.execute("DELETE FROM settings WHERE key = ?", (key,))


def keys(db: Db) -> list[str]:
    """Every stored key, sorted."""
    return [str(r[0]) for r in db.execute("SELECT key FROM settings ORDER BY key")]


def json_value(db: Db, key: str) -> Any:
    """The stored value parsed as JSON; the raw text when it is not JSON; None when unset."""
    text = raw(db, key)
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


def setting_int(db: Db, name: str, default: int) -> int:
    """An integer setting stored by the preferences (``pref.<name>``) or raw (at least 1)."""
    for key in (f"pref.{name}", name):
        found = raw(db, key)
        if found is None:
            continue
        value: Any = found
        try:
            value = json.loads(found)
        except (TypeError, ValueError):
            pass
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            continue
    return default

