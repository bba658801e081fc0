"""Reads interviews to export out of the vault, a chunk at a time, and plans them.

:class:`PlanReader` turns a chunk of interview ids into planned records
(answers, review decisions and attachments a query each per chunk, the
relevance sweep, pseudonymisation). The export plan keeps of each record
only what it needs and lets the reader work the record out again, a chunk
at a time, when the preview or the bundle reads it (:meth:`PlanReader.reload`):
memory does not grow with the number of interviews.

A record worked out again is refused when its interview changed since it
was planned (every change raises the interview's revision): the preview
shows exactly what leaves.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NamedTuple

from testimonio.errors import BadInput
from testimonio.exchange.kanon import QuasiRecord
from testimonio.exchange.pseudonymise import QuestionIndex
from testimonio.exchange.scrub import DEFAULT_MAX_SIDE, Unscrubbable, scrub
from testimonio.forms.model import AnswerValue, Questionnaire
from testimonio.services.export_plan import (
    InterviewToExport,
    PlannedRecord,
    StoredAttachment,
    plan_record,
)
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.relevance import Relevance
from testimonio.vault import Vault, repo_export, repo_imports, repo_settings
from testimonio.vault.db import Db

READ_AHEAD = 2  # chunks read while one is planned (each holds its answers)
_MAX_SHARED = 100_000  # distinct quasi values kept shared (bounded: they come from answers)
# (attachment id, stored hash, long side) -> (problem, mime, size, hash) of its cleaned picture.
CleanedCache = dict[tuple[str, str, int], tuple[str, str, int, str]]


def value_hash(value: AnswerValue) -> str:
    """The hash a review decision is tied to: a changed answer needs a new review."""
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


class PlanReader:
    """Plans interviews read from the vault by id, a chunk at a time."""

    def __init__(self, vault: Vault, forms: QuestionnaireService, relevance: Relevance,
                 lang: str | None, cleaned: CleanedCache) -> None:
        self.vault, self.forms, self.relevance, self.lang = vault, forms, relevance, lang
        self._cleaned = cleaned  # shared with the service: planning again decodes nothing twice
        self.questionnaires: dict[tuple[str, str], Questionnaire] = {}
        self._indexes: dict[tuple[str, str], QuestionIndex] = {}
        self.export_ids: dict[str, str] = {}
        self._shared: dict[Any, Any] = {}  # value -> the one object kept for it

    def plan_chunk(self, interview_ids: list[str]) -> list[PlannedRecord]:
        """The planned records of these interviews, in this order."""
        if not interview_ids:
            return []
        return self._plan(interview_ids, self._read(interview_ids))

    def plan_chunks(self, interview_ids: list[str], size: int) -> Iterator[list[PlannedRecord]]:
        """:meth:`plan_chunk` of each ``size`` interviews in turn (see :meth:`plan_parts`)."""
        return self.plan_parts(interview_ids[i:i + size] for i in range(0, len(interview_ids), size))

    def plan_parts(self, parts: Iterable[list[str]]) -> Iterator[list[PlannedRecord]]:
        """:meth:`plan_chunk` of each part in turn, the next parts read from the vault
        on a second thread while this one is planned (``parts`` is pulled as they are
        read ahead; an empty part gives an empty chunk).

        Reading is mostly SQLite decrypting pages and joining answers, which
        runs without the interpreter's lock: on two cores it costs the export
        little more than nothing. The reading thread holds the vault's lock
        as any read does (a lock() waits for it). A caller already inside a
        read or transaction of the vault reads on its own thread.
        """
        if self.vault.held_here():
            for ids in parts:
                yield self.plan_chunk(ids)
            return
        pending = iter(parts)
        order: deque[list[str]] = deque()  # the parts being read, in turn
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-read") as pool:
            ahead: deque[Future[_Read]] = deque()
            try:
                while True:
                    # The next READ_AHEAD parts are being read (or wait their turn):
                    # the reading thread waits for the interpreter's lock at each call
                    # into SQLite, and with one chunk ahead this one waited for it.
                    while len(ahead) <= READ_AHEAD:
                        part: list[str] | None = next(pending, None)
                        if part is None:
                            break
                        ahead.append(pool.submit(self._read, part) if part else _read_nothing())
                        order.append(part)
                    if not ahead:
                        return
                    yield self._plan(order.popleft(), ahead.popleft().result())
            finally:
                for future in ahead:
                    future.cancel()  # leaving early: the pool waits for a read under way

    def _read(self, interview_ids: list[str]) -> _Read:
        """Everything a chunk's plan needs from the vault, in one read."""
        # Answers are read once: a small page cache keeps them from filling the
        # vault's large one (memory would grow with the interviews exported).
        with self.vault.read() as db, \
                repo_imports.small_page_cache(db, repo_export.WRITE_ONCE_CACHE_KIB):
            return _Read(repo_export.export_reads(db, interview_ids),  # one row of SQLite per chunk
                         repo_export.review_decisions_of(db, interview_ids),
                         self._attachments_of(db, interview_ids))

    def _plan(self, interview_ids: list[str], read: _Read) -> list[PlannedRecord]:
        """The planned records of these interviews, from what :meth:`_read` gave."""
        self.export_ids.update((i, r.export_id) for i, r in read.interviews.items() if r.export_id is not None)
        planned = []
        for interview_id in interview_ids:
            found = read.interviews.get(interview_id)
            if found is None or found.row.status != "complete":
                raise _changed()
            row, answers = found.row, found.answers
            key = (row.form_id, row.form_version)
            if key not in self.questionnaires:
                self.questionnaires[key] = self.forms.get(*key)
                self._indexes[key] = QuestionIndex(self.questionnaires[key])
            q = self.questionnaires[key]
            decisions = read.decisions[interview_id]
            current = {p for p, (d, h) in decisions.items()
                       if p in answers and h == value_hash(answers[p])}
            interview = InterviewToExport(
                id=interview_id, export_id=self.export_ids[interview_id], form_id=row.form_id,
                form_version=row.form_version, revision=row.revision, site=row.site,
                language=row.language, created_at=row.created_at,
                updated_at=row.updated_at, answers=self.relevance.exportable(q, answers),
                reviewed=frozenset(p for p in current if decisions[p][0] in ("export", "release")),
                released=frozenset(p for p in current if decisions[p][0] == "release"),
                attachments=tuple(read.attachments[interview_id]))
            planned.append(self._compact(plan_record(interview, q, self.lang, self._indexes[key])))
        return planned

    def _compact(self, planned: PlannedRecord) -> PlannedRecord:
        """The same record, its quasi key and form made of objects shared between
        interviews (a plan keeps them for every interview; their values repeat)."""
        shared = self._shared
        if len(shared) < _MAX_SHARED:
            values = tuple([shared.setdefault(pair, pair) for pair in planned.quasi_values])
            planned.share(shared.setdefault(planned.form, planned.form), shared.setdefault(values, values))
        return planned

    def compact_quasi(self, quasi: QuasiRecord) -> QuasiRecord:
        """The same quasi key, its form id and values the objects kept for them (shared
        with every other key of this plan that has them: a plan keeps a key per interview)."""
        shared = self._shared
        if len(shared) >= _MAX_SHARED:
            return quasi
        values = tuple(shared.setdefault(pair, pair) for pair in quasi.values)
        return QuasiRecord(quasi.export_id, shared.setdefault(quasi.form_id, quasi.form_id),
                           shared.setdefault(values, values))

    def reload(self, records: list[PlannedRecord]) -> None:
        """Work these released records out again; :class:`BadInput` if one changed meanwhile."""
        fresh = self.plan_chunk([r.interview_id for r in records])
        for old, new in zip(records, fresh, strict=True):
            if new.revision != old.revision:
                raise _changed()
            old.take(new)

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


class _Read(NamedTuple):
    """What one chunk's plan reads from the vault."""

    interviews: dict[str, repo_export.ExportRead]  # row, export id and answers
    decisions: dict[str, dict[str, tuple[str, str]]]
    attachments: dict[str, list[StoredAttachment]]


def _read_nothing() -> Future[_Read]:
    """What :meth:`PlanReader._read` gives for no interviews, at once."""
    done: Future[_Read] = Future()
    done.set_result(_Read({}, {}, {}))
    return done


def _changed() -> BadInput:
    return BadInput("An interview changed since the export was prepared; prepare the export again.")


def _clean_info(raw: bytes, mime: str, side: int) -> tuple[str, str, int, str]:
    """(problem, mime, size, sha256) of one attachment's cleaned picture."""
    try:
        data, clean_mime = scrub(raw, mime, side)
    except Unscrubbable as error:
        return str(error), "", 0, ""
    return "", clean_mime, len(data), hashlib.sha256(data).hexdigest()
