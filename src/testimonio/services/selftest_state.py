"""The state the self-test steps share, apart from the steps so that
selftest.py and selftest_team.py both import it without a circle."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from testimonio.errors import TestimonioError
from testimonio.vault import KdfParams, Vault
from testimonio.vault.kdf import DEFAULT_LANES

# RFC 9106's 64 MiB and one pass: real Argon2id work (a big allocation, the
# lanes) at a fraction of a second, since the steps derive six keys.
SELFTEST_KDF = KdfParams(time_cost=1, memory_kib=64 * 1024, lanes=DEFAULT_LANES)


def new_sample() -> str:
    """The canary the steps write and look for: ``selftest`` and 16 hex digits.

    Drawn again in the rare case the export's safety net would hold it back
    as an alias (a run of digits that reads like a phone or a cédula).
    """
    from testimonio.exchange.textnet import findings

    while True:
        sample = "selftest " + secrets.token_hex(8)
        if not findings(sample):
            return sample


class SelfTestFailed(TestimonioError):
    """A self-test step found something wrong."""


@dataclass
class SelfTest:
    """What the steps share: the temporary folder and what they made in it."""

    folder: Path
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    vault: Vault | None = None
    recovery_key: str = ""
    interview_id: str = ""
    sample: str = field(default_factory=new_sample)
    # The study steps (selftest_team): a lead's and a researcher's vault.
    lead: Vault | None = None
    researcher: Vault | None = None
    border_id: str = ""
    bundle: Path | None = None

    @property
    def vault_dir(self) -> Path:
        return self.folder / "vault"

    def open_vault(self) -> Vault:
        if self.vault is None or self.vault.locked:
            raise SelfTestFailed("the vault is not open")
        return self.vault
