"""The lead's import, step 3: checked records merged into the vault, then attachments.

:class:`Merger` works inside the import's one transaction (services/import_.py
authenticates the bundle first and commits or rolls back around it): a
record whose (researcher, export id) is new becomes a new interview, a higher
revision replaces the older one, an equal or lower one is ignored, and a
second copy of an interview in one bundle refuses it. Attachments are then
streamed in, each checked against its record's hash.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any, NamedTuple

from testimonio.errors import BundleError
from testimonio.forms.model import Question, Questionnaire
from testimonio.services._progress import Progress
from testimonio.services.import_validate import MAX_PROBLEMS, RecordChecker
from testimonio.services.keys import now
from testimonio.vault import repo_imports
from testimonio.vault.day_stamps import imported_stamp
from testimonio.vault.db import Db
from testimonio.vault.repo_imports import ImportedAttachment, ImportedInterview, NewOrigin, Origin

# json.dumps(v, ensure_ascii=False, separators=(",", ":")) without building
# an encoder per answer (370 000 of them in a 10 000-interview bundle).
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
#: JSON texts of short scalar answers remembered during one import (select
#: answers and numbers repeat in every record); bounded, cleared when full.
_MAX_CACHED_JSON = 4_096
# Records merged together (a few statements for all; at most this many held).
_BATCH = 500
# ... and at most about this many bytes of their answers' text (a record may
# be up to Limits.max_record_line, 4 MiB: 500 of those must not be held).
_BATCH_BYTES = 4 * 1024 * 1024
_ATTACHMENT_CACHE_KIB = 8 * 1024  # page cache while attachments stream into the vault
#: Attachments up to this size are inserted with their row (written once).
_INLINE_BYTES = 4 * 1024 * 1024


class _Checked(NamedTuple):
    """A checked record waiting for its batch's merge: the record without its
    answers, the answers' JSON texts by path, and the alias answer ('' if none)."""

    record: dict[str, Any]
    texts: dict[str, str]
    alias: str


class BundleInvalid(BundleError):
    """An authentic bundle whose records break their questionnaire."""


def _alias(q: Questionnaire, answers: dict[str, Any]) -> str:
    try:
        node = q.by_name("alias")
    except KeyError:
        return ""
    value = answers.get(node.path) if isinstance(node, Question) else None
    return value if isinstance(value, str) else ""


