"""Team file and researcher key file: signed, verified, refused when altered."""

from __future__ import annotations

from pathlib import Path

import pytest

from formkit import BORDER
from testimonio.errors import BadInput, BadSignature, BundleDamaged
from testimonio.exchange import keys
from testimonio.exchange.teamfile import (
    TeamQuestionnaire,
    read_public_key_file,
    read_team_file,
    write_public_key_file,
    write_team_file,
)


def real_xlsform() -> bytes:
    return BORDER.read_bytes()


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, keys.DeviceKeys, bytes]:
    lead = keys.generate()
    xls = real_xlsform()
    path = tmp_path / "team.tmt"
    write_team_file(path, lead, "Frontera Norte 2026",
                    [TeamQuestionnaire("border", "2026-03", xls, "border.xlsx"), ("b", "1", b"x")],
                    ["Tumbes", "Huaquillas", "Aguas Verdes"])
    return path, lead, xls


def test_team_file_round_trip(team: tuple[Path, keys.DeviceKeys, bytes]) -> None:
    path, lead, xls = team
    t = read_team_file(path)
    assert t.study == "Frontera Norte 2026"
    assert t.lead == lead.public
    assert t.fingerprint == lead.public.fingerprint
    assert t.sites == ("Tumbes", "Huaquillas", "Aguas Verdes")
    assert [(q.form_id, q.version, q.filename) for q in t.questionnaires] == [
        ("border", "2026-03", "border.xlsx"), ("b", "1", "form.xlsx")]
    assert t.questionnaires[0].xlsform == xls
    assert (path.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("where", [0, 8, 9, 40, 72, 76, 100, -65, -1])
def test_team_file_any_flipped_byte_is_refused(team: tuple[Path, keys.DeviceKeys, bytes],
                                               where: int) -> None:
    path = team[0]
    data = bytearray(path.read_bytes())
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises((BadSignature, BundleDamaged)):
        read_team_file(path)


def test_team_file_with_substituted_key_is_refused(team: tuple[Path, keys.DeviceKeys, bytes]) -> None:
    # An attacker swapping in their own encryption key breaks the lead's signature.
    path = team[0]
    data = bytearray(path.read_bytes())
    data[41:73] = keys.generate().public.encryption
    path.write_bytes(bytes(data))
    with pytest.raises(BadSignature):
        read_team_file(path)


def test_team_file_truncated_or_extended(team: tuple[Path, keys.DeviceKeys, bytes]) -> None:
    path = team[0]
    data = path.read_bytes()
    for bad in (data[:-1], data + b"\0", b"", data[:50]):
        path.write_bytes(bad)
        with pytest.raises(BundleDamaged):
            read_team_file(path)


def test_key_file_is_not_a_team_file(tmp_path: Path) -> None:
    k = keys.generate()
    write_public_key_file(tmp_path / "k", k, "Ana")
    with pytest.raises(BundleDamaged, match="not a Testimonio team file"):
        read_team_file(tmp_path / "k")


def test_public_key_file_round_trip_and_tamper(tmp_path: Path) -> None:
    k = keys.generate()
    path = tmp_path / "ana.tmk"
    write_public_key_file(path, k, "Ana Quispe")
    rk = read_public_key_file(path)
    assert rk.name == "Ana Quispe" and rk.keys == k.public and rk.fingerprint == k.public.fingerprint
    assert k.private_bytes()[:32] not in path.read_bytes()
    data = bytearray(path.read_bytes())
    data[-70] ^= 0x20
    path.write_bytes(bytes(data))
    with pytest.raises((BadSignature, BundleDamaged)):
        read_public_key_file(path)


def test_writer_refuses_bad_input(tmp_path: Path) -> None:
    k = keys.generate()
    with pytest.raises(BadInput):
        write_team_file(tmp_path / "t", k, "", [], ["x"])
    with pytest.raises(BadInput):
        write_public_key_file(tmp_path / "k", k, "   ")
    assert list(tmp_path.iterdir()) == []


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput):
        read_team_file(tmp_path / "none")
