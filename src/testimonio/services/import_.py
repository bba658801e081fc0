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
the import log (``already imported`` when its id was seen before). Step 3 is
services/import_merge.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from testimonio.errors import BadInput, BundleError, NotFound
from testimonio.exchange.bundle import BundleCancelled, open_bundle
from testimonio.exchange.keys import PublicKeys
from testimonio.exchange.manifest import MAX_SEQUENCE, Gap, Limits, gap_text, missing_runs
from testimonio.forms.model import Questionnaire
from testimonio.paths import name_text
from testimonio.services._collector import long_run
from testimonio.services._progress import Cancelled, CancelledFn, Progress, ProgressFn
from testimonio.services.import_merge import Merger
from testimonio.services.keys import KeyService, now
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.vault import Vault, repo_imports, repo_team
from testimonio.vault.db import Db
from testimonio.vault.repo_imports import (
    NewLogRow,
)


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
                result = ImportResult(name_text(Path(path)), manifest.bundle_id, name, manifest.researcher,
                                      manifest.sequence, manifest.records, 0, 0, manifest.records,
                                      True, ())
                with self.vault.transaction() as db:
                    _log(db, result, manifest.created, "already imported")
                    _remember_header(db, opened.header_sha256(), manifest.bundle_id)
                return self._with_gaps(result)
            # References between rows are kept by the merge itself (whole interviews
            # written, every row of a replaced one deleted): SQLite's checks would
            # make each batch's insert keep a copy of the pages it changes.
            with self.vault.transaction(references_kept_by_caller=True) as db, \
                    Merger(db, manifest, name, self._form_getter(), steps) as merger:
                # Records are checked and merged one at a time as they are read,
                # so memory does not follow the number or size of the records;
                # any refusal rolls the whole transaction back (all or nothing).
                for record in opened.records():
                    merger.add(record)
                    del record  # not alive while the next one is parsed
                    if merger.enough_problems:
                        break  # refused anyway: no need to read on
                merger.finish_records()
                merger.attachments(opened)
                result = ImportResult(name_text(Path(path)), manifest.bundle_id, name, manifest.researcher,
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
