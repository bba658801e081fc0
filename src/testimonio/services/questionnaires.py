"""Installing and finding questionnaires in the vault (no Qt).

A questionnaire is stored as the XLSForm file's own bytes in the vault's
``questionnaires`` table, one row per (form id, version). Installing always
loads and validates first, so a malformed form never reaches the vault.
Older versions stay: interviews record the form id and version they were
taken with, and are always shown with that version.
"""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from testimonio.errors import BadInput, NotFound
from testimonio.forms.loader import CONTENT_VERSION_PREFIX, LoadResult, load_bytes, load_file
from testimonio.forms.model import Questionnaire
from testimonio.vault import repo_forms
from testimonio.vault.db import Db


class VaultLike(Protocol):
    """What this service needs of :class:`testimonio.vault.Vault`."""

    def transaction(self) -> AbstractContextManager[Db]: ...
    def read(self) -> AbstractContextManager[Db]: ...


@dataclass(frozen=True)
class InstalledForm:
    """One installed version of a questionnaire, as ``forms list`` shows it."""

    form_id: str
    version: str
    title: str
    languages: tuple[str, ...]
    source_name: str
    sha256: str
    installed_at: str


class VersionConflict(BadInput):
    """The same form id and version is installed with different content."""


# Compiled when the module loads (the main window's modules load in the background
# at the unlock dialog): its Unicode classes take a noticeable moment to build.
_VERSION_PARTS = re.compile(r"\d+|[^\d.\-_ ]+")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of version strings: ``1.10`` after ``1.9``, numbers before words."""
    parts = _VERSION_PARTS.findall(version)
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in parts)


def _newest_first(form: InstalledForm) -> tuple[bool, tuple[tuple[int, int | str], ...], str]:
    if form.version.startswith(CONTENT_VERSION_PREFIX):
        return False, (), form.installed_at
    return True, version_key(form.version), form.installed_at


class QuestionnaireService:
    """Install, list and load questionnaires kept in one vault."""

    def __init__(self, vault: VaultLike) -> None:
        self._vault = vault
        # Loaded questionnaires by the sha256 of their file: loading is the
        # expensive part, the content never changes under a given hash.
        self._cache: dict[str, Questionnaire] = {}

    # --- without the vault -------------------------------------------------------

    @staticmethod
    def load_file(path: Path | str) -> LoadResult:
        """Load and validate a file without installing it (``forms check``)."""
        return load_file(path)

    # --- installing ----------------------------------------------------------------

    def install(self, path: Path | str) -> Questionnaire:
        """Validate the XLSForm at ``path`` and install that version.

        Installing the very same file again changes nothing; the same id and
        version with different content is refused (raise the version).
        """
        path = Path(path)
        result = load_file(path)
        # A form with attachments is stored as a package of the file and them.
        return self.install_result(result, result.stored or path.read_bytes())[0]

    def install_bytes(self, data: bytes, source_name: str) -> Questionnaire:
        """Validate and install an XLSForm (or a questionnaire package with its
        attachments) given as bytes, e.g. from a team file."""
        return self.install_result(load_bytes(data, source_name), data)[0]

    def install_result(self, result: LoadResult, data: bytes) -> tuple[Questionnaire, bool]:
        """Install an already validated form; returns it and whether it was new."""
        q = result.questionnaire
        sha = hashlib.sha256(data).hexdigest()
        if result.sha256 and result.sha256 != sha:
            raise BadInput("The questionnaire file changed while it was being installed; try again.")
        with self._vault.transaction() as conn:
            row = repo_forms.sha256_of(conn, q.form_id, q.version)
            if row is not None:
                if row[0] == sha:
                    self._cache[sha] = q
                    return q, False
                raise VersionConflict(
                    f"{q.form_id} version {q.version} is already installed with different "
                    "content. Raise the version on the settings sheet and add it again; "
                    "interviews taken with the installed version keep it.")
            repo_forms.install(conn, repo_forms.NewForm(
                q.form_id, q.version, q.title.get(q.default_language), tuple(q.languages),
                q.source_name, data, sha), _now())
        self._cache[sha] = q
        return q, True

    def install_shipped(self, folder: Path | None = None) -> builtins.list[Questionnaire]:
        """Install the questionnaires shipped with the program (``forms/``).

        A new vault gets them so a researcher can start at once; versions
        already installed are left as they are. Returns the newly installed.
        """
        from testimonio.paths import shipped_forms_dir

        folder = folder if folder is not None else shipped_forms_dir()
        added = []
        for path in sorted(folder.glob("*.xlsx")):
            data = path.read_bytes()
            q, new = self.install_result(load_bytes(data, path.name), data)
            if new:
                added.append(q)
        return added

    # --- finding -------------------------------------------------------------------------

    def list(self) -> list[InstalledForm]:
        """Every installed version, by form id then newest version first."""
        with self._vault.read() as conn:
            rows = repo_forms.installed(conn)
        forms = [InstalledForm(*r) for r in rows]
        # Two stable sorts: newest version first within each form id. A
        # version taken from the content says nothing of age: such versions
        # come after any set version, newest installed first.
        forms.sort(key=_newest_first, reverse=True)
        forms.sort(key=lambda f: f.form_id)
        return forms

    def versions(self, form_id: str) -> builtins.list[str]:
        """Installed versions of one form, newest first."""
        return [f.version for f in self.list() if f.form_id == form_id]

    def get(self, form_id: str, version: str | None = None) -> Questionnaire:
        """The questionnaire ``form_id`` at ``version`` (default: the newest)."""
        if version is None:
            found = self.versions(form_id)
            if not found:
                raise NotFound(f"No questionnaire '{form_id}' is installed. "
                               "Add it with: testimonio forms add FILE.xlsx")
            version = found[0]
        with self._vault.read() as conn:
            row = repo_forms.sha256_of(conn, form_id, version)
            if row is None:
                raise NotFound(f"Questionnaire '{form_id}' version {version} is not installed.")
            sha, source_name = row
            cached = self._cache.get(sha)
            if cached is not None:
                return cached  # without reading the file's bytes again
            source = repo_forms.source(conn, form_id, version)
            if source is None:  # pragma: no cover - the row was there a moment ago
                raise NotFound(f"Questionnaire '{form_id}' version {version} is not installed.")
        questionnaire = load_bytes(source, source_name).questionnaire
        self._cache[sha] = questionnaire
        return questionnaire

    def installed(self) -> Iterator[Questionnaire]:
        """The newest version of every installed form."""
        seen: set[str] = set()
        for form in self.list():
            if form.form_id not in seen:
                seen.add(form.form_id)
                yield self.get(form.form_id, form.version)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
