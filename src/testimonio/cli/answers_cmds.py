"""Command-line handlers for what the lead sends back (issue 12).

``receipt write|import``, ``purge [--received]``, ``team revoke``, ``team
recipient add``, ``team publish``, ``team update``. Each calls one service
(the same the GUI calls) and prints a short result; refusals are our error
types, turned into a sentence and exit code 3 by :func:`testimonio.cli.run`.
Text from other people's files (names) is printed through :func:`shown`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from testimonio.cli.common import confirm, out, out_file, shown
from testimonio.cli.exchange_cmds import _accept, _vault
from testimonio.errors import EXIT_OK, BadInput

if TYPE_CHECKING:
    from testimonio.services.retention import RetentionService


def cmd_receipt_write(args: argparse.Namespace) -> int:
    """``receipt write --researcher FINGERPRINT --out FILE`` (lead)."""
    from testimonio.services.receipts import ReceiptService

    out_file(args.out, "receipt")
    with _vault(args) as vault:
        result = ReceiptService(vault).write(args.researcher, args.out)
    out(f"Receipt {result.number} written to {result.path}: {result.interviews} interview(s) "
          "received.")
    return EXIT_OK


def cmd_receipt_import(args: argparse.Namespace) -> int:
    """``receipt import FILE`` (researcher)."""
    from testimonio.services.receipts import ReceiptService
    from testimonio.services.retention import RetentionService

    with _vault(args) as vault:
        result = ReceiptService(vault).import_file(args.file)
        plan = RetentionService(vault).plan()
    out(f"Receipt {result.number}: the lead received {result.interviews} more interview(s) "
          f"on {result.issued}.")
    if plan:
        out(f"The team's retention policy will delete ({plan[0].scope}) {len(plan)} received "
              f"interview(s), from {min(p.due for p in plan)}.")
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    """``purge --received [--yes]`` (researcher): delete what the lead has received, now.

    Without ``--received`` (an addition to the contract, docs/cli.md): apply
    the team's retention policy, deleting only what is due today, as the
    desktop program does at unlock.
    """
    from testimonio.services.retention import RetentionService

    with _vault(args) as vault:
        service = RetentionService(vault)
        if service.finish_pending():
            out("A purge cut short earlier is finished: the vault was compacted.")
        if not args.received:
            return _purge_due(service, args.yes)
        items = service.received("interview")
        if not items:
            out("Nothing to purge: the lead has confirmed no interview that is still here.")
            return EXIT_OK
        out(f"These {len(items)} interview(s) were received by the lead and will be deleted "
              "for good:")
        for item in items:
            out(f"  {item.interview_id}  received {item.received_at}  {shown(item.alias)}")
        if not args.yes and not confirm("Delete them now?"):
            raise BadInput("Nothing was deleted.")
        result = service.purge_received()
    out(f"Purged {result.interviews} interview(s): {result.answers} answer(s), "
          f"{result.attachments} attachment(s) deleted; the vault was compacted.")
    return EXIT_OK


def _purge_due(service: RetentionService, yes: bool) -> int:
    """``purge`` alone: what the team's retention policy says is due today."""
    policy = service.policy()
    due = service.due()
    if not due:
        plan = service.plan()
        later = (f" The next is due on {min(p.due for p in plan)} ({len(plan)} interview(s))."
                 if plan else "")
        out(f"Nothing is due under the team's retention policy ({policy.action}"
            + (f" after {policy.days} day(s))." if policy.action != "keep" else ").") + later)
        return EXIT_OK
    what = ("the whole interview" if due[0].scope == "interview"
            else "identifiers and attachments")
    out(f"The team's retention policy deletes {what} of these {len(due)} interview(s) now:")
    for item in due:
        out(f"  {item.interview_id}  received {item.received_at}  due {item.due}  "
            f"{shown(item.alias)}")
    if not yes and not confirm("Delete now?"):
        raise BadInput("Nothing was deleted.")
    result = service.purge(due)
    out(f"Purged {result.interviews} interview(s) ({what}): {result.answers} answer(s), "
        f"{result.attachments} attachment(s) deleted; the vault was compacted.")
    return EXIT_OK


def cmd_team_revoke(args: argparse.Namespace) -> int:
    """``team revoke FINGERPRINT [--yes]`` (lead)."""
    from testimonio.services.team_admin import TeamAdminService

    with _vault(args) as vault:
        service = TeamAdminService(vault)
        _, name, fingerprint = service.find_researcher(args.fingerprint)
        out(f"Revoke the key of {shown(name)}: bundles it signs after the last one imported "
              "are refused.")
        _accept("Key", fingerprint, args.yes)
        revoked = service.revoke(fingerprint)
    out(f"Revoked {fingerprint}: bundles up to number {revoked.last_sequence} stay accepted. "
          "Publish a team update so the researchers know.")
    return EXIT_OK


def cmd_team_recipient_add(args: argparse.Namespace) -> int:
    """``team recipient add KEY_FILE [--yes]`` (lead): a backup recipient."""
    from testimonio.services.team_admin import TeamAdminService

    with _vault(args) as vault:
        service = TeamAdminService(vault)
        found = service.read_recipient_file(args.key_file)
        _accept("backup recipient", found.fingerprint, args.yes, f"name '{shown(found.name)}'")
        service.add_recipient(found)
    out(f"Added {shown(found.name)} as a backup recipient. Publish a team update so new "
          "bundles are wrapped to it too.")
    return EXIT_OK


def cmd_team_publish(args: argparse.Namespace) -> int:
    """``team publish --out FILE`` (lead): the signed, numbered team update."""
    from testimonio.services.team_admin import TeamAdminService

    out_file(args.out, "team update")
    with _vault(args) as vault:
        update = TeamAdminService(vault).publish(args.out)
    out(f"Team update {update.number} written to {args.out}: {len(update.questionnaires)} "
          f"questionnaire version(s), {len(update.roster)} researcher(s), "
          f"{len(update.revocations)} revocation(s), {len(update.recipients)} backup "
          f"recipient(s), retention: {update.retention.action}"
          + (f" after {update.retention.days} day(s)" if update.retention.action != "keep"
             else "") + f", smallest group size (k): {update.k}.")
    return EXIT_OK


def cmd_team_update(args: argparse.Namespace) -> int:
    """``team update FILE`` (researcher)."""
    from testimonio.services.team_admin import TeamAdminService

    with _vault(args) as vault:
        service = TeamAdminService(vault)
        result = service.apply_update(service.read_update(args.file))
    out(f"Team update {result.number} imported: {result.questionnaires} new questionnaire "
          f"version(s), {result.roster} researcher(s), {result.revocations} revocation(s), "
          f"{result.recipients} backup recipient(s), retention: {result.retention.action}"
          + ("." if result.k is None else f", smallest group size (k): {result.k}."))
    return EXIT_OK
