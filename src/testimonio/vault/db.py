"""The typed face of a vault connection, for the repositories (``vault/repo_*``).

sqlcipher3 ships no type hints, so its connection is ``Any`` to mypy. The
repositories take a :class:`Db` instead: the few methods of the DB-API
connection and cursor that they use, so a misspelt method or a wrong
argument is caught by mypy strict. ``Vault.read()`` and
``Vault.transaction()`` yield a connection that satisfies it.

Rows come back as tuples of SQLite values; each repository turns them into
typed records at once, so nothing above the vault indexes a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

#: One row as SQLite gives it (str, int, float, bytes or None per column).
Row = tuple[Any, ...]
#: Parameters of one statement: positional or named.
Params = Sequence[Any] | Mapping[str, Any]


class Cursor(Protocol):
    """The cursor methods the repositories use."""

    @property
    def rowcount(self) -> int: ...

    @property
    def lastrowid(self) -> int | None: ...

    def fetchone(self) -> Row | None: ...

    def fetchall(self) -> list[Row]: ...

    def __iter__(self) -> Iterator[Row]: ...


class Blob(Protocol):
    """An incremental BLOB handle (``Connection.open_blob``)."""

    def write(self, data: bytes, /) -> None: ...

    def close(self) -> None: ...


class Db(Protocol):
    """The connection methods the repositories use."""

    def execute(self, sql: str, parameters: Params = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Params], /) -> Cursor: ...

    def open_blob(self, table: str, column: str, row: int, /, *,
                  readonly: bool = ...) -> Blob: ...


def marks(count: int) -> str:
    """``?,?,…`` for an ``IN (…)`` list of ``count`` values."""
    return ",".join("?" * count)


def scalar(db: Db, sql: str, parameters: Params = ()) -> Any:
    """The first column of the first row (a query that always gives one row)."""
    row = db.execute(sql, parameters).fetchone()
    if row is None:
        raise LookupError("The query gave no row.")
    return row[0]
