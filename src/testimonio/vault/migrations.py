"""The vault's schema migrations (vault/schema.py), applied in order at unlock.

``MIGRATIONS`` only ever grows at its end: a released migration is never
edited, because vaults in the field already ran it. ``schema_version`` holds
one row, the number of the last migration applied; each migration runs in
its own transaction together with that row's update.

tests/vault/test_vault_migrations.py proves that a vault migrated step by step has
the same schema as a vault created new, for every prefix of this list.
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlcipher3

from testimonio.vault.schema import MIGRATIONS, Migration

__all__ = ["MIGRATIONS", "Migration", "current_version", "migrate", "statements"]


SCHEMA_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)"
)


def statements(sql: str) -> Iterator[str]:
    """Split a script into complete statements (triggers included)."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if statement and statement != ";":
                yield statement
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]}")


def current_version(conn: sqlcipher3.Connection) -> int:
    """The last migration applied (0 for a database without a schema)."""
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if row is None:
        return 0
    found = conn.execute("SELECT version FROM schema_version WHERE id = 1").fetchone()
    return int(found[0]) if found else 0


def migrate(conn: sqlcipher3.Connection, upto: int | None = None,
            migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    """Apply every pending migration (up to ``upto``), each in its own transaction.

    ``conn`` must be in autocommit mode (isolation_level None). Returns the
    schema version reached. A vault newer than this program is refused.
    """
    from testimonio.errors import VaultError

    target = migrations[-1].version if upto is None else upto
    version = current_version(conn)
    if version > migrations[-1].version:
        raise VaultError(
            "This vault was made by a newer version of Testimonio. "
            "Update the program to open it."
        )
    for migration in migrations:
        if migration.version <= version or migration.version > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(SCHEMA_VERSION_TABLE)
            for statement in statements(migration.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (id, version) VALUES (1, ?) "
                "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                (migration.version,),
            )
            conn.execute("COMMIT")
        except BaseException:
            # SQLite may already have rolled back (a full disk does): a failing
            # ROLLBACK must not hide the error that says why.
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlcipher3.Error:
                    pass
            raise
        version = migration.version
    return version
