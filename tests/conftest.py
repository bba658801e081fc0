"""Shared fixtures. GUI tests run offscreen; nothing touches the real data folder."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the data folder and TMPDIR somewhere private for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("TESTIMONIO_VAULT", raising=False)
    monkeypatch.delenv("TESTIMONIO_PASSPHRASE", raising=False)
    monkeypatch.delenv("TESTIMONIO_NEW_PASSPHRASE", raising=False)
