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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for formkit
from formkit import install_form  # noqa: E402


def main(folder: str, log_dir: str, canary: str) -> None:
    logs.setup(Path(log_dir), level=logging.DEBUG)
    vault, _ = Vault.create(Path(folder), "pass phrase", kdf=KdfParams.FAST)
    # The questionnaire (no canary in it) is written beside, not in, the checked folders.
    install_form(vault, Path(folder).parent / "forms", "form", "1", [
        {"type": "text", "name": "alias", "label": "Alias"},
        {"type": "text", "name": "story", "label": "Story"},
        {"type": "select_multiple p", "name": "people", "label": "People"},
        {"type": "file", "name": "photo", "label": "Document"},
    ], [{"list_name": "p", "name": "someone", "label": "Someone"}])
    service = InterviewService(vault)
    service.add_site(canary)
    one = service.start("form", "1", canary, canary, "es")
    service.set_answer(one, "alias", canary, canary)
    service.set_answer(one, "story", f"she said {canary} twice: {canary}", canary)
    attachment = service.add_attachment(one, "photo", f"%PDF {canary} %%EOF".encode(),
                                        "application/pdf", caption=canary, who=canary)
    service.set_attachment_export(attachment, True, canary)
    service.complete(one, canary)
    service.reopen(one, f"because {canary}", canary)
    service.set_answer(one, "people", [canary], canary)  # stored, though no choice has the name
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
