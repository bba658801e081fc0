"""Command-line handlers for keys, team, export, import and report.

Each handler opens the vault, calls one service (the same the GUI calls),
prints a short result and returns an exit code; errors are our error types,
turned into a sentence and an exit code by :func:`testimonio.cli.run`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from testimonio.cli.common import ask_secret, confirm, err, out, out_file, shown, vault_dir
from testimonio.errors import EXIT_OK, BadInput

if TYPE_CHECKING:  # the services are imported by each command, when it runs
    from testimonio.services.import_ import ImportService
    from testimonio.services.team import Researcher, TeamService
    from testimonio.vault import Vault


@contextlib.contextmanager
def _vault(args: argparse.Namespace) -> Iterator[Vault]:
    from testimonio.vault import Vault

    path = vault_dir(args)
    passphrase = ask_secret("Passphrase: ", "TESTIMONIO_PASSPHRASE")
    vault = Vault.unlock(path, passphrase)
    try:
        yield vault
    finally:
        vault.lock()


def _accept(what: str, fingerprint: str, yes: bool, claimed: str = "") -> None:
    """Show a fingerprint apart from any text the other side wrote, then ask.

    The fingerprint comes first, alone on its line under a heading of ours;
    what the file claims (a study or a person's name, escaped by
    :func:`shown`) follows on its own line, labelled as unchecked, so no
    text of the sender's can sit beside, hide or imitate the fingerprint.
    """
    out(f"Fingerprint ({what}):")
    out(f"    {fingerprint}")
    if claimed:
        out(f"The file also says (written by its sender, not checked): {claimed}")
    if yes:
        return
    out("Compare the fingerprint, group by group, with the one the other person reads to you.")
    if not confirm("Does it match?"):
        raise BadInput("The fingerprint was not confirmed; nothing was changed.")


# --- keys --------------------------------------------------------------------


def cmd_keys_show(args: argparse.Namespace) -> int:
    """``keys show``: this vault's key id and fingerprint."""
    from testimonio.services.keys import KeyService

    with _vault(args) as vault:
        info = KeyService(vault).info()
    out(f"Fingerprint: {info.fingerprint}")
    out(f"Key id:      {info.key_id}")
    out(f"Signing key (Ed25519):    {info.signing_public}")
    out(f"Encryption key (X25519):  {info.encryption_public}")
    return EXIT_OK


def cmd_keys_export(args: argparse.Namespace) -> int:
    """``keys export --out FILE``: the public-key file for the team lead."""
    from testimonio.services.keys import KeyService

    out_file(args.out, "key file")
    with _vault(args) as vault:
        service = KeyService(vault)
        path = service.export_public(args.out)
        info = service.info()
    out(f"Public keys written to {path}.")
    out(f"Fingerprint: {info.fingerprint}")
    return EXIT_OK


# --- team --------------------------------------------------------------------


def cmd_team_create(args: argparse.Namespace) -> int:
    """``team create --name NAME --out FILE`` (lead)."""
    from testimonio.services.team import TeamService

    out_file(args.out, "team file")
    with _vault(args) as vault:
        result = TeamService(vault).create(args.name, args.out)
    out(f"Team file for '{result.study}' written to {result.path} "
          f"({result.questionnaires} questionnaire(s), {result.sites} site(s)).")
    out(f"Your fingerprint, to read to each researcher:\n    {result.fingerprint}")
    return EXIT_OK


def cmd_team_join(args: argparse.Namespace) -> int:
    """``team join TEAM_FILE [--yes]`` (researcher)."""
    from testimonio.services.team import TeamService

    with _vault(args) as vault:
        service = TeamService(vault)
        team = service.read_team_file(args.team_file)
        _accept("team lead", team.fingerprint, args.yes, f"study '{shown(team.study)}'")
        result = service.join(team)
    out(f"Joined '{result.study}': {result.questionnaires} questionnaire(s) and "
          f"{result.sites} site(s) installed.")
    if team.k is not None:
        out(f"Smallest group size for exports (k): {team.k}, set by the team lead "
            "(you may raise it, not lower it).")
    return EXIT_OK


def cmd_team_add_researcher(args: argparse.Namespace) -> int:
    """``team add-researcher FILE [--yes]`` (lead)."""
    from testimonio.services.team import TeamService

    with _vault(args) as vault:
        service = TeamService(vault)
        researcher = service.read_public_key_file(args.file)
        _accept("researcher", researcher.fingerprint, args.yes,
                f"name '{shown(researcher.name)}'" if researcher.name else "")
        entry = service.add_researcher(researcher, _distinct_name(service, researcher, args.yes))
    out(f"Added {entry.name} to the roster.")
    return EXIT_OK


