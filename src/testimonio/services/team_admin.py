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
from typing import Any

from testimonio.errors import BadInput, SecurityRefusal
from testimonio.exchange import teamfile, teamupdate
from testimonio.exchange.fingerprint import is_fingerprint, normalise_fingerprint
from testimonio.exchange.keys import PublicKeys
from testimonio.exchange.teamupdate import Member, Retention, Revocation, TeamUpdate
from testimonio.services import vaultdb
from testimonio.services.keys import KeyService, now
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.team import _merge_site_setting
from testimonio.vault import Vault


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


def retention_of(team: dict[str, Any] | None) -> Retention:
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

    def _lead_team(self) -> dict[str, Any]:
        team = vaultdb.team(self.vault)
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
            row = db.execute("SELECT key_id, name, fingerprint FROM roster WHERE fingerprint = ?",
                             (wanted,)).fetchone()
        if row is None:
            raise BadInput(f"No researcher on the roster has the fingerprint {wanted}.")
        return str(row[0]), str(row[1]), str(row[2])

    def revoke(self, fingerprint: str) -> Revocation:
        """Revoke a researcher's key: bundles numbered after the last imported are refused."""
        self._lead_team()
        key_id, _, fpr = self.find_researcher(fingerprint)
        at = now()
        with self.vault.transaction() as db:
            row = db.execute("SELECT COALESCE(MAX(sequence), 0) FROM import_log "
                             "WHERE researcher = ?", (key_id,)).fetchone()
            db.execute("INSERT INTO revocations (key_id, fingerprint, last_sequence, revoked_at) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                       (key_id, fpr, int(row[0]), at))
            kept = db.execute("SELECT last_sequence, revoked_at FROM revocations "
                              "WHERE key_id = ?", (key_id,)).fetchone()
        return Revocation(key_id, fpr, int(kept[0]), str(kept[1]))

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
            db.execute("INSERT INTO backup_recipients (key_id, public, kem, name, fingerprint, "
                       "added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET "
                       "name = excluded.name, kem = excluded.kem",
                       (found.keys.key_id, found.keys.raw, found.keys.kem, found.name,
                        found.fingerprint, now()))

    def set_retention(self, retention: Retention) -> None:
        """Set the team's retention policy (sent with the next team update)."""
        self._lead_team()
        with self.vault.transaction() as db:
            db.execute("UPDATE team SET retention = ? WHERE id = 1",
                       (json.dumps(retention.to_json()),))

    def retention(self) -> Retention:
        """This vault's retention policy (the lead's own, or the last one received)."""
        return retention_of(vaultdb.team(self.vault))

    def publish(self, out: Path) -> TeamUpdate:
        """Write the next signed, numbered team update to ``out``."""
        from testimonio.services.team import TeamService

        team = self._lead_team()
        keys = self.keys.ensure()
        with self.vault.read() as db:
            forms = tuple(teamfile.TeamQuestionnaire(str(f), str(v), bytes(d), str(n)) for f, v, d, n
                          in db.execute("SELECT form_id, version, source, source_name FROM "
                                        "questionnaires ORDER BY form_id, installed_at"))
            roster = tuple(Member(str(n), PublicKeys.from_raw(bytes(p), None if k is None else bytes(k)))
                           for n, p, k in db.execute("SELECT name, public, kem FROM roster "
                                                     "ORDER BY key_id"))
            revoked = tuple(Revocation(str(k), str(f), int(s), str(a)) for k, f, s, a in db.execute(
                "SELECT key_id, fingerprint, last_sequence, revoked_at FROM revocations "
                "ORDER BY key_id"))
            recipients = tuple(Member(str(n), PublicKeys.from_raw(bytes(p), bytes(k)))
                               for n, p, k in db.execute("SELECT name, public, kem FROM "
                                                         "backup_recipients ORDER BY key_id"))
        update = TeamUpdate(keys.public, int(team["update_number"]) + 1, str(team["study"]), "",
                            tuple(TeamService(self.vault).sites()), forms, roster, revoked,
                            retention_of(team), recipients)
        with self.vault.transaction() as db:
            db.execute("UPDATE team SET update_number = ? WHERE id = 1", (update.number,))
            # Inside the transaction: a failed write does not use up the number.
            teamupdate.write_update(Path(out), keys, update)
        return update

    # --- researcher -------------------------------------------------------------
    def read_update(self, path: Path) -> TeamUpdate:
        """A team update, verified and checked against this vault's team; nothing changed."""
        update = teamupdate.read_update(Path(path))
        team = vaultdb.team(self.vault)
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
            team = vaultdb.team_row(db)
            if team is None or update.number <= int(team["update_number"]):
                raise UpdateRefused("A newer team update was imported meanwhile. Nothing was changed.")
            for form in update.questionnaires:
                installed += int(self.forms.install_result(
                    load_bytes(form.xlsform, form.filename), form.xlsform)[1])
            for site in update.sites:
                db.execute("INSERT INTO sites (name) VALUES (?) ON CONFLICT (name) DO UPDATE "
                           "SET active = 1", (site,))
            _merge_site_setting(db, list(update.sites))
            _replace_members(db, update)
            db.execute("UPDATE team SET update_number = ?, retention = ?, "
                       "lead_kem = COALESCE(?, lead_kem) WHERE id = 1",
                       (update.number, json.dumps(update.retention.to_json()), update.signer.kem))
        return UpdateResult(update.number, installed, len(update.roster), len(update.revocations),
                            len(update.recipients), update.retention)


def _replace_members(db: Any, update: TeamUpdate) -> None:
    """The roster, revocations and backup recipients become the update's."""
    at = now()
    db.execute("DELETE FROM roster")
    db.executemany("INSERT INTO roster (key_id, public, name, fingerprint, confirmed_at, kem) "
                   "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                   [(m.keys.key_id, m.keys.raw, m.name, m.keys.fingerprint, at, m.keys.kem)
                    for m in update.roster])
    # A revocation is never lifted by an update: it only ever gets added.
    db.executemany("INSERT INTO revocations (key_id, fingerprint, last_sequence, revoked_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                   [(r.key_id, r.fingerprint, r.last_sequence, r.revoked_at)
                    for r in update.revocations])
    db.execute("DELETE FROM backup_recipients")
    db.executemany("INSERT INTO backup_recipients (key_id, public, kem, name, fingerprint, "
                   "added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                   [(m.keys.key_id, m.keys.raw, m.keys.kem, m.name, m.keys.fingerprint, at)
                    for m in update.recipients])
