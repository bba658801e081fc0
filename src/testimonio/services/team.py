"""Team set-up: the lead's team file, a researcher joining, the lead's roster.

- ``create`` (lead): writes a team file signed with the lead's key: study
  name, the lead's public keys, every installed questionnaire version (the
  XLSForm bytes) and the sites. Marks this vault as the team's lead.
- ``join`` (researcher): after the person confirmed the lead's fingerprint,
  installs the questionnaires and sites and keeps the lead's public key: every
  export is encrypted to it. All in one transaction.
- ``add_researcher`` (lead): after the fingerprint check, adds a researcher's
  public keys to the roster; only bundles signed by a roster key are imported.

The file formats and their signatures belong to :mod:`testimonio.exchange.teamfile`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.errors import BadInput
from testimonio.exchange import teamfile
from testimonio.exchange.kanon import MAX_K, MIN_K
from testimonio.exchange.keys import PublicKeys
from testimonio.services.keys import KeyService, now
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.settings import group_size
from testimonio.vault import Vault, repo_forms, repo_settings, repo_team
from testimonio.vault.db import Db


class NameTaken(BadInput):
    """Another researcher on the roster already goes by this name."""


@dataclass(frozen=True)
class TeamResult:
    """What ``team create`` or ``team join`` did."""

    study: str
    fingerprint: str  # the lead's
    questionnaires: int
    sites: int
    path: Path | None = None


@dataclass(frozen=True)
class Researcher:
    """A researcher's public keys as read from their public-key file."""

    name: str
    public: PublicKeys

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    @property
    def key_id(self) -> str:
        return self.public.key_id


@dataclass(frozen=True)
class RosterEntry:
    """One researcher on the lead's roster."""

    key_id: str
    name: str
    fingerprint: str
    confirmed_at: str


