"""The lead's data view: answers as tables, a page at a time, filtered in SQL.

One table per questionnaire (one row per complete interview) and one per
repeat (its instances, linked to their interview), with the columns named
as the report names them (``person/gender``, ``_submitted_by``, …; see
:mod:`testimonio.services.report_tables`). Only the page shown is read:
filters (researcher, site, date range, any select question, a search in
the alias) become one SQL condition over indexed columns, so changing a
filter over 100 000 interviews costs a count and one page.

Each cell knows why it may be empty: an answer that is ``quasi`` left the
researcher's laptop generalised (a band, a month) or blanked when too few
interviews shared it; free text leaves only when the researcher released
it; identifiers never leave (they have no column). Bundles say which
answers their export withheld and why (the record's ``withheld`` field,
kept in ``withheld_answers``): for those interviews :func:`cell_reason`
tells a withheld answer from an unanswered one for certain; for interviews
from older bundles it can only say "withheld or never answered". The view
shows those apart from a plain unanswered question, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from testimonio.exchange import derived, withheld
from testimonio.forms.model import AnswerValue, Group, Privacy, Question, Questionnaire
from testimonio.services.questionnaires import InstalledForm, QuestionnaireService
from testimonio.services.report_tables import _direct_questions, _repeats
from testimonio.services.team import TeamService
from testimonio.vault import Vault, repo_dataview
from testimonio.vault.day_stamps import shown_day

MAX_PAGE = 500
OWN = repo_dataview.OWN  # the researcher filter's value for interviews taken in this vault

#: Why an empty or changed cell looks as it does (the GUI words them).
UNANSWERED, GENERALISED, MAYBE_SUPPRESSED, MAYBE_WITHHELD, NEVER_SENT = (
    "unanswered", "generalised", "maybe suppressed", "maybe withheld", "never sent")

#: The export said it withheld the answer, and why (the bundle's reasons).
SUPPRESSED, NOT_REVIEWED, HELD, NOT_EXPORTED = (
    withheld.SUPPRESSED, withheld.NOT_REVIEWED, withheld.HELD, withheld.NOT_EXPORTED)
#: The export said it sent the value one step coarser than the questionnaire says.
GENERALISED_FURTHER = "generalised further"
#: Reasons whose cell has no value because it was withheld (known or maybe).
WITHHELD_REASONS = frozenset({SUPPRESSED, NOT_REVIEWED, HELD, NOT_EXPORTED})
NOT_SENT_REASONS = frozenset({MAYBE_SUPPRESSED, MAYBE_WITHHELD, NEVER_SENT})

META_COLUMNS = ("_submission_time", "_submitted_by", "_site", "_uuid")


@dataclass(frozen=True)
class DataColumn:
    """One column: its report name, label, and how its answers leave a researcher's laptop."""

    name: str
    label: str
    question: Question | None = None  # None for the metadata columns
    leaves: str = derived.AS_ENTERED  # derived.STAYS, REVIEW, QUASI or AS_ENTERED

    @property
    def is_select(self) -> bool:
        return self.question is not None and self.question.type in ("select_one", "select_multiple")

    def empty_reason(self) -> str:
        """Why an empty cell of this column (in an imported interview) may be empty."""
        return {derived.STAYS: NEVER_SENT, derived.QUASI: MAYBE_SUPPRESSED,
                derived.REVIEW: MAYBE_WITHHELD}.get(self.leaves, UNANSWERED)

    def changed_reason(self) -> str | None:
        """Why a value may differ from what was entered (None if it left as entered)."""
        q = self.question
        if q is None or self.leaves != derived.QUASI:
            return None
        generalised = q.type in ("integer", "decimal", "date", "dateTime") or q.type in derived.DERIVED_TYPES
        return GENERALISED if generalised else None


def cell_reason(column: DataColumn, value: AnswerValue, imported: bool,
                found: dict[str, str] | None) -> str:
    """Why one cell looks as it does: a reason of this module ("" when nothing to say).

    ``found`` is the interview's withheld answers (path of this table → reason),
    or None when its bundle did not say (older program) or it was not imported.
    """
    empty = value is None or value == "" or value == []
    if not imported:  # taken in this vault: as entered (the column's reason is still read aloud)
        return "" if empty else column.changed_reason() or ""
    if found is not None:
        reason = found.get(column.name)
        if reason == withheld.GENERALISED and not empty:
            return GENERALISED_FURTHER
        if empty and reason in WITHHELD_REASONS:
            return reason
        if empty:  # the form's own rule, else really unanswered
            return NEVER_SENT if column.leaves == derived.STAYS else UNANSWERED
    return column.empty_reason() if empty else (column.changed_reason() or "")


