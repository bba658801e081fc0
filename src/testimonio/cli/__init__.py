"""The command line: the contract in ARCHITECTURE.md, parsed in one place.

Each command names its handler as ``"module:function"``; handlers live in
``cli/vault_cmds.py``, ``cli/forms_cmds.py`` and ``cli/exchange_cmds.py`` and
call the same services the GUI calls. A handler returns an exit code;
:class:`~testimonio.errors.TestimonioError` becomes its sentence on stderr and
its exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from testimonio import __version__
from testimonio.cli.common import err, os_error_sentence
from testimonio.errors import EXIT_BAD_INPUT, EXIT_FAILED, TestimonioError

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a sentence on bad usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        err(f"testimonio: {message}")
        raise SystemExit(EXIT_BAD_INPUT)


def _cmd(sub: argparse._SubParsersAction, name: str, handler: str, help: str) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line of the contract."""
    p = _Parser(prog="testimonio", description="Encrypted structured interviews, offline.")
    p.add_argument("--version", action="version", version=f"testimonio {__version__}")
    p.add_argument("--vault", type=Path, default=None,
                   help="vault folder (default: $TESTIMONIO_VAULT, else the data folder)")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    V = "testimonio.cli.vault_cmds"
    F = "testimonio.cli.forms_cmds"
    X = "testimonio.cli.exchange_cmds"
    A = "testimonio.cli.answers_cmds"

    _cmd(sub, "init", f"{V}:cmd_init", "create a vault")
    _cmd(sub, "passwd", f"{V}:cmd_passwd", "change the passphrase")
    _cmd(sub, "selftest", f"{V}:cmd_selftest", "end-to-end check in a temporary vault")

    forms = sub.add_parser("forms", help="questionnaires").add_subparsers(dest="forms_command", parser_class=_Parser, required=True)
    _cmd(forms, "check", f"{F}:cmd_forms_check", "validate a questionnaire, print a summary").add_argument("file", type=Path)
    _cmd(forms, "add", f"{F}:cmd_forms_add", "install a questionnaire").add_argument("file", type=Path)
    _cmd(forms, "list", f"{F}:cmd_forms_list", "list installed questionnaires")

    inter = sub.add_parser("interviews", help="interviews").add_subparsers(dest="interviews_command", parser_class=_Parser, required=True)
    add = _cmd(inter, "add", f"{F}:cmd_interviews_add", "add an interview from a JSON file of answers")
    add.add_argument("--form", required=True, help="questionnaire id")
    add.add_argument("--site", required=True)
    add.add_argument("--answers", required=True, type=Path)
    add.add_argument("--complete", action="store_true")
    lst = _cmd(inter, "list", f"{V}:cmd_interviews_list", "list interviews")
    lst.add_argument("--json", action="store_true")
    show = _cmd(inter, "show", f"{V}:cmd_interviews_show", "show one interview")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")

    team = sub.add_parser("team", help="team set-up").add_subparsers(dest="team_command", parser_class=_Parser, required=True)
    create = _cmd(team, "create", f"{X}:cmd_team_create", "(lead) write a team file")
    create.add_argument("--name", required=True)
    create.add_argument("--out", required=True, type=Path)
    join = _cmd(team, "join", f"{X}:cmd_team_join", "(researcher) join a team")
    join.add_argument("team_file", type=Path)
    join.add_argument("--yes", action="store_true", help="accept the shown fingerprint")
    addr = _cmd(team, "add-researcher", f"{X}:cmd_team_add_researcher", "(lead) add a researcher's key")
    addr.add_argument("file", type=Path)
    addr.add_argument("--yes", action="store_true", help="accept the shown fingerprint")

    revoke = _cmd(team, "revoke", f"{A}:cmd_team_revoke", "(lead) revoke a researcher's key")
    revoke.add_argument("fingerprint")
    revoke.add_argument("--yes", action="store_true", help="accept the shown fingerprint")
    recipient = team.add_parser("recipient", help="(lead) backup recipients").add_subparsers(
        dest="recipient_command", parser_class=_Parser, required=True)
    radd = _cmd(recipient, "add", f"{A}:cmd_team_recipient_add", "(lead) add a backup recipient")
    radd.add_argument("key_file", type=Path)
    radd.add_argument("--yes", action="store_true", help="accept the shown fingerprint")
    _cmd(team, "publish", f"{A}:cmd_team_publish", "(lead) write the signed team update").add_argument(
        "--out", required=True, type=Path)
    _cmd(team, "update", f"{A}:cmd_team_update", "(researcher) import a team update").add_argument(
        "file", type=Path)

    receipt = sub.add_parser("receipt", help="receipts").add_subparsers(
        dest="receipt_command", parser_class=_Parser, required=True)
    rwrite = _cmd(receipt, "write", f"{A}:cmd_receipt_write", "(lead) write a receipt")
    rwrite.add_argument("--researcher", required=True, metavar="FINGERPRINT")
    rwrite.add_argument("--out", required=True, type=Path)
    _cmd(receipt, "import", f"{A}:cmd_receipt_import", "(researcher) import a receipt").add_argument(
        "file", type=Path)
    purge = _cmd(sub, "purge", f"{A}:cmd_purge",
                 "(researcher) apply the team's retention policy (what is due today), or "
                 "with --received delete everything the lead has received")
    purge.add_argument("--received", action="store_true",
                       help="delete every interview the lead has received, now")
    purge.add_argument("--yes", action="store_true", help="do not ask")

    keys = sub.add_parser("keys", help="this vault's keys").add_subparsers(dest="keys_command", parser_class=_Parser, required=True)
    _cmd(keys, "show", f"{X}:cmd_keys_show", "show this vault's public keys and fingerprints")
    _cmd(keys, "export", f"{X}:cmd_keys_export", "write this vault's public keys to a file").add_argument("--out", required=True, type=Path)

    export = _cmd(sub, "export", f"{X}:cmd_export", "export a bundle for the team lead")
    group = export.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path)
    group.add_argument("--preview", action="store_true")
    export.add_argument("--all", action="store_true")
    export.add_argument("--suppress-small-groups", action="store_true")
    export.add_argument("--accept-risk", action="store_true")

    imp = _cmd(sub, "import", f"{X}:cmd_import", "(lead) import bundles")
    imp.add_argument("files", nargs="*", type=Path, metavar="FILE")
    imp.add_argument("--folder", type=Path, metavar="DIR",
                     help="import every bundle in DIR not imported yet")
    imp.add_argument("--watch", action="store_true",
                     help="with --folder: keep importing new bundles as they arrive")

    report = _cmd(sub, "report", f"{X}:cmd_report", "(lead) export tables for analysis")
    out = report.add_mutually_exclusive_group(required=True)
    out.add_argument("--csv", type=Path, metavar="DIR")
    out.add_argument("--xlsx", type=Path, metavar="FILE")
    report.add_argument("--lang", default=None, help="label language")
    return p


