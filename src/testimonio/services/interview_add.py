"""A whole interview added at once (``interviews add``): validated, stored, or nothing stored.

The answers come as the nested JSON the CLI reads (see forms/answers_json.py);
image/file/audio answers name files relative to ``base``, which become
attachments inside the vault. Without ``complete`` the answers given must be
valid (types, choices, constraints) but required ones may be missing, as in
a draft; with it, :meth:`InterviewService.complete` checks everything.
Everything is stored in one transaction (:meth:`InterviewService.add_interview`):
a refusal, a crash or a full disk leaves all of it or none.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.errors import AnswersInvalid, BadInput
from testimonio.forms.answers_json import to_flat
from testimonio.forms.model import ATTACHMENT_TYPES, AnswerValue, Group, Question, Questionnaire
from testimonio.forms.state import FormState
from testimonio.forms.state_paths import model_path
from testimonio.limits import MAX_ATTACHMENT_BYTES
from testimonio.paths import name_text
from testimonio.services.interviews import InterviewService, NewAttachment, check_site
from testimonio.services.preferences import Preferences
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.settings import SettingsService
from testimonio.vault import Vault


@dataclass(frozen=True)
class AddedInterview:
    """What was stored."""

    interview_id: str
    form_id: str
    version: str
    site: str
    status: str  # "draft" or "complete"
    site_added: bool  # the vault had no site list and this site was added


def add_interview(vault: Vault, form_id: str, data: Any, base: Path, site: str, *,
                  complete: bool, wanted_language: str = "en") -> AddedInterview:
    """Validate ``data`` against the newest ``form_id``, store it as one interview.

    AnswersInvalid lists every problem; nothing is stored then. Messages are
    in ``wanted_language`` when the questionnaire has it.
    """
    if not site.strip():
        raise BadInput("Give the site of the interview with --site.")
    site = check_site(site)
    questionnaire = QuestionnaireService(vault).get(form_id)
    language = (wanted_language if wanted_language in questionnaire.languages
                else questionnaire.default_language)
    flat = to_flat(questionnaire, data)
    files = _attachment_files(questionnaire, flat, base)
    state = _checked_state(questionnaire, flat, language, complete)
    interviews = InterviewService(vault)
    who = _interviewer(vault)
    site_added = _known_site(vault, interviews, site)
    items: list[tuple[str, AnswerValue | NewAttachment]] = []
    for path, value in state.answers().items():
        if path in files:
            raw = files[path]
            mime = mimetypes.guess_type(raw.name)[0] or "application/octet-stream"
            items.append((path, NewAttachment(raw.read_bytes, mime, name_text(raw))))
        else:
            items.append((path, value))
    # Messages follow the caller's language; the interview is taken in the
    # questionnaire's own default language (as it opens in the GUI).
    interview_id = interviews.add_interview(questionnaire.form_id, questionnaire.version, site,
                                            who, questionnaire.default_language, items,
                                            complete=complete)
    return AddedInterview(interview_id, questionnaire.form_id, questionnaire.version, site,
                          "complete" if complete else "draft", site_added)


def _checked_state(q: Questionnaire, flat: dict[str, AnswerValue], language: str,
                   complete: bool) -> FormState:
    """The answers set one by one in a form state, as the GUI would; every problem listed."""
    state = FormState(q, {}, language)
    problems: list[str] = []
    for path, value in _in_order(q, flat):
        try:
            state.set(path, value)
        except AnswersInvalid as error:
            problems.extend(error.problems)
    if problems:
        raise AnswersInvalid(problems)
    if complete:
        state.finish()  # the `end` metadata: now
    found = [p for p in state.problems() if complete or p.kind != "required"]
    if found:
        raise AnswersInvalid([f"{_where(p.path)}: {p.message}" for p in found])
    return state


def _in_order(q: Questionnaire, flat: dict[str, AnswerValue]) -> list[tuple[str, AnswerValue]]:
    """Repeat counts before the answers inside their instances, outer repeats first.

    Counts of repeats driven by ``repeat_count`` are left to the form state.
    """
    items: list[tuple[int, int, str, AnswerValue]] = []
    for path, value in flat.items():
        node = q.node(model_path(path)) if q.has_path(model_path(path)) else None
        if isinstance(node, Group):
            if node.repeat_count:
                continue
            items.append((path.count("["), 0, path, value))
        else:
            items.append((path.count("["), 1, path, value))
    items.sort(key=lambda item: (item[0], item[1]))
    return [(path, value) for _, _, path, value in items]


def _attachment_files(q: Questionnaire, flat: dict[str, AnswerValue], base: Path) -> dict[str, Path]:
    """Files named by attachment answers; every missing or too large file is a problem."""
    files: dict[str, Path] = {}
    problems: list[str] = []
    for path, value in flat.items():
        try:
            node = q.node(model_path(path))
        except KeyError:
            continue
        if not isinstance(node, Question) or node.type not in ATTACHMENT_TYPES:
            continue
        candidate = Path(str(value))
        candidate = candidate if candidate.is_absolute() else base / candidate
        if not candidate.is_file():
            problems.append(f"{_where(path)}: there is no file {value}.")
        elif candidate.stat().st_size > MAX_ATTACHMENT_BYTES:
            problems.append(f"{_where(path)}: the file {value} is larger than "
                            f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
        else:
            files[path] = candidate
    if problems:
        raise AnswersInvalid(problems)
    return files


def _known_site(vault: Vault, interviews: InterviewService, site: str) -> bool:
    """True when ``site`` was added; BadInput when the vault's site list lacks it.

    The site list the program offers (set in the settings or by the team): a
    site not on it is refused, not added behind the researcher's back. A vault
    with no list yet takes the site as its first.
    """
    if site in interviews.sites(include_inactive=True):
        return False
    listed = Preferences(SettingsService(vault)).sites
    if listed:
        raise BadInput(f"'{site}' is not in this vault's site list; use one of: "
                       + ", ".join(listed) + ".")
    interviews.add_site(site)
    return True


def _interviewer(vault: Vault) -> str:
    try:
        name = Preferences(SettingsService(vault)).interviewer
    except Exception:  # noqa: BLE001 - the edit log still needs a name
        name = ""
    return str(name or "interviewer")


def _where(path: str) -> str:
    return path or "(form)"