class Merger:
    """Checks each record against its questionnaire and merges it, inside one transaction.

    Holds the checked records of one batch until they are merged (bounded by
    :data:`_BATCH` and :data:`_BATCH_BYTES`), and per record only what
    attachments need afterwards (their names and metadata: bounded by the
    reader's attachment limit), never the whole bundle. After the first problem nothing more is merged; reading goes on to list
    up to :data:`MAX_PROBLEMS` problems, then :meth:`finish_records` refuses.

    A batch's rows are written on a second thread (:class:`_Writer`) while
    this one reads and checks the next records: each write is a few calls
    into SQLite, which run without the interpreter's lock. This thread
    touches the database only once that write is over (the next batch's
    merge, a new questionnaire, the end of the records), so the database
    sees the same statements in the same order as from one thread. Use it
    as a context manager inside the transaction: leaving it waits for the
    write under way, before the transaction commits or rolls back.
    """

    def __init__(self, db: Db, manifest: Any, name: str,
                 form: Callable[[str, str], Questionnaire], steps: Progress) -> None:
        self.db, self.manifest, self.name, self._form, self.steps = db, manifest, name, form, steps
        self.checkers: dict[tuple[str, str], RecordChecker] = {}
        self.problems: list[str] = []
        self.seen = self.added = self.replaced = self.ignored = 0
        self.wanted: dict[str, tuple[str, str]] = {}  # attachment name -> (interview, attachment id)
        self.meta: dict[str, dict[str, Any]] = {}
        self._json: dict[str, str] = {}  # short string answer -> its JSON text
        # Interview ids of this import: a random prefix, then a counter. Consecutive
        # ids keep each interview's answers next to the previous one's in the answers
        # table (keyed by interview id first): a random id per interview sent every
        # insert to another page of a large vault, read and re-encrypted once the
        # table outgrew the page cache (10 000 interviews into a vault of 40 000:
        # 20 s with random ids, 5 s with these). The prefix says nothing (no time).
        self._id_prefix, self._id_count = secrets.token_hex(8), 0
        self._batch: list[_Checked] = []  # checked, not merged yet
        self._batch_bytes = 0
        self._writer = _Writer()

    def __enter__(self) -> Merger:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._writer.close(quiet=exc_type is not None)

    def _checker(self, record: Any) -> RecordChecker:
        if not isinstance(record, dict) or not isinstance(record.get("form_id"), str) \
                or not isinstance(record.get("form_version"), str):
            raise BundleInvalid("The bundle holds a record that names no questionnaire. "
                                "It was not imported.")
        key = (record["form_id"], record["form_version"])
        checker = self.checkers.get(key)
        if checker is None:
            self._writer.wait()  # the questionnaire is read from the vault
            checker = self.checkers[key] = RecordChecker(self._form(*key))
        return checker

    @property
    def enough_problems(self) -> bool:
        """Whether the refusal already lists as many problems as it will show."""
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, record: Any) -> None:
        """Check one record; merge it if the bundle has had no problem so far.

        Records are merged :data:`_BATCH` at a time (a few statements for
        all of them), or as soon as their answers hold :data:`_BATCH_BYTES`
        of text, so no more than that is held."""
        self.seen += 1
        checker = self._checker(record)
        found = checker.problems(record)
        if found or self.problems:
            self.problems.extend(found)
            return
        # Encoded here, while the previous batch is being written (see _merge_batch).
        answers = record.pop("answers")
        encode = self._encode
        texts = {p: encode(v) for p, v in answers.items()}
        self._batch.append(_Checked(record, texts, _alias(checker.questionnaire, answers)))
        self._batch_bytes += 64 * len(texts) + sum(map(len, texts.values()))
        if len(self._batch) >= _BATCH or self._batch_bytes >= _BATCH_BYTES:
            self._merge_batch()
        self.steps.step(self.seen, self.manifest.records, "Merging interviews")

    def finish_records(self) -> None:
        """Refuse the bundle (the transaction rolls back) if any record had a problem;
        otherwise merge the records still held."""
        if self.problems:
            lines = "\n".join(f"  - {p}" for p in self.problems[:MAX_PROBLEMS])
            raise BundleInvalid("The bundle is authentic but its records do not fit their "
                                f"questionnaire. Nothing was imported:\n{lines}")
        self._merge_batch()
        self._writer.wait()

    def _merge_batch(self) -> None:
        """Merge the held records: where each came from earlier is read in one query
        (once the previous batch is written: a second copy may be in it), and the
        rows of those added or replaced are written in four statements, on the
        writing thread."""
        batch, self._batch, self._batch_bytes = self._batch, [], 0
        if not batch:
            return
        self._writer.wait()
        db, manifest = self.db, self.manifest
        earlier = repo_imports.origins(db, manifest.researcher, [c.record["export_id"] for c in batch])
        interviews: list[ImportedInterview] = []
        answers: dict[str, dict[str, str]] = {}
        origins: list[NewOrigin] = []
        for checked in batch:
            merged = self._merge(checked, earlier, answers)
            if merged is not None:
                record = checked.record
                interviews.append(merged)
                origins.append(NewOrigin(merged.id, record["export_id"], record["revision"],
                                         record.get("withheld")))
        del batch  # the records: only their rows are held while they are written
        self._writer.submit(_write_batch, db, interviews, answers, origins, manifest)

    def _merge(self, checked: _Checked, earlier: dict[str, Origin],
               answer_rows: dict[str, dict[str, str]]) -> ImportedInterview | None:
        """The interview row one record becomes, its answers' JSON texts added to
        ``answer_rows`` under its id, or None when the vault holds its revision or a newer one.

        ``earlier``: where the batch's records came from before this bundle;
        each record merged is added to it with this bundle's id, so a second
        copy is found there or in the vault, not in a set of the whole bundle."""
        record = checked.record
        export_id = record["export_id"]
        row = earlier.get(export_id)
        if row is not None and row.bundle_id == self.manifest.bundle_id:
            raise BundleInvalid("The bundle holds the same interview twice. Nothing was imported.")
        if row is not None and row.revision >= record["revision"]:
            self.ignored += 1
            return None
        if row is None:
            self._id_count += 1
            interview_id = f"{self._id_prefix}{self._id_count:016x}"
            self.added += 1
        else:
            interview_id = row.interview_id
            self.replaced += 1
            repo_imports.drop_interview(self.db, interview_id)
        earlier[export_id] = Origin(interview_id, record["revision"], self.manifest.bundle_id)
        texts = checked.texts  # this record's own: changed in place
        for att in record["attachments"]:
            att_id = uuid.uuid4().hex
            self.wanted[att["name"]] = (interview_id, att_id)
            self.meta[att["name"]] = att
            named = _to_json(att["name"])  # the text of the answer that names it (a string's is its own)
            for path, text in texts.items():
                if text == named:
                    texts[path] = _to_json(att_id)
        created, updated = imported_stamp(record["started"]), imported_stamp(record["completed"])
        answer_rows[interview_id] = texts
        return ImportedInterview(
            interview_id, record["form_id"], record["form_version"], record["site"], self.name,
            record["language"], checked.alias, created, updated, record["revision"])

    def _encode(self, value: Any) -> str:
        """The answer's JSON text. A plain int's is its repr (as the encoder writes it);
        short strings' texts are remembered, in a dict of strings only, so no
        (type, value) key is built per answer (True and 1 never meet)."""
        kind = type(value)
        if kind is int:
            return int.__repr__(value)
        if kind is not str or len(value) > 64:
            return _to_json(value)
        text = self._json.get(value)
        if text is None:
            if len(self._json) >= _MAX_CACHED_JSON:
                self._json.clear()
            text = self._json[value] = _to_json(value)
        return text

    def attachments(self, opened: Any) -> None:
        """Stream the wanted attachments into the vault; every one is read, wanted or not.

        The end of this pass re-checks the payload hash, and only then may
        the transaction commit.
        """
        self._writer.wait()
        db, steps = self.db, self.steps
        # Attachment pages are written once and not read again here: a small page
        # cache while they stream in keeps the vault's 64 MiB cache from filling
        # with them (issue 5: a 1 GB bundle imports in under 300 MB).
        with repo_imports.small_page_cache(db, _ATTACHMENT_CACHE_KIB):
            for att in opened.attachments():
                steps.check()
                if att.name not in self.wanted:
                    continue  # belongs to an older revision we ignored; the reader skips its bytes
                interview_id, att_id = self.wanted.pop(att.name)
                info = self.meta[att.name]
                if att.size != info["size"] or att.mime != info["mime"]:
                    raise _mismatch(att.name)
                _store_attachment(db, att, att_id, interview_id, info, steps)
        if self.wanted:
            raise BundleInvalid("The bundle lacks attachments its records name. "
                                "Nothing was imported.")


