"""A flipped byte in the database or the key file says "damaged", never "wrong passphrase"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from vault_fixtures import PASSPHRASE, new_vault

from testimonio.errors import VaultDamaged, WrongPassphrase
from testimonio.services.interviews import InterviewQuery, InterviewService
from testimonio.vault import DB_NAME, SLOTS_NAME, KdfParams, Vault


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault_and_key(vault_dir: Path) -> Iterator[tuple[Vault, str]]:
    yield from new_vault(vault_dir)


@pytest.fixture
def vault(vault_and_key: tuple[Vault, str]) -> Vault:
    return vault_and_key[0]


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _filled(vault_dir: Path) -> None:
    vault, _ = Vault.create(vault_dir, PASSPHRASE, kdf=KdfParams.FAST)
    service = InterviewService(vault)
    for n in range(60):
        interview = service.start("form", "1", f"site {n % 3}", "ana", "es")
        for q in range(10):
            service.set_answer(interview, f"q{q}", f"answer {n} {q} " * 5, "ana")
    vault.lock()  # checkpoints the WAL into the database file


@pytest.mark.parametrize("where", [0.25, 0.5, 0.75])
def test_flipped_byte_in_database_is_damaged(vault_dir: Path, where: float) -> None:
    _filled(vault_dir)
    db = vault_dir / DB_NAME
    _flip(db, int(db.stat().st_size * where))
    with pytest.raises(VaultDamaged) as caught:
        vault = Vault.unlock(vault_dir, PASSPHRASE)
        try:  # a large vault would notice on reading the page instead
            InterviewService(vault).page(InterviewQuery(limit=1000))
            vault.verify()
        finally:
            vault.lock()
    assert "damaged" in str(caught.value)
    assert caught.value.exit_code == 3


def test_damage_found_on_read_in_an_open_vault(vault_dir: Path) -> None:
    _filled(vault_dir)
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    try:
        db = vault_dir / DB_NAME
        _flip(db, db.stat().st_size // 2)
        with vault.read() as conn:
            conn.execute("PRAGMA cache_size = 0")  # read pages from the file again
        with pytest.raises(VaultDamaged):
            vault.verify()
    finally:
        vault.lock()


def test_flipped_first_page_is_damaged(vault_dir: Path) -> None:
    _filled(vault_dir)
    _flip(vault_dir / DB_NAME, 100)
    with pytest.raises(VaultDamaged):
        Vault.unlock(vault_dir, PASSPHRASE)


def _slot_span(raw: bytes, kind: str) -> tuple[int, int]:
    start = raw.index(f'"kind": "{kind}"'.encode())
    return start, raw.index(b"}", start)


def test_flipped_byte_anywhere_in_passphrase_slot_is_damaged(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    slots = vault_dir / SLOTS_NAME
    original = slots.read_bytes()
    start, end = _slot_span(original, "passphrase")
    for offset in range(start, end, 3):
        _flip(slots, offset)
        with pytest.raises(VaultDamaged) as caught:
            Vault.unlock(vault_dir, PASSPHRASE)
        assert not isinstance(caught.value, WrongPassphrase)
        slots.write_bytes(original)


def test_flipped_byte_in_the_middle_of_the_slot_file(vault_and_key: tuple[Vault, str],
                                                     vault_dir: Path) -> None:
    vault, recovery = vault_and_key
    vault.lock()
    slots = vault_dir / SLOTS_NAME
    _flip(slots, len(slots.read_bytes()) // 2)
    outcomes = []
    for opener in (lambda: Vault.unlock(vault_dir, PASSPHRASE),
                   lambda: Vault.unlock_with_recovery(vault_dir, recovery)):
        try:
            opener().lock()
            outcomes.append("opened")
        except VaultDamaged as error:
            assert "damaged" in str(error)
            outcomes.append("damaged")
    # The byte belongs to one slot: that one is damaged, the other still opens.
    assert sorted(outcomes) == ["damaged", "opened"]


def test_truncated_or_garbage_slot_file_is_damaged(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    slots = vault_dir / SLOTS_NAME
    original = slots.read_bytes()
    for broken in (original[: len(original) // 2], b"", b"\x00" * 100,
                   json.dumps({"format": "x"}).encode()):
        slots.write_bytes(broken)
        with pytest.raises(VaultDamaged):
            Vault.unlock(vault_dir, PASSPHRASE)


def test_wrong_passphrase_with_intact_file_is_not_damage(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_dir, "not it at all")
