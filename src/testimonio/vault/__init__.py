"""The encrypted vault (no Qt): key slots, SQLCipher connection, schema.

``Vault`` creates, unlocks, locks and re-keys a vault folder; ``KdfParams``
are the Argon2id costs stored in each key slot. See docs/vault.md.
"""

from testimonio.vault.core import DB_NAME, SLOTS_NAME, Vault
from testimonio.vault.kdf import KdfParams
from testimonio.vault.migrations import MIGRATIONS, Migration

__all__ = ["DB_NAME", "MIGRATIONS", "SLOTS_NAME", "KdfParams", "Migration", "Vault"]
