"""The GUI's side of the exchange services: export, import and the lead's roster.

Every call the export, import and researchers views make on
``services.export`` and ``services.import_`` goes through here and comes
back as the plain rows of the GUI's item models, so the views and their
models stay independent of the service classes. Methods called from
background jobs take ``progress`` and ``cancelled`` and touch no widget.
Team set-up (team files, key files) is ``team_flow.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from testimonio.exchange.kanon import SmallGroup
from testimonio.forms.state_paths import model_path
from testimonio.gui.context import AppContext
from testimonio.gui.models.preview_model import AttachmentRow, PreviewRow, ReviewRow
from testimonio.gui.models.researchers_model import BundleRow, ResearcherRow
from testimonio.services.export import ExportResult, ExportService
from testimonio.services.export_plan import ExportPlan

ProgressFn = Callable[..., None]
CancelledFn = Callable[[], bool]


class _Counted(QObject):
    """The flow's counted messages: pyside6-lupdate writes the singular and the plural
    of a ``self.tr(…, n)`` of a QObject, not of ``QCoreApplication.translate``."""

    def sharing(self, size: int, values: str) -> str:
        """"3 interviews share — Sex: Woman; Age: 30–39" (a small group of the plan)."""
        return self.tr("%n interview(s) share — {0}", "", size).format(values)


@dataclass(frozen=True)
class ExportChoices:
    """What the researcher decided in the export dialog."""

    include_all: bool = False
    reviewed: tuple[tuple[str, str], ...] = ()  # (interview id, answer path) that may leave
    attachments: tuple[str, ...] = ()  # attachment ids ticked for export
    suppress_small_groups: bool = False
    accept_risk: bool = False


class ExportFlow:
    """One export, from preparation to the written bundle.

    Review decisions are recorded in the vault as the researcher makes them
    (``ExportService.review``), so a closed dialog loses none of them.
    """

    def __init__(self, context: AppContext, lang: str | None = None) -> None:
        self.context = context
        self.lang = lang
        self.interview_count = 0
        self.has_small_groups = False
        self._include_all = False
        self._reviews: list[ReviewRow] = []
        self._already: list[tuple[str, str]] = []
        self._attachments: list[AttachmentRow] = []
        self._plan: ExportPlan | None = None  # the plan the preview shows and the bundle is written from
        self._suppressed = False  # whether _plan has its small groups blanked

    @property
    def service(self) -> ExportService:
        return self.context.export

    def prepare(self, include_all: bool, progress: ProgressFn | None = None,
                cancelled: CancelledFn | None = None) -> None:
        """Plan the export (background): interviews, answers to review, attachments."""
        self._include_all = include_all
        plan = self.service.plan(include_all, self.lang, progress=progress, cancelled=cancelled)
        reviews: list[ReviewRow] = []
        already: list[tuple[str, str]] = []
        attachments: list[AttachmentRow] = []
        for planned in plan.records:
            listed = self.service.review_items(planned.interview_id, self.lang)
            form, version = planned.form_id, planned.form_version
            idents = tuple((self.label(form, model_path(p), version), text)
                           for p, text in listed.identifiers.items())
            for item in listed.items:
                reviews.append(ReviewRow(item.interview_id, item.alias or planned.export_id[:8],
                                         item.path, item.label, item.value, idents,
                                         tuple((f.start, f.end, f.kind) for f in item.findings)))
                if item.decision:
                    already.append((item.interview_id, item.path))
            for stored, name in planned.attachments:
                alias = listed.items[0].alias if listed.items else planned.export_id[:8]
                attachments.append(AttachmentRow(stored.id, alias, stored.path, name,
                                                 stored.clean_mime, stored.clean_size))
        self._plan = plan
        self.interview_count = len(plan.records)
        self._reviews, self._already, self._attachments = reviews, already, attachments
        self.has_small_groups = bool(plan.groups)

    def risks(self) -> list[str]:
        """What a reader could still work out from the values that leave (preview)."""
        return list(self._plan.risks) if self._plan is not None else []

    def left_out(self) -> list[str]:
        """Notes on what stays although asked for (e.g. attachments that cannot be cleaned)."""
        return list(self._plan.left_out) if self._plan is not None else []

    def review_rows(self) -> list[ReviewRow]:
        return list(self._reviews)

    def already_reviewed(self) -> list[tuple[str, str]]:
        return list(self._already)

    def attachment_rows(self) -> tuple[list[AttachmentRow], list[str]]:
        """The attachments ticked for export in their interviews (all ticked)."""
        return list(self._attachments), [a.attachment_id for a in self._attachments]

    def record_reviews(self, choices: ExportChoices) -> None:
        """Record every review decision in the vault (withheld ones too)."""
        kept = set(choices.reviewed)
        for row in self._reviews:
            leaves = (row.interview_id, row.path) in kept
            # Keeping a text the safety net marked releases that exact value.
            self.service.review(row.interview_id, row.path, leaves, release=leaves and bool(row.findings))

    def record_attachments(self, choices: ExportChoices) -> None:
        """Record the attachment ticks in the vault (the service makes a new revision)."""
        ticked = set(choices.attachments)
        for row in self._attachments:
            self.service.set_attachment_export(row.attachment_id, row.attachment_id in ticked)

    def replan(self, choices: ExportChoices, progress: ProgressFn | None = None,
               cancelled: CancelledFn | None = None) -> None:
        """Record the review and attachment decisions, then plan once with them.

        Runs off the GUI thread (the dialog starts it as a job when the
        privacy step is reached); the privacy step and the preview then read
        this one plan.
        """
        self.record_reviews(choices)
        self.record_attachments(choices)
        plan = self.service.plan(self._include_all, self.lang, progress=progress,
                                 cancelled=cancelled)
        self._plan, self._suppressed = plan, False
        self.has_small_groups = bool(plan.groups)

    @property
    def needs_replan(self) -> bool:
        """Whether the plan has its small groups blanked (going back undoes the choice)."""
        return self._plan is None or self._suppressed

    def _current(self) -> ExportPlan:
        if self._plan is None:
            raise RuntimeError("the export is planned (prepare, replan) before it is shown")
        return self._plan

    def small_groups(self) -> tuple[list[str], int]:
        """The small groups of the current plan as lines a person reads (smallest first), and k."""
        plan = self._current()
        return [self._describe(g) for g in sorted(plan.groups, key=lambda g: g.size)], plan.k

    def final_plan(self, choices: ExportChoices) -> ExportPlan:
        """The current plan with the privacy choice applied (blanking needs no new plan)."""
        plan = self._current()
        if choices.suppress_small_groups and plan.groups and not self._suppressed:
            plan.suppress_small_groups()
            self._suppressed = True
        return plan

    def label(self, form_id: str, path: str, version: str | None = None) -> str:
        """A question's label in the interface language (its name if unknown)."""
        try:
            q = self.context.questionnaires.get(form_id, version)
            node = q.node(path)
            return str(node.label.get(self.lang, q.default_language) or node.name)
        except Exception:  # noqa: BLE001 - a label is a nicety; the name will do
            return path.rsplit("/", 1)[-1]

    def _describe(self, group: SmallGroup) -> str:
        from PySide6.QtCore import QCoreApplication

        choices_of = self._choices_of(group.form_id, None)

        def shown(path: str, value: object) -> str:
            # A choice by its label ("Mujer", not "female"), as the preview shows it.
            return _choice_text(str(value), choices_of(path)) or str(value)

        # What the group shares, then a word for the fields they all left blank
        # (a list of eight "(blank)" hid the two values that make the group).
        filled = [f"{self.label(group.form_id, p)}: {shown(p, v)}" for p, v in group.values.items()
                  if v is not None]
        if not filled:
            values = QCoreApplication.translate("ExportDialog", "every field blank")
        elif len(filled) < len(group.values):
            values = "; ".join(filled) + " " + QCoreApplication.translate("ExportDialog", "(the rest blank)")
        else:
            values = "; ".join(filled)
        return _Counted().sharing(group.size, values)

    def preview_rows(self, choices: ExportChoices) -> list[PreviewRow]:
        """Exactly what will leave, one value a row (the plan the bundle is written from)."""
        plan = self.final_plan(choices)
        rows = []
        for planned in plan.loaded(values=True):  # a chunk of records in memory at a time
            eid, form, version = planned.export_id, planned.form_id, planned.form_version
            alias, title, choices_of = self._readable(planned.interview_id, form, version)
            shown = {"shown_interview": alias, "shown_questionnaire": title}
            rows.append(PreviewRow(eid, form, "site", self._site_label(), str(planned.record.get("site", "")),
                                   "as entered", **shown))
            for key in ("started", "completed"):
                day = str(planned.record.get(key) or "")  # the month, or the day if the form asks
                rows.append(PreviewRow(eid, form, key, self._date_label(key), day,
                                       "month" if len(day) == 7 else "date only", **shown))
            cleaned = {a["name"]: a for a in planned.record["attachments"]}
            rows.extend(PreviewRow(eid, form, v.path, v.label, _with_hash(v.value, cleaned), v.how,
                                   shown_value=_choice_text(v.value, choices_of(v.path)), **shown)
                        for v in planned.values)
        return rows

    def _readable(self, interview_id: str, form: str, version: str | None) -> tuple[
            str, str, Any]:
        """(alias, questionnaire title, path -> {choice name: label}) for the preview."""
        try:
            alias = str(self.context.interviews.get(interview_id).alias or "")
        except Exception:  # noqa: BLE001 - the export id still tells interviews apart
            alias = ""
        try:
            q = self.context.questionnaires.get(form, version)
        except Exception:  # noqa: BLE001 - the form id will do
            return alias, form, lambda _path: {}
        title = str(q.title.get(self.lang, q.default_language) or form)
        return alias, title, self._choices_of(form, version)

    def _choices_of(self, form: str, version: str | None) -> Callable[[str], dict[str, str]]:
        """answer path -> {choice name: label in the interface language} ({} if none)."""
        try:
            q = self.context.questionnaires.get(form, version)
        except Exception:  # noqa: BLE001 - codes are shown then
            return lambda _path: {}

        def choices_of(path: str) -> dict[str, str]:
            try:
                node = q.node(model_path(path))
                return {c.name: str(c.label.get(self.lang, q.default_language) or c.name)
                        for c in getattr(node, "choices", None) or ()}
            except Exception:  # noqa: BLE001 - codes are shown then
                return {}

        return choices_of

    @staticmethod
    def _site_label() -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("ExportDialog", "Site")

    @staticmethod
    def _date_label(key: str) -> str:
        from PySide6.QtCore import QCoreApplication

        if key == "started":
            return QCoreApplication.translate("ExportDialog", "Started")
        return QCoreApplication.translate("ExportDialog", "Completed")

    def write(self, out: Path, choices: ExportChoices, progress: ProgressFn | None = None,
              cancelled: CancelledFn | None = None) -> ExportResult:
        """Write the bundle from the previewed plan (background); nothing is left if cancelled."""
        plan = self.final_plan(choices)
        return self.service.write(out, plan=plan, suppress_small_groups=choices.suppress_small_groups,
                                  accept_risk=choices.accept_risk, leave_behind=True,
                                  progress=progress,
                                  cancelled=cancelled)