def _distinct_name(service: TeamService, researcher: Researcher, yes: bool) -> str | None:
    """The name to add under: the file's, or another when the roster has it already.

    Asked on a terminal; with ``--yes`` the fingerprint's first group is added.
    """
    name = str(researcher.name or researcher.fingerprint[:9])
    while service.name_taken(name, researcher.key_id):
        if yes or not sys.stdin or not sys.stdin.isatty():
            name = f"{name} ({researcher.fingerprint[:4]})"
            out(f"The roster already has a researcher of that name; adding as '{name}'.")
            continue
        name = input("The roster already has a researcher of that name. "
                     "Name to add this one under: ").strip() or name
    return name


# --- export, import, report --------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    """``export --out FILE [--all] | export --preview``."""
    from testimonio.services.export import ExportService

    if args.out is not None:
        out_file(args.out, "bundle")
    with _vault(args) as vault:
        service = ExportService(vault)
        if args.preview:
            preview = service.preview(args.all, args.suppress_small_groups)
            out(json.dumps(preview, ensure_ascii=False, indent=2))
            return EXIT_OK
        plan = service.plan(args.all)
        leave_behind = False
        if plan.left_out and not args.accept_risk:
            # Pictures that cannot be cleaned stay; the rest leaves only if the
            # researcher agrees (a terminal asks; a script passes --accept-risk).
            for note in plan.left_out:
                err(f"Stays in the vault: {note}")
            leave_behind = confirm("Export the rest without them?")
        result = service.write(args.out, args.all, plan=plan,
                               suppress_small_groups=args.suppress_small_groups,
                               accept_risk=args.accept_risk, leave_behind=leave_behind)
    out(f"Bundle {result.sequence} written to {result.path}: {result.interviews} interview(s), "
          f"{result.attachments} attachment(s).")
    if result.blanked:
        out(f"Quasi-identifiers blanked in {result.blanked} interview(s) of small groups.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """``import FILE... | import --folder DIR [--watch]`` (lead).

    Files: each on its own; the first refusal stops. A folder: every bundle
    not imported yet, one line per bundle, refusals listed and the others go
    on; ``--watch`` keeps importing new bundles until interrupted.
    """
    from testimonio.services.import_ import ImportService

    if args.folder is None and not args.files:
        raise BadInput("Name bundle files, or a folder with --folder DIR.")
    if args.folder is not None and args.files:
        raise BadInput("Name bundle files or --folder DIR, not both.")
    if args.watch and args.folder is None:
        raise BadInput("--watch needs --folder DIR.")
    with _vault(args) as vault:
        service = ImportService(vault)
        if args.folder is not None:
            return _import_folder(vault, service, args.folder, args.watch)
        for path in args.files:
            out(service.import_file(path).sentence())
    return EXIT_OK


def _import_folder(vault: Vault, service: ImportService, folder: Path, watch: bool) -> int:
    from testimonio.services.folder_import import FolderImporter

    importer = FolderImporter(vault, service)
    done = importer.run(folder)
    for item in done.items:
        out(item.line(), flush=True)
    new = sum(1 for i in done.items if i.outcome != "skipped")
    out(f"{folder}: {new} bundle(s) handled, {done.known} imported before, "
          f"{sum(1 for i in done.items if i.outcome == 'skipped')} file(s) skipped.", flush=True)
    if done.truncated:
        out("The folder holds more files than one pass reads; run again for the rest.")
    if not watch:
        return done.exit_code
    out(f"Watching {folder} for new bundles; press Ctrl+C to stop.", flush=True)
    try:
        importer.watch(folder, lambda item: out(item.line(), flush=True), lambda: False,
                       after=done)
    except KeyboardInterrupt:
        out("Stopped watching.")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """``report --csv DIR | report --xlsx FILE [--lang L]`` (lead)."""
    from testimonio.services.report import ReportService

    if args.xlsx is not None:
        out_file(args.xlsx, "report")
    with _vault(args) as vault:
        service = ReportService(vault)
        if args.csv is not None:
            files = service.write_csv(args.csv, args.lang)
            out(f"{len(files)} table(s) written to {args.csv}.")
        else:
            service.write_xlsx(args.xlsx, args.lang)
            out(f"Report written to {args.xlsx}.")
    return EXIT_OK
