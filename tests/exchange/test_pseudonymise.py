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
        "start": "2019-11-20", "end": "2019-11-20", "today": "2019-11-20",
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
    assert review == {"story": "I live at Calle 5", "quote": "We slept outside",
                      "greeting": "Hello María Pérez", "echo": "Calle 5"}
    assert p.identifiers(ANSWERS) == {"real_name": "María Pérez", "passport": "V123456", "kids[1]/kid_name": "Ana"}


def test_helpers() -> None:
    assert band(34, 10) == "30-39" and band(0, 10) == "0-9" and band(-1, 10) == "-10--1"
    assert band(61.5, 5) == "60-64" and band(7, 1) == "7-7"
    assert model_path("kids[12]/a[3]/b") == "kids/a/b"
    assert [q.name for q in top_level_quasi(form())] == ["age", "weight", "born", "gender"]
