"""The lead's import: authenticate, validate, then merge in one transaction.

Order matters and is never relaxed:

1. the bundle is authenticated and decrypted (header, wrapped key, every
   chunk, the researcher's signature over the manifest and the payload hash)
   and its signer must be on the roster: any failure refuses the bundle with
   a sentence and exit code 3, before anything is parsed;
2. every record is checked against the questionnaire version it names,
   which must be installed in this vault (the team file carried it);
3. everything is merged in one transaction: a record whose (researcher,
   export id) is new becomes a new interview; a higher revision replaces the
   older one's answers and attachments; an equal or lower revision is
   ignored. So importing the same bundle twice changes nothing, and bundles
   may arrive in any order.

Refusals write nothing. Every bundle that gets through step 1 is recorded in
the import log (``already imported`` when its id was seen before).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.errors import BadInput, BundleError, NotFound
from testimonio.exchange.bundle import BundleCancelled, open_bundle
from testimonio.exchange.keys import PublicKeys
from testimonio.exchange.manifest import MAX_SEQUENCE, Gap, Limits, gap_text, missing_runs
from testimonio.forms.model import Question, Questionnaire
from testimonio.services._collector import long_run
from testimonio.services._progress import Cancelled, CancelledFn, Progress, ProgressFn
from testimonio.services.import_validate import MAX_PROBLEMS, RecordChecker
from testimonio.services.keys import KeyService, now
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import Vault, repo_imports, repo_team
from testimonio.vault.db import Db
from testimonio.vault.repo_imports import (
    ImportedAttachment,
    ImportedInterview,
    NewLogRow,
    NewOrigin,
    Origin,
)

# json.dumps(v, ensure_ascii=False, separators=(",", ":")) without building
# an encoder per answer (370 000 of them in a 10 000-interview bundle).
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
#: JSON texts of short scalar answers remembered during one import (select
#: answers and numbers repeat in every record); bounded, cleared when full.
_MAX_CACHED_JSON = 4_096
# Records merged together (a few statements for all; at most this many held).
_BATCH = 256
_ATTACHMENT_CACHE_KIB = 8 * 1024  # page cache while attachments stream into the vault
#: Attachments up to this size are inserted with their row (written once).
_INLINE_BYTES = 4 * 1024 * 1024


class BundleInvalid(BundleError):
    """An authentic bundle whose records break their questionnaire."""


class KeyRevoked(BundleError):
    """An authentic bundle signed by a revoked key after its revocation point."""


def check_revocation(db: Db, researcher: str, sequence: int) -> None:
    """Refuse a bundle of a revoked key numbered above the last one imported before.

    Bundles up to that number were made before the laptop was lost; anything
    later may have been signed by whoever holds it now.
    """
    row = repo_team.revocation(db, researcher)
    if row is not None and sequence > row.last_sequence:
        raise KeyRevoked(
            f"This bundle (number {sequence}) is signed by the key {row.fingerprint}, which the "
            f"team lead revoked on {row.revoked_at[:10]}: only its bundles up to number "
            f"{row.last_sequence} are accepted. It was not imported.")


@dataclass(frozen=True)
class ImportResult:
    """What one import did."""

    file: str
    bundle_id: str
    researcher: str  # roster name
    researcher_key_id: str
    sequence: int
    records: int
    added: int
    replaced: int
    ignored: int
    already_imported: bool
    gaps: tuple[Gap, ...]  # this researcher's missing runs of sequence numbers after the import

    def sentence(self) -> str:
        """One line for the command line and the GUI."""
        if self.already_imported:
            return (f"{self.file}: bundle {self.sequence} from {self.researcher} was already "
                    "imported; nothing changed.")
        text = (f"{self.file}: bundle {self.sequence} from {self.researcher}: {self.added} new, "
                f"{self.replaced} updated, {self.ignored} unchanged or older.")
        if self.gaps:
            text += f" Missing bundles from {self.researcher}: {gap_text(self.gaps)}."
        return text


@dataclass(frozen=True)
class LogEntry:
    """One row of the import log."""

    bundle_id: str
    researcher: str
    researcher_key_id: str
    sequence: int
    created: str
    at: str
    file_name: str
    records: int
    added: int
    replaced: int
    ignored: int
    outcome: str


class ImportService:
    """Imports researchers' bundles into the lead's vault."""

    def __init__(self, vault: Vault, limits: Limits | None = None) -> None:
        self.vault = vault
        self.limits = limits or Limits()
        self.forms = QuestionnaireService(vault)
        self.keys = KeyService(vault)

    def roster(self) -> dict[str, tuple[PublicKeys, str]]:
        """key id -> (public keys, name) of every researcher on the roster."""
        with self.vault.read() as db:
            rows = repo_team.roster_publics(db)
        return {k: (PublicKeys.from_raw(p), n) for k, p, n in rows}

    def display_names(self) -> dict[str, str]:
        """Key id -> roster name, told apart when two researchers share one."""
        return shown_names(self.roster())

    def import_files(self, files: Sequence[Path], progress: ProgressFn | None = None,
                     cancelled: CancelledFn | None = None) -> list[ImportResult]:
        """Import several bundles, each on its own (one refusal does not undo the others)."""
        return [self.import_file(f, progress, cancelled) for f in files]

    @long_run()
    def import_file(self, path: Path, progress: ProgressFn | None = None,
                    cancelled: CancelledFn | None = None) -> ImportResult:
        """Import one bundle; raises a :class:`BundleError` (exit 3) on refusal."""
        team = repo_team.read_team(self.vault)
        if team is None or not (team["role"] == "lead" or self._is_backup_recipient()):
            raise BadInput("Only a team lead's vault imports bundles: run 'team create' first.")
        steps = Progress(progress, cancelled)
        roster = self.roster()
        try:
            opened = open_bundle(Path(path), recipient=self.keys.ensure(),
                                 known_signers={k: v[0] for k, v in roster.items()},
                                 limits=self.limits,
                                 progress=lambda done, total: steps.step(done, total,
                                                                         "Checking the bundle"))
        except BundleCancelled:
            raise Cancelled() from None
        with opened:
            manifest = opened.manifest
            name = shown_names(roster)[manifest.researcher]
            with self.vault.read() as db:
                check_revocation(db, manifest.researcher, manifest.sequence)
                seen = repo_imports.bundle_seen(db, manifest.bundle_id)
            if seen:
                result = ImportResult(Path(path).name, manifest.bundle_id, name, manifest.researcher,
                                      manifest.sequence, manifest.records, 0, 0, manifest.records,
                                      True, ())
                with self.vault.transaction() as db:
                    _log(db, result, manifest.created, "already imported")
                    _remember_header(db, opened.header_sha256(), manifest.bundle_id)
                return self._with_gaps(result)
            with self.vault.transaction() as db:
                # Records are checked and merged one at a time as they are read,
                # so memory does not follow the number or size of the records;
                # any refusal rolls the whole transaction back (all or nothing).
                merger = _Merger(db, manifest, name, self._form_getter(), steps)
                for record in opened.records():
                    merger.add(record)
                    del record  # not alive while the next one is parsed
                    if merger.enough_problems:
                        break  # refused anyway: no need to read on
                merger.finish_records()
                merger.attachments(opened)
                result = ImportResult(Path(path).name, manifest.bundle_id, name, manifest.researcher,
                                      manifest.sequence, merger.seen, merger.added, merger.replaced,
                                      merger.ignored, False, ())
                _log(db, result, manifest.created, "imported")
                _remember_header(db, opened.header_sha256(), manifest.bundle_id)
                steps.check()  # a cancel here rolls the whole merge back
        return self._with_gaps(result)

    def _is_backup_recipient(self) -> bool:
        """True when this vault's key is one of the team's backup recipients."""
        with self.vault.read() as db:
            return repo_team.is_recipient(db, self.keys.public().key_id)

    def _form_getter(self) -> Callable[[str, str], Questionnaire]:
        def get(form_id: str, version: str) -> Questionnaire:
            try:
                return self.forms.get(form_id, version)
            except NotFound:
                raise BadInput(
                    f"The bundle holds interviews of questionnaire {form_id[:80]!r} version "
                    f"{version[:40]!r}, which is not installed in this vault. Install it "
                    "(forms add), then import again. Nothing was imported.") from None
        return get

    # --- what the lead sees --------------------------------------------------
    def gaps(self, researcher_key_id: str) -> tuple[Gap, ...]:
        """Runs of sequence numbers missing from a researcher's imported bundles.

        Walks the imported numbers, not the numbers between them, so the work
        follows the number of bundles whatever their numbers say. Rows above
        :data:`MAX_SEQUENCE` (left by an older version that did not bound
        them) are no honest researcher's and are left out.
        """
        with self.vault.read() as db:
            seen = repo_imports.sequences(db, researcher_key_id, MAX_SEQUENCE)
        return missing_runs(seen)

    def all_gaps(self) -> dict[str, tuple[Gap, ...]]:
        """Researcher key id -> missing runs (only researchers with gaps)."""
        with self.vault.read() as db:
            ids = repo_imports.logged_researchers(db)
        return {k: g for k in ids if (g := self.gaps(k))}

    def log(self, researcher_key_id: str | None = None) -> list[LogEntry]:
        """The import log, newest first (one researcher's if given)."""
        with self.vault.read() as db:
            rows = repo_imports.log(db, researcher_key_id)
        return [LogEntry(*r) for r in rows]

    def _with_gaps(self, result: ImportResult) -> ImportResult:
        from dataclasses import replace

        return replace(result, gaps=self.gaps(result.researcher_key_id))


def shown_names(roster: dict[str, tuple[PublicKeys, str]]) -> dict[str, str]:
    """Key id -> name to show (see :func:`testimonio.services.team.display_names`)."""
    from testimonio.services.team import RosterEntry, display_names

    return display_names([RosterEntry(k, name, pub.fingerprint, "") for k, (pub, name) in roster.items()])


def header_hash(path: Path) -> str | None:
    """SHA-256 of a bundle file's first bytes (its nonce among them); None if too short.

    Unique per bundle, so it identifies a file already imported without
    decrypting it again (``import --folder``'s second pass).
    """
    from testimonio.exchange.bundle_reader import HEAD_ID_BYTES

    with open(path, "rb") as fh:
        head = fh.read(HEAD_ID_BYTES)
    return hashlib.sha256(head).hexdigest() if len(head) == HEAD_ID_BYTES else None


def _remember_header(db: Db, digest: str, bundle_id: str) -> None:
    repo_imports.remember_header(db, digest, bundle_id, now())


def _log(db: Db, r: ImportResult, created: str, outcome: str) -> None:
    repo_imports.add_log(db, NewLogRow(r.bundle_id, r.researcher_key_id, r.sequence, created,
                                       r.file, r.records, r.added, r.replaced, r.ignored,
                                       outcome), now())


def _alias(q: Questionnaire, answers: dict[str, Any]) -> str:
    try:
        node = q.by_name("alias")
    except KeyError:
        return ""
    value = answers.get(node.path) if isinstance(node, Question) else None
    return value if isinstance(value, str) else ""


def _day_time(day: Any) -> str:
    # Imported rows carry dates only; a fixed time keeps imports deterministic.
    # Interview dates arrive as the month by default: the first of that month.
    if isinstance(day, str) and len(day) == 7:
        day = f"{day}-01"
    return f"{day}T00:00:00.000Z" if isinstance(day, str) else "1970-01-01T00:00:00.000Z"


class _Merger:
    """Checks each record against its questionnaire and merges it, inside one transaction.

    Holds per record only what attachments need afterwards (their names and
    metadata: bounded by the reader's attachment limit), never the records.
    After the first problem nothing more is merged; reading goes on to list
    up to :data:`MAX_PROBLEMS` problems, then :meth:`finish_records` refuses.
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
        self._batch: list[tuple[dict[str, Any], Questionnaire]] = []  # checked, not merged yet

    def _checker(self, record: Any) -> RecordChecker:
        if not isinstance(record, dict) or not isinstance(record.get("form_id"), str) \
                or not isinstance(record.get("form_version"), str):
            raise BundleInvalid("The bundle holds a record that names no questionnaire. "
                                "It was not imported.")
        key = (record["form_id"], record["form_version"])
        checker = self.checkers.get(key)
        if checker is None:
            checker = self.checkers[key] = RecordChecker(self._form(*key))
        return checker

    @property
    def enough_problems(self) -> bool:
        """Whether the refusal already lists as many problems as it will show."""
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, record: Any) -> None:
        """Check one record; merge it if the bundle has had no problem so far.

        Records are merged :data:`_BATCH` at a time (a few statements for
        all of them), so at most that many are held."""
        self.seen += 1
        checker = self._checker(record)
        found = checker.problems(record)
        if found or self.problems:
            self.problems.extend(found)
            return
        self._batch.append((record, checker.questionnaire))
        if len(self._batch) >= _BATCH:
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

    def _merge_batch(self) -> None:
        """Merge the held records: where each came from earlier is read in one query,
        and the rows of those added or replaced are written in four statements."""
        batch, self._batch = self._batch, []
        if not batch:
            return
        db, manifest = self.db, self.manifest
        earlier = repo_imports.origins(db, manifest.researcher, [r["export_id"] for r, _ in batch])
        interviews: list[tuple[ImportedInterview, list[tuple[str, str]]]] = []
        origins: list[NewOrigin] = []
        for record, q in batch:
            merged = self._merge(record, q, earlier)
            if merged is not None:
                interviews.append(merged)
                origins.append(NewOrigin(merged[0].id, record["export_id"], record["revision"],
                                         record.get("withheld")))
        repo_imports.add_interviews(db, interviews, manifest.researcher)
        repo_imports.set_origins(db, manifest.researcher, manifest.bundle_id, origins)

    def _merge(self, record: dict[str, Any], q: Questionnaire, earlier: dict[str, Origin],
               ) -> tuple[ImportedInterview, list[tuple[str, str]]] | None:
        """The rows one record becomes, or None when the vault holds its revision or a
        newer one. ``earlier``: where the batch's records came from before it, to
        which each record merged is added (this bundle's own, so a second copy is
        found in the vault or there: found through them, not a set of the bundle)."""
        export_id = record["export_id"]
        row = earlier.get(export_id)
        if row is not None and row.bundle_id == self.manifest.bundle_id:
            raise BundleInvalid("The bundle holds the same interview twice. Nothing was imported.")
        if row is not None and row.revision >= record["revision"]:
            self.ignored += 1
            return None
        answers: dict[str, Any] = dict(record["answers"])
        if row is None:
            self._id_count += 1
            interview_id = f"{self._id_prefix}{self._id_count:016x}"
            self.added += 1
        else:
            interview_id = row.interview_id
            self.replaced += 1
            repo_imports.drop_interview(self.db, interview_id)
        earlier[export_id] = Origin(interview_id, record["revision"], self.manifest.bundle_id)
        for att in record["attachments"]:
            att_id = uuid.uuid4().hex
            self.wanted[att["name"]] = (interview_id, att_id)
            self.meta[att["name"]] = att
            for path, value in answers.items():
                if value == att["name"]:
                    answers[path] = att_id
        created, updated = _day_time(record["started"]), _day_time(record["completed"])
        return (ImportedInterview(
            interview_id, record["form_id"], record["form_version"], record["site"], self.name,
            record["language"], _alias(q, answers), created, updated, record["revision"]),
            [(p, self._encode(v)) for p, v in answers.items()])

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
