"""The program's log: private files, event names and ids, never answers."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from formkit import install_form
from testimonio import logs
from testimonio.services.interviews import InterviewService
from testimonio.vault import KdfParams, Vault


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    path = logs.setup(tmp_path / "logs", level=logging.DEBUG)
    yield path
    for handler in list(logging.getLogger("testimonio").handlers):
        if getattr(handler, "_testimonio_handler", False):
            logging.getLogger("testimonio").removeHandler(handler)
            handler.close()


def test_log_has_ids_and_events_but_no_answers(tmp_path: Path, log_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "pass phrase", kdf=KdfParams.FAST)
    install_form(vault, tmp_path / "forms", "form", "1",
                 [{"type": "text", "name": "story", "label": "Story"}])
    service = InterviewService(vault)
    interview = service.start("form", "1", "Secret Site", "Secret Name", "es")
    service.set_answer(interview, "story", "a secret story", "Secret Name")
    service.complete(interview, "Secret Name")
    service.reopen(interview, "a secret reason", "Secret Name")
    vault.lock()
    text = log_path.read_text()
    assert interview in text
    for event in ("vault created", "interview started", "answer saved", "interview completed",
                  "interview reopened", "vault locked"):
        assert event in text
    assert "secret" not in text.lower()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_log_files_are_private(log_path: Path) -> None:
    old = os.umask(0o022)
    try:
        logging.getLogger("testimonio.test").info("hello")
    finally:
        os.umask(old)
    assert stat.S_IMODE(log_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_path.parent.stat().st_mode) == 0o700


def test_setup_twice_keeps_one_handler(tmp_path: Path, log_path: Path) -> None:
    again = logs.setup(tmp_path / "other")
    mine = [h for h in logging.getLogger("testimonio").handlers
            if getattr(h, "_testimonio_handler", False)]
    assert len(mine) == 1 and again.parent == tmp_path / "other"
