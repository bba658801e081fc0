"""Interviews: start, answer, attach, complete, reopen, delete, list (no Qt).

The GUI and the CLI both call :class:`InterviewService`. Every change is one
short transaction that also appends its row to the edit log and raises the
interview's revision, so what was shown as saved survives a crash. Nothing
here writes answers to the program's log: only ids and event names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from testimonio.errors import AnswersInvalid, BadInput, NotFound
from testimonio.forms.state import FormState
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import Vault, repo_imports
from testimonio.vault import records as rec
from testimonio.vault import repo_interviews as repo
from testimonio.vault.db import Db
from testimonio.vault.records import (
    AnswerValue,
    Attachment,
    AttachmentInfo,
    EditLogEntry,
    Interview,
    InterviewQuery,
    InterviewSummary,
)
from testimonio.vault.repeats import remove_instance

__all__ = ["Attachment", "AttachmentInfo", "EditLogEntry", "Interview", "InterviewQuery",
           "InterviewService", "InterviewSummary", "NewAttachment", "check_site"]

log = logging.getLogger(__name__)

_INSTANCE = re.compile(r"(?P<repeat>.+)\[(?P<index>[1-9][0-9]*)\]")  # fullmatch
ALIAS_NAME = "alias"
MAX_SITE_CHARS = 100


def check_site(name: str) -> str:
    """The site name, trimmed; BadInput if empty, too long or holding control characters.

    Site names reach terminals, CSV files and window titles: no newline,
    ESC or other control or format character gets in, nor half of a
    surrogate pair (no UTF-8 text, so no vault, holds one).
    """
    name = name.strip()
    if not name:
        raise BadInput("A site needs a name.")
    if len(name) > MAX_SITE_CHARS:
        raise BadInput(f"A site name can be at most {MAX_SITE_CHARS} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in name):
        raise BadInput("A site name cannot hold control characters (such as a line break "
                       "or an escape).")
    return name


@dataclass(frozen=True)
class NewAttachment:
    """A file to store as the answer of an attachment question (read when stored)."""

    load: Callable[[], bytes]
    mime: str
    caption: str = ""


def _is_alias(path: str) -> bool:
    """The question named "alias" outside any repeat feeds the list's alias column."""
    return "[" not in path and path.rsplit("/", 1)[-1] == ALIAS_NAME


