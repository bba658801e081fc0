"""Tools of the attack suite: a lead and a researcher, crafting, the real CLI (issue 15).

Every attack crafts its hostile file with the project's own writers (bundles
signed by a researcher on the roster, team and key files signed by the key
they carry), runs the real command line in a subprocess and checks the exit
code, the sentence, and that the lead's vault is byte-for-byte unchanged
where a refusal must change nothing.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.exchange.bundle import AttachmentSource, write_bundle
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.vault import Vault

PASS = "pass phrase"


@dataclass
class World:
    """Copies of the lead's and the researcher's vaults, and what crafting needs."""

    root: Path
    lead: Path  # the lead's vault folder
    researcher: Path
    sender: DeviceKeys  # the researcher's device keys (on the lead's roster)
    lead_public: PublicKeys
    records: list[dict[str, Any]]  # two honest records, as the researcher's export plans them

    def bundle(self, name: str, *, records: Sequence[Mapping[str, Any]] | None = None,
               sequence: int = 1, attachments: Sequence[AttachmentSource] = ()) -> Path:
        """A bundle signed by the researcher on the roster, addressed to the lead."""
        out = self.root / name
        write_bundle(out, sender=self.sender, recipient=self.lead_public, sequence=sequence,
                     records=copy.deepcopy(list(self.records if records is None else records)),
                     attachments=attachments)
        return out

    def cli(self, *args: str, vault: Path | None = None, code: int | None = None,
            stdin: bytes | None = None, env: Mapping[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """The real command line on ``vault`` (the lead's by default)."""
        full = {**os.environ, "TESTIMONIO_PASSPHRASE": PASS,
                "TESTIMONIO_VAULT": str(vault or self.lead), **(env or {})}
        done = subprocess.run([sys.executable, "-m", "testimonio", *args], capture_output=True,
                              env=full, timeout=timeout, check=False, input=stdin)
        result = subprocess.CompletedProcess(done.args, done.returncode,
                                             done.stdout.decode("utf-8", "replace"),
                                             done.stderr.decode("utf-8", "replace"))
        if code is not None:
            assert result.returncode == code, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def open(self, which: Path | None = None) -> Vault:
        return Vault.unlock(which or self.lead, PASS)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a vault folder, byte for byte."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
