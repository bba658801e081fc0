"""Retention and purge of interviews the lead has received (researcher).

The team's policy (team updates carry it) says, for interviews a receipt
confirmed: keep them, delete their identifiers and attachments, or delete
the whole interview, N days after the receipt's date. It applies only to
received interviews whose current revision is the one the lead received
(a later change has not reached the lead yet). :meth:`RetentionService.plan`
shows beforehand what will go and when, :meth:`schedule` lists every received
interview with its action and day; :meth:`apply_due` does what is due (the
desktop program at unlock and every hour, ``purge`` without ``--received``);
:meth:`purge_received` deletes every received interview now (``purge
--received``). The day is always passed in or read from one clock
(:func:`today`), so tests move time without sleeping.

A purge leaves nothing readable: the rows (answers, attachments, the edit
log's old and new values, review decisions) are deleted with
``secure_delete`` on, so freed cells and pages are zeroed; then the WAL is
checkpointed and truncated, the database rewritten with VACUUM (no free
page left), and the WAL truncated again. A tombstone in ``purged`` (id,
scope, time: no values) keeps a purged interview from being reopened or
exported. The log records ids and counts only.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from testimonio.errors import BadInput
from testimonio.exchange.pseudonymise import QuestionIndex
from testimonio.exchange.teamupdate import Retention
from testimonio.forms.model import Privacy
from testimonio.services._progress import CancelledFn, Progress, ProgressFn
from testimonio.services.keys import now
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.team_admin import retention_of
from testimonio.vault import Vault, repo_retention, repo_settings, repo_team
from testimonio.vault.db import Db

log = logging.getLogger(__name__)

SCRUB_PENDING = "retention.scrub_pending"  # settings key: a purge's scrub still to do


@dataclass(frozen=True)
class PurgeItem:
    """One received interview and what the policy does to it, when."""

    interview_id: str
    alias: str
    received_at: str  # YYYY-MM-DD
    due: str  # YYYY-MM-DD
    scope: str  # identifiers | interview


@dataclass(frozen=True)
class ScheduleItem:
    """One received interview still on this laptop, and what the policy does to it."""

    interview_id: str
    alias: str
    received_at: str  # YYYY-MM-DD
    # keep (policy keeps it) | identifiers | interview (what goes on ``due``) |
    # changed (edited since the lead received it: kept until a newer receipt) |
    # done (its identifiers and attachments are already gone)
    action: str
    due: str  # YYYY-MM-DD, or "" when nothing is planned
    due_now: bool


@dataclass(frozen=True)
class PurgeResult:
    """What a purge deleted (counts and interview ids, never values)."""

    interviews: int
    answers: int
    attachments: int
    log_rows: int
    interview_ids: tuple[str, ...] = ()
    scope: str = ""  # identifiers | interview | "" (nothing, or mixed)


def today() -> dt.date:
    """Today's date in UTC: receipts carry UTC dates."""
    return dt.datetime.now(dt.UTC).date()


