"""Create, unlock, lock, passphrases, recovery key, settings checked at open."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3
from vault_fixtures import PASSPHRASE, new_vault

from testimonio.errors import (
    BadInput,
    VaultDamaged,
    VaultExists,
    VaultLocked,
    VaultMissing,
    WrongPassphrase,
)
from testimonio.vault import DB_NAME, SLOTS_NAME, KdfParams, Vault
from testimonio.vault.connection import SQLITE_HEADER
from testimonio.vault.recovery import new_recovery_key


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault_and_key(vault_dir: Path) -> Iterator[tuple[Vault, str]]:
    yield from new_vault(vault_dir)


@pytest.fixture
def vault(vault_and_key: tuple[Vault, str]) -> Vault:
    return vault_and_key[0]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_create_then_unlock_reads_what_was_written(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, kdf=KdfParams.FAST)
    with vault.transaction() as db:
        db.execute("INSERT INTO sites (name) VALUES ('Aguas Verdes')")
    vault.lock()
    again = Vault.unlock(vault_dir, PASSPHRASE)
    with again.read() as db:
        assert db.execute("SELECT name FROM sites").fetchall() == [("Aguas Verdes",)]
    again.lock()


def test_wrong_passphrase_is_refused_and_changes_nothing(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    before = _snapshot(vault_dir)
    with pytest.raises(WrongPassphrase) as caught:
        Vault.unlock(vault_dir, PASSPHRASE + "!")
    assert caught.value.exit_code == 3
    assert "damaged" not in str(caught.value).lower()
    assert _snapshot(vault_dir) == before


def test_missing_vault_is_reported_and_nothing_is_created(tmp_path: Path) -> None:
    where = tmp_path / "nowhere"
    with pytest.raises(VaultMissing):
        Vault.unlock(where, PASSPHRASE)
    assert not where.exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(VaultMissing):
        Vault.unlock(tmp_path / "empty", PASSPHRASE)
    assert list((tmp_path / "empty").iterdir()) == []


def test_create_refuses_to_overwrite(vault: Vault, vault_dir: Path) -> None:
    before = (vault_dir / SLOTS_NAME).read_bytes()
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, "another one", kdf=KdfParams.FAST)
    assert (vault_dir / SLOTS_NAME).read_bytes() == before


def test_lost_key_file_or_database_is_damage_not_missing(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    slots = (vault_dir / SLOTS_NAME).read_bytes()
    (vault_dir / SLOTS_NAME).unlink()
    with pytest.raises(VaultDamaged):
        Vault.unlock(vault_dir, PASSPHRASE)
    (vault_dir / SLOTS_NAME).write_bytes(slots)
    (vault_dir / DB_NAME).rename(vault_dir / "elsewhere")
    with pytest.raises(VaultDamaged):
        Vault.unlock(vault_dir, PASSPHRASE)
    assert not (vault_dir / DB_NAME).exists()


def test_recovery_key_opens_and_tolerates_case_and_spacing(vault_and_key: tuple[Vault, str],
                                                           vault_dir: Path) -> None:
    vault, recovery = vault_and_key
    vault.lock()
    typed = recovery.lower().replace("-", " ")
    Vault.unlock_with_recovery(vault_dir, typed).lock()
    wrong = "AAAA-" + recovery[5:]
    with pytest.raises(BadInput):  # a typo: the check group no longer matches
        Vault.unlock_with_recovery(vault_dir, wrong)
    with pytest.raises(WrongPassphrase):  # well formed, but another vault's key
        Vault.unlock_with_recovery(vault_dir, new_recovery_key()[0])
    with pytest.raises(BadInput):
        Vault.unlock_with_recovery(vault_dir, "not a key")


def test_change_passphrase_keeps_recovery_and_data(vault_and_key: tuple[Vault, str],
                                                   vault_dir: Path) -> None:
    vault, recovery = vault_and_key
    with vault.transaction() as db:
        db.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
    before = {n: (vault_dir / n).read_bytes() for n in (DB_NAME, DB_NAME + "-wal")}
    vault.change_passphrase("a new passphrase")
    # Only the key file changes: the data is not re-encrypted.
    assert {n: (vault_dir / n).read_bytes() for n in before} == before
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, PASSPHRASE)
    with Vault.unlock(vault_dir, "a new passphrase") as again, again.read() as db:
        assert db.execute("SELECT value FROM settings").fetchall() == [("1",)]
    Vault.unlock_with_recovery(vault_dir, recovery).lock()


def test_new_recovery_key_replaces_the_old(vault_and_key: tuple[Vault, str], vault_dir: Path) -> None:
    vault, old = vault_and_key
    new = vault.new_recovery_key()
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock_with_recovery(vault_dir, old)
    Vault.unlock_with_recovery(vault_dir, new).lock()
    Vault.unlock(vault_dir, PASSPHRASE).lock()


def test_kdf_parameters_are_stored_in_the_slot(vault_dir: Path) -> None:
    params = KdfParams(time_cost=2, memory_kib=256, lanes=2)
    vault, _ = Vault.create(vault_dir, PASSPHRASE, kdf=params)
    vault.lock()
    with Vault.unlock(vault_dir, PASSPHRASE) as again:
        assert again.kdf == params


def test_locked_vault_refuses_use(vault: Vault) -> None:
    vault.lock()
    assert vault.locked
    with pytest.raises(VaultLocked), vault.transaction():
        pass
    with pytest.raises(VaultLocked), vault.read():
        pass
    with pytest.raises(VaultLocked):
        vault.change_passphrase("whatever it is")
    vault.lock()  # twice is fine


def test_transaction_rolls_back_on_error(vault: Vault) -> None:
    with pytest.raises(RuntimeError), vault.transaction() as db:
        db.execute("INSERT INTO sites (name) VALUES ('x')")
        raise RuntimeError("boom")
    with vault.read() as db:
        assert db.execute("SELECT count(*) FROM sites").fetchone() == (0,)
    with vault.transaction() as db, vault.transaction() as inner:
        assert inner is db
        db.execute("INSERT INTO sites (name) VALUES ('y')")
    with vault.read() as db:
        assert db.execute("SELECT count(*) FROM sites").fetchone() == (1,)
    with pytest.raises(RuntimeError), vault.read(), vault.transaction():
        pass  # a write inside a read would be rolled back with the read
    with vault.transaction(), vault.read() as db:  # a read inside a write is fine
        assert db.execute("SELECT count(*) FROM sites").fetchone() == (1,)


def test_references_are_unchecked_only_inside_the_transaction_that_asks(vault: Vault) -> None:
    # The import's transaction (references kept by the caller): no foreign key checks
    # and no cascades inside it, both back after it, whether it commits or fails.
    orphan = "INSERT INTO answers (interview_id, path, value) VALUES ('nobody', 'a', '1')"
    with vault.transaction(references_kept_by_caller=True) as db:
        assert db.execute("PRAGMA foreign_keys").fetchone() == (0,)
        db.execute(orphan)
        db.execute("DELETE FROM answers WHERE interview_id = 'nobody'")
    with pytest.raises(RuntimeError), vault.transaction(references_kept_by_caller=True) as db:
        db.execute(orphan)
        raise RuntimeError("boom")
    with vault.read() as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone() == (0,)
        assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(sqlcipher3.IntegrityError, match="FOREIGN KEY"), vault.transaction() as db:
        db.execute(orphan)
    with pytest.raises(RuntimeError, match="nested"), vault.transaction(), \
            vault.transaction(references_kept_by_caller=True):
        pass


def test_sqlcipher_settings_are_applied(vault: Vault, vault_dir: Path) -> None:
    with vault.read() as db:
        assert db.execute("PRAGMA cipher_version").fetchone()[0]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert db.execute("PRAGMA temp_store").fetchone()[0] == 2
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA cipher_log_level").fetchone()[0] == "NONE"
    plain = sqlcipher3.connect(str(vault_dir / DB_NAME))
    with pytest.raises(sqlcipher3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_files_are_private_and_never_plain_sqlite(vault: Vault, vault_dir: Path) -> None:
    old = os.umask(0o022)
    try:
        with vault.transaction() as db:
            db.execute("INSERT INTO sites (name) VALUES ('x')")
        vault.change_passphrase("another passphrase")
        names = {p.name for p in vault_dir.iterdir()}
        assert {DB_NAME, SLOTS_NAME, DB_NAME + "-wal", DB_NAME + "-shm"} <= names
        assert stat.S_IMODE(vault_dir.stat().st_mode) == 0o700
        for path in vault_dir.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    finally:
        os.umask(old)
    vault.lock()
    assert not (vault_dir / DB_NAME).read_bytes().startswith(SQLITE_HEADER)


def test_a_plaintext_database_in_place_is_refused(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    (vault_dir / DB_NAME).unlink()
    plain = sqlcipher3.connect(str(vault_dir / DB_NAME))
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    with pytest.raises(VaultDamaged):
        Vault.unlock(vault_dir, PASSPHRASE)


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_create_on_a_full_disk_leaves_nothing_behind(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "vault"
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from testimonio.errors import StorageFull\n"
        "from testimonio.vault import KdfParams, Vault\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.RLIM_INFINITY))\n"
        "try:\n"
        "    Vault.create(Path(sys.argv[1]), 'pass phrase', kdf=KdfParams.FAST)\n"
        "except StorageFull as error:\n"
        "    print('full', error)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("full ")
    assert not Vault.exists(folder)
    # Built beside the folder and renamed only when complete: nothing is left.
    assert list(tmp_path.iterdir()) == []


def test_background_connection_sees_commits_and_closes_on_lock(vault: Vault) -> None:
    import threading

    with vault.transaction() as db:
        db.execute("INSERT INTO sites (name) VALUES ('x')")
    extra = vault.connect()
    seen: list[object] = []
    worker = threading.Thread(
        target=lambda: seen.append(extra.execute("SELECT count(*) FROM sites").fetchone()))
    worker.start()
    worker.join()
    assert seen == [(1,)]
    vault.lock()
    with pytest.raises(sqlcipher3.ProgrammingError):
        extra.execute("SELECT 1")