def _write_batch(db: Db, interviews: list[ImportedInterview], answers: dict[str, dict[str, str]],
                 origins: list[NewOrigin], manifest: Any) -> None:
    """One batch's rows (on the writing thread)."""
    repo_imports.add_interviews(db, interviews, answers, manifest.researcher)
    repo_imports.set_origins(db, manifest.researcher, manifest.bundle_id, origins)


class _Writer:
    """One write at a time on a second thread; :meth:`wait` for it before the
    database is touched again. Its error comes out of :meth:`wait`."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: Future[None] | None = None

    def submit(self, write: Callable[..., None], *args: Any) -> None:
        self.wait()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-write")
        self._pending = self._pool.submit(write, *args)

    def wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self, quiet: bool = False) -> None:
        """Wait for the write under way and stop the thread. ``quiet``: another
        error is already on its way (the transaction rolls back either way), and
        the write's own error must not hide it."""
        try:
            self.wait()
        except Exception:
            if not quiet:
                raise
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None


def _mismatch(name: str) -> BundleInvalid:
    return BundleInvalid(f"The attachment {name} does not match its record. Nothing was imported.")


def _store_attachment(db: Db, att: Any, att_id: str, interview_id: str, info: dict[str, Any],
                      steps: Progress) -> None:
    """Write one attachment into the vault once, checking its hash first.

    Up to :data:`_INLINE_BYTES` (a re-encoded photo of a document is well
    under it) the bytes are read, hashed and inserted with the row: each
    page is written once. A larger one is streamed 1 MiB at a time through
    SQLite's incremental blob I/O into a zero-filled blob: its pages are
    written twice, and memory peaks at about twice that attachment (SQLite
    expands the zeroes while building the row), never at the whole bundle.
    A hash mismatch raises, and the transaction rolls back.
    """
    head = ImportedAttachment(att_id, interview_id, str(info["path"]), info["mime"], att.size,
                              str(info["sha256"]))
    digest = hashlib.sha256()
    if att.size <= _INLINE_BYTES:
        data = bytearray()
        for piece in att.chunks():
            digest.update(piece)
            data += piece
            steps.check()
        if digest.hexdigest() != info["sha256"]:
            raise _mismatch(att.name)
        repo_imports.add_attachment(db, head, data, now())  # a buffer: no extra copy
        return
    blob = repo_imports.open_attachment(db, head, now())
    try:
        for piece in att.chunks():
            digest.update(piece)
            blob.write(piece)
            steps.check()
    finally:
        blob.close()
    if digest.hexdigest() != info["sha256"]:
        raise _mismatch(att.name)
