"""The application context: the open vault and the services over it.

One :class:`AppContext` lives as long as the program. It opens and closes
the vault and builds each service the first time a view asks for it, so
that starting the program costs nothing for the parts not used. Locking
drops the vault and every service (and with them the key); views must not
keep services across a lock.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from testimonio.errors import VaultLocked, VaultMissing

log = logging.getLogger(__name__)

# attribute -> (module, class): the services views may ask for. The lead's
# services may not exist in every build; asking for a missing one raises
# ServiceUnavailable, which views turn into a "not available" message.
SERVICES: dict[str, tuple[str, str]] = {
    "interviews": ("testimonio.services.interviews", "InterviewService"),
    "questionnaires": ("testimonio.services.questionnaires", "QuestionnaireService"),
    "settings_store": ("testimonio.services.settings", "SettingsService"),
    "export": ("testimonio.services.export", "ExportService"),
    "import_": ("testimonio.services.import_", "ImportService"),
    "report": ("testimonio.services.report", "ReportService"),
    "team": ("testimonio.services.team", "TeamService"),
    "keys": ("testimonio.services.keys", "KeyService"),
}


class ServiceUnavailable(VaultLocked):
    """A part of the program is not in this build."""


class AppContext:
    """Holds the vault (when unlocked) and builds services lazily.

    Attributes named in :data:`SERVICES` (``interviews``, ``questionnaires``,
    ``export``, ``import_``, ``report``, ``team``, ``keys``) and
    ``preferences`` (also ``settings``) are services over the open vault.
    """

    def __init__(self, vault_dir: Path, kdf: Any = None) -> None:
        self.vault_dir = Path(vault_dir)
        self.vault: Any = None
        # Argon2id parameters for new vaults; None means tuned on this machine.
        self.kdf = kdf
        self._services: dict[str, Any] = {}

    # --- the vault -----------------------------------------------------------
    def vault_exists(self) -> bool:
        """Whether a vault is at :attr:`vault_dir` (never creates one)."""
        from testimonio.vault import Vault

        return Vault.exists(self.vault_dir)

    @property
    def is_open(self) -> bool:
        return self.vault is not None

    def create(self, passphrase: str) -> str:
        """Create the vault (the first write to disk); returns the recovery key."""
        from testimonio.services.setup import create_vault

        made = create_vault(self.vault_dir, passphrase, kdf=self.kdf)
        self._opened(made.vault)
        return made.recovery_key

    def unlock(self, passphrase: str) -> None:
        """Open the vault; :class:`~testimonio.errors.WrongPassphrase` if wrong."""
        from testimonio.vault import Vault

        if not self.vault_exists():
            raise VaultMissing(f"There is no vault in {self.vault_dir}.")
        self._opened(Vault.unlock(self.vault_dir, passphrase))

    def unlock_with_recovery_key(self, recovery_key: str, new_passphrase: str) -> None:
        """Open with the recovery key and set a new passphrase."""
        from testimonio.vault import Vault

        self._opened(Vault.unlock_with_recovery(self.vault_dir, recovery_key))
        self.vault.change_passphrase(new_passphrase)

    def _opened(self, vault: Any) -> None:
        self._services.clear()
        self.vault = vault

    def lock(self) -> None:
        """Close the vault, drop the key and every service."""
        vault, self.vault = self.vault, None
        self._services.clear()
        if vault is not None:
            try:
                vault.lock()
            except Exception:  # noqa: BLE001 - locking must always finish
                log.exception("error while closing the vault")

    # --- services ------------------------------------------------------------
    def service(self, name: str) -> Any:
        """The service ``name`` over the open vault, built on first use."""
        if self.vault is None:
            raise VaultLocked("The vault is locked; unlock it to go on.")
        if name not in self._services:
            self._services[name] = self._build(name)
        return self._services[name]

    def has_service(self, name: str) -> bool:
        """Whether the service's module is in this build."""
        module = SERVICES[name][0] if name in SERVICES else None
        if module is None:
            return name in {"preferences", "settings"}
        try:
            importlib.import_module(module)
        except ImportError:
            return False
        return True

    def _build(self, name: str) -> Any:
        if name in {"preferences", "settings"}:
            from testimonio.services.preferences import Preferences

            preferences = Preferences(self.service("settings_store"))
            preferences.subscribe(self._sync_sites)
            return preferences
        module_name, class_name = SERVICES[name]
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            log.debug("service %s missing", name, exc_info=True)
            raise ServiceUnavailable("This part of the program is not available yet.") from error
        return getattr(module, class_name)(self.vault)

    def _sync_sites(self, name: str, value: Any) -> None:
        # The sites setting is also the vault's site table, which the
        # interview service and the exports read.
        if name != "sites" or not isinstance(value, list):
            return
        service = self.service("interviews")
        current = set(service.sites())
        for site in value:
            if site not in current:
                service.add_site(site)
        for site in current - set(value):
            service.deactivate_site(site)

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not found normally: the services.
        if name in SERVICES or name in {"preferences", "settings"}:
            return self.service("preferences" if name == "settings" else name)
        raise AttributeError(name)
