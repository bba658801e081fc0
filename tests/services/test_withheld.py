"""Issue 11: withheld answers are told from unanswered ones, from the export to the lead's tables.

Real vaults, the shipped border questionnaire, real bundles: one researcher
exports with k = 1 (nothing suppressed; one interview leaves ``occupation``
unanswered, free text unreviewed), another with k = 5 and
``--suppress-small-groups`` (three interviews blanked).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from exchange_world import CANARY_STORY, P, Side, border_answers, team_of

from testimonio.services.settings import SettingsService

QUASI_TOP = ("age", "gender", "occupation", "left_venezuela_date", "arrival_border_date",
             "claim_date", "decision_date", "days_waited")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Side, Side, Side, dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("withheld")
    lead, (open_, small) = team_of(tmp, researchers=2)
    SettingsService(open_.vault).set("pref.k_anonymity", "1")
    open_.add(border_answers(1))
    unanswered = border_answers(2)
    del unanswered[P["occupation"]]
    open_.add(unanswered)
    open_.export.write(tmp / "open.tmb")
    SettingsService(small.vault).set("pref.k_anonymity", "5")
    for n in range(3):
        small.add(border_answers(10 + n, age=61))
    plan = small.export.plan()
    plan.suppress_small_groups()
    planned = plan.to_json()
    small.export.write(tmp / "small.tmb", suppress_small_groups=True)
    for name in ("open.tmb", "small.tmb"):
        lead.import_.import_file(tmp / name)
    return lead, open_, small, planned


def test_the_export_lists_paths_and_reasons_never_values(world: tuple[Side, Side, Side, dict[str, Any]]) -> None:
    _, _, _, planned = world
    for record in planned["records"]:
        withheld = record["withheld"]
        assert {withheld[P[name]] for name in QUASI_TOP} == {"suppressed"}
        assert withheld[P["account"]] == "not-reviewed"
        assert P["real_name"] not in withheld  # the form says identifiers never leave
        for path, reason in withheld.items():
            assert reason == "generalised" or path not in record["answers"]
        assert "CANARY" not in json.dumps(withheld) and "61" not in json.dumps(withheld)
    assert len(planned["blanked"]) == 3


def test_the_lead_stores_what_was_withheld_and_why(world: tuple[Side, Side, Side, dict[str, Any]]) -> None:
    lead = world[0]
    with lead.vault.read() as db:
        rows = db.execute("SELECT o.researcher, w.path, w.reason FROM withheld_answers w "
                          "JOIN imported_origin o ON o.interview_id = w.interview_id").fetchall()
        known = {int(r[0]) for r in db.execute("SELECT withheld_known FROM imported_origin")}
    assert known == {1}
    gender = [r for r in rows if r[1] == P["gender"]]
    assert len(gender) == 3 and {r[2] for r in gender} == {"suppressed"}
    assert len({r[0] for r in gender}) == 1  # all from the researcher with k = 5
    assert sum(1 for r in rows if r[1] == P["occupation"]) == 3  # not the one never answered
    assert sum(1 for r in rows if r[1] == P["account"] and r[2] == "not-reviewed") == 5
    assert CANARY_STORY not in lead.database_text()
