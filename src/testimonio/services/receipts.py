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
from typing import Any

from testimonio.errors import BadInput, SecurityRefusal
from testimonio.exchange import receipt as receipt_file
from testimonio.exchange.keys import PublicKeys
from testimonio.services import vaultdb
from testimonio.services.keys import KeyService
from testimonio.services.team_admin import TeamAdminService
from testimonio.vault import Vault


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
            public, kem = db.execute("SELECT public, kem FROM roster WHERE key_id = ?",
                                     (key_id,)).fetchone()
            items = [(str(e), int(r)) for e, r in db.execute(
                "SELECT export_id, revision FROM imported_origin WHERE researcher = ? "
                "ORDER BY export_id", (key_id,))]
        researcher = PublicKeys.from_raw(bytes(public), None if kem is None else bytes(kem))
        with self.vault.transaction() as db:
            number = int(db.execute("SELECT receipt_number FROM team WHERE id = 1").fetchone()[0]) + 1
            db.execute("UPDATE team SET receipt_number = ? WHERE id = 1", (number,))
            # Inside the transaction: a failed write does not use up the number.
            made = receipt_file.write_receipt(Path(out), lead, researcher, number, items)
        return ReceiptResult(number, made.issued, len(items), Path(out))

    def import_file(self, path: Path) -> ReceiptResult:
        """Check a receipt and mark what it lists as received (researcher)."""
        team = vaultdb.team(self.vault)
        if team is None or team["role"] != "researcher":
            raise BadInput("Receipts are for a researcher's vault that joined a team.")
        found = receipt_file.read_receipt(Path(path), self.keys.ensure())
        if found.signer.key_id != team["lead_key_id"]:
            raise ReceiptRefused("This receipt is not signed by your team's lead (it is signed by "
                                 f"{found.signer.fingerprint}). Nothing was changed.")
        day = found.issued[:10]
        with self.vault.transaction() as db:
            last = int(db.execute("SELECT receipt_number FROM team WHERE id = 1").fetchone()[0])
            if found.number <= last:
                raise ReceiptRefused(f"This is receipt number {found.number}, but number {last} "
                                     "was already imported: an older receipt cannot replace a "
                                     "newer one. Nothing was changed.")
            marks = _match(db, found.items)
            added = 0
            for interview_id, revision in marks:
                row = db.execute("SELECT revision FROM received WHERE interview_id = ?",
                                 (interview_id,)).fetchone()
                if row is not None and int(row[0]) >= revision:
                    continue
                db.execute("INSERT INTO received (interview_id, revision, received_at, receipt) "
                           "VALUES (?, ?, ?, ?) ON CONFLICT (interview_id) DO UPDATE SET "
                           "revision = excluded.revision, received_at = excluded.received_at, "
                           "receipt = excluded.receipt", (interview_id, revision, day, found.number))
                added += 1
            db.execute("UPDATE team SET receipt_number = ? WHERE id = 1", (found.number,))
        return ReceiptResult(found.number, day, added)

    def received_dates(self, interview_ids: list[str]) -> dict[str, str]:
        """Interview id -> the date the lead received it (only received ones)."""
        out: dict[str, str] = {}
        with self.vault.read() as db:
            for start in range(0, len(interview_ids), 500):
                part = interview_ids[start:start + 500]
                marks = ",".join("?" * len(part))
                for i, at in db.execute("SELECT interview_id, received_at FROM received "
                                        f"WHERE interview_id IN ({marks})", part):
                    out[str(i)] = str(at)
        return out


def _match(db: Any, items: tuple[tuple[str, int], ...]) -> list[tuple[str, int]]:
    """(interview id, revision) of each item; ReceiptRefused if any was never sent."""
    out = []
    for export_id, revision in items:
        row = db.execute("SELECT interview_id FROM bundle_items WHERE export_id = ? AND "
                         "revision = ? LIMIT 1", (export_id, revision)).fetchone()
        if row is None:
            raise ReceiptRefused(
                f"The receipt names an interview revision this vault never sent (export id "
                f"{export_id[:8]}…, revision {revision}). Nothing was changed.")
        out.append((str(row[0]), revision))
    return out
