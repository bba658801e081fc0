"""The GUI's side of team set-up: the team file, the researchers' key files.

The team dialog and the researchers view call ``services.team`` and
``services.keys`` through here and get back the plain facts they show before
a step is taken (what a team file says, whose key a key file holds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from testimonio.gui.context import AppContext


@dataclass(frozen=True)
class TeamFileInfo:
    """What a team file says, shown before joining."""

    study: str
    lead_fingerprint: str
    questionnaires: tuple[str, ...]
    sites: tuple[str, ...]
    team: Any = field(default=None, compare=False, repr=False)  # the service's object


@dataclass(frozen=True)
class KeyFileInfo:
    """A researcher's public-key file, shown before adding it to the roster."""

    name: str
    fingerprint: str
    researcher: Any = field(default=None, compare=False, repr=False)


def my_fingerprint(context: AppContext) -> str:
    """This vault's fingerprint, in read-aloud groups."""
    return str(context.keys.info().fingerprint)


def export_my_key(context: AppContext, out: Path, name: str) -> Path:
    """Write this vault's public-key file for the lead."""
    return Path(context.keys.export_public(out, name))


def create_team(context: AppContext, name: str, out: Path) -> Path:
    """(Lead) write the signed team file."""
    result = context.team.create(name, out)
    return Path(getattr(result, "path", out))


def _names(items: Any) -> tuple[str, ...]:
    if isinstance(items, int) or items is None:
        return ()
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            out.append(" ".join(str(item.get(k, "")) for k in ("form_id", "version")).strip()
                       or str(item.get("name", "")))
        else:
            form = getattr(item, "form_id", None) or getattr(item, "name", None) or str(item)
            version = getattr(item, "version", "")
            out.append(f"{form} {version}".strip())
    return tuple(out)


def read_team_file(context: AppContext, path: Path) -> TeamFileInfo:
    """(Researcher) what the team file says; refuses a damaged or forged one."""
    team = context.team.read_team_file(path)
    fingerprint = getattr(team, "lead_fingerprint", None) or team.lead.fingerprint
    return TeamFileInfo(team.study, str(fingerprint),
                        _names(getattr(team, "questionnaires", ())),
                        _names(getattr(team, "sites", ())), team)


def join_team(context: AppContext, info: TeamFileInfo) -> None:
    """(Researcher) install the team's questionnaires and sites, remember the lead's key."""
    context.team.join(info.team)


def read_key_file(context: AppContext, path: Path) -> KeyFileInfo:
    """(Lead) the name and fingerprint in a researcher's public-key file."""
    researcher = context.team.read_public_key_file(path)
    return KeyFileInfo(researcher.name, researcher.fingerprint, researcher)


def add_researcher(context: AppContext, info: KeyFileInfo, name: str | None = None) -> None:
    """(Lead) put a researcher's key on the roster (after the fingerprint check)."""
    context.team.add_researcher(info.researcher, name or None)
