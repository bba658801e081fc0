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

import functools
import hashlib
import io
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.atomic import file_errors, move_into_place
from testimonio.errors import BadInput, PrivacyRisk
from testimonio.exchange.bundle import (
    AttachmentSource,
    BundleCancelled,
    RecordEncoder,
    write_bundle,
)
from testimonio.exchange.derived import recompute_risks
from testimonio.exchange.kanon import QuasiRecord, QuasiValues
from testimonio.exchange.keys import PublicKeys
from testimonio.exchange.pseudonymise import Pseudonymiser, quasi_widths, suppression_paths
from testimonio.exchange.scrub import DEFAULT_MAX_SIDE, Unscrubbable, scrub
from testimonio.exchange.textnet import Finding
from testimonio.services._collector import long_run
from testimonio.services._progress import Cancelled, CancelledFn, Progress, ProgressFn
from testimonio.services.export_plan import (
    ExportPlan,
    PlannedRecord,
    StoredAttachment,
    describe_groups,
    describe_left_out,
)
from testimonio.services.export_reader import PlanReader, value_hash
from testimonio.services.export_ready import ExportReady
from testimonio.services.interviews import InterviewService
from testimonio.services.keys import KeyService, now
from testimonio.services.planned_record import PackedIds
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.relevance import Relevance
from testimonio.services.settings import group_size
from testimonio.vault import Vault, repo_export, repo_imports, repo_settings, repo_team
from testimonio.vault import records as rec

__all__ = ["ExportResult", "ExportService", "ReviewItem", "ReviewList", "value_hash"]
from testimonio.vault.db import Db

_CHUNK = 500  # interviews read per query while planning (SQLite's variable limit is higher)


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
        self.ready = ExportReady(vault, self.forms, self.relevance)
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
            ids = repo_export.candidate_ids(db, all_)
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
        self.ready.prepare_quietly([interview_id])  # its new revision, worked out for the export

    # --- planning ------------------------------------------------------------
    def k(self) -> int:
        """The k of the k-anonymity check (services.settings.group_size: the vault's
        ``k_anonymity``, never below the team lead's ``team.k``)."""
        with self.vault.read() as db:
            return group_size(db)

    @long_run()
    def plan(self, all_: bool = False, lang: str | None = None,
             progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> ExportPlan:
        """What the next export would carry, checked for k-anonymity.

        Interviews are planned a chunk at a time and encoded at once as the
        bundle will hold them; the plan keeps of each only what the check and
        the bundle's bookkeeping need (memory does not grow with their number).
        """
        team = repo_team.read_team(self.vault)
        if team is None or team["role"] != "researcher":
            raise BadInput("This vault has not joined a team: run 'team join TEAM_FILE' first.")
        steps = Progress(progress, cancelled)
        reader = PlanReader(self.vault, self.forms, self.relevance, lang, self._cleaned)
        with self.vault.read() as db, \
                repo_imports.small_page_cache(db, repo_export.WRITE_ONCE_CACHE_KIB):
            ids = PackedIds(repo_export.candidate_ids(db, all_))
            # Only what this export does not send again (the check would drop those),
            # read one at a time, their values shared.
            previous = [reader.compact_quasi(QuasiRecord.of(eid, q["form_id"], q["values"]))
                        for eid, q in repo_export.quasi_left_before(db, all_)]
            sequence = repo_export.next_sequence(db)
            k = group_size(db)
        repo_export.assign_export_ids(self.vault, ids)
        records: list[PlannedRecord] = []
        encoder = RecordEncoder()  # what the bundle will hold, compressed as it is planned
        reload = reader.reload  # one loader for every record (a bound method per record is 64 bytes)
        # Records kept when their interviews were completed are taken as they are
        # (services/export_ready.py); the others are worked out now.
        for chunk in self.ready.planned(ids, reader, reload):
            for planned, line in chunk:
                if line is None:
                    encoder.add(planned.record)
                    planned.release(reload)
                else:
                    encoder.add_line(line)
                records.append(planned)
            # Each record keeps its own export id: no map of them all (chunks are disjoint,
            # so the one being read ahead looks up all of its own).
            reader.export_ids.clear()
            steps.step(len(records), len(ids), "Preparing interviews")
        questionnaires = reader.questionnaires.values()
        risks = [r for q in questionnaires for r in recompute_risks(q)]
        widths: dict[str, dict[str, int]] = {}
        blank_also: dict[str, frozenset[str]] = {}
        for q in questionnaires:
            widths.setdefault(q.form_id, {}).update(quasi_widths(q))
            blank_also[q.form_id] = blank_also.get(q.form_id, frozenset()) | suppression_paths(q)
        return ExportPlan(records, previous, k, sequence, team["lead_fingerprint"], risks=risks,
                          widths=widths, blank_also=blank_also, encoded=encoder.finish())

    def preview(self, all_: bool = False, suppress_small_groups: bool = False,
                lang: str | None = None) -> dict[str, Any]:
        """``export --preview``: JSON of exactly what would leave."""
        plan = self.plan(all_, lang)
        if suppress_small_groups:
            plan.suppress_small_groups()
        return plan.to_json()

    # --- writing -------------------------------------------------------------
    @long_run()
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
                        sequence=plan.sequence, records=plan.encoded_records(),
                        attachments=sources, extra={"study": team["study"]},
                        progress=lambda done, total: steps.step(done, total,
                                                                "Sealing the bundle"))
            except BundleCancelled:
                raise Cancelled() from None
            steps.check()
            # One text per distinct key: the records of a plan share their keys.
            quasi_json = functools.lru_cache(maxsize=4096)(_quasi_json)
            with self.vault.transaction() as db, \
                    repo_imports.small_page_cache(db, repo_export.WRITE_ONCE_CACHE_KIB):
                repo_export.record_sent(db, plan.sequence, manifest.bundle_id, now(), (
                    repo_export.SentItem(p.interview_id, p.revision, p.export_id, quasi_json(p.form_id, p.quasi_values))
                    for p in plan.records))
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
            for stored, name in planned.attachments:  # as its record names it
                sources.append(AttachmentSource(
                    name, stored.clean_mime, stored.clean_size,
                    lambda s=stored, h=stored.clean_sha256: io.BytesIO(self._clean(s, h)),  # type: ignore[misc]
                    ref=f"{planned.export_id}/{stored.path}"))
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


def _quasi_json(form_id: str, values: QuasiValues) -> str:
    """A quasi key kept for the next k-anonymity check, as JSON text."""
    return json.dumps({"form_id": form_id, "values": dict(values)})


def _recipients(db: Db) -> list[PublicKeys]:
    """The lead's public keys first, then every backup recipient not revoked."""
    found = repo_team.team(db)
    if found is None:
        raise BadInput("Join a team first (team join TEAM_FILE).")
    return [PublicKeys.from_raw(found["lead_public"], found["lead_kem"]),
            *(PublicKeys.from_raw(public, kem) for public, kem in repo_team.active_recipient_keys(db))]
