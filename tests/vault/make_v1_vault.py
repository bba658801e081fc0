"""Write tests/vault/data/v1-vault: a real vault stopped at schema version 1.

Run once (it was, when migration 2 was added); the files are kept in git so
the migration test opens a vault made by the version-1 program. Passphrase:
``version one vault``. Holds one interview with two answers, one edit-log
row and one site.
"""

from __future__ import annotations

import secrets
import shutil
import sys
from pathlib import Path

from testimonio.vault import slots as slotfile
from testimonio.vault.connection import open_database
from testimonio.vault.core import DB_NAME, SLOTS_NAME
from testimonio.vault.kdf import KdfParams
from testimonio.vault.migrations import migrate
from testimonio.vault.recovery import new_recovery_key

PASSPHRASE = "version one vault"
OUT = Path(__file__).parent / "data" / "v1-vault"


def main() -> int:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    key = secrets.token_bytes(32)
    vault_id = secrets.token_hex(16)
    _, recovery = new_recovery_key()
    conn = open_database(OUT / DB_NAME, key, create=True)
    assert migrate(conn, upto=1) == 1
    conn.execute("INSERT INTO sites (name) VALUES ('Huaquillas')")
    conn.execute(
        "INSERT INTO interviews (id, form_id, form_version, site, interviewer, language, alias, "
        "status, created_at, updated_at, revision) VALUES ('0123456789abcdef0123456789abcdef', "
        "'border', '2024-01', 'Huaquillas', 'ana', 'es', 'Rosa', 'draft', "
        "'2024-01-02T03:04:05.000Z', '2024-01-02T03:04:06.000Z', 3)")
    conn.executemany(
        "INSERT INTO answers VALUES ('0123456789abcdef0123456789abcdef', ?, ?, "
        "'2024-01-02T03:04:06.000Z')", [("alias", '"Rosa"'), ("age", "34")])
    conn.execute(
        "INSERT INTO edit_log (interview_id, path, old_value, new_value, at, who, action) "
        "VALUES ('0123456789abcdef0123456789abcdef', 'age', NULL, '34', "
        "'2024-01-02T03:04:06.000Z', 'ana', 'set')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    params = KdfParams.FAST
    table = slotfile.SlotFile(vault_id, (
        slotfile.wrap(vault_id, slotfile.PASSPHRASE, key, PASSPHRASE, params),
        slotfile.wrap(vault_id, slotfile.RECOVERY, key, recovery, params),
    ))
    slotfile.write_slot_file(OUT / SLOTS_NAME, table)
    for extra in OUT.iterdir():
        if extra.name not in (DB_NAME, SLOTS_NAME):
            extra.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
