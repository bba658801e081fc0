"""The application context: the open vault and the services over it.

One :class:`AppContext` lives as long as the program; app.py (the
composition root) makes it. It opens and closes the vault and builds each
service the first time a view asks for it. Every service is a typed
property, so mypy checks each call from the GUI into a service and a module
missing from a build fails at once instead of hiding behind a message.
Locking drops the vault and every service (and with them the key); views
must not keep services across a lock. Views never see the vault itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from testimonio.errors import VaultLocked, VaultMissing

if TYPE_CHECKING:
    from testimonio.services.data_view import DataViewService
    from testimonio.services.export import ExportService
    from testimonio.services.folder_import import FolderImporter
    from testimonio.services.import_ import ImportService
    from testimonio.services.interviews import InterviewService
    from testimonio.services.keys import KeyService
    from testimonio.services.preferences import Preferences, SettingValue
    from testimonio.services.questionnaires import QuestionnaireService
    from testimonio.services.receipts import ReceiptService
    from testimonio.services.report import ReportService
    from testimonio.services.retention import RetentionService
    from testimonio.services.settings import SettingsService
    from testimonio.services.setup import NewVault
    from testimonio.services.summary_query import SummaryQuery
    from testimonio.services.team import TeamService
    from testimonio.services.team_admin import TeamAdminService
    from testimonio.vault import KdfParams, Vault

log = logging.getLogger(__name__)

S = TypeVar("S")


class AppContext:
    """Holds the vault (when unlocked) and builds the services over it lazily.

    The service modules are imported on first use (in the properties below)
    so that the start-up, before the unlock, costs only the unlock screen.
    """

    def __init__(self, vault_dir: Path, kdf: KdfParams | None = None) -> None:
        self.vault_dir = Path(vault_dir)
        self._vault: Vault | None = None
        # Argon2id parameters for new vaults; None means tuned on this machine.
        self.kdf = kdf
        self._services: dict[str, object] = {}
        self._new_vault: NewVault | None = None  # built, not yet in place (first run)

    # --- the vault -----------------------------------------------------------
    def vault_exists(self) -> bool:
        """Whether a vault is at :attr:`vault_dir` (never creates one)."""
        from testimonio.vault import Vault

        return Vault.exists(self.vault_dir)

    @property
    def is_open(self) -> bool:
        """Whether the vault is unlocked."""
        return self._vault is not None

    def create(self, passphrase: str) -> str:
        """Create the vault, complete and in place; returns the recovery key."""
        recovery_key = self.create_staged(passphrase)
        self.install_new_vault()
        return recovery_key

    def create_staged(self, passphrase: str) -> str:
        """Build the vault (the first write to disk); returns the recovery key.

        The vault is complete and open but staged beside :attr:`vault_dir`:
        the first-run wizard moves it into place with :meth:`install_new_vault`
        once the recovery key has been shown and checked, and
        :meth:`discard_new_vault` leaves no vault.
        """
        from testimonio.services.setup import create_vault

        made = create_vault(self.vault_dir, passphrase, kdf=self.kdf, staged=True)
        self._new_vault = made
        self._opened(made.vault)
        return made.recovery_key

    def recovery_slot_damaged(self) -> bool:
        """Whether the open vault found its recovery-key slot damaged (it opened all the same)."""
        from testimonio.vault.core import DAMAGED_RECOVERY

        return self._vault is not None and DAMAGED_RECOVERY in self._vault.warnings

    @property
    def new_vault_pending(self) -> bool:
        """Whether a vault was built but is not yet in place (recovery key unchecked)."""
        return self._new_vault is not None

    def install_new_vault(self) -> None:
        """Move the vault built by :meth:`create` into :attr:`vault_dir` (it stays open)."""
        if self._new_vault is not None:
            self._new_vault.install()
            self._new_vault = None

    def discard_new_vault(self) -> None:
        """Give up the vault built by :meth:`create`: no vault is left."""
        made, self._new_vault = self._new_vault, None
        if made is not None:
            self._vault = None
            self._services.clear()
            made.discard()

    def unlock(self, passphrase: str) -> None:
        """Open the vault; :class:`~testimonio.errors.WrongPassphrase` if wrong."""
        from testimonio.vault import Vault

        if not self.vault_exists():
            raise VaultMissing(f"There is no vault in {self.vault_dir}.")
        self._opened(Vault.unlock(self.vault_dir, passphrase))

    def unlock_with_recovery_key(self, recovery_key: str, new_passphrase: str) -> None:
        """Open with the recovery key and set a new passphrase."""
        from testimonio.vault import Vault

        vault = Vault.unlock_with_recovery(self.vault_dir, recovery_key)
        self._opened(vault)
        vault.change_passphrase(new_passphrase)

    def change_passphrase(self, current: str, new: str) -> None:
        """Check ``current`` against the open vault's key slot, then re-wrap under ``new``.

        :class:`~testimonio.errors.WrongPassphrase` when ``current`` is not it;
        both steps derive keys with Argon2id, so callers run this off the GUI thread.
        """
        from testimonio.vault import KdfParams

        vault = self._require_vault()
        vault.check_passphrase(current)
        # Argon2id tuned again on this machine, as `testimonio passwd` does
        # (never below 64 MiB); ``kdf`` is given by tests only.
        vault.change_passphrase(new, kdf=self.kdf or KdfParams.tuned())

    def _opened(self, vault: Vault) -> None:
        self._services.clear()
        self._vault = vault

    def _require_vault(self) -> Vault:
        if self._vault is None:
            raise VaultLocked("The vault is locked; unlock it to go on.")
        return self._vault

    def lock(self) -> None:
        """Close the vault, drop the key and every service."""
        vault, self._vault = self._vault, None
        self._services.clear()
        if vault is not None:
            try:
                vault.lock()
            except Exception:  # noqa: BLE001 - locking must always finish
                log.exception("error while closing the vault")

    # --- services ------------------------------------------------------------
    def _service(self, name: str, build: Callable[[Vault], S]) -> S:
        """The service ``name`` over the open vault, built by ``build`` on first use."""
        vault = self._require_vault()
        if name not in self._services:
            self._services[name] = build(vault)
        made: S = self._services[name]  # type: ignore[assignment]
        return made

    @property
    def interviews(self) -> InterviewService:
        """Interviews, sites and attachments."""
        from testimonio.services.interviews import InterviewService

        return self._service("interviews", InterviewService)

    @property
    def questionnaires(self) -> QuestionnaireService:
        """The installed questionnaires."""
        from testimonio.services.questionnaires import QuestionnaireService

        return self._service("questionnaires", QuestionnaireService)

    @property
    def settings_store(self) -> SettingsService:
        """The raw key/value settings stored in the vault."""
        from testimonio.services.settings import SettingsService

        return self._service("settings_store", SettingsService)

    @property
    def preferences(self) -> Preferences:
        """The typed settings; changing the sites also changes the vault's site table."""
        from testimonio.services.preferences import Preferences

        def build(_vault: Vault) -> Preferences:
            preferences = Preferences(self.settings_store)
            preferences.subscribe(self._sync_sites)
            return preferences

        return self._service("preferences", build)

    @property
    def export(self) -> ExportService:
        """Signed, encrypted bundles for the lead."""
        from testimonio.services.export import ExportService

        return self._service("export", ExportService)

    @property
    def import_(self) -> ImportService:
        """The lead's import of researchers' bundles."""
        from testimonio.services.import_ import ImportService

        return self._service("import_", ImportService)

    @property
    def folder_import(self) -> FolderImporter:
        """The lead's import of every new bundle in a folder."""
        from testimonio.services.folder_import import FolderImporter

        return self._service("folder_import", lambda vault: FolderImporter(vault, self.import_))

    @property
    def report(self) -> ReportService:
        """The lead's report over imported interviews."""
        from testimonio.services.report import ReportService

        return self._service("report", ReportService)

    @property
    def data_view(self) -> DataViewService:
        """The lead's answers as tables, a filtered page at a time."""
        from testimonio.services.data_view import DataViewService

        return self._service("data_view", DataViewService)

    @property
    def summary_query(self) -> SummaryQuery:
        """The summary's figures under the data view's filters."""
        from testimonio.services.summary_query import SummaryQuery

        return self._service("summary_query", lambda vault: SummaryQuery(vault, self.data_view))

    @property
    def team(self) -> TeamService:
        """Team files, researchers and their keys."""
        from testimonio.services.team import TeamService

        return self._service("team", TeamService)

    @property
    def keys(self) -> KeyService:
        """This device's keys."""
        from testimonio.services.keys import KeyService

        return self._service("keys", KeyService)

    def _sync_sites(self, name: str, value: SettingValue) -> None:
        # The sites setting is also the vault's site table, which the
        # interview service and the exports read.
        if name != "sites" or not isinstance(value, list):
            return
        service = self.interviews
        current = set(service.sites())
        for site in value:
            if site not in current:
                service.add_site(site)
        for site in current - set(value):
            service.deactivate_site(site)

    @property
    def receipts(self) -> ReceiptService:
        """Receipts: written by the lead, imported by a researcher."""
        from testimonio.services.receipts import ReceiptService

        return self._service("receipts", ReceiptService)

    @property
    def team_admin(self) -> TeamAdminService:
        """Revocations, backup recipients, retention policy and team updates."""
        from testimonio.services.team_admin import TeamAdminService

        return self._service("team_admin", TeamAdminService)

    @property
    def retention(self) -> RetentionService:
        """The retention policy applied to received interviews, and purges."""
        from testimonio.services.retention import RetentionService

        return self._service("retention", RetentionService)
