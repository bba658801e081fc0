"""A lead and researchers with real vaults, forms, keys and team files (for exchange tests).

Not a test module: the export, import, team and report tests build their
world with it. Everything is real: SQLCipher vaults (cheap Argon2id), the
shipped border questionnaire, signed team files, bundles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from testimonio.forms.loader import load_questionnaire
from testimonio.forms.model import Questionnaire
from testimonio.paths import shipped_forms_dir
from testimonio.services.export import ExportService
from testimonio.services.import_ import ImportService
from testimonio.services.interviews import InterviewService
from testimonio.services.keys import KeyService
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.team import TeamService
from testimonio.vault import KdfParams, Vault

PASSPHRASE = "pass phrase"  # every side's vault
BORDER = shipped_forms_dir() / "border_testimony.xlsx"
FORM: Questionnaire = load_questionnaire(BORDER)
P = {n.name: n.path for n in FORM.walk()}

# Canaries: entered at the researcher's side, must never be found after export.
CANARY_NAME = "CANARYNAME Quispe"
CANARY_DOC = "CANARYDOC-4471"
CANARY_PHONE = "+51 999 471 123"
CANARY_STORY = "CANARYSTORY we hid in the house of my cousin"
SAFE_QUOTE_PREFIX = "SAFEQUOTE"


def border_answers(n: int, *, age: int = 34, gender: str = "female", visa: bool = False,
              decision: str = "rejected_verbal") -> dict[str, Any]:
    """Answers of one complete border testimony (flat, by answer path)."""
    held = ["passport", "visa_peru"] if visa else ["id_card"]
    return {
        P["consent"]: "yes",
        P["alias"]: f"Alias{n}",
        P["real_name"]: CANARY_NAME,
        P["document_number"]: CANARY_DOC,
        P["phone"]: CANARY_PHONE,
        P["gender"]: gender,
        P["age"]: age,
        P["occupation"]: "teacher",
        P["travels_with_others"]: "no",
        P["reasons"]: ["food", "threats"],
        P["account"]: CANARY_STORY,
        P["destination"]: "peru",
        P["documents_held"]: held,
        P["entry_result"]: "refused",
        P["refusal_reasons"]: ["no_visa"],
        P["sent_to_asylum"]: "yes",
        P["exception_criteria"]: ["none"],
        P["asylum_claimed"]: "yes",
        P["claim_date"]: "2019-10-01",
        P["interview_minutes"]: 5,
        P["decision"]: decision,
        P["decision_date"]: "2019-11-10",
        P["has_family_abroad"]: "no",
        "quotes": 1,
        "quotes[1]/quote_text": f"{SAFE_QUOTE_PREFIX} {n}: they told us to go back",
        "quotes[1]/quote_citable": "yes",
    }


@dataclass
class Side:
    """One person's vault and services."""

    vault: Vault
    name: str
    dir: Path
    services: dict[str, Any] = field(default_factory=dict)

    @property
    def export(self) -> ExportService:
        return ExportService(self.vault)

    @property
    def import_(self) -> ImportService:
        return ImportService(self.vault)

    @property
    def team(self) -> TeamService:
        return TeamService(self.vault)

    @property
    def interviews(self) -> InterviewService:
        return InterviewService(self.vault)

    def add(self, answers: dict[str, Any], site: str = "CEBAF Peru", complete: bool = True) -> str:
        """A new interview with ``answers``, completed by default."""
        svc = self.interviews
        iid = svc.start(FORM.form_id, FORM.version, site, self.name, "es")
        for path, value in answers.items():
            svc.set_answer(iid, path, value, self.name)
        if complete:
            svc.complete(iid, self.name)
        return iid

    def database_text(self) -> str:
        """Every value of every table, decrypted, as one text (for canary checks)."""
        parts: list[str] = []
        with self.vault.read() as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                for row in db.execute(f'SELECT * FROM "{table}"'):
                    parts.extend(bytes(v).decode("utf-8", "replace") if isinstance(v, bytes | memoryview)
                                 else str(v) for v in row)
        return "\n".join(parts)


def small_form(path: Path, form_id: str, questions: list[tuple[str, str, str, str]]) -> Path:
    """An XLSForm of ``questions`` (type, name, label, privacy), version 1."""
    from openpyxl import Workbook

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label", "privacy"])
    for row in questions:
        survey.append(list(row))
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append([form_id, "1"])
    wb.save(path)
    return path


def photo_form(path: Path) -> Path:
    """A small XLSForm with a picture that may leave (not an identifier)."""
    return small_form(path, "photos", [
        ("text", "alias", "Alias", "safe"), ("text", "full_name", "Name", "identifier"),
        ("image", "place", "Photo of the place", ""), ("image", "id_card", "Identity card", "identifier")])


_PEAK_CHILD = """
import sys
from pathlib import Path
{imports}
from testimonio.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), {passphrase!r})
args = sys.argv[2:]
result = {expression}
vault.lock()
peak = next(int(line.split()[1]) // 1024 for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(result, peak)
"""


def with_peak_memory(side: Side, imports: str, expression: str, *args: str) -> tuple[str, int]:
    """Unlock ``side``'s vault (locked) in a fresh process and evaluate ``expression`` there
    (``vault`` and ``args`` in scope, after ``imports``): (its result as text, the
    process's peak RSS in MB, read from /proc: Linux only)."""
    import subprocess
    import sys

    code = _PEAK_CHILD.format(imports=imports, passphrase=PASSPHRASE, expression=expression)
    out = subprocess.run([sys.executable, "-c", code, str(side.dir), *args],
                         capture_output=True, text=True, check=True).stdout.split()
    return out[0], int(out[1])


def new_side(tmp: Path, name: str) -> Side:
    vault, _ = Vault.create(tmp / name, PASSPHRASE, kdf=KdfParams.FAST)
    return Side(vault, name, tmp / name)


def team_of(tmp: Path, researchers: int = 1, forms: tuple[Path, ...] = ()) -> tuple[Side, list[Side]]:
    """A lead with the border form (and ``forms``) installed and ``researchers`` on the roster."""
    lead = new_side(tmp, "lead")
    for form in (BORDER, *forms):
        QuestionnaireService(lead.vault).install(form)
    lead.interviews.add_site("CEBAF Peru")
    team_file = tmp / "team.tmt"
    lead.team.create("Border 2019", team_file)
    people = []
    for i in range(researchers):
        r = new_side(tmp, f"researcher{i + 1}")
        r.team.join(r.team.read_team_file(team_file))
        key_file = tmp / f"r{i + 1}.pub"
        KeyService(r.vault).export_public(key_file, name=f"Researcher {i + 1}")
        lead.team.add_researcher(lead.team.read_public_key_file(key_file))
        people.append(r)
    return lead, people