def _choice_text(value: str, labels: dict[str, str]) -> str:
    """A select answer's codes as their labels ("female" → "Mujer"); '' if not one."""
    codes = value.split()
    if not labels or not codes or not all(code in labels for code in codes):
        return ""
    return ", ".join(labels[code] for code in codes)


def _with_hash(value: str, cleaned: dict[str, Any]) -> str:
    """An attachment's name with the size and hash of the cleaned picture that leaves."""
    meta = cleaned.get(value)
    if meta is None:
        return value
    from PySide6.QtCore import QCoreApplication

    return (QCoreApplication.translate("ExportDialog", "%1 (cleaned: %2 KB, SHA-256 %3)")
            .replace("%1", value).replace("%2", str(max(1, round(int(meta["size"]) / 1024))))
            .replace("%3", str(meta["sha256"])))


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one bundle file."""

    path: Path
    ok: bool
    message: str
    skipped: bool = False  # not a bundle: passed over, not refused


def _imported_sentence(result: Any) -> str:
    # Built here rather than taken from ImportResult.sentence() so it is translatable
    # and does not repeat the file name the table already shows.
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("ImportDialog", text)

    if result.already_imported:
        return tr("bundle %1 from %2 was already imported; nothing changed.").replace(
            "%1", str(result.sequence)).replace("%2", result.researcher)
    return (tr("bundle %1 from %2: %3 new, %4 updated, %5 unchanged or older.")
            .replace("%1", str(result.sequence)).replace("%2", result.researcher)
            .replace("%3", str(result.added)).replace("%4", str(result.replaced))
            .replace("%5", str(result.ignored)))


def import_files(context: AppContext, files: Sequence[Path], progress: ProgressFn | None = None,
                 cancelled: CancelledFn | None = None) -> list[ImportOutcome]:
    """Import each file on its own (background); a refusal does not stop the others.

    A cancel stops before the next file; the file being imported when it
    comes is rolled back by the service and not listed.
    """
    from testimonio.errors import TestimonioError

    service = context.import_
    outcomes = []
    for n, path in enumerate(files):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(n, len(files), path.name)
        try:
            result = service.import_file(path, cancelled=cancelled)
        except TestimonioError as error:
            if cancelled is not None and cancelled():
                break
            outcomes.append(ImportOutcome(path, False, str(error)))
        else:
            outcomes.append(ImportOutcome(path, True, _imported_sentence(result)))
    if progress is not None and len(outcomes) == len(files):
        progress(len(files), len(files), "")
    return outcomes


def _skip_reason(reason: str) -> str:
    from PySide6.QtCore import QCoreApplication

    texts = {
        "unreadable": QCoreApplication.translate("ImportDialog", "the file cannot be read."),
        "team": QCoreApplication.translate("ImportDialog", "a team file, not a bundle."),
        "key": QCoreApplication.translate("ImportDialog", "a researcher's key file, not a bundle."),
        "receipt": QCoreApplication.translate("ImportDialog", "a receipt, not a bundle."),
        "update": QCoreApplication.translate("ImportDialog", "a team update, not a bundle."),
        "short": QCoreApplication.translate(
            "ImportDialog", "too short to be a bundle: it may still be copying."),
    }
    return texts.get(reason) or QCoreApplication.translate("ImportDialog", "not a Testimonio bundle.")


def import_folder(context: AppContext, folder: Path, progress: ProgressFn | None = None,
                  cancelled: CancelledFn | None = None) -> tuple[list[ImportOutcome], int]:
    """Import every bundle of ``folder`` not imported yet (background).

    Returns one outcome per file handled or skipped, and how many bundles
    were passed over because they were imported before.
    """
    from testimonio.services.folder_import import IMPORTED, SKIPPED

    done = context.folder_import.run(folder, progress, cancelled)
    outcomes = []
    for item in done.items:
        if item.outcome == SKIPPED:
            outcomes.append(ImportOutcome(item.path, False, _skip_reason(item.reason), True))
        elif item.result is not None:
            outcomes.append(ImportOutcome(item.path, True, _imported_sentence(item.result)))
        else:
            outcomes.append(ImportOutcome(item.path, item.outcome == IMPORTED, item.message))
    return outcomes, done.known


def gaps(context: AppContext) -> dict[str, list[tuple[int, int]]]:
    """Runs of missing sequence numbers per researcher name."""
    return {r.name: list(r.gaps) for r in researcher_rows(context) if r.gaps}


def researcher_rows(context: AppContext) -> list[ResearcherRow]:
    """The lead's roster with bundle counts, last bundle and gaps."""
    service = context.import_
    rows = []
    names = service.display_names()  # two researchers of one name are told apart
    for key_id, (public, name) in sorted(service.roster().items(), key=lambda kv: kv[1][1].lower()):
        log = [e for e in service.log(key_id) if e.outcome == "imported"]
        last = max(log, key=lambda e: e.sequence, default=None)
        rows.append(ResearcherRow(
            names.get(key_id) or name or public.fingerprint[:9], key_id, public.fingerprint,
            bundles=len({e.bundle_id for e in log}),
            last_sequence=last.sequence if last else None,
            last_import=_when(last.at) if last else "",
            gaps=tuple(service.gaps(key_id))))
    return rows


def _when(stamp: str) -> str:
    """``2026-11-20T18:02:11.123Z`` → ``2026-11-20 18:02``."""
    return stamp[:16].replace("T", " ") if stamp else ""


def bundle_rows(context: AppContext, key_id: str) -> list[BundleRow]:
    """The import log of one researcher, oldest bundle first."""
    entries = context.import_.log(key_id)
    return sorted((BundleRow(e.sequence, e.bundle_id, _when(e.created), _when(e.at), e.records, e.outcome)
                   for e in entries), key=lambda b: (b.sequence, b.imported))

