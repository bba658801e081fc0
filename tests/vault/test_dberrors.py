"""SQLite and OS errors turned into the sentence a person can act on (vault.dberrors)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import sqlcipher3

from testimonio.errors import NoPermission, StorageFull, VaultBusy, VaultDamaged
from testimonio.vault.dberrors import (
    BUSY_SENTENCE,
    DAMAGED_SENTENCE,
    FULL_SENTENCE,
    WRITE_SENTENCE,
    translate,
)


def _raised(tmp_path: Path, action: str) -> sqlcipher3.DatabaseError:
    """A real error from the SQLCipher driver."""
    (tmp_path / action).mkdir()
    path = tmp_path / action / "db"
    if action == "not a database":
        path.write_bytes(b"this is no database file at all" * 100)
        db = sqlcipher3.connect(str(path))
        statement = "SELECT * FROM sqlite_master"
    else:
        setup = sqlcipher3.connect(str(path))
        setup.execute("CREATE TABLE t (x)")
        setup.commit()
        if action == "locked":
            setup.execute("BEGIN EXCLUSIVE")
            db = sqlcipher3.connect(str(path), timeout=0)
        else:  # read-only
            db = sqlcipher3.connect(f"file:{path}?mode=ro", uri=True)
        statement = "INSERT INTO t VALUES (1)"
    with pytest.raises(sqlcipher3.DatabaseError) as caught:
        db.execute(statement)
    return caught.value


def _coded(message: str, code: int) -> sqlcipher3.DatabaseError:
    error = sqlcipher3.OperationalError(message)
    error.sqlite_errorcode = code  # as the driver sets it
    return error


def test_real_driver_errors(tmp_path: Path) -> None:
    damaged = translate(_raised(tmp_path, "not a database"))
    assert isinstance(damaged, VaultDamaged) and str(damaged) == DAMAGED_SENTENCE
    busy = translate(_raised(tmp_path, "locked"))
    assert isinstance(busy, VaultBusy) and str(busy) == BUSY_SENTENCE
    read_only = translate(_raised(tmp_path, "read-only"), tmp_path)
    assert isinstance(read_only, NoPermission) and str(tmp_path) in str(read_only)


@pytest.mark.parametrize(("error", "kind", "sentence"), [
    (_coded("database or disk is full", 13), StorageFull, FULL_SENTENCE),
    (_coded("something", 13 | 0x100), StorageFull, FULL_SENTENCE),  # extended code, primary FULL
    (_coded("database table is locked", 6), VaultBusy, BUSY_SENTENCE),
    (_coded("disk I/O error", 10), StorageFull, WRITE_SENTENCE),  # plenty of space: a cut-short write
    (_coded("unable to open database file", 14), NoPermission, None),
    (_coded("database disk image is malformed", 11), VaultDamaged, DAMAGED_SENTENCE),
    (sqlcipher3.DatabaseError("no code, but: file is not a database"), VaultDamaged, DAMAGED_SENTENCE),
])
def test_sqlite_codes_and_messages(tmp_path: Path, error: BaseException, kind: type, sentence: str | None) -> None:
    ours = translate(error, tmp_path)
    assert isinstance(ours, kind)
    if sentence is not None:
        assert str(ours) == sentence


def test_not_storage_problems() -> None:
    assert translate(_coded("no such table: t", 1)) is None
    assert translate(ValueError("disk is full")) is None
    assert translate(OSError(errno.ENOENT, "gone")) is None


def test_os_errors(tmp_path: Path) -> None:
    assert str(translate(OSError(errno.ENOSPC, "full"))) == FULL_SENTENCE
    assert str(translate(OSError(errno.EFBIG, "too big"), tmp_path)) == WRITE_SENTENCE
    inside = OSError(errno.EACCES, "denied", str(tmp_path / "vault.db"))
    assert isinstance(translate(inside, tmp_path), NoPermission)
    assert isinstance(translate(OSError(errno.EROFS, "read-only"), tmp_path), NoPermission)
    elsewhere = OSError(errno.EACCES, "denied", "/somewhere/else")
    assert translate(elsewhere, tmp_path) is None
    assert translate(inside) is None  # no vault folder given: not ours to name
