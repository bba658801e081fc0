"""Tests that export one or two interviews need a k below what any lead may set."""

from __future__ import annotations

from typing import Protocol


class _Store(Protocol):
    def set(self, key: str, value: str) -> None: ...


def lower_k(store: _Store, k: int) -> None:
    """Write k raw, below the team lead's floor (which the program never allows).

    Only a test does this: the team lead's k (``team.k``) and the researcher's
    own are both set, bypassing the bounds the settings and team files keep.
    """
    store.set("team.k", str(k))
    store.set("pref.k_anonymity", str(k))
