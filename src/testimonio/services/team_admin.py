"""What the lead sends back besides receipts: revocations, backup recipients,
the retention policy, and the signed, numbered team update carrying them.

Lead: :meth:`revoke`, :meth:`add_recipient`, :meth:`set_retention`,
:meth:`publish`. Researcher: :meth:`read_update` then :meth:`apply_update`
(all in one transaction): an update that is not signed by this vault's team
lead, or not newer than the last one imported, is refused (exit 3) and
changes nothing. Questionnaires arriving this way install beside the
versions already there, so interviews already started keep theirs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from testimonio.errors import BadInput, SecurityRefusal
from testimonio.exchange import teamfile, teamupdate
from testimonio.exchange.fingerprint import is_fingerprint, normalise_fingerprint
from testimonio.exchange.keys import PublicKeys
from testimonio.exchange.teamupdate import Member, Retention, Revocation, TeamUpdate
from testimonio.services.keys import KeyService, now
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.team import _key_row, _merge_site_setting, adopt_group_size
from testimonio.vault import Vault, repo_forms, repo_imports, repo_team
from testimonio.vault.db import Db
from testimonio.vault.repo_team import TeamRow


class UpdateRefused(SecurityRefusal):
    """A team update that is foreign or older than the last one imported."""


@dataclass(frozen=True)
class UpdateResult:
    """What importing a team update changed."""

    number: int
    questionnaires: int  # newly installed versions
    roster: int
    revocations: int
    recipients: int
    retention: Retention
    k: int | None = None  # the lead's smallest group size, when the update carries one


def retention_of(team: TeamRow | None) -> Retention:
    """The retention policy stored in a team row (keep when unset or unreadable)."""
    try:
        raw = json.loads(team["retention"]) if team else {}
        return Retention(str(raw.get("action", "keep")), int(raw.get("days", 0)))
    except (ValueError, TypeError, AttributeError, BadInput):
        return Retention()


class TeamAdminService:
    """Revocation, backup recipients, retention and team updates."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.keys = KeyService(vault)
        self.forms = QuestionnaireService(vault)

    def _lead_team(self) -> TeamRow:
        team = repo_team.read_team(self.vault)
        if team is None or team["role"] != "lead":
            raise BadInput("Only the team lead's vault can do this: run 'team create' first.")
        return team

    # --- lead -----------------------------------------------------------------
    def find_researcher(self, fingerprint: str) -> tuple[str, str, str]:
        """(key id, name, fingerprint) of the roster entry with this fingerprint."""
        wanted = normalise_fingerprint(fingerprint)
        if not is_fingerprint(wanted):
            raise BadInput("A fingerprint is 32 hexadecimal digits, as 'keys show' prints it.")
        with self.vault.read() as db:
            row = repo_team.roster_by_fingerprint(db, wanted)
        if row is None:
            raise BadInput(f"No researcher on the roster has the fingerprint {wanted}.")
        return row.key_id, row.name, row.fingerprint

    def revoke(self, fingerprint: str) -> Revocation:
        """Revoke a researcher's key: bundles numbered after the last imported are refused."""
        self._lead_team()
        key_id, _, fpr = self.find_researcher(fingerprint)
        at = now()
        with self.vault.transaction() as db:
            last = repo_imports.last_sequence(db, key_id)
            kept = repo_team.revoke(db, repo_team.RevocationRow(key_id, fpr, last, at))
        return Revocation(key_id, fpr, kept.last_sequence, kept.revoked_at)

    def read_recipient_file(self, path: Path) -> teamfile.ResearcherKeyFile:
        """A backup recipient's public-key file (signature checked; needs a hybrid key)."""
        found = teamfile.read_public_key_file(Path(path))
        if found.keys.kem is None:
            raise BadInput("This key file has no hybrid (post-quantum) key: make it again with "
                           "this version of Testimonio ('keys export').")
        return found

    def add_recipient(self, found: teamfile.ResearcherKeyFile) -> None:
        """Add a backup recipient (after the fingerprint check); every bundle is wrapped to it."""
        team = self._lead_team()
        if found.keys.key_id == team["lead_key_id"]:
            raise BadInput("This is the lead's own key; a backup recipient is another key.")
        assert found.keys.kem is not None
        with self.vault.transaction() as db:
            repo_team.add_recipient(db, _key_row(found.keys), found.name, now())

    def set_retention(self, retention: Retention) -> None:
        """Set the team's retention policy (sent with the next team update)."""
        self._lead_team()
        with self.vault.transaction() as db:
            repo_team.set_retention(db, json.dumps(retention.to_json()))

    def retention(self) -> Retention:
        """This vault's retention policy (the lead's own, or the last one received)."""
        return retention_of(repo_team.read_team(self.vault))

    def publish(self, out: Path) -> TeamUpdate:
        """Write the next signed, numbered team update to ``out``."""
        from testimonio.services.team import TeamService

        team = self._lead_team()
        keys = self.keys.ensure()
        with self.vault.read() as db:
            forms = tuple(teamfile.TeamQuestionnaire(*f) for f in repo_forms.sources(db))
            roster = tuple(Member(n, PublicKeys.from_raw(p, k)) for n, p, k in repo_team.roster_keys(db))
            revoked = tuple(Revocation(*r) for r in repo_team.revocations(db))
            recipients = tuple(Member(n, PublicKeys.from_raw(p, k))
                               for n, p, k in repo_team.recipients(db))
        update = TeamUpdate(keys.public, int(team["update_number"]) + 1, str(team["study"]), "",
                            tuple(TeamService(self.vault).sites()), forms, roster, revoked,
                            retention_of(team), recipients, TeamService(self.vault).lead_k())
        with self.vault.transaction() as db:
            repo_team.set_update_number(db, update.number)
            # Inside the transaction: a failed write does not use up the number.
            teamupdate.write_update(Path(out), keys, update)
        return update

    # --- researcher -------------------------------------------------------------
    def read_update(self, path: Path) -> TeamUpdate:
        """A team update, verified and checked against this vault's team; nothing changed."""
        update = teamupdate.read_update(Path(path))
        team = repo_team.read_team(self.vault)
        if team is None:
            raise BadInput("Join the team first (team join TEAM_FILE), then import its updates.")
        if team["role"] == "lead":
            raise BadInput("This vault leads the team; team updates are for researchers.")
        if update.signer.key_id != team["lead_key_id"]:
            raise UpdateRefused("This team update is not signed by your team's lead "
                                f"(it is signed by {update.signer.fingerprint}). Nothing was changed.")
        if update.number <= int(team["update_number"]):
            raise UpdateRefused(f"This is team update number {update.number}, but number "
                                f"{team['update_number']} was already imported: an older update "
                                "cannot replace a newer one. Nothing was changed.")
        if any(m.keys.kem is None for m in update.recipients):
            raise UpdateRefused("The team update names a backup recipient without a hybrid key. "
                                "Nothing was changed.")
        return update

    def apply_update(self, update: TeamUpdate) -> UpdateResult:
        """Install what a checked update carries, all in one transaction."""
        from testimonio.forms.loader import load_bytes

        installed = 0
        with self.vault.transaction() as db:
            team = repo_team.team(db)
            if team is None or update.number <= int(team["update_number"]):
                raise UpdateRefused("A newer team update was imported meanwhile. Nothing was changed.")
            for form in update.questionnaires:
                installed += int(self.forms.install_result(
                    load_bytes(form.xlsform, form.filename), form.xlsform)[1])
            for site in update.sites:
                repo_team.activate_site(db, site)
            _merge_site_setting(db, list(update.sites))
            _replace_members(db, update)
            if update.k is not None:
                adopt_group_size(db, update.k)
            repo_team.apply_update(db, update.number, json.dumps(update.retention.to_json()),
                                   update.signer.kem)
        return UpdateResult(update.number, installed, len(update.roster), len(update.revocations),
                            len(update.recipients), update.retention, update.k)


def _replace_members(db: Db, update: TeamUpdate) -> None:
    """The roster, revocations and backup recipients become the update's."""
    at = now()
    repo_team.replace_roster(db, [(_key_row(m.keys), m.name) for m in update.roster], at)
    # A revocation is never lifted by an update: it only ever gets added.
    repo_team.add_revocations(db, [repo_team.RevocationRow(r.key_id, r.fingerprint,
                                                           r.last_sequence, r.revoked_at)
                                   for r in update.revocations])
    repo_team.replace_recipients(db, [(_key_row(m.keys), m.name) for m in update.recipients], at)
