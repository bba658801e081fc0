"""The researcher's export: review, preview, k-anonymity check, signed bundle.

Use from the GUI or the CLI::

    svc = ExportService(vault)
    svc.pending_reviews()                      # free-text answers waiting for a decision
    svc.review_items(interview_id)             # one interview's, with its identifiers
    svc.review(interview_id, path, True)       # export this answer (False: keep it)
    plan = svc.plan(all_=False)                # ExportPlan: records, small groups, notes
    plan.to_json()                             # exactly what would leave (export --preview)
    svc.write(out, plan=plan, suppress_small_groups=..., accept_risk=...,
              progress=..., cancelled=...)     # ExportResult

Only complete interviews leave; by default those new or changed since they
last left (``all_=True``: every complete interview). Each leaves under a
random export id kept in the vault's pseudonym map, stable across exports so
a new revision replaces the old one at the lead's. The bundle is written to a
temp file; the vault records the sequence number and what left in one
transaction, and the file is renamed into place inside it, so a cancel or a
crash leaves either no bundle and no record of it, or both.
"""

from __future__ import annotations

import hashlib
import io
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.atomic import file_errors, move_into_place
from testimonio.errors import BadInput, PrivacyRisk
from testimonio.exchange.bundle import AttachmentSource, BundleCancelled, write_bundle
from testimonio.exchange.derived import recompute_risks
from testimonio.exchange.kanon import QuasiRecord
from testimonio.exchange.keys import PublicKeys
from testimonio.exchange.pseudonymise import (
    Pseudonymiser,
    QuestionIndex,
    quasi_widths,
    suppression_paths,
)
from testimonio.exchange.scrub import DEFAULT_MAX_SIDE, Unscrubbable, scrub
from testimonio.exchange.textnet import Finding
from testimonio.forms.model import AnswerValue, Questionnaire
from testimonio.services._progress import Cancelled, CancelledFn, Progress, ProgressFn
from testimonio.services.export_plan import (
    ExportPlan,
    InterviewToExport,
    PlannedRecord,
    StoredAttachment,
    describe_groups,
    describe_left_out,
    plan_record,
)
from testimonio.services.interviews import InterviewService
from testimonio.services.keys import KeyService, now
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.relevance import Relevance
from testimonio.services.settings import group_size
from testimonio.vault import Vault, repo_export, repo_settings, repo_team
from testimonio.vault import records as rec
from testimonio.vault.db import Db

_CHUNK = 500  # interviews read per query while planning (SQLite's variable limit is higher)


def value_hash(value: AnswerValue) -> str:
    """The hash a review decision is tied to: a changed answer needs a new review."""
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class ReviewItem:
    """One text and the decision on it (None: not yet reviewed).

    ``findings`` are what the safety net found in it (spans and kinds): such
    a text leaves only when released (``review(..., release=True)``).
    """

    interview_id: str
    alias: str
    path: str
    label: str
    value: str
    decision: bool | None
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ReviewList:
    """An interview's free-text answers and its identifier answers to highlight."""

    items: list[ReviewItem]
    identifiers: dict[str, str]  # answer path -> text


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    sequence: int
    bundle_id: str
    interviews: int
    attachments: int
    blanked: int