class TeamService:
    """Team file, joining, and the roster."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.keys = KeyService(vault)
        self.forms = QuestionnaireService(vault)

    # --- state -----------------------------------------------------------------
    def role(self) -> str | None:
        """``"lead"``, ``"researcher"`` or None before ``team create`` / ``team join``."""
        team = repo_team.read_team(self.vault)
        return None if team is None else str(team["role"])

    def study(self) -> str | None:
        """The study name of this vault's team."""
        team = repo_team.read_team(self.vault)
        return None if team is None else str(team["study"])

    def sites(self) -> list[str]:
        """Active sites of this vault, in the order they were added."""
        with self.vault.read() as db:
            names = repo_team.active_sites(db)
            stored = repo_settings.raw(db, "pref.sites")
        for name in _listed(stored):
            if name not in names:
                names.append(name)
        return names

    # --- lead ------------------------------------------------------------------
    def create(self, study: str, out: Path) -> TeamResult:
        """Write the signed team file (and make this vault the team's lead)."""
        study = study.strip()
        if not study:
            raise BadInput("The study needs a name.")
        team = repo_team.read_team(self.vault)
        if team is not None and team["role"] != "lead":
            raise BadInput("This vault joined a team as a researcher; it cannot lead one. "
                           "Create a new vault for the team lead.")
        keys = self.keys.ensure()
        forms = []
        with self.vault.read() as db:
            for form_id, version, data, name in repo_forms.sources(db):
                forms.append(teamfile.TeamQuestionnaire(form_id=form_id, version=version,
                                                        xlsform=data, filename=name))
        if not forms:
            raise BadInput("Install the study's questionnaires first (forms add FILE), "
                           "then create the team file.")
        sites = self.sites()
        # The lead's k always travels (the default when never set):
        # researchers may raise it, never lower it.
        k = self.lead_k()
        with self.vault.transaction() as db:
            pub = keys.public
            repo_team.set_team(db, "lead", study, _key_row(pub), now())
            # Written inside the transaction: a failed write leaves no lead role behind.
            teamfile.write_team_file(out, keys, study, forms, sites, k=k)
        return TeamResult(study, keys.public.fingerprint, len(forms), len(sites), out)

    def lead_k(self) -> int:
        """The smallest group size this lead's team file and updates carry."""
        with self.vault.read() as db:
            return min(MAX_K, max(MIN_K, group_size(db)))

    def read_public_key_file(self, path: Path) -> Researcher:
        """A researcher's public-key file, signature checked."""
        found = teamfile.read_public_key_file(Path(path))
        return Researcher(found.name, found.keys)

    def add_researcher(self, researcher: Researcher, name: str | None = None) -> RosterEntry:
        """Add (or rename) a researcher on the roster, after the fingerprint check."""
        if self.role() != "lead":
            raise BadInput("Only the team lead keeps a roster: run 'team create' first.")
        if researcher.key_id == self.keys.public().key_id:
            raise BadInput("This is the lead's own key; add the researchers' keys.")
        # The roster name is shown beside fingerprints: the key files' rule applies.
        shown = teamfile.checked_text((name or researcher.name or researcher.fingerprint[:9]).strip(),
                                      "researcher's name", 200)
        if self.name_taken(shown, researcher.key_id):
            raise NameTaken(f"The roster already has a researcher named {shown!r}. Give this "
                            "researcher a different name (for example with a surname or the "
                            "place they work), so the two are never confused.")
        at = now()
        with self.vault.transaction() as db:
            repo_team.add_to_roster(db, _key_row(researcher.public), shown, at)
        return RosterEntry(researcher.key_id, shown, researcher.fingerprint, at)

    def name_taken(self, name: str, key_id: str = "") -> bool:
        """Whether another key on the roster goes by ``name`` (case and spaces ignored)."""
        wanted = _name_key(name)
        return any(_name_key(e.name) == wanted and e.key_id != key_id for e in self.roster())

    def display_names(self) -> dict[str, str]:
        """Key id -> the name to show, told apart when two share a name."""
        return display_names(self.roster())

    def roster(self) -> list[RosterEntry]:
        """Every researcher on the roster, by name."""
        with self.vault.read() as db:
            rows = repo_team.roster(db)
        return [RosterEntry(*r) for r in rows]

    # --- researcher ------------------------------------------------------------
    def read_team_file(self, path: Path) -> teamfile.TeamFile:
        """The team file, signature checked (the person still confirms the fingerprint)."""
        return teamfile.read_team_file(Path(path))

    def join(self, team: teamfile.TeamFile) -> TeamResult:
        """Join the team of a team file whose fingerprint the person confirmed."""
        current = repo_team.read_team(self.vault)
        lead: PublicKeys = team.lead
        if current is not None:
            if current["role"] == "lead":
                raise BadInput("This vault leads a team; a lead's vault cannot join another team.")
            if current["lead_key_id"] != lead.key_id:
                raise BadInput("This vault already belongs to another team lead; "
                               "use a new vault for this team.")
        if lead.key_id == self.keys.public().key_id:
            raise BadInput("This is your own team file; researchers join it from their vaults.")
        with self.vault.transaction() as db:
            for form in team.questionnaires:
                self.forms.install_bytes(form.xlsform, form.filename)
            for site in team.sites:
                repo_team.activate_site(db, site)
            repo_team.set_team(db, "researcher", team.study, _key_row(lead), now())
            _merge_site_setting(db, list(team.sites))
            if team.k is not None:
                adopt_group_size(db, team.k)
        return TeamResult(team.study, lead.fingerprint, len(team.questionnaires), len(team.sites))


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def display_names(entries: list[RosterEntry]) -> dict[str, str]:
    """Key id -> name, with the fingerprint's first group added where names repeat.

    Two researchers called "Ana" become "Ana (3F2A)" and "Ana (91C0)" in
    every list, message and report, so nobody's bundles are taken for another's.
    """
    counts: dict[str, int] = {}
    for entry in entries:
        counts[_name_key(entry.name)] = counts.get(_name_key(entry.name), 0) + 1
    return {e.key_id: (f"{e.name} ({e.fingerprint[:4]})" if counts[_name_key(e.name)] > 1 else e.name)
            for e in entries}


def _listed(raw: Any) -> list[str]:
    try:
        items = json.loads(raw) if isinstance(raw, str) else None
        if isinstance(items, str):  # stored as JSON text of JSON text
            items = json.loads(items)
    except ValueError:
        return []
    return [i for i in items if isinstance(i, str)] if isinstance(items, list) else []


def _key_row(keys: PublicKeys) -> repo_team.KeyRow:
    """How the team tables store a public key."""
    return repo_team.KeyRow(keys.key_id, keys.raw, keys.kem, keys.fingerprint)


def _merge_site_setting(db: Db, sites: list[str]) -> None:
    """Add the team's sites to the preference the GUI's site pickers read."""
    current = _listed(repo_settings.raw(db, "pref.sites"))
    merged = current + [s for s in sites if s not in current]
    if merged != current:
        repo_settings.put(db, "pref.sites", json.dumps(json.dumps(merged)))


def adopt_group_size(db: Db, k: int) -> None:
    """The lead's k becomes this vault's floor (``team.k``).

    The researcher's own setting stays only as a raise above it: an own k at
    or below the lead's is dropped, so when the lead later lowers k the
    researcher follows, and a researcher who raised k keeps the raise.
    """
    repo_settings.put(db, "team.k", str(k))
    if repo_settings.setting_int(db, "k_anonymity", 0) <= k:
        repo_settings.delete(db, "pref.k_anonymity")
        repo_settings.delete(db, "k_anonymity")
