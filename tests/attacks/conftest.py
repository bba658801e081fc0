"""A lead and a researcher made once, copied for each attack (see attackkit.py)."""

from __future__ import annotations

import copy
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smallk import lower_k

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "services"))

from exchange_world import border_answers, team_of  # noqa: E402

from testimonio.exchange.keys import DeviceKeys, PublicKeys  # noqa: E402
from testimonio.services.keys import KeyService  # noqa: E402
from testimonio.services.settings import SettingsService  # noqa: E402

from .attackkit import World  # noqa: E402


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DeviceKeys, PublicKeys,
                                                                  list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("attack-world")
    lead, (researcher,) = team_of(root)
    researcher.interviews.add_site("CEBAF Peru")
    for n in (1, 2):
        researcher.add(border_answers(n, age=30 + n))
    sender = KeyService(researcher.vault).ensure()
    lead_public = KeyService(lead.vault).public()
    lower_k(SettingsService(researcher.vault), 2)
    records = [p.record for p in researcher.export.plan().records]
    lead.vault.lock()
    researcher.vault.lock()
    return root, sender, lead_public, records

@pytest.fixture
def world(_template: Any, tmp_path: Path) -> Iterator[World]:
    """A fresh copy of the template world for one attack."""
    root, sender, lead_public, records = _template
    for name in ("lead", "researcher1"):
        shutil.copytree(root / name, tmp_path / name)
    yield World(tmp_path, tmp_path / "lead", tmp_path / "researcher1", sender, lead_public,
                copy.deepcopy(records))

