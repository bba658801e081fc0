"""``init``, ``passwd``, ``selftest`` and ``interviews list|show``.

Each handler returns an exit code; our errors become a sentence and an exit
code in :func:`testimonio.cli.run`. Passphrases come from the environment
(scripts) or a prompt that does not echo, and are never printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from testimonio.cli.common import ask_secret, out, vault_dir
from testimonio.errors import EXIT_FAILED, EXIT_OK, BadInput, VaultError, VaultMissing
from testimonio.vault import KdfParams, Vault
from testimonio.vault.day_stamps import sent_date

log = logging.getLogger(__name__)

PASSPHRASE_ENV = "TESTIMONIO_PASSPHRASE"
NEW_PASSPHRASE_ENV = "TESTIMONIO_NEW_PASSPHRASE"
MIN_PASSPHRASE = 8
PAGE = 500


def _out(line: str = "") -> None:
    out(line)


def _start_log() -> None:
    from testimonio import logs

    try:
        logs.setup()
    except OSError:
        pass  # a read-only data folder must not stop the command


def _new_passphrase(env: str, prompt: str) -> str:
    """A new passphrase from ``env``, else asked twice on the terminal."""
    if os.environ.get(env) is None and sys.stdin is not None and sys.stdin.isatty():
        first = ask_secret(prompt, env)
        if ask_secret("Type it again: ", env) != first:
            raise BadInput("The two passphrases differ; nothing was changed.")
        passphrase = first
    else:
        passphrase = ask_secret(prompt, env)
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadInput(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters; "
                       "several words are easier to remember.")
    return passphrase


@contextmanager
def open_vault(args: argparse.Namespace) -> Iterator[Vault]:
    """The vault of ``--vault`` unlocked with the passphrase; locked afterwards."""
    _start_log()
    path = vault_dir(args)
    if not Vault.exists(path):
        raise VaultMissing(f"There is no vault in {path}. Create one with 'testimonio init', "
                           "or give the right folder with --vault.")
    vault = Vault.unlock(path, ask_secret("Passphrase: ", PASSPHRASE_ENV))
    for warning in vault.warnings:
        sys.stderr.write(f"testimonio: {warning}\n")
    try:
        yield vault
    finally:
        vault.lock()


def cmd_init(args: argparse.Namespace) -> int:
    """Create a vault with tuned Argon2id costs; print the recovery key once.

    The vault is built beside the folder and moved into place only after the
    recovery key was written out, so an interrupted init leaves nothing.
    """
    from testimonio.vault.staging import check_target

    _start_log()
    path = vault_dir(args)
    check_target(path, tidy=False)  # refuse before asking for a passphrase
    passphrase = _new_passphrase(PASSPHRASE_ENV, "New passphrase: ")
    from testimonio.services.setup import create_vault

    made = create_vault(path, passphrase, kdf=KdfParams.tuned(), staged=True)
    try:
        for note in made.notes:
            _out(note)
        _out(f"This device's key fingerprint: {made.fingerprint}")
        if made.questionnaires:
            _out("Questionnaires installed: " + ", ".join(made.questionnaires))
        _out()
        _out("Recovery key (shown only this once). Write it on paper and keep it apart")
        _out("from this laptop: it opens the vault if the passphrase is forgotten.")
        _out()
        _out(f"    {made.recovery_key}")
        _out()
        sys.stdout.flush()
    except OSError as error:
        made.discard()
        raise VaultError(f"The recovery key could not be shown ({error.strerror or error}), "
                         "so no vault was made. Run init again in a terminal.") from None
    except BaseException:
        made.discard()
        raise
    _ignore_ctrl_c()
    made.install().lock()
    _out(f"Vault created in {path}.")
    return EXIT_OK


def _ignore_ctrl_c() -> None:
    """Ctrl-C ignored to the end of the process, once a command's change is made.

    ``init``: from the moment the made vault moves into place (its recovery
    key is shown by then, so the vault must be made); ``passwd``: once the new
    key slot is written. A Ctrl-C during the move or the lock that follows
    reported "interrupted" (exit 1) over a change that was made, which reads as
    "nothing changed"; one during the interpreter's shutdown, once Python had
    put the default action back, killed the process (exit -2). Ignored, it
    changes nothing: the command ends in milliseconds. Before that point a
    Ctrl-C still cancels (``init`` removes its staged vault). Only the main
    thread can set it.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def cmd_passwd(args: argparse.Namespace) -> int:
    """Change the passphrase (the key slot file only; the data is not rewritten)."""
    with open_vault(args) as vault:
        new = _new_passphrase(NEW_PASSPHRASE_ENV, "New passphrase: ")
        vault.change_passphrase(new, kdf=KdfParams.tuned())
        _ignore_ctrl_c()  # changed: a Ctrl-C during the lock would report it was not
    _out("Passphrase changed. The recovery key is unchanged.")
    return EXIT_OK


