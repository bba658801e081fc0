"""Self-test steps over the whole study: questionnaires, an interview, a team, a bundle.

Appended to :data:`testimonio.services.selftest.STEPS`. A lead's vault and a
researcher's vault are made inside the self-test's temporary folder: the
lead installs every shipped questionnaire and writes the team file; the
researcher joins, records one complete border testimony (checked by the
same form state the GUI uses), and exports a bundle that the lead imports.
"""

from __future__ import annotations

from pathlib import Path

from testimonio.errors import AnswersInvalid
from testimonio.forms.model import AnswerValue, Questionnaire
from testimonio.paths import shipped_forms_dir
from testimonio.services.selftest_state import SELFTEST_KDF, SelfTest, SelfTestFailed

BORDER_ID = "border_testimony"
SITE = "Selftest site"
WHO = "Selftest"


def _fail(message: str) -> Exception:
    return SelfTestFailed(message)


def _lead_dir(state: SelfTest) -> Path:
    return state.folder / "lead"


def _researcher_dir(state: SelfTest) -> Path:
    return state.folder / "researcher"


def border_answers(q: Questionnaire, sample: str) -> list[tuple[str, AnswerValue]]:
    """Answers of one complete border testimony, in form order (repeat count first)."""
    p = {n.name: n.path for n in q.walk()}
    return [
        (p["consent"], "yes"),
        (p["alias"], sample),
        # Identifiers share no word with the alias: the export's safety net
        # rightly holds back an alias that holds a word of an identifier.
        (p["real_name"], "Rosa Canario Pérez"),
        (p["document_number"], "V-19.876.543"),
        (p["phone"], "+51 999 000 000"),
        (p["gender"], "female"),
        (p["age"], 34),
        (p["occupation"], "teacher"),
        (p["travels_with_others"], "no"),
        (p["reasons"], ["food", "threats"]),
        (p["account"], "Rosa cruzó por el puente, sin sellos"),
        (p["destination"], "peru"),
        (p["documents_held"], ["id_card"]),
        (p["entry_result"], "refused"),
        (p["refusal_reasons"], ["no_visa"]),
        (p["sent_to_asylum"], "yes"),
        (p["exception_criteria"], ["none"]),
        (p["asylum_claimed"], "yes"),
        (p["claim_date"], "2019-10-01"),
        (p["interview_minutes"], 5),
        (p["decision"], "rejected_verbal"),
        (p["decision_date"], "2019-11-10"),
        (p["has_family_abroad"], "no"),
        ("quotes", 1),
        ("quotes[1]/quote_text", f"{sample} quote"),
        ("quotes[1]/quote_citable", "yes"),
    ]


def questionnaires(state: SelfTest) -> str:
    """The lead's vault, with every shipped questionnaire loaded and installed."""
    from testimonio.services.interviews import InterviewService
    from testimonio.services.questionnaires import QuestionnaireService
    from testimonio.vault import Vault

    files = sorted(shipped_forms_dir().glob("*.xlsx"))
    if not files:
        raise _fail(f"no questionnaire found in {shipped_forms_dir()}")
    state.lead, _ = Vault.create(_lead_dir(state), state.passphrase, kdf=SELFTEST_KDF)
    service = QuestionnaireService(state.lead)
    installed = [service.install(path).form_id for path in files]
    if BORDER_ID not in installed:
        raise _fail(f"{BORDER_ID} is not among the shipped questionnaires")
    InterviewService(state.lead).add_site(SITE)
    return ", ".join(installed)


