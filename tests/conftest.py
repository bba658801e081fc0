"""Shared fixtures. GUI tests run offscreen; nothing touches the real data folder."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Tests run two at a time on a shared 2-core machine: an example's time says
# nothing about the code, so no deadline and no "too slow" verdicts (a test
# that sets its own settings keeps these unless it says otherwise).
settings.register_profile("testimonio", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("testimonio")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the data folder and TMPDIR somewhere private for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("TESTIMONIO_VAULT", raising=False)
    monkeypatch.delenv("TESTIMONIO_PASSPHRASE", raising=False)
    monkeypatch.delenv("TESTIMONIO_NEW_PASSPHRASE", raising=False)
