"""The form-state engine over questionnaires built directly from the model."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from testimonio.errors import AnswersInvalid, BadInput, FormError
from testimonio.forms.model import Choice, Group, Node, Question, Questionnaire, Text
from testimonio.forms.state import FormState

TODAY = dt.date(2024, 3, 10)


def q(name: str, type_: str = "text", **kw: Any) -> Question:
    return Question(name=name, path=name, type=type_, **kw)


def g(name: str, *children: Node, repeat: bool = False, **kw: Any) -> Group:
    return Group(name=name, path=name, children=children, repeat=repeat, **kw)


def ch(*names: str) -> tuple[Choice, ...]:
    return tuple(Choice(n, Text({"en": n.title(), "es": f"{n}-es"})) for n in names)


def en_es(en: str, es: str) -> Text:
    return Text({"en": en, "es": es})


def _rebase(node: Node, parent: str) -> Node:
    path = f"{parent}/{node.name}" if parent else node.name
    if isinstance(node, Group):
        return replace(node, path=path, children=tuple(_rebase(c, path) for c in node.children))
    return replace(node, path=path)


def form(*children: Node, languages: tuple[str, ...] = ("en", "es")) -> Questionnaire:
    root = Group("", "", children=tuple(_rebase(c, "") for c in children))
    return Questionnaire("t", "1", Text({"en": "T"}), root, languages, languages[0])


def state(questionnaire: Questionnaire, answers: dict[str, Any] | None = None, lang: str = "en") -> FormState:
    return FormState(questionnaire, answers or {}, lang, today=TODAY)


# -- relevance, calculations, what changed ------------------------------------------------


def test_relevance_follows_answers_and_set_reports_changes() -> None:
    f = form(
        q("consent", "select_one", choices=ch("yes", "no")),
        q("alias", relevant="${consent} = 'yes'"),
        g("story", q("reason"), relevant="${consent} = 'yes'"),
        q("thanks", "note", relevant="${consent} = 'no'"),
    )
    s = state(f)
    assert not s.is_relevant("alias") and not s.is_relevant("story/reason")
    changed = s.set("consent", "yes")
    assert {"consent", "alias", "story", "story/reason"} <= changed
    assert "thanks" not in changed
    assert s.is_relevant("alias") and s.is_relevant("story/reason")
    assert s.set("consent", "yes") == set()  # no change, nothing to redraw
    assert "thanks" in s.set("consent", "no")
    assert s.is_relevant("thanks") and not s.is_relevant("story/reason")


def test_irrelevant_answers_are_kept_read_as_empty_and_not_exported() -> None:
    f = form(
        q("has_kids", "select_one", choices=ch("yes", "no")),
        q("kids", "integer", relevant="${has_kids} = 'yes'"),
        q("total", "calculate", calculation="${kids} + 1"),
        q("said", "calculate", calculation="coalesce(${kids}, 'none')"),
    )
    s = state(f, {"has_kids": "yes", "kids": 3})
    assert s.value("total") == "4"
    s.set("has_kids", "no")
    assert s.value("kids") == 3  # kept
    assert s.value("said") == "none"  # read as empty
    assert s.value("total") is None  # NaN stores as empty
    assert "kids" not in s.exportable_answers()
    assert s.answers()["kids"] == 3
    s.set("has_kids", "yes")
    assert s.exportable_answers()["kids"] == 3 and s.value("total") == "4"


def test_calculation_chain_is_recomputed_in_dependency_order() -> None:
    # Declared in reverse so form order is not dependency order.
    f = form(
        q("c", "calculate", calculation="${b} * 2"),
        q("b", "calculate", calculation="${a} + 1"),
        q("a", "integer"),
        q("typed", "integer", calculation="${a} div 2"),
        q("shown", "note", label=Text({"en": "c is ${c}"}), relevant="${c} > 4"),
    )
    s = state(f)
    assert s.value("c") is None and not s.is_relevant("shown")
    changed = s.set("a", 2)
    assert s.value("b") == "3" and s.value("c") == "6"
    assert s.value("typed") == 1  # integer calculations truncate, as JavaRosa does
    assert {"a", "b", "c", "shown", "typed"} <= changed
    assert s.label("shown") == "c is 6"
    assert s.is_read_only("typed") and not s.is_read_only("a")


def test_group_relevance_reaches_everything_inside() -> None:
    f = form(
        q("go", "select_one", choices=ch("yes", "no")),
        g("outer", g("inner", q("deep", required="true()")), relevant="${go} = 'yes'"),
    )
    s = state(f)
    assert not s.is_relevant("outer/inner/deep") and not s.is_required("outer/inner/deep")
    assert s.problems() == []
    assert "outer/inner/deep" in s.set("go", "yes")
    assert [p.path for p in s.problems()] == ["outer/inner/deep"]


# -- errors, messages, languages, labels, choices ------------------------------------------


def test_required_constraint_and_type_problems_with_messages() -> None:
    f = form(
        q("age", "integer", required="true()", constraint=". >= 0 and . < 120",
          constraint_message=en_es("Age 0 to 119.", "Edad de 0 a 119.")),
        q("weight", "decimal", constraint="(. >= 2 and . <= 54) or . = 999"),
        q("when", "date", constraint=". <= today()"),
        q("pet", "select_one", choices=ch("cat", "dog")),
        q("name", required="true()", required_message=en_es("Give a name.", "Dé un nombre.")),
    )
    s = state(f)
    kinds = {(p.path, p.kind) for p in s.problems()}
    assert kinds == {("age", "required"), ("name", "required")}
    assert {p.message for p in s.problems()} == {"This question needs an answer.", "Give a name."}
    s.set("age", 130)
    assert s.error("age") == "Age 0 to 119."
    s.language = "es"
    assert s.error("age") == "Edad de 0 a 119."
    s.set("age", "twelve")
    assert s.value("age") == "twelve" and s.error("age") == "Escriba un número entero."
    s.set("age", "12")
    assert s.value("age") == 12 and s.error("age") is None
    s.set("weight", "3,5")
    assert s.value("weight") == 3.5 and s.error("weight") is None
    s.set("weight", 999)
    assert s.error("weight") is None
    s.set("weight", 60)
    assert s.error("weight") == "Esta respuesta no está permitida."
    s.set("when", "2030-01-01")
    assert s.error("when") is not None
    s.set("when", "2024-02-30")
    assert s.error("when") == "Escriba una fecha como AAAA-MM-DD."
    s.set("pet", "cow")
    s.language = "en"
    assert s.error("pet") == "Choose among the options shown."
    problems = {(p.path, p.kind) for p in s.problems()}
    assert problems == {("weight", "constraint"), ("when", "type"), ("pet", "type"), ("name", "required")}
    with pytest.raises(BadInput):
        s.language = "fr"


@pytest.mark.parametrize(
    ("type_", "good", "bad"),
    [
        ("time", ["09:30", "23:59:59", "10:00:00.000-05:00"], ["24:00", "9h", "12:61"]),
        ("dateTime", ["2024-03-10T10:00:00", "2024-03-10T10:00:00.000-05:00"], ["2024-03-10", "x"]),
        ("geopoint", ["-3.5 -80.2", "-3.5 -80.2 10 5"], ["-91 0", "1", "a b"]),
        ("select_multiple", [["a", "b"], "a b"], [["a", "a"], ["z"]]),
        ("acknowledge", ["OK"], ["yes"]),
        ("decimal", [1, 2.5, "7"], ["abc", "inf"]),
    ],
)
def test_value_types(type_: str, good: list[Any], bad: list[Any]) -> None:
    s = state(form(q("v", type_, choices=ch("a", "b"))))
    for value in good:
        s.set("v", value)
        assert s.error("v") is None, value
    for value in bad:
        s.set("v", value)
        assert s.error("v") is not None, value


def test_labels_substitute_and_follow_the_language() -> None:
    f = form(
        q("alias", label=en_es("Alias", "Alias")),
        q("age", "integer", label=en_es("How old is ${alias}?", "¿Qué edad tiene ${alias}?"),
          hint=en_es("${alias}: in years", "${alias}: en años")),
    )
    s = state(f)
    assert s.label("age") == "How old is ?"
    assert "age" in s.set("alias", "Rosa")
    assert s.label("age") == "How old is Rosa?" and s.hint("age") == "Rosa: in years"
    s.language = "es"
    assert s.label("age") == "¿Qué edad tiene Rosa?"


def test_choice_filter_offers_matching_choices() -> None:
    cities = (Choice("lima", Text({"en": "Lima"}), {"country": "pe"}),
              Choice("quito", Text({"en": "Quito"}), {"country": "ec"}),
              Choice("tumbes", Text({"en": "Tumbes"}), {"country": "pe"}))
    f = form(q("country", "select_one", choices=ch("pe", "ec")),
             q("city", "select_one", choices=cities, choice_filter="country = ${country}"))
    s = state(f, {"country": "pe", "city": "lima"})
    assert [c.name for c in s.choices("city")] == ["lima", "tumbes"]
    assert s.error("city") is None
    assert "city" in s.set("country", "ec")
    assert [c.name for c in s.choices("city")] == ["quito"]
    assert s.error("city") == "Choose among the options shown."


# -- repeats -------------------------------------------------------------------------------


def _companions() -> Questionnaire:
    return form(
        g("companions",
          q("name", required="true()"),
          q("age", "integer", default="30"),
          q("adult", "calculate", calculation="if(${age} >= 18, 'yes', 'no')"),
          q("pos", "calculate", calculation="position(..)"),
          q("older", "integer", relevant="../age > 60"),
          repeat=True, label=Text({"en": "Companion"})),
        q("count", "calculate", calculation="count(${companions})"),
        q("total_age", "calculate", calculation="sum(${age})"),
        q("any_minor", "calculate", calculation="${adult} = 'no'"),
        q("summary", "note", label=Text({"en": "Ages: ${age}"})),
    )


def test_repeat_instances_siblings_and_aggregates() -> None:
    s = state(_companions())
    assert s.instances("companions") == 0
    assert s.value("count") == "0" and s.value("total_age") == "0"
    s.add_instance("companions")
    s.add_instance("companions")
    assert s.instances("companions") == 2
    assert s.value("companions[1]/age") == 30  # default on a new instance
    changed = s.set("companions[2]/age", 12)
    assert {"companions[2]/age", "companions[2]/adult", "total_age", "any_minor"} <= changed
    assert "companions[1]/adult" not in changed  # the other instance did not change
    assert s.value("companions[1]/adult") == "yes" and s.value("companions[2]/adult") == "no"
    assert s.value("companions[2]/pos") == "2"
    assert s.value("total_age") == "42" and s.value("any_minor") == "true"
    s.set("companions[1]/age", 70)
    assert s.is_relevant("companions[1]/older") and not s.is_relevant("companions[2]/older")
    assert s.label("summary") == "Ages: 70, 12"
    assert [p.path for p in s.problems()] == ["companions[1]/name", "companions[2]/name"]
    s.set("companions[2]/name", "Luz")
    s.remove_instance("companions", 1)
    assert s.instances("companions") == 1
    assert s.value("companions[1]/name") == "Luz" and s.value("companions[1]/age") == 12
    assert s.value("companions[2]/age") is None
    assert s.value("count") == "1" and s.value("total_age") == "12"
    assert [i.path for i in s.items("companions[1]")] == ["companions[1]/name", "companions[1]/age"]
    exported = s.exportable_answers()
    assert exported["companions"] == 1 and exported["companions[1]/name"] == "Luz"
    with pytest.raises(AnswersInvalid):
        s.set("companions[5]/age", 3)
    with pytest.raises(AnswersInvalid):
        s.remove_instance("companions", 9)


def test_a_repeat_turning_irrelevant_is_reported_and_hidden() -> None:
    f = form(q("go", "select_one", choices=ch("yes", "no")),
             g("trips", q("place"), repeat=True, relevant="${go} = 'yes'"))
    s = state(f, {"go": "yes", "trips": 1, "trips[1]/place": "Tumbes"})
    assert [i.path for i in s.items()] == ["go", "trips"]
    changed = s.set("go", "no")
    assert {"trips", "trips[1]", "trips[1]/place"} <= changed
    assert [i.path for i in s.items()] == ["go"]
    assert "trips[1]/place" not in s.exportable_answers() and "trips" not in s.exportable_answers()


def test_repeat_count_drives_instances() -> None:
    f = form(
        q("n", "integer"),
        g("kids", q("kid_age", "integer", constraint=". < ${n} * 10"), q("i", "calculate", calculation="position(..)"),
          repeat=True, repeat_count="${n}"),
        q("sum", "calculate", calculation="sum(${kid_age})"),
    )
    s = state(f, {"n": 2, "kids[1]/kid_age": 4})
    assert s.instances("kids") == 2
    changed = s.set("n", 3)
    assert s.instances("kids") == 3 and "kids[3]/i" in changed
    assert s.value("kids[3]/i") == "3"
    s.set("kids[3]/kid_age", 40)
    assert s.error("kids[3]/kid_age") is not None
    s.set("n", 5)
    assert s.error("kids[3]/kid_age") is None  # the constraint reads n
    s.set("n", 1)
    assert s.instances("kids") == 1 and s.value("sum") == "4"
    assert "kids[3]/kid_age" not in s.exportable_answers()
    with pytest.raises(AnswersInvalid):
        s.add_instance("kids")


def test_nested_repeats_resolve_the_nearest_instance() -> None:
    f = form(g("house",
               q("hname"),
               g("person", q("pname"), q("tag", "calculate", calculation="concat(${hname}, '/', ${pname})"),
                 repeat=True),
               q("people", "calculate", calculation="count(${person})"),
               repeat=True),
             q("all_people", "calculate", calculation="count(${pname})"))
    s = state(f, {"house": 2, "house[1]/hname": "A", "house[2]/hname": "B",
                  "house[1]/person": 2, "house[2]/person": 1,
                  "house[1]/person[2]/pname": "x", "house[2]/person[1]/pname": "y"})
    assert s.value("house[1]/person[2]/tag") == "A/x"
    assert s.value("house[2]/person[1]/tag") == "B/y"
    assert s.value("house[1]/people") == "2" and s.value("house[2]/people") == "1"
    assert s.value("all_people") == "3"
    s.set("house[2]/hname", "C")
    assert s.value("house[2]/person[1]/tag") == "C/y" and s.value("house[1]/person[2]/tag") == "A/x"


def test_instances_are_inferred_from_answers_without_a_count() -> None:
    s = state(_companions(), {"companions[2]/name": "Ana"})
    assert s.instances("companions") == 2
    assert s.value("count") == "2"


# -- bad input only raises our errors ---------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [
        {"nope": 1},
        {"companions[x]/age": 1},
        {"companions": "two"},
        {"companions": -1},
        {"companions[1]": 3},
        {"": 1},
        {"a//b": 1},
        {"count[1]": "x"},
        {"companions/age": 3},
        {"companions[1]/age[2]": 3},
    ],
)
def test_bad_answers_are_refused_with_every_problem(answers: dict[str, Any]) -> None:
    with pytest.raises(AnswersInvalid) as caught:
        state(_companions(), answers)
    assert caught.value.problems


def test_cycle_is_refused_when_the_state_is_built() -> None:
    f = form(q("a", "calculate", calculation="${b}"), q("b", "calculate", calculation="${a} + 1"))
    with pytest.raises(FormError):
        state(f)


def test_finish_stamps_end_with_the_time_now_and_start_stays() -> None:
    began = dt.datetime(2024, 3, 10, 9, 0, 0, tzinfo=dt.UTC)
    ended = dt.datetime(2024, 3, 10, 10, 42, 5, tzinfo=dt.UTC)
    f = form(q("started", "start"), q("ended", "end"), q("alias"),
             q("late", "note", relevant="${ended} != ''"),
             g("kids", q("kid_end", "end"), repeat=True))
    s = FormState(f, {}, "en", today=TODAY, now=began)
    assert s.value("started") == "2024-03-10T09:00:00+00:00"
    assert s.value("ended") is None and not s.is_relevant("late")
    s.set("alias", "A")
    reopened = FormState(f, s.answers(), "en", today=TODAY, now=ended)
    stamped = reopened.finish()
    assert stamped == {"ended": "2024-03-10T10:42:05+00:00"}  # repeats' own end is not stamped
    assert reopened.value("ended") == "2024-03-10T10:42:05+00:00"
    assert reopened.value("started") == "2024-03-10T09:00:00+00:00"
    assert reopened.is_relevant("late")  # what depends on end follows
    assert FormState(form(q("alias")), {}, "en").finish() == {}