def team(state: SelfTest) -> str:
    """Lead writes the team file; a researcher joins; the lead adds the researcher's key."""
    from testimonio.services.keys import KeyService
    from testimonio.services.team import TeamService
    from testimonio.vault import Vault

    if state.lead is None:
        raise _fail("there is no lead vault")
    lead = TeamService(state.lead)
    team_file = state.folder / "team.tmt"
    created = lead.create("Selftest study", team_file)
    state.researcher, _ = Vault.create(_researcher_dir(state), state.passphrase, kdf=SELFTEST_KDF)
    researcher = TeamService(state.researcher)
    joined = researcher.join(researcher.read_team_file(team_file))
    if joined.fingerprint != created.fingerprint:
        raise _fail("the researcher sees another fingerprint than the lead's")
    key_file = state.folder / "researcher.pub"
    KeyService(state.researcher).export_public(key_file, name=WHO)
    lead.add_researcher(lead.read_public_key_file(key_file))
    if len(lead.roster()) != 1 or researcher.role() != "researcher":
        raise _fail("the roster or the researcher's role is wrong")
    return f"{joined.questionnaires} questionnaire(s), {joined.sites} site(s) shared"


def interview(state: SelfTest) -> str:
    """One complete border testimony in the researcher's vault, checked by the form state."""
    from testimonio.forms.state import FormState
    from testimonio.services.interviews import InterviewService
    from testimonio.services.questionnaires import QuestionnaireService

    if state.researcher is None:
        raise _fail("there is no researcher vault")
    q = QuestionnaireService(state.researcher).get(BORDER_ID)
    language = q.default_language
    form = FormState(q, {}, language)
    for path, value in border_answers(q, state.sample):
        form.set(path, value)
    if form.problems():
        raise AnswersInvalid([f"{p.path}: {p.message}" for p in form.problems()])
    service = InterviewService(state.researcher)
    state.border_id = service.start(q.form_id, q.version, SITE, WHO, language)
    for path, value in form.answers().items():
        service.set_answer(state.border_id, path, value, WHO)
    service.complete(state.border_id, WHO)
    if service.get(state.border_id).status != "complete":
        raise _fail("the interview is not complete")
    return f"{len(form.answers())} answers, complete"


def export(state: SelfTest) -> str:
    """The researcher exports a bundle for the lead."""
    from testimonio.services.export import ExportService

    if state.researcher is None:
        raise _fail("there is no researcher vault")
    state.bundle = state.folder / "selftest.tmb"
    # One interview is always a group smaller than k: accepting that risk is
    # the point of a test bundle that never leaves the temporary folder.
    result = ExportService(state.researcher).write(state.bundle, accept_risk=True)
    if result.interviews != 1 or not state.bundle.is_file():
        raise _fail(f"the bundle holds {result.interviews} interviews instead of 1")
    if state.sample.encode() in state.bundle.read_bytes():
        raise _fail("the bundle holds readable answers")
    return f"bundle {result.sequence}, {state.bundle.stat().st_size} bytes, encrypted"


def import_(state: SelfTest) -> str:
    """The lead imports the bundle and finds the interview with its answers."""
    from testimonio.services.import_ import ImportService
    from testimonio.services.interviews import InterviewQuery, InterviewService

    if state.lead is None or state.bundle is None:
        raise _fail("there is no lead vault or no bundle")
    result = ImportService(state.lead).import_file(state.bundle)
    if result.added != 1:
        raise _fail(result.sentence())
    service = InterviewService(state.lead)
    rows = service.page(InterviewQuery(offset=0, limit=10))
    if len(rows) != 1:
        raise _fail(f"the lead's vault holds {len(rows)} interviews instead of 1")
    if rows[0].alias != state.sample or rows[0].form_id != BORDER_ID:
        raise _fail("the imported interview is not the one exported")
    if not service.answers(rows[0].id):
        raise _fail("the imported interview has no answers")
    return f"1 interview imported from {result.researcher}"


def about(state: SelfTest) -> str:
    """The About dialog's versions: SQLCipher answers, every component knows its version."""
    from testimonio.services.about import components, sqlcipher_version

    cipher = sqlcipher_version()
    if not cipher or cipher[0] not in "0123456789":
        raise _fail(f"SQLCipher did not give its version ({cipher!r})")
    unknown = [c.name for c in components() if not c.version or c.version == "bundled"]
    if unknown:
        raise _fail("no version known for " + ", ".join(unknown))
    return f"SQLCipher {cipher}, {len(components())} components with versions and licences"
