"""A lead and a researcher with real vaults, for the export/import GUI tests.

Everything is real: SQLCipher vaults (cheap Argon2id through the API), the
shipped border questionnaire, the team file, public-key files and bundles.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.gui.context import AppContext
from testimonio.vault.kdf import KdfParams

ROOT = Path(__file__).resolve().parents[2]
BORDER_FORM = ROOT / "forms" / "border_testimony.xlsx"
PASSPHRASE = "correct horse battery staple"
REAL_NAME = "Maria Fernanda Quispe"  # an identifier: must never leave
SITES = ("CEBAF Peru", "Tumbes")


@dataclass
class Team:
    lead: AppContext
    researcher: AppContext
    team_file: Path
    key_file: Path


def new_context(folder: Path) -> AppContext:
    ctx = AppContext(folder, kdf=KdfParams.FAST)
    ctx.create(PASSPHRASE)
    return ctx


def lead_with_team(tmp: Path) -> tuple[AppContext, Path]:
    """A lead's vault with the border questionnaire, two sites and a team file."""
    lead = new_context(tmp / "lead")
    lead.questionnaires.install(BORDER_FORM)
    for site in SITES:
        lead.interviews.add_site(site)
    team_file = tmp / "peru.testimonio-team"
    lead.team.create("Peru border 2026", team_file)
    return lead, team_file


def team(tmp: Path, join: bool = True) -> Team:
    """Lead and researcher; ``join``: the researcher joined and is on the roster."""
    lead, team_file = lead_with_team(tmp)
    researcher = new_context(tmp / "researcher")
    key_file = tmp / "ana.testimonio-key"
    researcher.keys.export_public(key_file, "Ana Torres")
    if join:
        researcher.team.join(researcher.team.read_team_file(team_file))
        lead.team.add_researcher(lead.team.read_public_key_file(key_file))
    return Team(lead, researcher, team_file, key_file)


def add_testimony(ctx: Any, number: int, account: str = "", site: str = SITES[0], **extra: Any) -> str:
    """One complete testimony, shaped like the reference trip's."""
    form = ctx.questionnaires.get("border_testimony")
    svc = ctx.interviews
    iid = str(svc.start(form.form_id, form.version, site, "Ana", "es"))
    answers: dict[str, Any] = {
        "consent": "yes",
        "person/alias": f"Persona {number:02d}",
        "person/real_name": f"{REAL_NAME} {number}",
        "person/document_number": f"V-1234{number:04d}",
        "person/gender": "female" if number % 2 else "male",
        "person/age": 20 + 7 * number,
        "travel/travels_with_others": "no",
        "leaving/reasons": ["food", "threats"],
        "route/destination": "peru",
        "documents/documents_held": ["passport", "visa_peru"] if number < 2 else ["id_card"],
        "entry/entry_result": "refused",
        "entry/refusal_reasons": ["no_visa"],
        "exceptions/exception_criteria": ["none"],
        "asylum/asylum_claimed": "yes",
        "asylum/claim_date": "2026-10-01",
        "asylum/decision": "rejected_verbal" if number % 3 else "pending",
        "family/has_family_abroad": "no",
    }
    if account:
        answers["leaving/account"] = account
    answers.update(extra)
    for path, value in answers.items():
        svc.set_answer(iid, path, value, who="Ana")
    svc.complete(iid, who="Ana")
    return iid


def lead_answers(lead: Any) -> list[dict[str, Any]]:
    """Every answer of every interview in the lead's vault."""
    with lead._vault.read() as db:  # the test reads the storage itself, below the services
        ids = [r[0] for r in db.execute("SELECT id FROM interviews ORDER BY id")]
    return [lead.interviews.answers(i) for i in ids]


def lead_state(lead: Any) -> tuple[int, ...]:
    """Row counts of what an import may change (to prove a refusal changed nothing)."""
    with lead._vault.read() as db:  # the test reads the storage itself, below the services
        return tuple(int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
                     for table in ("interviews", "answers", "import_log", "attachments"))


def wait_privacy_checked(qtbot: Any, dialog: Any) -> None:
    """Wait for the export dialog's privacy step and its plan, made off the GUI thread."""
    qtbot.waitUntil(lambda: dialog.current_step() == dialog.PRIVACY, timeout=15000)
    qtbot.waitUntil(lambda: dialog.job is not None and dialog.job.is_done()
                    and dialog.next_button.isEnabled()
                    and not dialog.privacy_progress.isVisible(), timeout=15000)
