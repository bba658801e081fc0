"""Secondary instances: the data ``instance('id')`` reads.

ODK forms read choice lists and form attachments (CSV, XML, GeoJSON) as
secondary instances shaped ``/root/item/<field>``; this is that shape, flat:
each item is a mapping of field name to text. Items keep file order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SecondaryInstance:
    """One secondary instance: ``items`` under ``/<root>/<item>``."""

    id: str
    items: tuple[Mapping[str, str], ...]
    root: str = "root"
    item: str = "item"
    _index: dict[str, dict[str, list[int]]] = field(default_factory=dict, repr=False, compare=False)

    def positions(self, column: str, value: str) -> list[int]:
        """0-based positions of the items whose ``column`` is ``value`` (indexed once)."""
        index = self._index.get(column)
        if index is None:
            index = {}
            for i, item in enumerate(self.items):
                index.setdefault(item.get(column, ""), []).append(i)
            self._index[column] = index
        return index.get(value, [])
