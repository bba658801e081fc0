"""Issue 15 item 2: names from outside cannot spoof the fingerprint check.

A study name in a team file or a name in a key file used to be printed raw
(``ESC[8m`` after a genuine-looking fingerprint hid the real one). Now such
text is refused when read, fingerprints stand on their own line under a
heading of ours, and anything from outside that reaches the terminal (an
alias in an imported bundle) is shown escaped.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from testimonio.exchange import keys, teamfile

from .attackkit import World, snapshot

ATTACKER = keys.generate()
HIDE = "\x1b[8m"  # "conceal": what follows is invisible on most terminals
RLO = "\u202e"  # right-to-left override: reorders what follows


def _signed(path: Path, magic: bytes, domain: bytes, body: dict[str, Any]) -> Path:
    """A key or team file signed by the key it carries, as the project's writer seals it."""
    body = {"format": 1, "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), **body}
    path.write_bytes(teamfile._seal(magic, domain, ATTACKER, body))
    return path


@pytest.mark.parametrize("name", [f"Ana {HIDE}", f"Ana{RLO}", "Ana\nFingerprint: 0000", "x" * 201])
def test_key_file_with_a_hostile_name_is_refused(world: World, name: str) -> None:
    hostile = _signed(world.root / "k.tkey", teamfile.KEY_MAGIC, teamfile.KEY_DOMAIN,
                      {"name": name})
    before = snapshot(world.lead)
    done = world.cli("team", "add-researcher", str(hostile), "--yes", code=3)
    assert "The key file was refused and nothing was changed." in done.stderr
    assert HIDE not in done.stdout + done.stderr and RLO not in done.stdout + done.stderr
    assert snapshot(world.lead) == before


def test_team_file_with_a_hostile_study_name_is_refused(world: World) -> None:
    real = world.cli("keys", "show", code=0).stdout.splitlines()[0].split(": ", 1)[1]
    hostile = _signed(world.root / "t.tteam", teamfile.TEAM_MAGIC, teamfile.TEAM_DOMAIN,
                      {"study": f"Border 2019\n    {real}{HIDE}", "sites": [],
                       "questionnaires": []})
    before = snapshot(world.researcher)
    done = world.cli("team", "join", str(hostile), "--yes", vault=world.researcher, code=3)
    assert "The team file was refused and nothing was changed." in done.stderr
    assert "study name contains control or invisible characters" in done.stderr
    assert HIDE not in done.stdout + done.stderr
    assert snapshot(world.researcher) == before


def test_fingerprint_stands_apart_from_the_study_name(world: World) -> None:
    """Plain text imitating a fingerprint is allowed, but shown apart and labelled."""
    decoy = "0000 1111 2222 3333 4444 5555 6666 7777"
    hostile = _signed(world.root / "t.tteam", teamfile.TEAM_MAGIC, teamfile.TEAM_DOMAIN,
                      {"study": f"Border 2019 {decoy}", "sites": [], "questionnaires": []})
    done = world.cli("team", "join", str(hostile), "--yes", vault=world.researcher, code=2)
    lines = done.stdout.splitlines()
    assert lines[0] == "Fingerprint (team lead):"
    assert lines[1].strip() == ATTACKER.public.fingerprint
    assert lines[2] == ("The file also says (written by its sender, not checked): "
                        f"study 'Border 2019 {decoy}'")
    assert "already belongs to another team lead" in done.stderr


def test_outside_text_reaches_the_terminal_escaped(world: World) -> None:
    """An alias in an authentic bundle is an answer like any other, printed escaped."""
    record = copy.deepcopy(world.records[0])
    alias = next(p for p in record["answers"] if p.endswith("alias"))
    record["answers"][alias] = f"Rosa{HIDE}{RLO}\u2028"
    world.cli("import", str(world.bundle("alias.tmb", records=[record])), code=0)
    listed = world.cli("interviews", "list", code=0).stdout
    assert HIDE not in listed and RLO not in listed and "\u2028" not in listed
    assert "Rosa\\u001b[8m\\u202e\\u2028" in listed
    shown = world.cli("interviews", "list", "--json", code=0).stdout
    assert '"Rosa\\u001b[8m\\u202e\\u2028"' in shown


def test_a_site_with_control_characters_in_a_bundle_is_refused(world: World) -> None:
    record = copy.deepcopy(world.records[0])
    record["site"] = f"Tumbes{HIDE}"
    before = snapshot(world.lead)
    done = world.cli("import", str(world.bundle("site.tmb", records=[record])), code=3)
    assert f"record {record['export_id']}: bad site" in done.stderr
    assert snapshot(world.lead) == before