class RetentionService:
    """Plans and applies the team's retention policy on a researcher's vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.forms = QuestionnaireService(vault)

    def policy(self) -> Retention:
        """The team's retention policy as last received."""
        return retention_of(repo_team.read_team(self.vault))

    def received(self, scope: str) -> list[PurgeItem]:
        """Every received, not yet purged interview unchanged since the lead got it."""
        policy = self.policy()
        # A whole-interview purge leaves no interviews row; one whose
        # identifiers went may still go whole.
        with self.vault.read() as db:
            rows = repo_retention.received(db, skip_purged=scope == "identifiers")
        out = []
        for interview_id, alias, received_at in rows:
            day = dt.date.fromisoformat(str(received_at)[:10])
            due = day + dt.timedelta(days=policy.days)
            out.append(PurgeItem(interview_id, alias, day.isoformat(), due.isoformat(), scope))
        return out

    def plan(self) -> list[PurgeItem]:
        """What the policy will delete, and when (empty when the policy is keep)."""
        policy = self.policy()
        return [] if policy.action == "keep" else self.received(policy.action)

    def schedule(self, day: dt.date | None = None) -> list[ScheduleItem]:
        """Every received interview still here: what the policy does to it, and when."""
        policy = self.policy()
        day_s = (day or today()).isoformat()
        with self.vault.read() as db:
            rows = repo_retention.schedule(db)
        out = []
        for interview_id, alias, received_at, changed, purged in rows:
            received = dt.date.fromisoformat(str(received_at)[:10])
            action, due = policy.action, ""
            if changed:
                action = "changed"
            elif purged is not None and policy.action != "interview":
                action = "done"
            elif policy.action != "keep":
                due = (received + dt.timedelta(days=policy.days)).isoformat()
            out.append(ScheduleItem(interview_id, alias, received.isoformat(), action,
                                    due, bool(due) and due <= day_s))
        return out

    def due(self, day: dt.date | None = None) -> list[PurgeItem]:
        """The planned items whose day has come (``day``: today in UTC by default)."""
        day_s = (day or today()).isoformat()
        return [item for item in self.plan() if item.due <= day_s]

    def apply_due(self, day: dt.date | None = None, *, progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None) -> PurgeResult:
        """Delete what the policy says is due on ``day``."""
        return self.purge(self.due(day), progress=progress, cancelled=cancelled)

    def purge_received(self, *, progress: ProgressFn | None = None,
                       cancelled: CancelledFn | None = None) -> PurgeResult:
        """Delete every interview the lead has received, now (``purge --received``)."""
        return self.purge(self.received("interview"), progress=progress, cancelled=cancelled)

    def purge(self, items: list[PurgeItem], *, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> PurgeResult:
        """Delete the items' data in one transaction, then scrub the files.

        ``progress`` hears of each interview and of the compaction; a cancel is
        honoured only before anything is deleted (a purge once begun ends
        with the scrub, so no deleted value stays readable).
        """
        if repo_team.read_team(self.vault) is None:
            raise BadInput("Join a team first: only interviews the lead received are purged.")
        if not items:
            self.finish_pending()
            return PurgeResult(0, 0, 0, 0)
        Progress(progress, cancelled).check()
        steps = Progress(progress, None)  # from here on it runs to the end
        total = len(items) + 1
        totals = [0, 0, 0]
        with self.vault.transaction() as db:
            repo_retention.secure_delete(db)
            # Cleared once the files are scrubbed: a purge cut short (the vault
            # locked or the program closed in between) is finished at the next.
            repo_settings.put(db, SCRUB_PENDING, "1")
            for n, item in enumerate(items):
                steps.step(n, total, "delete")
                counts = _purge_one(db, item, self._identifier_paths(db, item.interview_id))
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
        steps.step(len(items), total, "compact")
        self._scrub()
        steps.step(total, total, "compact")
        scopes = {item.scope for item in items}
        answers, attachments, log_rows = totals
        result = PurgeResult(len(items), answers, attachments, log_rows,
                             interview_ids=tuple(item.interview_id for item in items),
                             scope=scopes.pop() if len(scopes) == 1 else "")
        log.info("purged after receipt: %d interview(s) [%s], %d answer(s), %d attachment(s), "
                 "%d log row(s)", result.interviews, ",".join(i.interview_id for i in items),
                 result.answers, result.attachments, result.log_rows)
        return result

    def scrub_pending(self) -> bool:
        """True when a purge deleted rows but its scrub did not finish."""
        with self.vault.read() as db:
            return repo_settings.has(db, SCRUB_PENDING)

    def finish_pending(self) -> bool:
        """Scrub the files if a purge was cut short before it could; True if it did."""
        if not self.scrub_pending():
            return False
        log.info("finishing the scrub of a purge that was cut short")
        self._scrub()
        return True

    def _scrub(self) -> None:
        scrub(self.vault)
        with self.vault.transaction() as db:
            repo_settings.delete(db, SCRUB_PENDING)

    def _identifier_paths(self, db: Db, interview_id: str) -> set[str]:
        index = QuestionIndex(self.forms.get(*repo_retention.form_of(db, interview_id)))
        paths = set()
        for path in repo_retention.answer_paths(db, interview_id):
            question = index.question(path)
            if question is not None and (question.privacy is Privacy.IDENTIFIER
                                         or question.is_attachment):
                paths.add(path)
        return paths


def _purge_one(db: Db, item: PurgeItem, identifiers: set[str]) -> repo_retention.Deleted:
    """Delete one interview's data (whole, or identifiers and attachments)."""
    if item.scope == "interview":
        return repo_retention.purge_interview(db, item.interview_id, now())
    return repo_retention.purge_identifiers(
        db, item.interview_id, identifiers, now(),
        clear_alias="alias" in {p.rsplit("/", 1)[-1] for p in identifiers},
        reason="identifiers and attachments deleted after the lead's receipt")


def scrub(vault: Vault) -> None:
    """Leave no deleted value in the files: checkpoint, VACUUM, truncate the WAL.

    Runs outside any transaction (VACUUM cannot run inside one), under the
    vault's own lock.
    """
    with vault.read() as db:
        repo_retention.scrub(db)
