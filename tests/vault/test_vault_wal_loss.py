"""Issue 15 item 4: a deleted or altered WAL is named as damage, never opened with saves gone.

Each test first makes the situation the attack found: a process that saved
interviews and died (kill -9) before any checkpoint, so the saves live only
in ``vault.db-wal``; then the WAL is deleted or one byte of it flipped.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from vault_fixtures import PASSPHRASE

from testimonio.errors import VaultDamaged
from testimonio.services.interviews import InterviewQuery, InterviewService
from testimonio.vault import DB_NAME, KdfParams, Vault
from testimonio.vault.commits import COMMITS_NAME, counter_key

INTERVIEWS = 24
# Saves 24 interviews, says so, then waits to be killed: nothing is checkpointed.
SAVER = """
import sys, time
from pathlib import Path
from testimonio.services.interviews import InterviewQuery, InterviewService
from testimonio.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
service = InterviewService(vault)
for n in range(int(sys.argv[3])):
    i = service.start("form", "1", "Tumbes", "ana", "es")
    service.set_answer(i, "alias", f"person {n}", "ana")
print("saved", flush=True)
time.sleep(60)
"""


def _crashed_with_saves(folder: Path) -> None:
    Vault.create(folder, PASSPHRASE, kdf=KdfParams.FAST)[0].lock()
    proc = subprocess.Popen([sys.executable, "-c", SAVER, str(folder), PASSPHRASE, str(INTERVIEWS)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "saved"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=20)
    assert (folder / (DB_NAME + "-wal")).stat().st_size > 0


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file byte for byte (the -shm index aside; an empty WAL is no WAL)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.name != DB_NAME + "-shm" and not (p.name.endswith("-wal") and not p.stat().st_size)}


def _query() -> InterviewQuery:
    return InterviewQuery()


def test_after_a_crash_every_save_is_there(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    _crashed_with_saves(folder)
    with Vault.unlock(folder, PASSPHRASE) as vault:
        assert InterviewService(vault).count(_query()) == INTERVIEWS


def test_deleted_wal_is_damage_with_the_number_of_lost_saves(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    _crashed_with_saves(folder)
    (folder / (DB_NAME + "-wal")).unlink()
    (folder / (DB_NAME + "-shm")).unlink(missing_ok=True)
    before = _snapshot(folder)
    with pytest.raises(VaultDamaged) as caught:
        Vault.unlock(folder, PASSPHRASE)
    assert caught.value.exit_code == 3
    assert "vault.db-wal" in str(caught.value)
    assert f"{INTERVIEWS * 2} saved change(s) are missing" in str(caught.value)
    assert _snapshot(folder) == before  # nothing was changed by looking


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_flipped_byte_in_the_wal_is_damage_and_the_wal_is_kept(tmp_path: Path, where: float) -> None:
    folder = tmp_path / "vault"
    _crashed_with_saves(folder)
    wal = folder / (DB_NAME + "-wal")
    data = bytearray(wal.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    wal.write_bytes(bytes(data))
    before = _snapshot(folder)
    with pytest.raises(VaultDamaged) as caught:
        Vault.unlock(folder, PASSPHRASE)
    assert "saved change(s) are missing" in str(caught.value)
    # The damaged WAL is left as found (a read-only look): no checkpoint, no delete.
    assert _snapshot(folder) == before


def test_cli_reports_the_lost_wal_with_exit_3(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    _crashed_with_saves(folder)
    (folder / (DB_NAME + "-wal")).unlink()
    done = subprocess.run([sys.executable, "-m", "testimonio", "--vault", str(folder),
                           "interviews", "list"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "TESTIMONIO_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert "saved change(s) are missing" in done.stderr
    assert done.stdout == ""


def test_commit_record_deleted_or_damaged_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    _crashed_with_saves(folder)
    record = folder / COMMITS_NAME
    saved = record.read_bytes()
    record.write_bytes(bytes(len(saved)))
    with pytest.raises(VaultDamaged, match="commit record"):
        Vault.unlock(folder, PASSPHRASE)
    record.unlink()
    with pytest.raises(VaultDamaged, match="lost its commit record"):
        Vault.unlock(folder, PASSPHRASE)
    record.write_bytes(saved)
    with Vault.unlock(folder, PASSPHRASE) as vault:
        assert InterviewService(vault).count(_query()) == INTERVIEWS


def test_a_torn_record_falls_back_to_the_other_slot(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    _crashed_with_saves(folder)
    record = folder / COMMITS_NAME
    data = bytearray(record.read_bytes())
    counts = {offset: int.from_bytes(data[offset:offset + 8], "big") for offset in (0, 64)}
    latest = max(counts, key=lambda offset: counts[offset])
    assert abs(counts[0] - counts[64]) == 1
    data[latest + 20] ^= 0xFF  # the newest record torn: the older one (one less) holds
    record.write_bytes(bytes(data))
    with Vault.unlock(folder, PASSPHRASE) as vault:
        assert InterviewService(vault).count(_query()) == INTERVIEWS


def test_records_are_the_documented_hmac(tmp_path: Path) -> None:
    """Each record is the count and HMAC-SHA256(HKDF key, prefix + vault id + count),
    as docs/vault.md and vault/commits.py say: computed here from scratch, so a
    change to how the MAC is worked out cannot change what vaults hold."""
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf=KdfParams.FAST)
    with vault:
        service = InterviewService(vault)
        iid = service.start("form", "1", "Tumbes", "ana", "es")
        service.set_answer(iid, "q", "sí", "ana")
        mac_key = bytes(counter_key(vault._require_key()))
        vault_id = vault.vault_id
    data = (folder / COMMITS_NAME).read_bytes()
    counts = []
    for offset in (0, 64):
        count = int.from_bytes(data[offset:offset + 8], "big")
        message = b"testimonio-commits/1/" + vault_id.encode("ascii") + data[offset:offset + 8]
        assert data[offset + 8:offset + 40] == hmac.new(mac_key, message, hashlib.sha256).digest()
        assert count % 2 == offset // 64
        counts.append(count)
    assert abs(counts[0] - counts[1]) == 1 and max(counts) >= 2


def test_an_older_vault_gets_its_commit_record_at_unlock(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf=KdfParams.FAST)
    vault.lock()
    (folder / COMMITS_NAME).unlink()  # as a vault made before the counter
    with Vault.unlock(folder, PASSPHRASE) as again:
        InterviewService(again).start("form", "1", "Tumbes", "ana", "es")
    assert (folder / COMMITS_NAME).stat().st_size == 128
    Vault.unlock(folder, PASSPHRASE).lock()


def test_saves_are_checkpointed_in_the_background(tmp_path: Path) -> None:
    import time

    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf=KdfParams.FAST)
    try:
        service = InterviewService(vault)
        interview = service.start("form", "1", "Tumbes", "ana", "es")
        checkpointer = vault._checkpointer
        assert checkpointer is not None
        before = checkpointer.done
        service.set_answer(interview, "alias", "Rosa", "ana")
        deadline = time.monotonic() + 10
        while checkpointer.done == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert checkpointer.done > before
    finally:
        vault.lock()
