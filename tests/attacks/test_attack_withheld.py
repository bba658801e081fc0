"""Issue 11: a signed record's ``withheld`` field is bounded and checked like every other field.

It names paths and reasons only; a hostile researcher's program (or one gone
astray) could list unknown paths, identifiers, made-up reasons, a million
entries, or say a value was withheld while sending it. Each is refused with
exit code 3 and the lead's vault stays byte for byte as it was.
"""

from __future__ import annotations

import copy
import csv
import json
from typing import Any

import pytest

from .attackkit import World, snapshot


def _paths(record: dict[str, Any]) -> dict[str, str]:
    """Question name -> answer path in the honest record (outside repeats)."""
    return {p.rsplit("/", 1)[-1]: p for p in record["answers"] if "[" not in p}


def _hostile(record: dict[str, Any]) -> list[tuple[Any, str]]:
    paths = _paths(record)
    gender, account = paths["gender"], "leaving/account"
    return [
        ({"person/real_name": "suppressed"}, "withheld names 'person/real_name', which is not a "
         "question of"),
        ({"nowhere/at_all": "suppressed"}, "withheld names 'nowhere/at_all'"),
        ({"../../etc": "suppressed"}, "withheld names '../../etc'"),
        ({account: "because I say so"}, "which is not a known reason"),
        ({account: ["suppressed"]}, "which is not a known reason"),
        ({account: "suppressed"}, f"withheld says {account} is suppressed, which the export "
         "never does to that question"),
        ({account: {"x": 1}}, "which is not a known reason"),
        ({gender: "suppressed"}, f"withheld says {gender} is suppressed, which its answers contradict"),
        ({account: "generalised"}, f"withheld says {account} is generalised, which its answers "
         "contradict"),
        (["person/gender"], "withheld is not an object"),
        ({f"quotes[{n}]/quote_text": "not-reviewed" for n in range(1, 5000)},
         "withheld answers, more than its questionnaire has"),
    ]


@pytest.mark.parametrize("case", range(11))
def test_a_hostile_withheld_field_is_refused_and_changes_nothing(world: World, case: int) -> None:
    record = copy.deepcopy(world.records[0])
    assert isinstance(record["withheld"], dict)  # control: the honest export writes the field
    field, sentence = _hostile(record)[case]
    record["withheld"] = field
    hostile = world.bundle("withheld.tmb", records=[record, world.records[1]])
    before = snapshot(world.lead)
    done = world.cli("import", str(hostile), code=3)
    assert "its records do not fit their questionnaire. Nothing was imported" in done.stderr
    assert sentence in done.stderr
    assert snapshot(world.lead) == before


def test_an_honest_field_and_an_older_record_without_it_are_both_imported(world: World) -> None:
    older = copy.deepcopy(world.records[1])
    del older["withheld"]  # as a program from before the field wrote it
    honest = world.bundle("honest.tmb", records=[world.records[0], older])
    world.cli("import", str(honest), code=0)
    with world.open().read() as db:
        known = sorted(int(r[0]) for r in db.execute("SELECT withheld_known FROM imported_origin"))
        reasons = {str(r[0]) for r in db.execute("SELECT reason FROM withheld_answers")}
    assert known == [0, 1]
    assert reasons == {"not-reviewed"}  # the free text the researcher did not release
    # The report says so in a column a script can read: the real command line, real CSV.
    world.cli("report", "--csv", str(world.root / "report"), code=0)
    with open(world.root / "report" / "border_testimony.csv", encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert header[-1] == "_withheld" and header[-2] == "_index"
    cells = sorted(row[-1] for row in rows)
    assert cells[-1] == "unknown" and "leaving/account:not-reviewed" in cells[0].split()
    # `interviews show` tells them too: the reasons (JSON null when the bundle did not say).
    listed = json.loads(world.cli("interviews", "list", "--json", code=0).stdout)
    shown = [json.loads(world.cli("interviews", "show", str(i["id"]), "--json", code=0).stdout)
             for i in listed]
    said = sorted((s["withheld"] is None, s["withheld"] or {}) for s in shown)
    assert said[0][1]["leaving/account"] == "not-reviewed" and said[1] == (True, {})
    text = world.cli("interviews", "show", str(next(s["id"] for s in shown if s["withheld"])),
                     code=0).stdout
    assert "withheld by the researcher's export:" in text and "leaving/account  (not-reviewed)" in text
