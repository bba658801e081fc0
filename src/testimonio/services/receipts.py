"""Receipts: the lead tells a researcher which interviews arrived.

Lead: :meth:`ReceiptService.write` lists every (export id, revision) the
lead's vault holds from that researcher, signs it and encrypts it to them.
Researcher: :meth:`ReceiptService.import_file` refuses (exit 3, nothing
changed) a receipt meant for another vault, not signed by this team's lead,
not newer than the last one imported, or naming a revision this vault never
sent; otherwise it marks those interviews "received by the lead on DATE" in
one transaction. Retention (retention.py) acts only on received interviews.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from testimonio.errors import BadInput, SecurityRefusal
from testimonio.exchange import receipt as receipt_file
from testimonio.exchange.keys import PublicKeys
from testimonio.services.keys import KeyService
from testimonio.services.team_admin import TeamAdminService
from testimonio.vault import Vault, repo_receipts, repo_team
from testimonio.vault.db import Db


class ReceiptRefused(SecurityRefusal):
    """A receipt that is foreign, older than the last one, or names what was never sent."""


@dataclass(frozen=True)
class ReceiptResult:
    """What writing or importing a receipt did."""

    number: int
    issued: str
    interviews: int  # listed (write) or newly marked received (import)
    path: Path | None = None


class ReceiptService:
    """Writes (lead) and imports (researcher) receipts."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.keys = KeyService(vault)

    def write(self, fingerprint: str, out: Path) -> ReceiptResult:
        """Write the receipt for the researcher with ``fingerprint`` (lead)."""
        admin = TeamAdminService(self.vault)
        admin._lead_team()
        key_id, _, _ = admin.find_researcher(fingerprint)
        lead = self.keys.ensure()
        with self.vault.read() as db:
            member = repo_team.roster_key(db, key_id)
            items = repo_receipts.imported_from(db, key_id)
        if member is None:  # pragma: no cover - find_researcher just found it
            raise BadInput("The researcher is no longer on the roster.")
        researcher = PublicKeys.from_raw(member.public, member.kem)
        with self.vault.transaction() as db:
            number = repo_team.receipt_number(db) + 1
            repo_team.set_receipt_number(db, number)
            # Inside the transaction: a failed write does not use up the number.
            made = receipt_file.write_receipt(Path(out), lead, researcher, number, items)
        return ReceiptResult(number, made.issued, len(items), Path(out))

    def import_file(self, path: Path) -> ReceiptResult:
        """Check a receipt and mark what it lists as received (researcher)."""
        team = repo_team.read_team(self.vault)
        if team is None or team["role"] != "researcher":
            raise BadInput("Receipts are for a researcher's vault that joined a team.")
        found = receipt_file.read_receipt(Path(path), self.keys.ensure())
        if found.signer.key_id != team["lead_key_id"]:
            raise ReceiptRefused("This receipt is not signed by your team's lead (it is signed by "
                                 f"{found.signer.fingerprint}). Nothing was changed.")
        day = found.issued[:10]
        with self.vault.transaction() as db:
            last = repo_team.receipt_number(db)
            if found.number <= last:
                raise ReceiptRefused(f"This is receipt number {found.number}, but number {last} "
                                     "was already imported: an older receipt cannot replace a "
                                     "newer one. Nothing was changed.")
            marks = _match(db, found.items)
            added = 0
            for interview_id, revision in marks:
                known = repo_receipts.received_revision(db, interview_id)
                if known is not None and known >= revision:
                    continue
                repo_receipts.mark_received(db, interview_id, revision, day, found.number)
                added += 1
            repo_team.set_receipt_number(db, found.number)
        return ReceiptResult(found.number, day, added)

    def received_dates(self, interview_ids: list[str]) -> dict[str, str]:
        """Interview id -> the date the lead received it (only received ones)."""
        with self.vault.read() as db:
            return repo_receipts.received_dates(db, interview_ids)


def _match(db: Db, items: tuple[tuple[str, int], ...]) -> list[tuple[str, int]]:
    """(interview id, revision) of each item; ReceiptRefused if any was never sent."""
    out = []
    for export_id, revision in items:
        found = repo_receipts.sent_interview(db, export_id, revision)
        if found is None:
            raise ReceiptRefused(
                f"The receipt names an interview revision this vault never sent (export id "
                f"{export_id[:8]}…, revision {revision}). Nothing was changed.")
        out.append((found, revision))
    return out
