"""Interviews worked out for export when they are completed, kept in the vault.

An export spent most of its time working each interview out: which answers
are relevant, pseudonymisation, the safety net over the texts, the record's
JSON (docs/privacy.md, issue 17). All of that depends only on the interview
as stored (every change to it, a review decision or a ticked attachment
included, raises its revision), its export id, its questionnaire's file, the
long side of pictures and this program's rules. So the interview service
works the record out once, when the interview is completed
(:meth:`ExportReady.prepare`), and keeps it in the vault (``export_ready``)
exactly as the bundle will hold it; an export then takes the kept record
instead of working it out again.

A kept record is taken only while everything it was worked out from is
unchanged: the interview is complete at the same revision with the same
export id, and the rules key (:func:`rules_key`: :data:`RULES`, the
questionnaire's sha256, ``picture_max_side``) is the one of now. Anything
else is worked out at export, as before; tests/services/test_export_ready.py
checks that a bundle of kept records is byte for byte the bundle worked out
at export. Nothing is kept of an interview

- with attachments ticked for export (cleaning pictures takes seconds: the
  export does it, once), or
- whose questionnaire's export depends on more than the stored answers (an
  expression that reads the clock or chance, metadata the export fills in).

The kept record is pseudonymised: it holds nothing the interview's own rows
do not, inside the same encrypted vault, and goes with its interview (a
delete cascades; a purge deletes it with the answers).

:data:`RULES` names the code a record is worked out by. A test pins it to a
digest of that code's source: changing any of it fails the test until RULES
is raised, which makes every kept record stale (raising it is always safe).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence

from testimonio.errors import BadInput
from testimonio.exchange.bundle import record_line
from testimonio.exchange.kanon import QuasiRecord
from testimonio.exchange.scrub import DEFAULT_MAX_SIDE
from testimonio.forms.deps import expressions
from testimonio.forms.model import METADATA_TYPES, Questionnaire
from testimonio.services.export_plan import LOAD_CHUNK, PlannedRecord
from testimonio.services.export_reader import PlanReader
from testimonio.services.planned_record import Loader
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.relevance import Relevance
from testimonio.vault import Vault, repo_export, repo_forms, repo_imports, repo_settings, repo_team
from testimonio.vault.db import Db

__all__ = ["RULES", "ExportReady", "rules_key", "stored_first"]

log = logging.getLogger(__name__)

#: The version of the rules a kept record was worked out by (see the module docstring).
RULES = "2"

# Functions whose result is not the stored answers' alone.
_CLOCK_OR_CHANCE = re.compile(r"\b(today|now|random|randomize|uuid|once)\s*\(")
# Columns that only say whether an answer is acceptable: they decide nothing that leaves.
_CHECKS_ONLY = frozenset({"required", "constraint"})


def rules_key(form_sha256: str, max_side: int) -> str:
    """What a kept record of a questionnaire was worked out under, besides its interview."""
    return hashlib.sha256(f"{RULES}\0{form_sha256}\0{max_side}".encode()).hexdigest()


def stored_first(q: Questionnaire, relevance: Relevance) -> frozenset[str] | None:
    """None when an export of ``q``'s interviews may depend on more than their stored rows
    (an expression that reads the clock or chance, a calculated metadata question); else
    the metadata an interview must have stored for its record to be kept (``start`` or
    ``today`` an expression reads: the export fills in the clock's when it is missing)."""
    if any(n.calculation for n in q.questions() if n.type in METADATA_TYPES):
        return None
    if any(column not in _CHECKS_ONLY and _CLOCK_OR_CHANCE.search(text)
           for node in q.walk() for column, text in expressions(node)):
        return None
    return frozenset(m.path for m in relevance.facts(q).sweep.clock_read)


class ExportReady:
    """Works records out ahead of the export, and hands the export those still current."""

    def __init__(self, vault: Vault, forms: QuestionnaireService | None = None,
                 relevance: Relevance | None = None) -> None:
        self.vault = vault
        self.forms = forms or QuestionnaireService(vault)
        self.relevance = relevance or Relevance()
        self._rules: dict[tuple[str, str], str | None] = {}

    def prepare(self, interview_ids: Iterable[str]) -> int:
        """Work out and keep the records of these interviews (those that may leave and
        can be kept, in a researcher's vault); returns how many were kept. Planning them is an export's: the
        same :class:`PlanReader`, so the same refusals."""
        self._rules.clear()  # settings or questionnaires may have changed since the last call
        with self.vault.read() as db:
            found = repo_team.team(db)
            if found is None or found["role"] != "researcher":
                return 0  # only a researcher's vault exports
            ids = repo_export.candidates_among(db, list(interview_ids))
        if not ids:
            return 0
        repo_export.assign_export_ids(self.vault, ids)
        reader = PlanReader(self.vault, self.forms, self.relevance, None, {})
        rows: list[repo_export.ReadyRow] = []
        try:
            for chunk in reader.plan_chunks(ids, LOAD_CHUNK):
                rows += self._rows(chunk, reader)
        except BadInput:  # an interview changed meanwhile: the export works it out
            return 0
        if not rows:
            return 0
        with self.vault.transaction() as db:
            return repo_export.keep_ready(db, rows)

    def prepare_quietly(self, interview_ids: Iterable[str]) -> None:
        """:meth:`prepare`, for a caller whose own work is done (a completion, a review
        decision): a record that cannot be worked out now is worked out at export,
        which then says why."""
        try:
            self.prepare(interview_ids)
        except Exception as error:  # noqa: BLE001 - logged without values; the export retries
            log.warning("record not worked out ahead of export (%s)", type(error).__name__)

    def _rows(self, chunk: list[PlannedRecord], reader: PlanReader) -> Iterator[repo_export.ReadyRow]:
        needed: dict[tuple[str, str], frozenset[str] | None] = {}
        for planned in chunk:
            if planned.attachments or planned.left_out:
                continue
            form = planned.form
            if form not in needed:
                needed[form] = stored_first(reader.questionnaires[form], self.relevance)
            rules, paths = self._rules_now(form), needed[form]
            if rules is None or paths is None or not self._stored(planned.interview_id, paths):
                continue
            yield repo_export.ReadyRow(
                planned.interview_id, planned.revision, rules, planned.export_id,
                json.dumps(planned.quasi_values, ensure_ascii=False),
                json.dumps(planned.held, ensure_ascii=False), record_line(planned.record))

    def _stored(self, interview_id: str, paths: frozenset[str]) -> bool:
        """Whether the interview has an answer stored at each of ``paths``."""
        if not paths:
            return True
        with self.vault.read() as db:
            return repo_export.answered(db, interview_id, sorted(paths)) == paths

    def _rules_now(self, form: tuple[str, str], db: Db | None = None) -> str | None:
        """The rules key records of this questionnaire are kept under now (None: not
        installed); read once per call of :meth:`prepare` or :meth:`planned`."""
        if form not in self._rules:
            if db is None:
                with self.vault.read() as db:
                    return self._rules_now(form, db)
            found = repo_forms.sha256_of(db, *form)
            side = repo_settings.setting_int(db, "picture_max_side", DEFAULT_MAX_SIDE)
            self._rules[form] = None if found is None else rules_key(found[0], side)
        return self._rules[form]

    def planned(self, interview_ids: Sequence[str], reader: PlanReader,
                loader: Loader) -> Iterator[list[tuple[PlannedRecord, bytes | None]]]:
        """The export's planned records of these interviews, a chunk at a time, in order:
        each with its kept line when it has a current one (the record then stays
        released: ``loader`` works it out again if it is read), else planned by ``reader``
        (read ahead on its second thread) with None."""
        self._rules.clear()
        # Each part's ids taken from the (packed) list only as it is read: a list of
        # every id as strings would live until the end of planning, when memory peaks.
        kept: deque[tuple[list[str], dict[str, repo_export.KeptRecord]]] = deque()

        def cold_parts() -> Iterator[list[str]]:
            # Pulled as the reader reads ahead: each part's kept records are read
            # (and checked) just before its other interviews are.
            for start in range(0, len(interview_ids), LOAD_CHUNK):
                part = list(interview_ids[start:start + LOAD_CHUNK])
                current = self._current(part)
                kept.append((part, current))
                yield [i for i in part if i not in current]

        for cold in reader.plan_parts(cold_parts()):
            part, current = kept.popleft()
            worked_out = iter(cold)
            out: list[tuple[PlannedRecord, bytes | None]] = []
            for interview_id in part:
                hit = current.get(interview_id)
                if hit is None:
                    out.append((next(worked_out), None))
                    continue
                row = hit.row
                quasi = reader.compact_quasi(QuasiRecord(
                    row.export_id, hit.form_id, tuple((p, v) for p, v in json.loads(row.quasi))))
                held = [(p, k) for p, k in json.loads(row.held)]
                out.append((PlannedRecord.kept(interview_id, row.revision, quasi, hit.form_version,
                                               held, loader), row.line))
            yield out

    def _current(self, part: list[str]) -> dict[str, repo_export.KeptRecord]:
        """Interview id -> kept record, for those of ``part`` whose kept record is current."""
        with self.vault.read() as db, \
                repo_imports.small_page_cache(db, repo_export.WRITE_ONCE_CACHE_KIB):
            found = repo_export.ready_rows(db, part)
            return {i: kept for i, kept in found.items()
                    if kept.row.rules == self._rules_now((kept.form_id, kept.form_version), db)}
