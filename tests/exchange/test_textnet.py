"""The safety net finds identifiers written differently and identifying patterns, in every text that leaves."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from testimonio.exchange.pseudonymise import Pseudonymiser
from testimonio.exchange.textnet import Needles, findings, normalise
from testimonio.forms.model import Group, Privacy, Question, Questionnaire, Text

IDENTIFIERS = ["María José Añez", "V-12.345.678", "+51 999 471 123"]
NEEDLES = Needles.of(IDENTIFIERS)


def kinds(text: str) -> set[str]:
    return {f.kind for f in findings(text, NEEDLES)}


def test_normalised_forms() -> None:
    assert normalise("María-José  Añez!") == "mariajoseanez"
    assert normalise("ÑANDÚ") == "nandu"


@pytest.mark.parametrize("text", [
    "Maria Jose Anez told us", "MARIAJOSEANEZ", "maría josé añez", "m.a.r.i.a jose-anez"])
def test_identifier_written_differently(text: str) -> None:
    assert "identifier" in kinds(text)


def test_a_part_of_the_name_and_the_digits_of_numbers() -> None:
    assert kinds("Añez was with us") == {"part of an identifier"}
    assert "identifier" in kinds("her number is 12345678")  # cédula without dots
    assert "identifier" in kinds("call +51 (999) 471.123 tomorrow")  # other separators
    assert kinds("Jose was there") == {"part of an identifier"}  # four letters, no accent
    assert kinds("Ana and Luz") == set()  # shorter than four letters: too common to hold back


@pytest.mark.parametrize(("text", "kind"), [
    ("write to rosa.p@example.org", "e-mail address"),
    ("mi cédula es V-9.876.543", "cédula"),
    ("cedula 9876543", "cédula"),
    ("pasaporte 123456789", "passport"),
    ("passport AB1234567", "passport"),
    ("nací el 14/03/1985", "birth date"),
    ("born 1985-03-14", "birth date"),
    ("nació el 14 de marzo de 1985", "birth date"),
    ("llamar al 0412-555-0101", "phone number"),
    ("call (0412) 555 01 01", "phone number"),
])
def test_patterns(text: str, kind: str) -> None:
    assert kind in {f.kind for f in findings(text)}


@pytest.mark.parametrize("text", [
    "We slept outside the CEBAF for four nights.", "We waited 45 days, then 3 more.",
    "They asked for 2 documents in 2019."])
def test_ordinary_text_is_not_flagged(text: str) -> None:
    assert findings(text, NEEDLES) == []


def test_spans_point_into_the_original_text() -> None:
    text = "ayer María  José Añez llamó"
    (hit, *_) = [f for f in findings(text, NEEDLES) if f.kind == "identifier"]
    assert text[hit.start:hit.end] == "María  José Añez"


def _form() -> Questionnaire:
    children = (
        Question(name="name", path="name", type="text", privacy=Privacy.IDENTIFIER),
        Question(name="alias", path="alias", type="text", privacy=Privacy.SAFE),
        Question(name="story", path="story", type="text"),
        Question(name="work", path="work", type="text", privacy=Privacy.QUASI),
    )
    return Questionnaire(form_id="t", version="1", title=Text({"default": "T"}),
                         root=Group(name="data", path="", children=children),
                         languages=("default",), default_language="default")


ANSWERS = {"name": "María José Añez", "alias": "Rosa, tel 0412 555 0101",
           "story": "Maria Jose Anez crossed with us", "work": "Panadería Añez, Maracaibo"}


def test_every_text_that_would_leave_is_checked_safe_ones_too() -> None:
    p = Pseudonymiser(_form(), reviewed={"story"})
    out = p.answers(ANSWERS)
    assert out == {}
    assert dict(p.held) == {"alias": "phone number", "story": "identifier",
                            "work": "part of an identifier"}


def test_control_released_values_leave() -> None:
    p = Pseudonymiser(_form(), reviewed={"story"}, released={"alias", "story", "work"})
    assert p.answers(ANSWERS) == {k: v for k, v in ANSWERS.items() if k != "name"}
    assert p.held == []


def test_flagged_safe_texts_are_listed_for_a_decision() -> None:
    items = {i.path: i for i in Pseudonymiser(_form()).needs_review(ANSWERS)}
    assert set(items) == {"alias", "story", "work"}
    assert items["alias"].findings and items["alias"].findings[0].kind == "phone number"


def test_normalise_folds_every_character_as_the_character_rule_does() -> None:
    from testimonio.exchange import textnet

    text = "María-José  Añez ﬁ Ⅻ ß İ x² Ñandú 12.345 @ ✓ Ωmega"
    assert textnet.normalise(text) == "".join(textnet._fold_char(ch) for ch in text)
    assert textnet.normalise("María-José  Añez") == "mariajoseanez"


_PIECES = st.sampled_from(["María", "José", "Añez", "ana", "de", "Pérez-Ruiz", "V-12.345.678", "  ", "-", "O'Neil",
                           "MARIA", "jose", "anez", "12345678", "ßtraße", "Ñandú", "x"])


@settings(max_examples=300, deadline=None)
@given(identifiers=st.lists(st.lists(_PIECES, max_size=4).map(" ".join), max_size=3),
       text=st.lists(_PIECES, max_size=6).map(" ".join))
def test_the_quick_look_finds_every_text_the_whole_look_would(identifiers: list[str], text: str) -> None:
    """Needles.first holds what a text must hold to hold any whole answer or word."""
    needles = Needles.of(identifiers)
    quick = normalise(text)
    slow = any(n in quick for n in needles.whole) or any(w in quick for w in needles.words)
    assert any(n in quick for n in needles.first) == slow


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_plain_ascii_folds_and_keeps_digits_as_any_text_does(text: str) -> None:
    """normalise and digits_of take a shortcut for ASCII texts: it gives what the general way gives."""
    import re

    from testimonio.exchange import textnet

    assert textnet.normalise(text) == "".join(textnet._fold_char(ch) for ch in text)
    assert textnet.digits_of(text) == re.sub(r"\D", "", text)
    digits, where = textnet._digits(text)
    assert digits == textnet.digits_of(text) and [text[i] for i in where] == list(digits)


@pytest.mark.parametrize("text", ["a 1²2345678 b", "V-12.345.678", "tel ١٢٣٤٥٦٧٨"])
def test_a_number_found_is_also_shown_where_it_is(text: str) -> None:
    """The quick look and the spans read the same digits: a superscript between
    digits is no digit to either (before, the quick look found the number and
    the spans did not, and the text left)."""
    needles = Needles.of(["12345678", "١٢٣٤٥٦٧٨"])
    found = findings(text, needles)
    assert [f.kind for f in found if f.kind == "identifier"]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(_PIECES | st.sampled_from(["+58 412 555 1234", "pepe@x.org", "12/03/1990", "cédula 12345678",
                                                "AB123456", "1 de marzo de 1990", "V 12345678", "7"]),
                     max_size=6).map(" ".join))
def test_one_search_for_every_pattern_finds_what_each_finds(text: str) -> None:
    from testimonio.exchange import textnet

    each = any(p.search(text) for _, p in textnet.PATTERNS)
    assert bool(textnet._ANY_PATTERN.search(text)) == each


@settings(max_examples=400, deadline=None)
@given(identifiers=st.lists(st.lists(_PIECES, max_size=4).map(" ".join), max_size=3),
       texts=st.lists(st.lists(_PIECES | st.sampled_from(
           ["+58 412 555 1234", "pepe@x.org", "12/03/1990", "cédula 12345678", "V12345678", "AB123456",
            "3 de mayo de 1990", "1990-05-03", "555", "1234", "@", "pasaporte"]), max_size=5).map(" ".join)
           | st.text(max_size=30), min_size=1, max_size=6))
def test_one_look_at_all_texts_misses_none_a_look_at_each_finds(identifiers: list[str], texts: list[str]) -> None:
    """may_hold_any says False only when no text has a finding: the texts of an
    interview are looked at together first, and one by one only when it says True."""
    from testimonio.exchange.textnet import may_hold_any

    needles = Needles.of(identifiers)
    if any(findings(text, needles) for text in texts):
        assert may_hold_any(texts, needles)


def test_an_interview_with_several_texts_keeps_back_only_the_flagged_one() -> None:
    children = (Question(name="name", path="name", type="text", privacy=Privacy.IDENTIFIER),
                *(Question(name=f"t{i}", path=f"t{i}", type="text", privacy=Privacy.SAFE) for i in range(4)))
    form = Questionnaire(form_id="t", version="1", title=Text({"default": "T"}),
                         root=Group(name="data", path="", children=children),
                         languages=("default",), default_language="default")
    answers = {"name": "Yoselin Urdaneta", "t0": "we walked", "t1": "ask Urdaneta", "t2": "call 0412 555 1234",
               "t3": "cold night"}
    pseudo = Pseudonymiser(form)
    out = pseudo.answers(answers)
    assert out == {"t0": "we walked", "t3": "cold night"} and list(out) == ["t0", "t3"]
    assert pseudo.held == [("t1", "part of an identifier"), ("t2", "phone number")]
    clean = Pseudonymiser(form)
    assert clean.answers({"name": "Yoselin Urdaneta", "t0": "we walked", "t3": "cold night"}) == {
        "t0": "we walked", "t3": "cold night"} and clean.held == []


@settings(max_examples=500, deadline=None)
@given(identifiers=st.lists(st.lists(_PIECES, max_size=4).map(" ".join) | st.text(max_size=20), max_size=3),
       texts=st.lists(st.lists(_PIECES | st.sampled_from(
           ["Rosa 12", "Colibrí", "+58 412 555 1234", "pepe@x.org", "12/03/1990", "V12345678", "AB123456",
            "1990-05-03", "555", "1234", "ñ", "Ⅻ", "ﬁ"]), max_size=4).map(" ".join)
           | st.text(max_size=30), min_size=1, max_size=4))
def test_a_text_cleared_without_needles_has_no_finding(identifiers: list[str], texts: list[str]) -> None:
    """clearly_clean (the export's shortcut) is the quick look with the needles made,
    and says True only when no text has a finding."""
    from testimonio.exchange.textnet import clearly_clean, may_hold_any

    needles = Needles.of(identifiers)
    assert clearly_clean(texts, identifiers) == (not may_hold_any(texts, needles))
    if clearly_clean(texts, identifiers):
        assert not any(findings(text, needles) for text in texts)


def test_an_alias_is_cleared_without_needles_and_a_name_in_it_is_not() -> None:
    from testimonio.exchange.textnet import clearly_clean

    ids = ["Yoselin Urdaneta Pérez", "V-12.345.678", "+58 412 555 1234"]
    assert clearly_clean(["Rosa 12"], ids)
    assert not clearly_clean(["Rosa Urdaneta"], ids)  # a word of the name
    assert not clearly_clean(["perez"], ids)  # accents folded
    assert not clearly_clean(["doc 12.345.678"], ids)  # the document's digits
    assert not clearly_clean(["Rosa", "llamar al 0412 5551234"], ids)  # a phone number's pattern
    assert clearly_clean(["Rosa", "we walked three days " * 5], ids)
