"""Migrating an older vault gives exactly the schema of a new one."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import pytest
import sqlcipher3

from testimonio.vault import MIGRATIONS, Vault
from testimonio.vault.connection import open_database
from testimonio.vault.migrations import current_version, migrate, statements

V1_VAULT = Path(__file__).parent / "data" / "v1-vault"
V1_PASSPHRASE = "version one vault"


def schema(conn: sqlcipher3.Connection) -> list[tuple[str, str, str, str | None]]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                        "ORDER BY type, name").fetchall()
    return [(str(t), str(n), str(tb), s) for t, n, tb, s in rows]


def fresh_schema(tmp_path: Path) -> list[tuple[str, str, str, str | None]]:
    conn = open_database(tmp_path / "fresh.db", secrets.token_bytes(32), create=True)
    migrate(conn)
    try:
        return schema(conn)
    finally:
        conn.close()


def test_migrations_are_numbered_in_order_and_parse() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    for migration in MIGRATIONS:
        assert list(statements(migration.sql)), migration.name


@pytest.mark.parametrize("stop", range(1, len(MIGRATIONS) + 1))
def test_stepwise_migration_equals_fresh_schema(tmp_path: Path, stop: int) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "old.db"
    conn = open_database(path, key, create=True)
    assert migrate(conn, upto=stop) == stop
    conn.close()
    # Reopened by a newer program: the remaining migrations run one by one.
    conn = open_database(path, key)
    assert current_version(conn) == stop
    assert migrate(conn) == MIGRATIONS[-1].version
    try:
        assert schema(conn) == fresh_schema(tmp_path)
    finally:
        conn.close()


def test_new_vault_has_the_last_schema_version(tmp_path: Path) -> None:
    from testimonio.vault import KdfParams

    vault, _ = Vault.create(tmp_path / "v", "pass phrase", kdf=KdfParams.FAST)
    with vault.read() as db:
        assert current_version(db) == MIGRATIONS[-1].version
        assert schema(db) == fresh_schema(tmp_path)
    vault.lock()


def test_a_save_rewrites_one_index_holding_the_time_of_the_last_change(tmp_path: Path) -> None:
    """Every save sets interviews.updated_at: each index holding it is rewritten
    (two pages, each encrypted: issue 17's save p50). Migration 17 left one, the
    list's order by last change, which also serves a site or status filter."""
    from testimonio.vault import KdfParams

    vault, _ = Vault.create(tmp_path / "v", "pass phrase", kdf=KdfParams.FAST)
    try:
        with vault.read() as db:
            holding = sorted(
                name for (_, name, *_rest) in db.execute("PRAGMA index_list('interviews')")
                if any(col[2] == "updated_at" for col in db.execute(f"PRAGMA index_info('{name}')")))
        assert holding == ["interviews_order_updated"]
    finally:
        vault.lock()


def test_real_version_one_vault_is_migrated_at_unlock(tmp_path: Path) -> None:
    copy = tmp_path / "v1"
    shutil.copytree(V1_VAULT, copy)
    vault = Vault.unlock(copy, V1_PASSPHRASE)
    try:
        with vault.read() as db:
            assert current_version(db) == MIGRATIONS[-1].version
            assert schema(db) == fresh_schema(tmp_path)
            row = db.execute("SELECT alias, revision FROM interviews").fetchall()
            assert row == [("Rosa", 3)]
            # Every answer kept through version 14's rewrite of the table (updated_at dropped).
            assert db.execute("SELECT * FROM answers ORDER BY path").fetchall() == [
                ("0123456789abcdef0123456789abcdef", "age", "34"),
                ("0123456789abcdef0123456789abcdef", "alias", '"Rosa"')]
            assert db.execute("SELECT count(*) FROM edit_log").fetchone() == (1,)
        vault.verify()
    finally:
        vault.lock()


def test_a_vault_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    from testimonio.errors import VaultError

    key = secrets.token_bytes(32)
    conn = open_database(tmp_path / "new.db", key, create=True)
    migrate(conn)
    conn.execute("UPDATE schema_version SET version = version + 1")
    with pytest.raises(VaultError, match="newer version"):
        migrate(conn)
    conn.close()


def _researcher_keys(conn: sqlcipher3.Connection) -> dict[str, str | None]:
    return {str(i): k for i, k in conn.execute("SELECT id, researcher_key FROM interviews")}


def _interview(conn: sqlcipher3.Connection, interview_id: str) -> None:
    conn.execute("INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                 "status, created_at, updated_at) VALUES (?, 'f', '1', 'Tumbes', 'R', 'es', "
                 "'complete', '2026-01-01', '2026-01-01')", (interview_id,))


# Columns named: migration 10 adds withheld_known after the five of migration 2.
_ORIGIN = "(interview_id, researcher, export_id, revision, bundle_id)"


def test_researcher_on_the_interview_row_follows_imported_origin(tmp_path: Path) -> None:
    # Migration 9 copies imported_origin.researcher onto the interview row for the data
    # view's index: filled in for interviews imported before it, kept by triggers after.
    conn = open_database(tmp_path / "v.db", secrets.token_bytes(32), create=True)
    migrate(conn, upto=8)
    for iid in ("old", "own"):
        _interview(conn, iid)
    conn.execute("INSERT INTO imported_origin VALUES ('old', 'key-a', 'e1', 1, 'b1')")
    migrate(conn)
    assert _researcher_keys(conn) == {"old": "key-a", "own": None}
    _interview(conn, "new")
    conn.execute(f"INSERT INTO imported_origin {_ORIGIN} VALUES ('new', 'key-b', 'e2', 1, 'b2')")
    assert _researcher_keys(conn)["new"] == "key-b"
    # A newer revision replaces the interview row, then updates its origin (as import does).
    conn.execute("DELETE FROM interviews WHERE id = 'new'")
    _interview(conn, "new")
    conn.execute(f"INSERT INTO imported_origin {_ORIGIN} VALUES ('new', 'key-b', 'e2', 2, 'b3') ON CONFLICT "
                 "(interview_id) DO UPDATE SET revision = excluded.revision, bundle_id = excluded.bundle_id")
    assert _researcher_keys(conn)["new"] == "key-b"
    conn.execute("DELETE FROM imported_origin WHERE interview_id = 'old'")
    assert _researcher_keys(conn) == {"old": None, "own": None, "new": "key-b"}
    conn.close()


def test_an_interview_imported_with_its_researcher_is_not_rewritten(tmp_path: Path) -> None:
    # Migration 12: import writes researcher_key with the row; the origin's trigger then
    # changes nothing (one row written, not two), and still fills a row that lacks it.
    conn = open_database(tmp_path / "v.db", secrets.token_bytes(32), create=True)
    migrate(conn)
    conn.execute("INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, "
                 "status, created_at, updated_at, researcher_key) VALUES ('set', 'f', '1', 'Tumbes', "
                 "'R', 'es', 'complete', '2026-01-01', '2026-01-01', 'key-a')")
    before = conn.total_changes
    conn.execute(f"INSERT INTO imported_origin {_ORIGIN} VALUES ('set', 'key-a', 'e1', 1, 'b1')")
    assert conn.total_changes - before == 1
    _interview(conn, "unset")
    before = conn.total_changes
    conn.execute(f"INSERT INTO imported_origin {_ORIGIN} VALUES ('unset', 'key-b', 'e2', 1, 'b2')")
    assert conn.total_changes - before == 2
    assert _researcher_keys(conn) == {"set": "key-a", "unset": "key-b"}
    conn.close()
