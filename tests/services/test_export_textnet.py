"""The safety net through the real export: a flagged text stays until released, then leaves in a new revision."""

from __future__ import annotations

from pathlib import Path

from exchange_world import P, border_answers, team_of

from smallk import lower_k
from testimonio.services.settings import SettingsService

PHONE_IN_ALIAS = "Rosa 0412-555-0101"


def test_flagged_safe_text_stays_until_that_value_is_released(tmp_path: Path) -> None:
    lead, (r,) = team_of(tmp_path)
    lower_k(SettingsService(r.vault), 2)
    answers = border_answers(1)
    answers[P["alias"]] = PHONE_IN_ALIAS
    answers[P["account"]] = "Maria Jose Anez slept outside"  # the name, without accents
    answers[P["real_name"]] = "María José Añez"
    iid = r.add(answers)
    pending = {i.path: i for i in r.export.pending_reviews()}
    assert pending[P["alias"]].findings[0].kind == "phone number"  # safe, but flagged
    assert pending[P["account"]].findings[0].kind == "identifier"
    r.export.review(iid, P["account"], True)  # reviewed: the net still holds it back
    preview = r.export.preview()
    held = {h["path"]: h["looks_like"] for h in preview["held_back"]}
    assert held == {P["alias"]: "phone number", P["account"]: "identifier"}
    r.export.write(tmp_path / "1.tmb", accept_risk=True)
    lead.import_.import_file(tmp_path / "1.tmb")
    text = lead.database_text()
    # The whole number, not a fragment of it: "0412" alone turns up in random hex ids.
    assert "0412-555-0101" not in text and "Anez" not in text
    # Control: releasing that exact value lets it leave, in a new revision.
    r.export.review(iid, P["alias"], True, release=True)
    (planned,) = r.export.plan().records
    assert planned.record["answers"][P["alias"]] == PHONE_IN_ALIAS
    r.export.write(tmp_path / "2.tmb", accept_risk=True)
    assert lead.import_.import_file(tmp_path / "2.tmb").replaced == 1
    assert "0412-555-0101" in lead.database_text()
