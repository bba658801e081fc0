"""This vault's device keys, kept inside the encrypted vault.

The keys (Ed25519 for signing bundles and team files, X25519 for HPKE) are
made the first time anything asks for them, in the same transaction that
stores them, so two callers can never end up with two different key pairs.
The private bytes never leave this module except as a
:class:`~testimonio.exchange.keys.DeviceKeys` object.

The hybrid MLKEM768-X25519 key (bundle format v2) lives in its own table
(vault migration 4). A vault made before it gets one the first time its
keys are asked for: that is the keys' migration, done here because random
keys cannot be made in SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from testimonio.exchange import kem as hybrid
from testimonio.exchange.keys import DeviceKeys, PublicKeys, generate
from testimonio.vault import Vault, repo_keys, repo_settings


def now() -> str:
    """UTC now, ISO 8601 with milliseconds (as the vault stores times)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class KeyInfo:
    """What ``keys show`` prints: public key id and fingerprint."""

    key_id: str
    fingerprint: str
    signing_public: str  # hex
    encryption_public: str  # hex


class KeyService:
    """Creates (once), stores and hands out this vault's device keys."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._cached: DeviceKeys | None = None

    def ensure(self) -> DeviceKeys:
        """The device keys, made and stored now if the vault has none yet."""
        if self._cached is not None:
            return self._cached
        with self.vault.read() as db:
            stored = repo_keys.device_private(db)
        if stored is None:
            keys = generate(with_kem=False)
            made = hybrid.generate_private()
            with self.vault.transaction() as db:
                # Another caller may have stored keys since we looked: keep theirs.
                repo_keys.store_device_keys(
                    db, repo_keys.DeviceKeyRow(keys.private_bytes(), keys.public.raw,
                                               keys.public.key_id),
                    repo_keys.KemKeyRow(made, hybrid.public_bytes(made)), now())
                stored = repo_keys.device_private(db)
            if stored is None:  # pragma: no cover - the rows were just written
                raise RuntimeError("The device keys could not be stored.")
        self._cached = DeviceKeys.from_private_bytes(*stored)
        return self._cached

    def public(self) -> PublicKeys:
        """This vault's public keys."""
        return self.ensure().public

    def info(self) -> KeyInfo:
        """Key id, fingerprint and the raw public keys (hex)."""
        pub = self.public()
        return KeyInfo(pub.key_id, pub.fingerprint, pub.signing.hex(), pub.encryption.hex())

    def export_public(self, out: Path, name: str = "") -> Path:
        """Write the signed public-key file a researcher hands to the lead.

        ``name`` defaults to the interviewer name of the settings.
        """
        from testimonio.exchange import teamfile

        if not name:
            with self.vault.read() as db:
                stored = repo_settings.raw(db, "pref.interviewer")
            name = _text_setting(stored) if stored is not None else ""
        # The lead can rename anyone on the roster; a file needs some name.
        name = name.strip() or f"Researcher {self.public().fingerprint[:9]}"
        teamfile.write_public_key_file(Path(out), self.ensure(), name)
        return Path(out)


def _text_setting(raw: Any) -> str:
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return ""
    return value if isinstance(value, str) else ""
