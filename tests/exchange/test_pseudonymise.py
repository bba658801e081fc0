"""The privacy rules of ARCHITECTURE.md, applied to a hand-built questionnaire."""

from __future__ import annotations

from testimonio.exchange.pseudonymise import Pseudonymiser, band, model_path, top_level_quasi
from testimonio.forms.model import Choice, Group, Privacy, Question, Questionnaire, Text


def _q(name: str, type_: str, privacy: Privacy = Privacy.DEFAULT, path: str | None = None,
       band_width: int = 10) -> Question:
    return Question(name=name, path=path or name, type=type_, label=Text({"default": name.title()}),
                    privacy=privacy, privacy_band=band_width)


def form() -> Questionnaire:
    kids = Group(name="kids", path="kids", repeat=True, children=(
        _q("kid_age", "integer", Privacy.QUASI, path="kids/kid_age"),
        _q("kid_name", "text", Privacy.IDENTIFIER, path="kids/kid_name"),
    ))
    children = (
        _q("start", "start"), _q("end", "end"), _q("today", "today"),
        _q("real_name", "text", Privacy.IDENTIFIER),
        _q("passport", "text", Privacy.IDENTIFIER),
        _q("alias", "text", Privacy.SAFE),
        _q("age", "integer", Privacy.QUASI),
        _q("weight", "decimal", Privacy.QUASI, band_width=5),
        _q("born", "date", Privacy.QUASI),
        Question(name="gender", path="gender", type="select_one", privacy=Privacy.QUASI,
                 choices=(Choice("f", Text({"default": "F"})), Choice("m", Text({"default": "M"})))),
        _q("story", "text"),
        _q("quote", "text"),
        _q("days", "integer"),
        _q("arrived", "date"),
        _q("docs", "select_multiple"),
        _q("where", "geopoint"),
        _q("device", "deviceid"),
        Question(name="greeting", path="greeting", type="calculate",
                 calculation="concat('Hello ', ${real_name})"),
        Question(name="wait", path="wait", type="calculate",
                 calculation="if(${days} > 30, 'long', 'short')"),
        Question(name="echo", path="echo", type="calculate", calculation="${story}"),
        _q("total", "calculate"),
        _q("photo", "image"),
        _q("id_photo", "image", Privacy.IDENTIFIER),
        _q("info", "note"),
        kids,
    )
    return Questionnaire(form_id="t", version="1", title=Text({"default": "T"}),
                         root=Group(name="data", path="", children=children),
                         languages=("default",), default_language="default")


ANSWERS = {
    "start": "2019-11-20T09:15:00-05:00", "end": "2019-11-20T10:00:00-05:00", "today": "2019-11-20",
    "real_name": "María Pérez", "passport": "V123456", "alias": "Rosa", "age": 34, "weight": 61.5,
    "born": "1985-03-14", "gender": "f", "story": "I live at Calle 5", "quote": "We slept outside",
    "days": 45, "arrived": "2019-10-01", "docs": ["passport", "visa"], "where": "-3.5 -80.4 0 5",
    "device": "abc", "greeting": "Hello María Pérez", "total": 3, "wait": "long", "echo": "Calle 5", "photo": "att-1", "id_photo": "att-2",
    "kids": 2, "kids[1]/kid_age": 4, "kids[1]/kid_name": "Ana", "kids[2]/kid_age": 12,
    "ghost": "not in the form",
}


def test_rules() -> None:
    out = Pseudonymiser(form(), reviewed={"quote"}, attachment_names={"att-1": "a1.jpg", "att-2": "a2.jpg"}).answers(ANSWERS)
    assert out == {
        "start": "2019-11", "end": "2019-11", "today": "2019-11",
        "alias": "Rosa", "age": "30-39", "weight": "60-64", "born": "1985-03", "gender": "f",
        "quote": "We slept outside", "days": 45, "arrived": "2019-10-01", "docs": ["passport", "visa"],
        "total": 3, "wait": "long", "photo": "a1.jpg", "kids": 2, "kids[1]/kid_age": "0-9", "kids[2]/kid_age": "10-19",
    }


def test_identifiers_never_leave_even_when_reviewed_or_ticked() -> None:
    every_path = set(ANSWERS)
    out = Pseudonymiser(form(), reviewed=every_path, attachment_names={"att-2": "a2.jpg"}).answers(ANSWERS)
    text = repr(out)
    for secret in ("Pérez", "V123456", "'Ana'", "att-2", "a2.jpg"):
        assert secret not in text
    assert "greeting" not in out  # reviewed, but holds an identifier word for word
    assert "id_photo" not in out and "real_name" not in out and "kids[1]/kid_name" not in out


def test_unreviewed_free_text_stays() -> None:
    out = Pseudonymiser(form()).answers(ANSWERS)
    assert "story" not in out and "quote" not in out and "greeting" not in out and "echo" not in out
    assert out["wait"] == "long"  # a calculation over non-private answers leaves
    assert "photo" not in out  # not ticked for export


