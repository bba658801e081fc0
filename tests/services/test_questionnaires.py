"""QuestionnaireService over a real vault: validate first, keep versions, load back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from formkit import BORDER, duplicate_columns_form, shared_forms, small_form
from testimonio.errors import FormError, NotFound
from testimonio.services.questionnaires import QuestionnaireService, VersionConflict, version_key
from testimonio.vault import KdfParams, Vault


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    created = Vault.create(tmp_path / "vault", "a passphrase for tests", kdf=KdfParams.FAST)
    opened = created[0] if isinstance(created, tuple) else created
    try:
        yield opened
    finally:
        opened.lock()


def _with_settings(tmp_path: Path, name: str, **values: str) -> Path:
    book = openpyxl.load_workbook(BORDER)
    sheet = book["settings"]
    headers = [c.value for c in sheet[1]]
    for key, value in values.items():
        sheet.cell(row=2, column=headers.index(key) + 1, value=value)
    path = tmp_path / name
    book.save(path)
    return path


def _count(vault: Vault) -> int:
    with vault.read() as db:
        return int(db.execute("SELECT count(*) FROM questionnaires").fetchone()[0])


def test_install_get_and_reinstall(vault: Vault) -> None:
    service = QuestionnaireService(vault)
    installed = service.install(BORDER)
    assert (installed.form_id, installed.version) == ("border_testimony", "2026120401")
    again = service.install(BORDER)  # the same file: nothing changes
    assert again == installed and _count(vault) == 1
    fresh = QuestionnaireService(vault).get("border_testimony")  # loaded from the vault's bytes
    assert fresh == installed
    with vault.read() as db:
        stored = bytes(db.execute("SELECT source FROM questionnaires").fetchone()[0])
    assert stored == BORDER.read_bytes()
    [listed] = service.list()
    assert (listed.form_id, listed.languages, listed.source_name) == (
        "border_testimony", ("es", "en"), "border_testimony.xlsx")
    assert listed.title.startswith("Testimonio en frontera")


def test_cache_by_content_hash(vault: Vault) -> None:
    service = QuestionnaireService(vault)
    service.install(BORDER)
    first = service.get("border_testimony")
    assert service.get("border_testimony", "2026120401") is first


def test_versions_are_kept_and_the_newest_is_the_default(vault: Vault, tmp_path: Path) -> None:
    service = QuestionnaireService(vault)
    service.install(BORDER)
    service.install(_with_settings(tmp_path, "v10.xlsx", version="2026120410"))
    service.install(_with_settings(tmp_path, "v9.xlsx", version="2026120409",
                                   form_title="Ninth"))
    assert service.versions("border_testimony") == ["2026120410", "2026120409", "2026120401"]
    assert service.get("border_testimony").version == "2026120410"
    assert service.get("border_testimony", "2026120409").title.get(None) == "Ninth"
    assert [q.version for q in service.installed()] == ["2026120410"]


def test_same_version_other_content_is_refused(vault: Vault, tmp_path: Path) -> None:
    service = QuestionnaireService(vault)
    service.install(BORDER)
    with pytest.raises(VersionConflict, match="Raise the version"):
        service.install(_with_settings(tmp_path, "changed.xlsx", form_title="Other"))
    assert _count(vault) == 1
    assert service.get("border_testimony").title.get(None).startswith("Testimonio")


def test_malformed_or_versionless_forms_install_nothing(vault: Vault, tmp_path: Path) -> None:
    service = QuestionnaireService(vault)
    with pytest.raises(FormError):
        service.install(duplicate_columns_form(tmp_path / "bad.xlsx"))
    with pytest.raises(FormError):
        service.install_bytes(b"not a spreadsheet", "x.xlsx")
    assert _count(vault) == 0
    with pytest.raises(NotFound):
        service.get("tutorial")
    with pytest.raises(NotFound):
        service.get("border_testimony", "1")


def test_load_file_checks_without_a_vault() -> None:
    result = QuestionnaireService.load_file(BORDER)
    assert result.questionnaire.form_id == "border_testimony" and len(result.sha256) == 64


@pytest.mark.parametrize(("older", "newer"), [
    ("1.9", "1.10"), ("2026012601", "2026012602"), ("1", "1.0.1"), ("1", "beta"),
    ("v2", "v10"),
])
def test_version_order(older: str, newer: str) -> None:
    assert version_key(older) < version_key(newer)


@pytest.mark.parametrize("form", ["small", *shared_forms("valid")],
                         ids=lambda f: f if isinstance(f, str) else f.name)
def test_valid_forms_install_and_load_back(vault: Vault, tmp_path: Path, form: Path | str) -> None:
    service = QuestionnaireService(vault)
    installed = service.install(form if isinstance(form, Path) else small_form(tmp_path / "s.xlsx"))
    assert installed.version
    again = service.get(installed.form_id, installed.version)
    assert again.version == installed.version
    assert [n.path for n in again.walk()] == [n.path for n in installed.walk()]


def test_a_form_without_version_is_named_by_its_content_the_same_everywhere(
        vault: Vault, tmp_path: Path) -> None:
    path = _with_settings(tmp_path, "unversioned.xlsx", version="")
    result = QuestionnaireService.load_file(path)
    version = result.questionnaire.version
    assert version == "sha256-" + result.sha256[:12]
    assert any("sets no version" in w and version in w for w in result.warnings)
    other, _ = Vault.create(tmp_path / "other", "a passphrase for tests", kdf=KdfParams.FAST)
    try:
        assert QuestionnaireService(other).install(path).version == version
    finally:
        other.lock()
    service = QuestionnaireService(vault)
    assert service.install(path).version == version
    assert service.install_result(result, path.read_bytes())[1] is False  # same content: no change


def test_content_versions_come_after_set_versions_newest_installed_first(
        vault: Vault, tmp_path: Path) -> None:
    service = QuestionnaireService(vault)
    first = service.install(_with_settings(tmp_path, "a.xlsx", version="", form_title="A")).version
    second = service.install(_with_settings(tmp_path, "b.xlsx", version="", form_title="B")).version
    assert first != second
    assert service.versions("border_testimony")[:2] == [second, first]
    service.install(_with_settings(tmp_path, "c.xlsx", version="1"))
    assert service.versions("border_testimony") == ["1", second, first]
    assert service.get("border_testimony").version == "1"


def test_a_form_whose_file_name_is_not_utf8_installs_with_a_readable_source_name(
        vault: Vault, tmp_path: Path) -> None:
    """A file named in Latin-1 (a stick written elsewhere) reaches Python with lone
    surrogates, which the vault cannot store: the odd byte is kept as U+FFFD."""
    import os

    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/formulario_\xe9.xlsx"))
    small_form(odd, form_id="odd_name")
    service = QuestionnaireService(vault)
    service.install(odd)
    assert [f.source_name for f in service.list() if f.form_id == "odd_name"] == ["formulario_\ufffd.xlsx"]
