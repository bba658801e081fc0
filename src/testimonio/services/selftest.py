"""``testimonio selftest``: an end-to-end check in a temporary vault.

Each step is a function in :data:`STEPS` that takes the shared
:class:`SelfTest` state and returns a short detail (or raises). Other parts of
the program (packaging, exchange) append their own steps to the list.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from testimonio.errors import VaultLocked, WrongPassphrase
from testimonio.services import selftest_team
from testimonio.services.selftest_state import SELFTEST_KDF, SelfTest, SelfTestFailed
from testimonio.vault import DB_NAME, SLOTS_NAME, Vault
from testimonio.vault.connection import SQLITE_HEADER

__all__ = ["SELFTEST_KDF", "STEPS", "SelfTest", "SelfTestFailed"]

Step = tuple[str, Callable[[SelfTest], str]]


def _create(state: SelfTest) -> str:
    state.vault, state.recovery_key = Vault.create(state.vault_dir, state.passphrase,
                                                   kdf=SELFTEST_KDF)
    return f"Argon2id {SELFTEST_KDF.memory_kib // 1024} MiB"


def _unlock(state: SelfTest) -> str:
    state.open_vault().lock()
    try:
        Vault.unlock(state.vault_dir, state.passphrase + "x").lock()
    except WrongPassphrase:
        pass
    else:
        raise SelfTestFailed("a wrong passphrase opened the vault")
    state.vault = Vault.unlock(state.vault_dir, state.passphrase)
    return "right passphrase opens, wrong one refused"


def _write(state: SelfTest) -> str:
    from testimonio.services.interviews import InterviewService

    service = InterviewService(state.open_vault())
    state.interview_id = service.start("selftest", "1", "selftest", "selftest", "en")
    service.set_answer(state.interview_id, "alias", state.sample, "selftest")
    service.add_attachment(state.interview_id, "photo", state.sample.encode(), "text/plain")
    return "one interview, one answer, one attachment"


def _read(state: SelfTest) -> str:
    from testimonio.services.interviews import InterviewService

    state.open_vault().lock()
    state.vault = Vault.unlock(state.vault_dir, state.passphrase)
    service = InterviewService(state.vault)
    if service.answers(state.interview_id).get("alias") != state.sample:
        raise SelfTestFailed("the answer did not read back")
    (info,) = service.attachments(state.interview_id)
    if service.attachment(info.id).data != state.sample.encode():
        raise SelfTestFailed("the attachment did not read back")
    state.open_vault().verify()
    return "read back after unlock; integrity checks pass"


def _encrypted(state: SelfTest) -> str:
    with open(state.vault_dir / DB_NAME, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER:
            raise SelfTestFailed("the database file is not encrypted")
    for path in state.vault_dir.iterdir():
        if state.sample.encode() in path.read_bytes():
            raise SelfTestFailed(f"readable data found in {path.name}")
    if os.name == "posix":
        for path in (state.vault_dir / DB_NAME, state.vault_dir / SLOTS_NAME):
            if path.stat().st_mode & 0o077:
                raise SelfTestFailed(f"{path.name} is readable by others")
    return "no plaintext header or data in the files; files private"


def _recovery(state: SelfTest) -> str:
    state.open_vault().lock()
    state.vault = Vault.unlock_with_recovery(state.vault_dir, state.recovery_key)
    return "recovery key opens the vault"


def _lock(state: SelfTest) -> str:
    vault = state.open_vault()
    vault.lock()
    try:
        with vault.read():
            pass
    except VaultLocked:
        return "locked vault refuses access"
    raise SelfTestFailed("a locked vault still answered")


def _no_core_dumps(_state: SelfTest) -> str:
    from testimonio.hardening import is_dumpable

    if is_dumpable():
        raise SelfTestFailed("a crash would write this process's memory to a core file")
    return "a crash leaves no core dump"


def _pictures(_state: SelfTest) -> str:
    """A photo with a GPS tag leaves re-encoded, without it (the export's cleaner)."""
    import io

    from PIL import Image

    from testimonio.exchange.scrub import reencode

    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (3.0, 34.0, 0.0)}  # GPSInfo: where the photo was taken
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, "JPEG", exif=exif.tobytes())
    if b"Exif" not in photo.getvalue():
        raise SelfTestFailed("the sample photo has no EXIF to remove")
    clean = reencode(photo.getvalue(), "image/jpeg")
    if b"Exif" in clean.data or (clean.width, clean.height) != (64, 48):
        raise SelfTestFailed("a photo left with its metadata or its size changed")
    return f"a JPEG re-encoded without metadata ({len(clean.data)} bytes)"


STEPS: list[Step] = [
    ("crash files", _no_core_dumps),
    ("pictures", _pictures),
    ("create", _create),
    ("unlock", _unlock),
    ("write", _write),
    ("read", _read),
    ("encrypted at rest", _encrypted),
    ("recovery key", _recovery),
    ("lock", _lock),
    ("questionnaires", selftest_team.questionnaires),
    ("team", selftest_team.team),
    ("interview", selftest_team.interview),
    ("export", selftest_team.export),
    ("import", selftest_team.import_),
    ("about", selftest_team.about),
]


def run(report: Callable[[str, bool, str], None], steps: list[Step] | None = None) -> bool:
    """Run every step in a fresh temporary folder; ``report(name, ok, detail)`` for each.

    Stops at the first failure (later steps depend on earlier ones).
    Returns True only if every step passed. The folder is removed at the end.
    """
    folder = Path(tempfile.mkdtemp(prefix="testimonio-selftest-"))
    state = SelfTest(folder)
    try:
        for name, step in steps if steps is not None else STEPS:
            try:
                detail = step(state)
            except Exception as error:  # noqa: BLE001 - every failure is reported as a step result
                report(name, False, str(error) or type(error).__name__)
                return False
            report(name, True, detail)
        return True
    finally:
        for vault in (state.vault, state.lead, state.researcher):
            if vault is not None:
                vault.lock()
        shutil.rmtree(folder, ignore_errors=True)
