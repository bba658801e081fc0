"""One function resolves resources from a checkout and from the PyInstaller build."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest

from testimonio import paths

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "testimonio.spec"


def test_from_source_resources_and_forms_are_the_checkout_folders() -> None:
    assert not hasattr(sys, "_MEIPASS")
    assert paths.resource_path("style.qss") == ROOT / "resources" / "style.qss"
    assert paths.resource_path("icons", "testimonio.svg").is_file()
    assert paths.shipped_forms_dir() == ROOT / "forms"
    assert (paths.shipped_forms_dir() / "border_testimony.xlsx").is_file()


def test_frozen_resources_and_forms_are_under_meipass(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The one-folder build's layout, as the spec lays it out (_internal/...).
    bundle = tmp_path / "testimonio" / "_internal"
    (bundle / "resources" / "icons").mkdir(parents=True)
    (bundle / "resources" / "icons" / "testimonio.png").write_bytes(b"png")
    (bundle / "forms").mkdir()
    (bundle / "forms" / "border_testimony.xlsx").write_bytes(b"xlsx")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.resource_path("icons", "testimonio.png") == bundle / "resources" / "icons" / "testimonio.png"
    assert paths.resource_path("icons", "testimonio.png").read_bytes() == b"png"
    assert paths.shipped_forms_dir() == bundle / "forms"
    assert sorted(p.name for p in paths.shipped_forms_dir().glob("*.xlsx")) == ["border_testimony.xlsx"]
    monkeypatch.delattr(sys, "_MEIPASS")
    assert paths.shipped_forms_dir() == ROOT / "forms"


def test_every_resource_the_code_names_exists_and_the_spec_ships_its_folder() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    named = set()
    for source in (ROOT / "src" / "testimonio").rglob("*.py"):
        for parts in re.findall(r'resource_path\(((?:"[^"{}]*"(?:, )?)+)\)', source.read_text(encoding="utf-8")):
            named.add(tuple(re.findall(r'"([^"]*)"', parts)))
    assert ("icons", "testimonio.svg") in named and ("style.qss",) in named
    for parts in named:
        assert paths.resource_path(*parts).exists(), parts
        assert (f'"{parts[0]}"' in spec) or (parts[0] in ("icons", "translations")), parts
    assert '"translations", "icons"' in spec


def test_application_icon_is_a_256_px_png_used_by_the_desktop_file() -> None:
    png = (ROOT / "resources" / "icons" / "testimonio.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (256, 256)
    desktop = (ROOT / "packaging" / "testimonio.desktop").read_text(encoding="utf-8")
    assert "\nIcon=testimonio\n" in desktop and "\nExec=testimonio\n" in desktop
    assert 'icons" / "testimonio.png"' in SPEC.read_text(encoding="utf-8")