def _resolve(spec: str) -> Handler:
    module, _, name = spec.partition(":")
    func: Handler = getattr(importlib.import_module(module), name)
    return func


def run(argv: list[str]) -> int:
    """Parse ``argv`` and run the command; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    handler = getattr(args, "handler", None)
    if handler is None:
        # The desktop program starts its log itself, once a vault exists:
        # a first start writes nothing before a passphrase is chosen.
        from testimonio.app import main as gui_main

        return gui_main(args.vault)
    log_file = _start_log()
    try:
        code = _resolve(handler)(args)
        sys.stdout.flush()  # a reader gone away shows here, not at the interpreter's exit
        return code
    except TestimonioError as error:
        log.debug("command failed", exc_info=True)
        err(f"testimonio: {error}")
        return error.exit_code
    except BrokenPipeError:
        # The reader went away (`interviews list | head`): stop quietly, as
        # other tools do; the interpreter must not complain at exit either.
        _silence_stdout()
        return EXIT_FAILED
    except KeyboardInterrupt:
        err("testimonio: interrupted.")
        return EXIT_FAILED
    except OSError as error:
        known = os_error_sentence(error)
        if known is None:
            log.exception("unexpected error in %s", handler)
            return _unexpected(log_file)
        log.debug("command failed", exc_info=True)
        err(f"testimonio: {known[1]}")
        return known[0]
    except Exception:  # noqa: BLE001 - the trace goes to the log, a sentence to the screen
        log.exception("unexpected error in %s", handler)
        return _unexpected(log_file)


def _unexpected(log_file: Path | None) -> int:
    where = f" Details are in {log_file}." if log_file else ""
    err(f"testimonio: something went wrong that we did not expect.{where}")
    return EXIT_FAILED


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _start_log() -> Path | None:
    """The log file (events and ids only, never answers); None if it cannot be made."""
    from testimonio import logs

    try:
        return logs.setup()
    except OSError:
        return None