def answer_reason(questionnaire: Questionnaire, q: Question, value: AnswerValue,
                  found: dict[str, str] | None, answer_path: str) -> str:
    """Why one answer of an imported interview looks as it does, for the lead's copy of the
    interview: :func:`cell_reason` with the column of ``q`` (``found`` as there).

    Only what the lead cannot see otherwise: withheld, never sent, maybe suppressed or
    withheld, generalised further ("" for an answer as sent, or one left unanswered).
    """
    column = DataColumn(answer_path, "", q, how_it_leaves(questionnaire, q))
    reason = cell_reason(column, value, True, found)
    return "" if reason in (UNANSWERED, GENERALISED) else reason


def how_it_leaves(questionnaire: Questionnaire, q: Question) -> str:
    """How an answer to ``q`` leaves in a bundle (mirrors the pseudonymiser's rules)."""
    if q.privacy is Privacy.IDENTIFIER:
        return derived.STAYS
    if q.type in ("geopoint", "deviceid", "username") and q.privacy is not Privacy.SAFE:
        return derived.STAYS
    if q.type in derived.DERIVED_TYPES:
        return derived.classify(questionnaire, q).how
    if q.privacy is Privacy.QUASI:
        return derived.QUASI
    if q.type == "text" and q.privacy is not Privacy.SAFE:
        return derived.REVIEW
    return derived.AS_ENTERED


@dataclass(frozen=True)
class DataFilter:
    """What the table shows: one questionnaire and the lead's filters."""

    form_id: str
    researcher: str | None = None  # a roster key id, OWN, or None for everybody
    site: str | None = None
    date_from: str | None = None  # YYYY-MM-DD, the day the interview was taken
    date_to: str | None = None  # inclusive
    choices: tuple[tuple[str, str], ...] = ()  # (question path, choice name), all must hold
    search: str | None = None  # in the alias


@dataclass(frozen=True)
class DataRow:
    """One interview of the page: its id, metadata and answers."""

    interview_id: str
    meta: dict[str, str]
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    imported: bool = False  # arrived in a bundle (pseudonymised), not taken in this vault
    # Answer path -> reason its export withheld it (None: the bundle did not say).
    withheld: dict[str, str] | None = None


# The filter's SQL condition is built in the vault, beside the queries that use it.
_where = repo_dataview.where


