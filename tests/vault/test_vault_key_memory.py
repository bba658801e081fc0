"""Issue 15 item 11: the key lives in one buffer that lock() wipes; a vault is
never made beside other files."""

from __future__ import annotations

from pathlib import Path

import pytest
from vault_fixtures import PASSPHRASE

from testimonio.errors import BadInput
from testimonio.services.interviews import InterviewService
from testimonio.vault import KdfParams, Vault


def test_the_key_is_one_buffer_wiped_at_lock(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", PASSPHRASE, kdf=KdfParams.FAST)
    InterviewService(vault).start("form", "1", "Tumbes", "ana", "es")
    key = vault._require_key()
    assert isinstance(key, bytearray) and len(key) == 32 and any(key)
    assert vault._require_key() is key  # handed out, never copied
    commits = vault._commits
    assert commits is not None
    mac_key = commits._mac_key
    assert any(mac_key)
    vault.lock()
    assert key == bytearray(32)
    assert mac_key == bytearray(32)
    again = Vault.unlock(tmp_path / "v", PASSPHRASE)  # the wipe touched only memory
    again.lock()


def test_create_refuses_a_folder_holding_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "carta.txt").write_text("personal")
    with pytest.raises(BadInput, match="already holds other files"):
        Vault.create(folder, PASSPHRASE, kdf=KdfParams.FAST)
    assert [p.name for p in folder.iterdir()] == ["carta.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["documents"]
    empty = tmp_path / "empty"
    empty.mkdir()
    Vault.create(empty, PASSPHRASE, kdf=KdfParams.FAST)[0].lock()  # an empty folder is fine
    assert Vault.exists(empty)
