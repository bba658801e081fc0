"""Fixtures for vault tests: a fresh vault with cheap Argon2id costs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from testimonio.vault import KdfParams, Vault

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault_and_key(vault_dir: Path) -> Iterator[tuple[Vault, str]]:
    vault, recovery = Vault.create(vault_dir, PASSPHRASE, kdf=KdfParams.FAST)
    yield vault, recovery
    vault.lock()


@pytest.fixture
def vault(vault_and_key: tuple[Vault, str]) -> Vault:
    return vault_and_key[0]
