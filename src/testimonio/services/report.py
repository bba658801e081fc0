"""The lead's analysis outputs: Kobo-style CSV/XLSX tables and the summary figures.

Every complete interview in the vault is reported: imported ones as they
arrived (already pseudonymised by the researcher's program), the vault's own
ones pseudonymised now by the same rules as an export, because a report file
is plaintext on disk. So no identifier and no unreviewed free text ever
reaches a report. Interviews appear under their export id (``_uuid``), never
their vault id.

One table per questionnaire and one per repeat (see
:mod:`testimonio.services.report_tables`); when interviews were taken with
several versions of one questionnaire, each version gets its own tables
(``<form id>_v<version>``) so no answer is lost to a renamed question.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from testimonio.errors import BadInput
from testimonio.exchange import withheld
from testimonio.exchange.kanon import DEFAULT_K, QuasiRecord, small_groups
from testimonio.exchange.pseudonymise import (
    Pseudonymiser,
    model_path,
    suppression_paths,
    top_level_quasi,
)
from testimonio.forms.model import AnswerValue, Questionnaire
from testimonio.services._progress import CancelledFn, Progress, ProgressFn
from testimonio.services.export import value_hash
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.relevance import Relevance
from testimonio.services.report_tables import (
    ReportInterview,
    Table,
    TableBuilder,
    write_csv,
    write_xlsx,
)
from testimonio.services.settings import small_counts_k
from testimonio.services.summary import Summary, SummaryInput, fewer_than_k, summarise
from testimonio.services.team import TeamService
from testimonio.vault import Vault, repo_export, repo_imports
from testimonio.vault import records as rec
from testimonio.vault.day_stamps import shown_day


class ReportService:
    """Tables and figures over the merged interviews of the lead's vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.forms = QuestionnaireService(vault)
        self.relevance = Relevance()

    def _interviews(self) -> Iterator[tuple[Questionnaire, dict[str, Any], dict[str, AnswerValue]]]:
        """(questionnaire, interview info, answers that may be reported), oldest first."""
        with self.vault.read() as db:
            rows = repo_export.report_rows(db)
        ids = self._new_export_ids(rows)
        forms: dict[tuple[str, str], Questionnaire] = {}
        # Two researchers of one name are told apart in _submitted_by too.
        names = TeamService(self.vault).display_names()
        for (iid, form_id, version, site, interviewer, updated, origin_eid, researcher,
             own_eid) in rows:
            key = (form_id, version)
            if key not in forms:
                forms[key] = self.forms.get(form_id, version)
            q = forms[key]
            with self.vault.read() as db:
                answers = rec.answers(db, iid)
                decisions = repo_export.review_decisions(db, iid) if origin_eid is None else {}
                # What the researcher's export withheld, as its bundle said (None: not said).
                held_back = repo_imports.withheld_answers(db, iid) if origin_eid else None
            if origin_eid is None:
                answers, held_back = self._as_exported(q, answers, decisions)
            info = {"uuid": origin_eid or own_eid or ids.get(iid, ""), "site": site,
                    "submitted_by": (names.get(researcher or "", interviewer) if origin_eid
                                     else interviewer),
                    "submission_time": shown_day(updated), "version": version,
                    "withheld": held_back}
            yield q, info, answers

    def _new_export_ids(self, rows: list[repo_export.ReportRow]) -> dict[str, str]:
        """Export ids given now to this vault's interviews that never had one (by vault id)."""
        missing = [r.id for r in rows if r.origin_export_id is None and r.own_export_id is None]
        if not missing:
            return {}
        repo_export.assign_export_ids(self.vault, missing)
        with self.vault.read() as db:
            return repo_export.export_ids(db, missing)

    def _as_exported(self, q: Questionnaire, answers: dict[str, AnswerValue],
                     decisions: dict[str, tuple[str, str]]) -> tuple[dict[str, AnswerValue], dict[str, str]]:
        """An interview taken in this vault as its export would carry it, and what it would withhold."""
        exportable = self.relevance.exportable(q, answers)
        current = {p for p, (d, h) in decisions.items()
                   if p in exportable and h == value_hash(exportable[p])}
        reviewed = {p for p in current if decisions[p][0] in ("export", "release")}
        released = {p for p in current if decisions[p][0] == "release"}
        # Attachments stay in the vault: a report is a table, not a copy of photos.
        pseudo = Pseudonymiser(q, reviewed, released=released)
        shown = pseudo.answers(exportable)
        return shown, withheld.left_behind(pseudo, exportable, shown, (p for p, _ in pseudo.held))

    def tables(self, lang: str | None = None, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> list[Table]:
        """Every table of the report, labels in ``lang`` (choice names if None)."""
        steps = Progress(progress, cancelled)
        builders: dict[tuple[str, str], TableBuilder] = {}
        versions: dict[str, set[str]] = defaultdict(set)
        with self.vault.read() as db:
            total = repo_export.complete_count(db)
        for n, (q, info, answers) in enumerate(self._checked(), start=1):
            key = (q.form_id, q.version)
            if key not in builders:
                if lang is not None and lang not in q.languages:
                    raise BadInput(f"The questionnaire {q.form_id} has no language {lang!r}; "
                                   f"it has: {', '.join(q.languages)}.")
                builders[key] = TableBuilder(q, lang)
                versions[q.form_id].add(q.version)
            builders[key].add(ReportInterview(n, info["uuid"], info["submission_time"],
                                              info["submitted_by"] or "", info["site"],
                                              info["version"], answers, info["withheld"]))
            steps.step(n, total, "Reading interviews")
        out: list[Table] = []
        with self.vault.read() as db:
            exact = not small_counts_k(db, DEFAULT_K)
        if exact:  # the files say so themselves: a sheet / a CSV of their own, first
            out.append(Table("INTERNAL_USE_exact_counts", ["note"], [[
                "Exact counts: groups of fewer than k interviews are NOT blanked in these "
                "tables. For internal use only; do not share."]]))
        for (form_id, version), builder in sorted(builders.items()):
            for table in builder.tables:
                if len(versions[form_id]) > 1:
                    table.name = f"{form_id}_v{version}{table.name[len(form_id):]}"
                out.append(table)
        return out

    def _checked(self) -> list[tuple[Questionnaire, dict[str, Any], dict[str, AnswerValue]]]:
        """:meth:`_interviews` after the k-check over every researcher's data.

        Each researcher's export checked only that researcher's interviews;
        here all of them meet. An interview whose quasi-identifiers (with its
        questionnaire) are shared by fewer than k reported interviews gets
        them blanked in the report, as an export's suppression would —
        unless the lead chose exact counts for internal use.
        """
        items = list(self._interviews())
        with self.vault.read() as db:
            k = small_counts_k(db, DEFAULT_K)
        if not k:
            return items
        keys = [QuasiRecord.of(str(n), q.form_id, {x.path: a.get(x.path) for x in top_level_quasi(q)})
                for n, (q, _info, a) in enumerate(items)]
        small = {m for g in small_groups([], keys, k) for m in g.in_bundle}
        out = []
        for n, (q, info, answers) in enumerate(items):
            if str(n) in small:
                quasi = [x.path for x in top_level_quasi(q)]
                gone = set(quasi) | suppression_paths(q)
                if info["withheld"] is not None:  # the report's own suppression says so too
                    blanked = [p for p in answers if model_path(p) in gone]
                    info = {**info, "withheld": {**info["withheld"],
                                                 **withheld.suppressed(quasi, blanked, answers)}}
                answers = {p: v for p, v in answers.items() if model_path(p) not in gone}
            out.append((q, info, answers))
        return out

    def write_csv(self, directory: Path, lang: str | None = None,
                  progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> list[Path]:
        """``report --csv DIR``: one CSV per table."""
        return write_csv(self.tables(lang, progress, cancelled), directory)

    def write_xlsx(self, file: Path, lang: str | None = None,
                   progress: ProgressFn | None = None, cancelled: CancelledFn | None = None) -> Path:
        """``report --xlsx FILE``: one sheet per table."""
        return write_xlsx(self.tables(lang, progress, cancelled), file)

    def summary(self, lang: str | None = None) -> Summary:
        """The domain brief's figures over every complete interview."""
        items = [SummaryInput(q, info["site"], answers, info["withheld"])
                 for q, info, answers in self._interviews()]
        with self.vault.read() as db:
            k = small_counts_k(db, DEFAULT_K)
        figures = summarise(items, lang)
        return fewer_than_k(figures, k) if k else figures