class DataViewService:
    """Questionnaires, columns, filtered counts and pages for the data view."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.forms = QuestionnaireService(vault)

    # --- what there is -------------------------------------------------------
    def questionnaires(self) -> list[tuple[str, str]]:
        """(form id, newest version) of every questionnaire with complete interviews."""
        return [(form.form_id, form.version) for form in self.newest()]

    def newest(self) -> list[InstalledForm]:
        """The newest installed version of every questionnaire with complete
        interviews (a view's list names each by its title)."""
        with self.vault.read() as db:
            ids = repo_dataview.complete_form_ids(db)
        newest: dict[str, InstalledForm] = {}
        for form in self.forms.list():  # newest version first within each form id
            newest.setdefault(form.form_id, form)
        return [newest[form_id] for form_id in ids if form_id in newest]

    def questionnaire(self, form_id: str) -> Questionnaire:
        """The newest installed version of ``form_id`` (its columns are the table's)."""
        return self.forms.get(form_id)

    def columns(self, q: Questionnaire, lang: str | None = None) -> list[DataColumn]:
        """The main table's columns: questions outside repeats, then metadata."""
        return _question_columns(q, _direct_questions(q.root), lang) + [
            DataColumn(name, name) for name in META_COLUMNS]

    def repeats(self, q: Questionnaire, lang: str | None = None) -> list[tuple[Group, list[DataColumn]]]:
        """Each repeat of the questionnaire (at any depth) with its columns."""
        found: list[tuple[Group, list[DataColumn]]] = []

        def walk(group: Group) -> None:
            for rep in _repeats(group):
                found.append((rep, _question_columns(q, _direct_questions(rep), lang)))
                walk(rep)
        walk(q.root)
        return found

    def researchers(self) -> list[tuple[str, str]]:
        """(key id, name told apart) of the roster, by name."""
        names = TeamService(self.vault).display_names()
        return sorted(names.items(), key=lambda kv: kv[1].casefold())

    def sites(self, form_id: str) -> list[str]:
        """Sites with complete interviews of ``form_id``."""
        with self.vault.read() as db:
            return repo_dataview.complete_sites(db, form_id)

    # --- the rows ------------------------------------------------------------
    def count(self, f: DataFilter) -> int:
        """How many interviews the filter lets through."""
        with self.vault.read() as db:
            return repo_dataview.count(db, f)

    def ids(self, f: DataFilter, offset: int = 0, limit: int = 100) -> list[str]:
        """The interview ids of one page, newest interview first."""
        with self.vault.read() as db:
            return repo_dataview.page_ids(db, f, max(0, offset), max(0, min(limit, MAX_PAGE)))

    def rows(self, ids: list[str]) -> list[DataRow]:
        """Metadata and answers of the interviews ``ids``, in that order."""
        if not ids:
            return []
        names = TeamService(self.vault).display_names()
        with self.vault.read() as db:
            meta = repo_dataview.meta(db, ids)
            answers: dict[str, dict[str, AnswerValue]] = repo_dataview.answers(db, ids)
            withheld_of = repo_dataview.withheld(db, ids)
        out = []
        for iid in ids:
            updated, interviewer, site, researcher, origin_eid, own_eid, known = meta[iid]
            out.append(DataRow(iid, {
                # As the CSV and XLSX say it: the day (or month) of the last change.
                "_submission_time": shown_day(updated),
                "_submitted_by": names.get(researcher, interviewer) if researcher else str(interviewer),
                "_site": str(site), "_uuid": str(origin_eid or own_eid or ""),
            }, answers[iid], researcher is not None, withheld_of[iid] if known else None))
        return out

    def page(self, f: DataFilter, offset: int = 0, limit: int = 100) -> list[DataRow]:
        """One page of rows (see :meth:`ids`)."""
        return self.rows(self.ids(f, offset, limit))


def _question_columns(q: Questionnaire, questions: list[Question], lang: str | None) -> list[DataColumn]:
    def label(question: Question) -> str:
        return question.label.get(lang, q.default_language) or question.name

    return [DataColumn(question.path, label(question), question, how_it_leaves(q, question))
            for question in questions if not question.is_attachment]


def _instance_prefixes(q: Questionnaire, repeat: Group, answers: dict[str, AnswerValue]) -> list[str]:
    """Answer-path prefixes (``companions[2]``) of every instance of ``repeat`` in one interview."""
    from testimonio.services.report_tables import _instances

    chain = [node for node in q.walk() if isinstance(node, Group) and node.repeat
             and (repeat.path == node.path or repeat.path.startswith(node.path + "/"))]
    prefixes, previous = [""], ""
    for group in chain:  # outer repeats first: walk() goes depth first
        rel = group.path[len(previous) + 1:] if previous else group.path
        prefixes = [f"{p}{rel}[{n}]" for p in prefixes
                    for n in range(1, _instances(answers, p + rel) + 1)]
        if group is not repeat:
            prefixes = [p + "/" for p in prefixes]
        previous = group.path
    return prefixes


def repeat_instances(q: Questionnaire, repeat: Group, answers: dict[str, AnswerValue]) -> list[dict[str, AnswerValue]]:
    """The instances of a top-level or nested repeat in one interview's answers.

    Each instance's answers are keyed by model path (``household/age``), as
    the repeat's columns name them; a nested repeat's instances of every
    parent instance are listed one after another.
    """
    from testimonio.services.report_tables import _localise

    return [_localise(answers, inst, repeat.path) for inst in _instance_prefixes(q, repeat, answers)]


def repeat_withheld(q: Questionnaire, repeat: Group, row: DataRow) -> list[dict[str, str] | None]:
    """Each instance's withheld answers keyed by model path, as :func:`repeat_instances` lists them
    (None for every instance when the interview's bundle did not say)."""
    from testimonio.services.report_tables import _localise

    prefixes = _instance_prefixes(q, repeat, row.answers)
    if row.withheld is None:
        return [None] * len(prefixes)
    found: dict[str, AnswerValue] = dict(row.withheld)
    return [{k: str(v) for k, v in _localise(found, inst, repeat.path).items()} for inst in prefixes]