class InterviewService:
    """Use cases over the interviews of one unlocked vault."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    # --- reading ------------------------------------------------------------

    def get(self, interview_id: str) -> Interview:
        """The interview's record; NotFound if there is none."""
        with self._vault.read() as db:
            return rec.interview(db, interview_id)

    def answers(self, interview_id: str) -> dict[str, AnswerValue]:
        """Every answer by answer path (NotFound for an unknown interview)."""
        with self._vault.read() as db:
            rec.interview(db, interview_id)
            return rec.answers(db, interview_id)

    def withheld(self, interview_id: str) -> dict[str, str] | None:
        """(lead) What an imported interview's export withheld: answer path -> reason; None
        when its bundle did not say (an older program) or it was taken in this vault."""
        with self._vault.read() as db:
            return repo_imports.withheld_answers(db, interview_id)

    def history(self, interview_id: str) -> list[EditLogEntry]:
        """The interview's edit log, oldest first."""
        with self._vault.read() as db:
            rec.interview(db, interview_id)
            return rec.edit_log(db, interview_id)

    def imported_from(self, interview_id: str) -> str | None:
        """Who sent this interview in a bundle (None if it was taken here)."""
        with self._vault.read() as db:
            return _sender(db, interview_id)

    def page(self, query: InterviewQuery, total: int | None = None) -> list[InterviewSummary]:
        """One page of the list (never the whole table). ``total``: how many match, when
        the caller kept the count (a page nearer the end is then read from the end)."""
        with self._vault.read() as db:
            return rec.page(db, query, total=total)

    def page_and_count(self, query: InterviewQuery) -> tuple[list[InterviewSummary], int]:
        """One page of the list and how many interviews match in all (one read: a
        search with a filter shares its work between the two)."""
        with self._vault.read() as db:
            return rec.page_and_count(db, query)

    def count(self, query: InterviewQuery) -> int:
        """How many interviews match the query's filters."""
        with self._vault.read() as db:
            return rec.count(db, query)

    def find(self, id_prefix: str) -> Interview:
        """The interview whose id is or starts with ``id_prefix`` (unique)."""
        prefix = id_prefix.strip().lower()
        if not prefix:
            raise BadInput("Give an interview id.")
        with self._vault.read() as db:
            rows = repo.ids_starting(db, prefix, limit=2)
            if len(rows) > 1:
                raise BadInput(f"More than one interview id starts with {prefix}; give more of it.")
            if not rows:
                raise NotFound(f"There is no interview {prefix}.")
            return rec.interview(db, rows[0])

    # --- the interview's life -----------------------------------------------

    def start(self, form_id: str, form_version: str, site: str, interviewer: str,
              language: str) -> str:
        """A new draft interview; returns its id."""
        if not form_id or not site:
            raise BadInput("An interview needs a questionnaire and a site.")
        site = check_site(site)
        interview_id = uuid.uuid4().hex
        at = rec.now()
        with self._vault.transaction() as db:
            repo.add_draft(db, repo.NewInterview(interview_id, form_id, str(form_version), site,
                                                 interviewer, language, at))
            _log(db, interview_id, "start", at, interviewer)
        log.info("interview started id=%s", interview_id)
        return interview_id

    def add_interview(self, form_id: str, form_version: str, site: str, interviewer: str,
                      language: str, answers: Sequence[tuple[str, AnswerValue | NewAttachment]],
                      complete: bool = False) -> str:
        """A whole interview in one transaction: all of it is saved, or nothing.

        ``answers`` in the order to store them; a :class:`NewAttachment` is
        stored and its id becomes the answer. With ``complete`` the interview
        is completed if :meth:`complete` finds no problem (AnswersInvalid
        otherwise, and nothing is saved). A crash at any moment leaves no half
        interview.
        """
        with self._vault.transaction():
            interview_id = self.start(form_id, form_version, site, interviewer, language)
            for path, value in answers:
                if isinstance(value, NewAttachment):
                    value = self.add_attachment(interview_id, path, value.load(), value.mime,
                                                caption=value.caption, who=interviewer)
                self.set_answer(interview_id, path, value, interviewer)
            if complete:
                self.complete(interview_id, interviewer)
        return interview_id

    def set_answer(self, interview_id: str, path: str, value: AnswerValue, who: str) -> bool:
        """Save one answer (None or empty removes it) in one transaction.

        Returns False when the stored answer already was ``value``.
        """
        if not path:
            raise BadInput("An answer needs a question path.")
        new = rec.encode_value(value)
        with self._vault.transaction() as db:
            _draft(db, interview_id)
            old = repo.stored_value(db, interview_id, path)
            if old == new:
                return False
            at = rec.now()
            repo.put_value(db, interview_id, path, new)
            _log(db, interview_id, "set", at, who, path, old, new)
            _touch(db, interview_id, at)
            if _is_alias(path):
                alias = "" if value is None else str(value)
                repo.set_alias(db, interview_id, alias)
        log.debug("answer saved id=%s", interview_id)
        return True

    def set_language(self, interview_id: str, language: str, who: str) -> bool:
        """Record the questionnaire language a draft is now taken in (logged).

        Returns False when it already was ``language``.
        """
        if not language or len(language) > 64:
            raise BadInput("Choose one of the questionnaire's languages.")
        with self._vault.transaction() as db:
            old = _draft(db, interview_id).language
            if old == language:
                return False
            at = rec.now()
            repo.set_language(db, interview_id, language)
            _log(db, interview_id, "language", at, who, "", rec.encode_value(old),
                 rec.encode_value(language))
            _touch(db, interview_id, at)
        return True

    def complete(self, interview_id: str, who: str) -> None:
        """Mark a draft complete once its stored answers pass its questionnaire.

        The check is the service's own, whoever calls (GUI, CLI, self-test):
        the answers as stored are put in a fresh form state, and every problem
        it finds (a required answer missing, a constraint broken, a value of
        the wrong type) is listed in AnswersInvalid as "path: message".
        """
        interview = self.get(interview_id)
        forms = QuestionnaireService(self._vault)
        questionnaire = forms.get(interview.form_id, interview.form_version)
        with self._vault.transaction() as db:
            _draft(db, interview_id)
            state = FormState(questionnaire, rec.answers(db, interview_id), interview.language)
            found = [f"{p.path or '(form)'}: {p.message}" for p in state.problems()]
            if found:
                raise AnswersInvalid(found)
            at = rec.now()
            repo.set_status(db, interview_id, "complete")
            _log(db, interview_id, "complete", at, who)
            _touch(db, interview_id, at)
        log.info("interview completed id=%s", interview_id)
        # Its record, worked out now for the next export (services/export_ready.py).
        from testimonio.services.export_ready import ExportReady  # the export imports this module

        ExportReady(self._vault, forms).prepare_quietly([interview_id])

    def reopen(self, interview_id: str, reason: str, who: str) -> None:
        """Make a complete interview a draft again; the reason is required and logged."""
        if not reason or not reason.strip():
            raise BadInput("Say why the interview is reopened: the reason is kept in its history.")
        with self._vault.transaction() as db:
            if rec.interview(db, interview_id).status != "complete":
                raise BadInput("Only a complete interview can be reopened.")
            if _sender(db, interview_id) is not None:
                raise BadInput("This interview came in a researcher's bundle: it is their record. "
                               "Ask them to correct it and send a new bundle; it replaces this one.")
            if repo.is_purged(db, interview_id):
                raise BadInput("The lead received this interview and its identifiers and "
                               "attachments were purged: it cannot be reopened.")
            at = rec.now()
            repo.set_status(db, interview_id, "draft")
            _log(db, interview_id, "reopen", at, who, reason=reason.strip())
            _touch(db, interview_id, at)
        log.info("interview reopened id=%s", interview_id)

    def delete_draft(self, interview_id: str) -> None:
        """Delete a draft with its answers, attachments and history."""
        with self._vault.transaction() as db:
            _draft(db, interview_id, "Only a draft can be deleted; this interview is complete.")
            repo.delete_draft(db, interview_id)
        log.info("draft deleted id=%s", interview_id)

    def remove_repeat_instance(self, interview_id: str, repeat_path: str,
                               index: int | str, who: str | None = None) -> None:
        """Remove instance ``index`` (1-based) of a repeat; later ones move down.

        Also callable as ``(interview_id, "companions[2]", who)``. Answers and
        attachments of the instance go, the instance count answer drops by
        one, and one edit-log row keeps what was removed.
        """
        if who is None:
            found = _INSTANCE.fullmatch(repeat_path)
            if found is None or not isinstance(index, str):
                raise BadInput(f"'{repeat_path}' is not a repeat instance.")
            who, repeat_path, index = index, found["repeat"], int(found["index"])
        number = int(index)
        if number < 1:
            raise BadInput("Repeat instances are numbered from 1.")
        with self._vault.transaction() as db:
            _draft(db, interview_id)
            at = rec.now()
            removed = remove_instance(db, interview_id, repeat_path, number)
            _log(db, interview_id, "remove-repeat", at, who, f"{repeat_path}[{number}]",
                 json.dumps(removed, ensure_ascii=False) if removed else None, None)
            _touch(db, interview_id, at)
        log.info("repeat instance removed id=%s", interview_id)

    # --- attachments --------------------------------------------------------

    def add_attachment(self, interview_id: str, question_path: str, data: bytes, mime: str,
                       caption: str = "", who: str = "") -> str:
        """Store a file inside the vault; returns its id (the question's answer)."""
        if len(data) > rec.MAX_ATTACHMENT_BYTES:
            raise BadInput(
                f"The file is {len(data) // (1024 * 1024)} MB; attachments can be at most "
                f"{rec.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB. Take a smaller photo or scan.")
        attachment_id = uuid.uuid4().hex
        digest = hashlib.sha256(data).hexdigest()
        with self._vault.transaction() as db:
            _draft(db, interview_id)
            at = rec.now()
            repo.add_attachment(db, repo.NewAttachmentRow(
                attachment_id, interview_id, question_path, mime or "application/octet-stream",
                len(data), digest, caption), data, at)
            meta = json.dumps({"attachment": attachment_id, "size": len(data), "sha256": digest})
            _log(db, interview_id, "attach", at, who, question_path, None, meta)
            _touch(db, interview_id, at)
        log.info("attachment added id=%s attachment=%s", interview_id, attachment_id)
        return attachment_id

    def attachment(self, attachment_id: str) -> Attachment:
        """An attachment with its bytes; NotFound if there is none."""
        found = self.get_attachment(attachment_id)
        if found is None:
            raise NotFound(f"There is no attachment {attachment_id}.")
        return found

    def get_attachment(self, attachment_id: str) -> Attachment | None:
        """An attachment with its bytes, or None."""
        with self._vault.read() as db:
            return rec.attachment(db, attachment_id)

    def attachments(self, interview_id: str) -> list[AttachmentInfo]:
        """An interview's attachments without their bytes."""
        with self._vault.read() as db:
            return rec.attachment_infos(db, interview_id)

    def remove_attachment(self, attachment_id: str, who: str = "") -> None:
        """Delete an attachment of a draft."""
        with self._vault.transaction() as db:
            info = _attachment_owner(db, attachment_id)
            _draft(db, info[0])
            at = rec.now()
            repo.delete_attachment(db, attachment_id)
            _log(db, info[0], "detach", at, who, info[1],
                 json.dumps({"attachment": attachment_id}), None)
            _touch(db, info[0], at)
        log.info("attachment removed id=%s attachment=%s", info[0], attachment_id)

    def set_attachment_export(self, attachment_id: str, opt_in: bool, who: str = "") -> None:
        """Whether the attachment may leave in an export (also on complete interviews)."""
        with self._vault.transaction() as db:
            interview_id, path = _attachment_owner(db, attachment_id)
            at = rec.now()
            repo.set_export_opt_in(db, attachment_id, opt_in)
            _log(db, interview_id, "export-opt-in", at, who, path, None,
                 json.dumps({"attachment": attachment_id, "export": bool(opt_in)}))
            _touch(db, interview_id, at)

    def interviewers(self) -> list[str]:
        """Everyone who took an interview in this vault (imported ones: the roster name)."""
        with self._vault.read() as db:
            return repo.interviewers(db)

    # --- sites --------------------------------------------------------------

    def sites(self, include_inactive: bool = False) -> list[str]:
        """Site names, active ones only unless asked, in name order."""
        with self._vault.read() as db:
            return repo.sites(db, include_inactive)

    def add_site(self, name: str) -> None:
        """Add a site (or make an inactive one active again); BadInput for a bad name."""
        name = check_site(name)
        with self._vault.transaction() as db:
            repo.add_site(db, name)

    def deactivate_site(self, name: str) -> None:
        """Hide a site from new interviews; old interviews keep it."""
        with self._vault.transaction() as db:
            if not repo.deactivate_site(db, name):
                raise NotFound("There is no such site.")


# --- helpers (inside a transaction) ---------------------------------------------


def _sender(db: Db, interview_id: str) -> str | None:
    """The researcher an imported interview came from (the lead's side), else None."""
    return repo.sender(db, interview_id)


def _draft(db: Db, interview_id: str, message: str | None = None) -> Interview:
    found = rec.interview(db, interview_id)
    if found.status != "draft":
        raise BadInput(message or "This interview is complete. Reopen it, giving a reason, "
                                  "to change it.")
    return found


def _touch(db: Db, interview_id: str, at: str) -> None:
    repo.touch(db, interview_id, at)


def _log(db: Db, interview_id: str, action: str, at: str, who: str,
         path: str = "", old: str | None = None, new: str | None = None, reason: str = "") -> None:
    repo.add_log(db, repo.LogRow(interview_id, path, old, new, at, who, action, reason))


def _attachment_owner(db: Db, attachment_id: str) -> tuple[str, str]:
    found = repo.attachment_owner(db, attachment_id)
    if found is None:
        raise NotFound(f"There is no attachment {attachment_id}.")
    return found