class ExportService:
    """Builds pseudonymised bundles for the team lead."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.forms = QuestionnaireService(vault)
        self.relevance = Relevance()
        self.keys = KeyService(vault)
        # (attachment id, stored hash, long side) -> (problem, mime, size, hash) of
        # its cleaned picture: planning again (the dialog does) decodes nothing twice.
        self._cleaned: dict[tuple[str, str, int], tuple[str, str, int, str]] = {}

    # --- review of free text -------------------------------------------------
    def review_items(self, interview_id: str, lang: str | None = None) -> ReviewList:
        """One interview's free-text answers that need a decision, with its identifiers."""
        with self.vault.read() as db:
            row = rec.interview(db, interview_id)
            answers = rec.answers(db, interview_id)
            decisions = repo_export.review_decisions(db, interview_id)
        q = self.forms.get(row.form_id, row.form_version)
        exportable = self.relevance.exportable(q, answers)
        pseudo = Pseudonymiser(q)
        items = []
        for item in pseudo.needs_review(exportable, lang):
            decided = decisions.get(item.path)
            decision = None
            if decided is not None and decided[1] == value_hash(exportable[item.path]):
                # A flagged text needs a release: an earlier plain "export" is no answer.
                if decided[0] == "release" or (decided[0] == "export" and not item.findings):
                    decision = True
                elif decided[0] == "keep":
                    decision = False
            items.append(ReviewItem(interview_id, row.alias, item.path, item.label, item.value,
                                    decision, item.findings))
        return ReviewList(items, pseudo.identifiers(answers))

    def pending_reviews(self, all_: bool = False, lang: str | None = None) -> list[ReviewItem]:
        """Free-text answers of the interviews the next export takes, not yet decided."""
        with self.vault.read() as db:
            ids = [r["id"] for r in repo_export.candidates(db, all_)]
        out: list[ReviewItem] = []
        for interview_id in ids:
            out.extend(i for i in self.review_items(interview_id, lang).items if i.decision is None)
        return out

    def review(self, interview_id: str, path: str, export: bool, release: bool = False) -> None:
        """Record the researcher's decision on one text.

        ``release``: the text leaves although the safety net flags it (it
        holds what looks like an identifier); tied to this exact value.

        A decision is part of what leaves: a changed one makes a new revision
        of the interview, so the lead replaces what it holds with exactly what
        the next preview shows (the same decision again changes nothing).
        """
        with self.vault.transaction() as db:
            answers = rec.answers(db, interview_id, only=path)
            if path not in answers:
                raise BadInput(f"The interview has no answer at {path}.")
            verdict = ("release" if release else "export") if export else "keep"
            decision = (verdict, value_hash(answers[path]))
            if repo_export.review_decisions(db, interview_id).get(path) == decision:
                return
            repo_export.set_review_decision(db, interview_id, path, decision, now())

    # --- planning ------------------------------------------------------------
    def k(self) -> int:
        """The k of the k-anonymity check (services.settings.group_size: the vault's
        ``k_anonymity``, never below the team lead's ``team.k``)."""
        with self.vault.read() as db:
            return group_size(db)

    def plan(self, all_: bool = False, lang: str | None = None,
             progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> ExportPlan:
        """What the next export would carry, checked for k-anonymity."""
        team = repo_team.read_team(self.vault)
        if team is None or team["role"] != "researcher":
            raise BadInput("This vault has not joined a team: run 'team join TEAM_FILE' first.")
        steps = Progress(progress, cancelled)
        with self.vault.read() as db:
            rows = repo_export.candidates(db, all_)
            previous = [QuasiRecord.of(eid, q["form_id"], q["values"])
                        for eid, q in repo_export.exported_quasi(db)]
            sequence = repo_export.next_sequence(db)
            k = group_size(db)
        repo_export.assign_export_ids(self.vault, [r["id"] for r in rows])
        questionnaires: dict[tuple[str, str], Questionnaire] = {}
        indexes: dict[tuple[str, str], QuestionIndex] = {}
        records: list[PlannedRecord] = []
        total = len(rows)
        with self.vault.read() as db:
            ids = repo_export.export_ids(db, [r["id"] for r in rows])
            for n, row in enumerate(rows, start=1):
                if (n - 1) % _CHUNK == 0:
                    # Answers, decisions and attachments of the next chunk of
                    # interviews, a query each rather than three per interview.
                    chunk = [r["id"] for r in rows[n - 1:n - 1 + _CHUNK]]
                    chunk_answers = rec.answers_of(db, chunk)
                    chunk_decisions = repo_export.review_decisions_of(db, chunk)
                    chunk_attachments = self._attachments_of(db, chunk)
                key = (row["form_id"], row["form_version"])
                if key not in questionnaires:
                    questionnaires[key] = self.forms.get(*key)
                    indexes[key] = QuestionIndex(questionnaires[key])
                q = questionnaires[key]
                answers = chunk_answers[row["id"]]
                decisions = chunk_decisions[row["id"]]
                current = {p for p, (d, h) in decisions.items()
                           if p in answers and h == value_hash(answers[p])}
                reviewed = frozenset(p for p in current if decisions[p][0] in ("export", "release"))
                released = frozenset(p for p in current if decisions[p][0] == "release")
                interview = InterviewToExport(
                    id=row["id"], export_id=ids[row["id"]], form_id=row["form_id"],
                    form_version=row["form_version"], revision=row["revision"], site=row["site"],
                    language=row["language"], created_at=row["created_at"],
                    updated_at=row["updated_at"], answers=self.relevance.exportable(q, answers),
                    reviewed=reviewed, released=released,
                    attachments=tuple(chunk_attachments[row["id"]]))
                records.append(plan_record(interview, q, lang, indexes[key]))
                steps.step(n, total, "Preparing interviews")
        risks = [r for q in questionnaires.values() for r in recompute_risks(q)]
        widths: dict[str, dict[str, int]] = {}
        blank_also: dict[str, frozenset[str]] = {}
        for q in questionnaires.values():
            widths.setdefault(q.form_id, {}).update(quasi_widths(q))
            blank_also[q.form_id] = blank_also.get(q.form_id, frozenset()) | suppression_paths(q)
        return ExportPlan(records, previous, k, sequence, team["lead_fingerprint"], risks=risks,
                          widths=widths, blank_also=blank_also)

    def preview(self, all_: bool = False, suppress_small_groups: bool = False,
                lang: str | None = None) -> dict[str, Any]:
        """``export --preview``: JSON of exactly what would leave."""
        plan = self.plan(all_, lang)
        if suppress_small_groups:
            plan.suppress_small_groups()
        return plan.to_json()

    # --- writing -------------------------------------------------------------
    def write(self, out: Path, all_: bool = False, *, plan: ExportPlan | None = None,
              suppress_small_groups: bool = False, accept_risk: bool = False,
              leave_behind: bool = False,
              progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> ExportResult:
        """Write the bundle to ``out``; :class:`PrivacyRisk` if small groups remain.

        Attachments ticked for export that cannot be cleaned stay in the vault;
        the rest leaves only when the researcher agreed (``leave_behind``, or
        ``accept_risk``), else :class:`BadInput` lists them.
        """
        if plan is None:
            plan = self.plan(all_, progress=progress, cancelled=cancelled)
        if plan.groups and suppress_small_groups:
            plan.suppress_small_groups()
        if plan.groups and not accept_risk:
            raise PrivacyRisk(describe_groups(plan.groups, plan.k))
        if plan.left_out and not (leave_behind or accept_risk):
            raise BadInput(describe_left_out(plan.left_out))
        if not plan.records:
            raise BadInput("There is nothing new to export: every complete interview has "
                           "already left in an earlier bundle (use --all to send everything again).")
        team = repo_team.read_team(self.vault)
        assert team is not None
        steps = Progress(progress, cancelled)
        keys = self.keys.ensure()
        with self.vault.read() as db:
            recipients = _recipients(db)
        sources = self._attachment_sources(plan, steps)
        # The bundle module writes atomically to ``tmp``; the rename onto
        # ``out`` happens inside the transaction that records the sequence.
        tmp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
        try:
            try:
                lead, *backups = recipients
                with file_errors(out, "bundle"):
                    manifest = write_bundle(
                        tmp, sender=keys, recipient=lead, also=backups,
                        sequence=plan.sequence, records=[r.record for r in plan.records],
                        attachments=sources, extra={"study": team["study"]},
                        progress=lambda done, total: steps.step(done, total,
                                                                "Sealing the bundle"))
            except BundleCancelled:
                raise Cancelled() from None
            steps.check()
            with self.vault.transaction() as db:
                repo_export.record_sent(db, plan.sequence, manifest.bundle_id, now(), [
                    repo_export.SentItem(p.interview_id, p.revision, p.record["export_id"],
                                         {"form_id": p.quasi.form_id, "values": dict(p.quasi.values)})
                    for p in plan.records])
                move_into_place(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
        return ExportResult(out, plan.sequence, manifest.bundle_id, len(plan.records), len(sources),
                            len(plan.suppressed_ids))

    def _attachment_sources(self, plan: ExportPlan, steps: Progress) -> list[AttachmentSource]:
        """Cleaned attachments, streamed into the bundle one at a time.

        Each was cleaned while planning for its size and hash (shown in the
        preview and written into its record); it is cleaned again, identically,
        when the bundle module reads it, and refused if the bytes differ.
        """
        sources = []
        for planned in plan.records:
            metas = {a["name"]: a for a in planned.record["attachments"]}
            for stored, name in planned.attachments:
                meta = metas[name]
                sources.append(AttachmentSource(
                    name, meta["mime"], int(meta["size"]),
                    lambda s=stored, h=meta["sha256"]: io.BytesIO(self._clean(s, h)),  # type: ignore[misc]
                    ref=f"{planned.record['export_id']}/{stored.path}"))
                steps.check()
        return sources

    def max_side(self) -> int:
        """Long side, in pixels, of pictures that leave (setting ``picture_max_side``)."""
        with self.vault.read() as db:
            return repo_settings.setting_int(db, "picture_max_side", DEFAULT_MAX_SIDE)

    def _clean(self, att: StoredAttachment, expected_sha256: str) -> bytes:
        with self.vault.read() as db:
            raw = repo_export.attachment_bytes(db, att.id)
        try:
            clean = scrub(raw, att.mime, self.max_side())[0]
        except Unscrubbable as error:
            raise BadInput(f"An attachment could not be cleaned: {error}") from None
        if hashlib.sha256(clean).hexdigest() != expected_sha256:
            raise BadInput("An attachment changed since the preview; prepare the export again.")
        return clean

    def _attachments_of(self, db: Db, interview_ids: list[str]) -> dict[str, list[StoredAttachment]]:
        """The attachments ticked for export of several interviews, cleaned, in stored order."""
        found: dict[str, list[StoredAttachment]] = {i: [] for i in interview_ids}
        if not interview_ids:
            return found
        side = repo_settings.setting_int(db, "picture_max_side", DEFAULT_MAX_SIDE)
        for att_id, path, mime, size, stored_hash, interview_id in repo_export.ticked_attachments(
                db, interview_ids):
            key = (att_id, stored_hash, side)
            if key not in self._cleaned:
                self._cleaned[key] = _clean_info(repo_export.attachment_bytes(db, att_id), mime, side)
            problem, clean_mime, clean_size, clean_hash = self._cleaned[key]
            found[interview_id].append(StoredAttachment(
                att_id, path, mime, size, problem, clean_mime, clean_size, clean_hash))
        return found

    def set_attachment_export(self, attachment_id: str, export: bool, who: str = "") -> None:
        """Tick or untick an attachment for export.

        A change is part of what leaves, so it makes a new revision of the
        interview (the lead then replaces what it holds); the same tick again
        changes nothing.
        """
        with self.vault.read() as db:
            ticked = repo_export.attachment_ticked(db, attachment_id)
        if ticked is None:
            raise BadInput("That attachment is no longer in the vault.")
        if ticked != bool(export):
            InterviewService(self.vault).set_attachment_export(attachment_id, export, who)


def _clean_info(raw: bytes, mime: str, side: int) -> tuple[str, str, int, str]:
    """(problem, mime, size, sha256) of one attachment's cleaned picture."""
    try:
        data, clean_mime = scrub(raw, mime, side)
    except Unscrubbable as error:
        return str(error), "", 0, ""
    return "", clean_mime, len(data), hashlib.sha256(data).hexdigest()


def _recipients(db: Db) -> list[PublicKeys]:
    """The lead's public keys first, then every backup recipient not revoked."""
    found = repo_team.team(db)
    if found is None:
        raise BadInput("Join a team first (team join TEAM_FILE).")
    return [PublicKeys.from_raw(found["lead_public"], found["lead_kem"]),
            *(PublicKeys.from_raw(public, kem) for public, kem in repo_team.active_recipient_keys(db))]
