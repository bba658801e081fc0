"""The questionnaires shipped in forms/: complete, bilingual, private where they must be."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

from testimonio.forms.loader import load_file, load_questionnaire
from testimonio.forms.model import Group, Node, Privacy, Question, Questionnaire, Text

FORMS = Path(__file__).resolve().parents[2] / "forms"
SHIPPED = ["border_testimony.xlsx", "official_meeting.xlsx"]


def _both(text: Text) -> bool:
    return bool(text.by_lang.get("es")) and bool(text.by_lang.get("en"))


def _ancestors(q: Questionnaire, path: str) -> Iterator[Node]:
    parts = path.split("/")
    for i in range(1, len(parts)):
        yield q.node("/".join(parts[:i]))


@pytest.mark.parametrize("name", SHIPPED)
def test_loads_clean_with_settings_and_both_languages(name: str) -> None:
    result = load_file(FORMS / name)
    q = result.questionnaire
    assert result.warnings == ()
    assert q.form_id == name.removesuffix(".xlsx")
    assert q.version.isdigit() and len(q.version) == 10
    assert q.languages == ("es", "en") and q.default_language == "es"
    assert dict(q.language_names) == {"es": "Español", "en": "English"}
    alias = q.by_name("alias")
    assert isinstance(alias, Question) and alias.privacy is Privacy.SAFE


@pytest.mark.parametrize("name", SHIPPED)
def test_every_text_is_in_spanish_and_english(name: str) -> None:
    q = load_questionnaire(FORMS / name)
    for node in q.walk():
        if isinstance(node, Group):
            assert _both(node.label), node.path
            continue
        if node.type in {"calculate", "start", "end", "today"}:
            continue
        assert _both(node.label), node.path
        if node.hint:
            assert _both(node.hint), node.path
        if node.constraint:
            assert _both(node.constraint_message), node.path
        if node.required:
            assert _both(node.required_message), node.path
        for choice in node.choices:
            assert _both(choice.label), (node.path, choice.name)


def test_border_testimony_needs_consent_for_everything() -> None:
    q = load_questionnaire(FORMS / "border_testimony.xlsx")
    consent = q.node("consent")
    assert isinstance(consent, Question) and consent.required == "true()"
    first_input = next(n for n in q.questions() if n.takes_input)
    assert first_input.name == "consent"
    for node in q.questions():
        if not node.takes_input or node.name == "consent":
            continue
        conditions = [node.relevant or ""] + [a.relevant or "" for a in _ancestors(q, node.path)]
        assert any("${consent} = 'yes'" in c for c in conditions), node.path


def test_border_testimony_privacy_values() -> None:
    q = load_questionnaire(FORMS / "border_testimony.xlsx")

    def privacy(name: str) -> Privacy:
        node = q.by_name(name)
        assert isinstance(node, Question)
        return node.privacy

    for name in ("real_name", "document_number", "phone", "photo"):
        assert privacy(name) is Privacy.IDENTIFIER, name
    for name in ("gender", "age", "companion_age", "left_venezuela_date",
                 "arrival_border_date", "claim_date", "decision_date", "occupation"):
        assert privacy(name) is Privacy.QUASI, name
    age = q.by_name("age")
    assert isinstance(age, Question) and age.privacy_band == 10
    assert age.constraint == ". >= 0 and . <= 110"
    # Free text waits for review: accounts and quotes are not marked safe.
    for name in ("account", "quote_text", "researcher_notes"):
        node = q.by_name(name)
        assert isinstance(node, Question) and node.type == "text"
        assert node.privacy is Privacy.DEFAULT, name


def test_border_testimony_structure() -> None:
    q = load_questionnaire(FORMS / "border_testimony.xlsx")
    for repeat in ("companions", "document_photos", "family_members", "quotes"):
        node = q.node(repeat)
        assert isinstance(node, Group) and node.repeat, repeat
    photo = q.by_name("photo")
    assert isinstance(photo, Question) and photo.type == "image"
    reasons = q.by_name("reasons")
    assert isinstance(reasons, Question) and reasons.type == "select_multiple"
    assert {c.name for c in reasons.choices} >= {
        "food", "health_care", "threats", "detention", "political_persecution",
        "desertion", "home_violence", "other"}
    decision = q.by_name("decision")
    assert isinstance(decision, Question)
    assert [c.name for c in decision.choices] == [
        "admitted", "rejected_written", "rejected_verbal", "pending", "archived",
        "not_processed"]
    days = q.by_name("days_waited")
    assert isinstance(days, Question) and days.type == "calculate"
    assert days.calculation and "${claim_date}" in days.calculation
    arrival = q.by_name("arrival_border_date")
    assert isinstance(arrival, Question) and arrival.constraint
    assert "today()" in arrival.constraint and "${left_venezuela_date}" in arrival.constraint


def test_official_meeting_is_attributable_to_institutions() -> None:
    q = load_questionnaire(FORMS / "official_meeting.xlsx")
    institution = q.by_name("institution")
    assert isinstance(institution, Question)
    assert {c.name for c in institution.choices} == {
        "cepr", "migration", "police", "ombudsman", "unhcr", "iom", "civil_society", "other"}
    for name in ("institution", "role", "meeting_date", "claims_admitted", "statement"):
        node = q.by_name(name)
        assert isinstance(node, Question) and node.privacy is Privacy.SAFE, name
    official = q.by_name("official_name")
    assert isinstance(official, Question) and official.privacy is Privacy.IDENTIFIER
    statements = q.node("statements")
    assert isinstance(statements, Group) and statements.repeat


def test_shipped_files_match_their_python_source(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_forms", FORMS / "build_forms.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(tmp_path)]) == 0
    for name in SHIPPED:
        fresh = load_questionnaire(tmp_path / name)
        shipped = load_questionnaire(FORMS / name)
        assert fresh == shipped, f"{name} is stale: run forms/build_forms.py"


def _state(answers: dict[str, object]) -> object:
    import datetime as dt

    from testimonio.forms.state import FormState

    q = load_questionnaire(FORMS / "border_testimony.xlsx")
    state = FormState(q, {}, "en", today=dt.date(2019, 11, 20))
    for path, value in answers.items():
        state.set(path, value)  # type: ignore[arg-type]
    return state


def test_border_testimony_without_consent_asks_nothing_else() -> None:
    from testimonio.forms.state import FormState

    state = _state({"consent": "no"})
    assert isinstance(state, FormState)
    q = state.q
    for node in q.walk():
        in_repeat = any(isinstance(a, Group) and a.repeat for a in _ancestors(q, node.path))
        if in_repeat:
            continue  # no instance can exist: its repeat is checked instead
        if isinstance(node, Group) or (node.takes_input and node.name != "consent"):
            assert not state.is_relevant(node.path), node.path
    assert state.is_relevant("no_consent")
    assert state.problems() == []  # nothing else is required: it can be completed


def test_border_testimony_rules_in_both_languages() -> None:
    from testimonio.forms.state import FormState

    state = _state({"consent": "yes", "person/age": 130,
                    "route/left_venezuela_date": "2019-10-02",
                    "route/arrival_border_date": "2019-09-30",
                    "asylum/asylum_claimed": "yes", "asylum/claim_date": "2019-11-02"})
    assert isinstance(state, FormState)
    assert state.error("person/age") == "Age must be between 0 and 110 years."
    assert "before leaving Venezuela" in (state.error("route/arrival_border_date") or "")
    # Pending decision: days counted to the day of the interview (the stored 'today').
    assert str(state.value("asylum/days_waited")) == "18"
    state.set("asylum/decision", "rejected_written")
    state.set("asylum/decision_date", "2019-11-12")
    assert str(state.value("asylum/days_waited")) == "10"
    state.language = "es"
    assert state.error("person/age") == "La edad debe estar entre 0 y 110 años."
    kinds = {(p.path, p.kind) for p in state.problems()}
    assert ("person/gender", "required") in kinds and ("person/age", "constraint") in kinds
