"""The vault's key/value settings store (values as JSON, no Qt).

Settings live inside the vault because some identify people (the
interviewer's name, the sites). ``services.preferences`` declares the
program's settings and reads them through ``get``/``set`` here.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from testimonio.errors import BadInput
from testimonio.exchange.kanon import effective_k
from testimonio.vault import Vault, repo_settings
from testimonio.vault.db import Db

T = TypeVar("T", str, int, float, bool)


class SettingsService:
    """Typed access to the ``settings`` table of one unlocked vault."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get_json(self, key: str, default: Any = None) -> Any:
        """The stored value (any JSON), or ``default`` when not set."""
        with self._vault.read() as db:
            text = repo_settings.raw(db, key)
        return default if text is None else json.loads(text)

    def set_json(self, key: str, value: Any) -> None:
        """Store ``value`` (anything JSON can hold) under ``key``."""
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            text.encode("utf-8")  # half of a surrogate pair: no UTF-8 text, so no vault, holds it
        except (TypeError, ValueError):  # (UnicodeEncodeError is a ValueError)
            raise BadInput(f"The setting '{key}' cannot hold that value.") from None
        with self._vault.transaction() as db:
            repo_settings.put(db, key, text)

    def get(self, key: str) -> str | None:
        """The value as text (what services.preferences stores), or None."""
        value = self.get_json(key)
        if value is None:
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def set(self, key: str, value: str) -> None:
        """Store a text value."""
        self.set_json(key, str(value))

    def get_typed(self, key: str, default: T) -> T:
        """The value if it has the type of ``default``, else ``default``."""
        value = self.get_json(key)
        kind = type(default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
            return value
        return default

    def delete(self, key: str) -> None:
        """Forget ``key`` (no error when it was not set)."""
        with self._vault.transaction() as db:
            repo_settings.delete(db, key)

    def keys(self) -> list[str]:
        """Every stored key, sorted."""
        with self._vault.read() as db:
            return repo_settings.keys(db)


def group_size(db: Db) -> int:
    """This vault's k: its own setting, never below the k the team lead set (``team.k``)."""
    return effective_k(repo_settings.setting_int(db, "k_anonymity", 0) or None,
                       repo_settings.setting_int(db, "team.k", 0) or None)


def small_counts_k(db: Db, default_k: int) -> int:
    """k for the "fewer than k" rule of summaries, or 0 when the lead chose exact counts.

    ``default_k`` is kept for callers; the vault's k (:func:`group_size`) is used.
    """
    if repo_settings.json_value(db, "pref.small_counts") == "exact":
        return 0
    return group_size(db)
