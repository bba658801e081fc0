"""Making a new vault ready to use: the one place both ``init`` and the GUI call.

Set-up is atomic: the vault is built, with its device keys and the shipped
questionnaires, in a hidden folder beside the chosen one, and moved into
place by :meth:`NewVault.install` only once the caller has shown the
recovery key. Until then (Ctrl-C, a crash, a full disk) the chosen folder is
as it was and ``init`` can simply be run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from testimonio.services.keys import KeyService
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import KdfParams, Vault


@dataclass(frozen=True)
class NewVault:
    """A freshly built, open vault and what the person must be shown once."""

    vault: Vault
    recovery_key: str
    fingerprint: str
    questionnaires: tuple[str, ...]  # "form_id version" of those installed
    notes: tuple[str, ...] = ()  # what was tidied up on the way (leftovers removed)

    def install(self) -> Vault:
        """Move the vault into its folder (call once the recovery key was shown)."""
        self.vault.install()
        return self.vault

    def discard(self) -> None:
        """Give up: lock the vault and remove it; the folder stays as it was."""
        self.vault.discard()


def create_vault(path: Path, passphrase: str, *, kdf: KdfParams | None = None,
                 staged: bool = False) -> NewVault:
    """Build the vault, its device keys and the shipped questionnaires.

    The keys are made with the vault (ARCHITECTURE: "created with it"), and
    the questionnaires shipped with the program are installed so a researcher
    can start an interview before joining a team. Anything failing removes
    the whole unfinished vault. With ``staged`` the vault is not yet in
    place: the caller shows the recovery key, then calls
    :meth:`NewVault.install` (or :meth:`NewVault.discard`); ``init`` does so.
    """
    vault, recovery_key = Vault.create(path, passphrase, kdf=kdf, staged=True)
    try:
        fingerprint = KeyService(vault).info().fingerprint
        added = QuestionnaireService(vault).install_shipped()
    except BaseException:
        vault.discard()
        raise
    made = NewVault(vault, recovery_key, fingerprint,
                    tuple(f"{q.form_id} {q.version}" for q in added), vault.setup_notes)
    if not staged:
        made.install()
    return made