def test_idempotent() -> None:
    p = Pseudonymiser(form(), reviewed={"quote"})
    once = p.answers(ANSWERS)
    assert p.answers(once) == once


def test_review_list_and_identifiers() -> None:
    p = Pseudonymiser(form())
    review = {item.path: item.value for item in p.needs_review(ANSWERS)}
    # "greeting" reads an identifier: it never leaves, so there is nothing to review.
    assert review == {"story": "I live at Calle 5", "quote": "We slept outside", "echo": "Calle 5"}
    assert p.identifiers(ANSWERS) == {"real_name": "María Pérez", "passport": "V123456", "kids[1]/kid_name": "Ana"}


def test_helpers() -> None:
    assert band(34, 10) == "30-39" and band(0, 10) == "0-9" and band(-1, 10) == "-10--1"
    assert band(61.5, 5) == "60-64" and band(7, 1) == "7-7"
    assert model_path("kids[12]/a[3]/b") == "kids/a/b"
    assert [q.name for q in top_level_quasi(form())] == ["age", "weight", "born", "gender"]


def _derived_form(privacy_dates: str = "month") -> Questionnaire:
    children = (
        _q("start", "start"),
        _q("born", "date", Privacy.QUASI),
        _q("phone", "text", Privacy.IDENTIFIER),
        _q("claim", "date", Privacy.QUASI),
        _q("decided", "date"),
        _q("count", "integer"),
        Question(name="age", path="age", type="calculate", privacy_band=5,
                 calculation="int((decimal-date-time(today()) - decimal-date-time(${born})) div 365.25)"),
        Question(name="age_twice", path="age_twice", type="calculate", calculation="${age} * 2"),
        Question(name="waited", path="waited", type="calculate",
                 calculation="int(decimal-date-time(${decided}) - decimal-date-time(${claim}))"),
        Question(name="claimed_on", path="claimed_on", type="calculate", calculation="${claim}"),
        Question(name="digits", path="digits", type="calculate", calculation="string-length(${phone})"),
        Question(name="safe_digits", path="safe_digits", type="calculate", privacy=Privacy.SAFE,
                 calculation="string-length(${phone})"),
        Question(name="double", path="double", type="calculate", calculation="${count} * 2"),
    )
    return Questionnaire(form_id="d", version="1", title=Text({"default": "D"}),
                         root=Group(name="data", path="", children=children),
                         languages=("default",), default_language="default", privacy_dates=privacy_dates)


DERIVED = {"start": "2019-11-20T09:15:00-05:00", "born": "1985-03-14", "phone": "+58 412 555 0101",
           "claim": "2019-10-01", "decided": "2019-11-10", "count": 3, "age": 34, "age_twice": 68,
           "waited": 40, "claimed_on": "2019-10-01", "digits": 16, "safe_digits": 16, "double": 6}


def test_derived_values_leave_by_what_they_read() -> None:
    out = Pseudonymiser(_derived_form()).answers(DERIVED)
    assert out["age"] == "30-34"  # reads a quasi date: banded by its own privacy_band
    assert out["age_twice"] == "60-69"  # through another calculation
    assert out["waited"] == "40-49"  # reads dates: the claim date cannot be recomputed to the day
    assert out["claimed_on"] == "2019-10"  # a date read whole leaves as the month
    assert "digits" not in out and "safe_digits" not in out  # reads an identifier: stays, even if safe
    assert out["double"] == 6  # reads nothing private
    assert out["start"] == "2019-11"
    assert [q.name for q in top_level_quasi(_derived_form())] == [
        "born", "claim", "age", "age_twice", "waited", "claimed_on"]


def test_control_the_day_when_the_questionnaire_asks() -> None:
    assert Pseudonymiser(_derived_form("day")).answers(DERIVED)["start"] == "2019-11-20"


def test_forms_check_lines_name_every_derived_value() -> None:
    from testimonio.exchange.derived import describe

    lines = "\n".join(describe(_derived_form()))
    assert "age: quasi-identifier: numbers as bands of 5" in lines
    assert "digits: stays in the vault (reads the identifier phone)" in lines
    assert "double: leaves as entered" in lines


def test_preview_warns_when_a_date_can_be_recomputed() -> None:
    from dataclasses import replace

    from testimonio.exchange.derived import recompute_risks

    assert recompute_risks(_derived_form()) == []  # banded day counts, months: nothing exact
    form = _derived_form()
    waited = form.node("waited")
    assert isinstance(waited, Question)
    safe = replace(form, root=replace(form.root, children=tuple(
        replace(n, privacy=Privacy.SAFE) if n.name == "waited" else n for n in form.root.children)))
    risks = recompute_risks(safe)
    assert len(risks) == 1 and "waited leaves exactly" in risks[0] and "claim" in risks[0]
    assert Pseudonymiser(safe).answers(DERIVED)["waited"] == 40  # control: it does leave exactly
    assert any("privacy_dates = day" in r for r in recompute_risks(_derived_form("day")))
