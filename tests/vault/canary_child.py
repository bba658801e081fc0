"""Child for the canary test: writes CANARY everywhere a person's words can go.

    canary_child.py VAULT LOG_DIR CANARY
Prints "ready" with the vault open (WAL and shm on disk), waits for a line on
stdin, then locks the vault and prints "locked".
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from testimonio import logs
from testimonio.errors import TestimonioError
from testimonio.services.interviews import InterviewQuery, InterviewService
from testimonio.services.settings import SettingsService
from testimonio.vault import KdfParams, Vault


def main(folder: str, log_dir: str, canary: str) -> None:
    logs.setup(Path(log_dir), level=logging.DEBUG)
    vault, _ = Vault.create(Path(folder), "pass phrase", kdf=KdfParams.FAST)
    service = InterviewService(vault)
    service.add_site(canary)
    one = service.start("form", "1", canary, canary, "es")
    service.set_answer(one, "alias", canary, canary)
    service.set_answer(one, "story", f"she said {canary} twice: {canary}", canary)
    service.set_answer(one, "people", [canary], canary)
    attachment = service.add_attachment(one, "photo", f"%PDF {canary} %%EOF".encode(),
                                        "application/pdf", caption=canary, who=canary)
    service.set_attachment_export(attachment, True, canary)
    service.complete(one, canary)
    service.reopen(one, f"because {canary}", canary)
    two = service.start("form", "1", canary, canary, "es")
    service.set_answer(two, "story", canary, canary)
    service.delete_draft(two)
    SettingsService(vault).set("preferences.interviewer", canary)
    service.page(InterviewQuery(search=canary))
    service.deactivate_site(canary)
    for bad in (lambda: service.set_answer(one, "", canary, canary),
                lambda: service.deactivate_site(canary + "x"),
                lambda: service.reopen(one, canary, canary)):
        try:
            bad()
        except TestimonioError:
            logging.getLogger("testimonio.test").exception("expected refusal")
    print("ready", flush=True)
    sys.stdin.readline()
    vault.lock()
    print("locked", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
