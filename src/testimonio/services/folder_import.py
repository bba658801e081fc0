"""Import every bundle of a shared folder not imported yet (``import --folder``).

A folder kept in sync by a tool the team already uses (Syncthing, Nextcloud,
a USB stick passed around) is the team's transport: no server of our own.

- A bundle already imported is known by the hash of its first bytes
  (``imported_headers``, written by every import), so a second pass over the
  folder decrypts nothing and changes nothing.
- A file that is not a bundle is listed as skipped, with the reason; hidden
  files (the sync tools' temporary files, ours) and folders are passed over.
- Each bundle is imported on its own (all or nothing); a refusal does not
  stop the others, and a refused file is tried again on the next pass (the
  lead may have added the researcher or installed the questionnaire since).
- Watching: a file is imported once its size and time have not changed
  between two looks (a copy or a sync is finished), one result per bundle.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from testimonio.errors import EXIT_OK, BadInput, TestimonioError
from testimonio.exchange.bundle_reader import HEAD_ID_BYTES
from testimonio.exchange.file_kinds import BUNDLE, kind_of
from testimonio.services._progress import Cancelled, CancelledFn, ProgressFn
from testimonio.services.import_ import ImportResult, ImportService, header_hash
from testimonio.vault import Vault, repo_imports, repo_team

#: At most this many entries of one folder are looked at in one pass.
MAX_FOLDER_ENTRIES = 20_000

IMPORTED, ALREADY, SKIPPED, REFUSED = "imported", "already imported", "skipped", "refused"


@dataclass(frozen=True)
class FolderItem:
    """What one pass did with one file of the folder."""

    path: Path
    outcome: str  # IMPORTED, ALREADY, SKIPPED or REFUSED
    message: str
    exit_code: int = EXIT_OK
    result: ImportResult | None = None
    reason: str = ""  # for a skipped file: unreadable, team, key, other or short

    def line(self) -> str:
        """One log line: the file name, what happened, why."""
        return f"{self.path.name}: {self.outcome}: {self.message}"


@dataclass(frozen=True)
class FolderPass:
    """One pass over the folder: what was done, and how many were known already."""

    items: tuple[FolderItem, ...]
    known: int  # bundles skipped because they were imported before
    truncated: bool = False  # more than MAX_FOLDER_ENTRIES entries

    @property
    def exit_code(self) -> int:
        """The highest refusal's exit code (0 if nothing was refused)."""
        return max((i.exit_code for i in self.items if i.outcome == REFUSED), default=EXIT_OK)


def _entries(folder: Path) -> tuple[list[Path], bool]:
    found: list[Path] = []
    with_more = False
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or not entry.is_file():
            continue  # sync tools' and our own temporary files start with a dot
        if len(found) >= MAX_FOLDER_ENTRIES:
            with_more = True
            break
        found.append(entry)
    return found, with_more


