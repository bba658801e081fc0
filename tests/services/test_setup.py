"""A new vault comes with its device keys and the shipped questionnaires."""

from __future__ import annotations

from pathlib import Path

import pytest

from testimonio.errors import VaultExists
from testimonio.services.keys import KeyService
from testimonio.services.questionnaires import QuestionnaireService
from testimonio.services.setup import create_vault
from testimonio.vault import KdfParams, Vault

PASS = "a long enough passphrase"


def test_new_vault_has_keys_and_shipped_questionnaires(tmp_path: Path) -> None:
    made = create_vault(tmp_path / "v", PASS, kdf=KdfParams.FAST, staged=True)
    assert not (tmp_path / "v").exists()  # not in place before the recovery key was shown
    made.install()
    try:
        assert made.fingerprint == KeyService(made.vault).info().fingerprint
        assert {q.split()[0] for q in made.questionnaires} == {"border_testimony", "official_meeting"}
    finally:
        made.vault.lock()
    vault = Vault.unlock(tmp_path / "v", PASS)
    try:
        # The same keys after unlocking: they were stored, not made on first use.
        assert KeyService(vault).info().fingerprint == made.fingerprint
        assert len(QuestionnaireService(vault).list()) == 2
        assert QuestionnaireService(vault).install_shipped() == []  # nothing twice
    finally:
        vault.lock()


def test_existing_vault_is_left_alone(tmp_path: Path) -> None:
    create_vault(tmp_path / "v", PASS, kdf=KdfParams.FAST).vault.lock()
    before = {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir()}
    with pytest.raises(VaultExists):
        create_vault(tmp_path / "v", "another passphrase", kdf=KdfParams.FAST)
    assert {p.name: p.read_bytes() for p in (tmp_path / "v").iterdir()} == before


def test_a_set_up_given_up_or_failing_leaves_nothing(tmp_path: Path) -> None:
    made = create_vault(tmp_path / "v", PASS, kdf=KdfParams.FAST, staged=True)
    made.discard()
    assert list(tmp_path.iterdir()) == []

    def broken(self: QuestionnaireService) -> list[object]:
        raise KeyboardInterrupt  # Ctrl-C while the questionnaires are installed

    original = QuestionnaireService.install_shipped
    QuestionnaireService.install_shipped = broken  # type: ignore[assignment,method-assign]
    try:
        with pytest.raises(KeyboardInterrupt):
            create_vault(tmp_path / "v", PASS, kdf=KdfParams.FAST)
    finally:
        QuestionnaireService.install_shipped = original  # type: ignore[method-assign]
    assert list(tmp_path.iterdir()) == []
