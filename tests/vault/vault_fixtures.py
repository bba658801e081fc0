"""Shared set-up for vault tests: a fresh vault with cheap Argon2id costs.

Each test module declares its fixtures over :func:`new_vault`; this is not a
conftest.py because a second module named ``conftest`` would shadow the one
tests/gui imports from.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from testimonio.vault import KdfParams, Vault

PASSPHRASE = "correct horse battery staple"


def new_vault(vault_dir: Path) -> Iterator[tuple[Vault, str]]:
    """Create a vault in ``vault_dir``; yields (vault, recovery key), then locks it."""
    vault, recovery = Vault.create(vault_dir, PASSPHRASE, kdf=KdfParams.FAST)
    yield vault, recovery
    vault.lock()