class FolderImporter:
    """Imports the bundles of one folder into the lead's vault."""

    def __init__(self, vault: Vault, service: ImportService | None = None) -> None:
        self.vault = vault
        self.service = service or ImportService(vault)

    def _check(self, folder: Path) -> Path:
        folder = Path(folder)
        if not folder.is_dir():
            raise BadInput(f"There is no folder {folder}.")
        team = repo_team.read_team(self.vault)
        if team is None or team["role"] != "lead":
            raise BadInput("Only a team lead's vault imports bundles: run 'team create' first.")
        return folder

    def _known(self) -> set[str]:
        with self.vault.read() as db:
            return repo_imports.known_headers(db)

    def _look(self, path: Path, known: set[str]) -> FolderItem | str | None:
        """A skip for a non-bundle, None for a bundle known already, else its header hash."""
        try:
            kind = kind_of(path)
            digest = header_hash(path)
        except OSError as error:
            return FolderItem(path, SKIPPED, f"it cannot be read ({error.strerror}).",
                              reason="unreadable")
        if kind is not BUNDLE:
            what = f"a {kind.name} file" if kind is not None else "not a Testimonio file"
            return FolderItem(path, SKIPPED, f"{what}, not a bundle.",
                              reason=kind.name if kind is not None else "other")
        if digest is None:
            return FolderItem(path, SKIPPED, f"shorter than a bundle's header ({HEAD_ID_BYTES} "
                              "bytes): it may still be copying.", reason="short")
        return None if digest in known else digest

    def import_one(self, path: Path, cancelled: CancelledFn | None = None) -> FolderItem:
        """Import one bundle file; a refusal is returned, not raised (Cancelled is)."""
        try:
            result = self.service.import_file(path, cancelled=cancelled)
        except Cancelled:
            raise
        except TestimonioError as error:
            return FolderItem(path, REFUSED, str(error), error.exit_code)
        return FolderItem(path, ALREADY if result.already_imported else IMPORTED,
                          _sentence(result), EXIT_OK, result)

    def run(self, folder: Path, progress: ProgressFn | None = None,
            cancelled: CancelledFn | None = None) -> FolderPass:
        """One pass: import every bundle not imported yet, list the files skipped."""
        folder = self._check(folder)
        entries, truncated = _entries(folder)
        known = self._known()
        items: list[FolderItem] = []
        skipped_known = 0
        todo: list[Path] = []
        for path in entries:
            looked = self._look(path, known)
            if looked is None:
                skipped_known += 1
            elif isinstance(looked, FolderItem):
                items.append(looked)
            else:
                todo.append(path)
        for n, path in enumerate(todo):
            if cancelled is not None and cancelled():
                break
            if progress is not None:
                progress(n, len(todo), path.name)
            try:
                items.append(self.import_one(path, cancelled))
            except Cancelled:
                break
        if progress is not None:
            progress(len(todo), len(todo), "")
        return FolderPass(tuple(items), skipped_known, truncated)

    def watch(self, folder: Path, report: Callable[[FolderItem], None],
              stop: Callable[[], bool], interval: float = 2.0,
              sleep: Callable[[float], None] = time.sleep,
              after: FolderPass | None = None) -> None:
        """Import new bundles as they arrive, until ``stop()``; ``report`` each result.

        A file is taken once its size and modification time were the same at
        two looks ``interval`` seconds apart. A file is reported again only
        when it changes (a refused bundle replaced by a finished copy). Files
        a pass just reported (``after``) are not reported again unchanged.
        """
        folder = self._check(folder)
        for item in self.watch_steps(folder, stop, interval, sleep, after):
            report(item)

    def watch_steps(self, folder: Path, stop: Callable[[], bool], interval: float = 2.0,
                    sleep: Callable[[float], None] = time.sleep,
                    after: FolderPass | None = None) -> Iterator[FolderItem]:
        """The results of watching ``folder``, as they come (see :meth:`watch`)."""
        sizes: dict[Path, tuple[int, int]] = {}
        done: dict[Path, tuple[int, int]] = {}
        for item in after.items if after is not None else ():
            try:
                stat = item.path.stat()
            except OSError:
                continue
            done[item.path] = sizes[item.path] = (stat.st_size, stat.st_mtime_ns)
        while not stop():
            known = self._known()
            entries, _ = _entries(folder)
            for path in entries:
                try:
                    stat = path.stat()
                except OSError:
                    continue
                state = (stat.st_size, stat.st_mtime_ns)
                if done.get(path) == state:
                    continue
                if sizes.get(path) != state:
                    sizes[path] = state  # changed since the last look: wait for it to settle
                    continue
                done[path] = state
                looked = self._look(path, known)
                if looked is None:
                    continue
                yield looked if isinstance(looked, FolderItem) else self.import_one(path)
                if stop():
                    return
            for gone in set(sizes) - set(entries):
                sizes.pop(gone, None)
                done.pop(gone, None)
            sleep(interval)


def _sentence(result: ImportResult) -> str:
    if result.already_imported:
        return f"bundle {result.sequence} from {result.researcher} was imported before; nothing changed."
    text = (f"bundle {result.sequence} from {result.researcher}: {result.added} new, "
            f"{result.replaced} updated, {result.ignored} unchanged or older.")
    if result.gaps:
        text += f" Missing bundles from {result.researcher}: {', '.join(map(str, result.gaps))}."
    return text
