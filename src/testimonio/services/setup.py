"""Making a new vault ready to use: the one place both ``init`` and the GUI call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from testimonio.services.keys import KeyService
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import KdfParams, Vault


@dataclass(frozen=True)
class NewVault:
    """A freshly created, open vault and what the person must be shown once."""

    vault: Vault
    recovery_key: str
    fingerprint: str
    questionnaires: tuple[str, ...]  # "form_id version" of those installed


def create_vault(path: Path, passphrase: str, *, kdf: KdfParams | None = None) -> NewVault:
    """Create the vault, its device keys and the shipped questionnaires.

    The keys are made with the vault (ARCHITECTURE: "created with it"), and
    the questionnaires shipped with the program are installed so a researcher
    can start an interview before joining a team. If anything after the
    creation fails, the vault is still there and usable; the error is raised.
    """
    vault, recovery_key = Vault.create(path, passphrase, kdf=kdf)
    try:
        fingerprint = KeyService(vault).info().fingerprint
        added = QuestionnaireService(vault).install_shipped()
    except BaseException:
        vault.lock()
        raise
    return NewVault(vault, recovery_key, fingerprint,
                    tuple(f"{q.form_id} {q.version}" for q in added))