def cmd_selftest(args: argparse.Namespace) -> int:
    """Run the self-test steps in a temporary vault; exit 0 only if all pass."""
    from testimonio.services import selftest

    _start_log()

    def report(name: str, ok: bool, detail: str) -> None:
        _out(f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}")
        sys.stdout.flush()

    from testimonio.gui.selftest_window import STEP as window_step

    passed = selftest.run(report, [*selftest.STEPS, window_step])
    _out("selftest passed" if passed else "selftest FAILED")
    return EXIT_OK if passed else EXIT_FAILED


def cmd_interviews_list(args: argparse.Namespace) -> int:
    """Every interview, newest change first (read a page at a time)."""
    from testimonio.services.interviews import InterviewQuery, InterviewService
    from testimonio.services.receipts import ReceiptService

    with open_vault(args) as vault:
        service = InterviewService(vault)
        rows = []
        offset = 0
        while True:
            page = service.page(InterviewQuery(offset=offset, limit=PAGE))
            rows.extend(page)
            if len(page) < PAGE:
                break
            offset += PAGE
        received = ReceiptService(vault).received_dates([r.id for r in rows])
    if args.json:
        _out(json.dumps([{**r.as_dict(), "received": received.get(r.id)} for r in rows],
                        ensure_ascii=False, indent=1))
        return EXIT_OK
    if not rows:
        _out("No interviews.")
        return EXIT_OK
    _out(f"{'id':32}  {'status':8}  {'updated (UTC)':19}  {'site':16}  {'form':16}  alias")
    for r in rows:
        form = f"{r.form_id}@{r.form_version}"
        got = f"  (received by the lead on {received[r.id]})" if r.id in received else ""
        # An imported interview's day or month as sent, no made-up time (day_stamps.py).
        when = sent_date(r.updated_at) or r.updated_at[:19].replace("T", " ")
        _out(f"{r.id:32}  {r.status:8}  {when:19}  "
             f"{r.site[:16]:16}  {form[:16]:16}  {r.alias}{got}")
    _out(f"{len(rows)} interview(s)")
    return EXIT_OK


def cmd_interviews_show(args: argparse.Namespace) -> int:
    """One interview (id or unique id prefix): record, answers, attachments, history."""
    from testimonio.services.interviews import InterviewService
    from testimonio.services.receipts import ReceiptService

    with open_vault(args) as vault:
        service = InterviewService(vault)
        record = service.find(args.id)
        answers = service.answers(record.id)
        attachments = service.attachments(record.id)
        history = service.history(record.id)
        withheld = service.withheld(record.id)
        received = ReceiptService(vault).received_dates([record.id]).get(record.id)
    if args.json:
        doc = {**record.as_dict(), "received": received, "answers": answers, "withheld": withheld,
               "attachments": [vars(a) for a in attachments],
               "history": [vars(h) for h in history]}
        _out(json.dumps(doc, ensure_ascii=False, indent=1))
        return EXIT_OK
    for name, value in record.as_dict().items():
        _out(f"{name:13} {value}")
    if received:
        _out(f"received by the lead on {received}")
    _out()
    _out("answers:")
    for path, value in answers.items():
        _out(f"  {path} = {json.dumps(value, ensure_ascii=False)}")
    if withheld:  # (lead) what the researcher's export kept back, and why: never values
        _out("withheld by the researcher's export:")
        for path, reason in sorted(withheld.items()):
            _out(f"  {path}  ({reason})")
    if attachments:
        _out("attachments:")
        for a in attachments:
            export = "exported if chosen" if a.export_opt_in else "stays in the vault"
            _out(f"  {a.id}  {a.question_path}  {a.mime}  {a.size} bytes  ({export})")
    _out(f"history: {len(history)} change(s)")
    for h in history:
        what = h.action + (f" {h.path}" if h.path else "") + (f" ({h.reason})" if h.reason else "")
        _out(f"  {h.at}  {h.who}  {what}")
    return EXIT_OK
