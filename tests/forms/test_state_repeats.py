"""A change of a repeat's number of instances touches only what depends on it
(issue 14 defect 6, issue 17 item 3) and leaves the same state as one rebuilt
from the answers."""

from __future__ import annotations

import random

from testimonio.forms.model import AnswerValue, Choice, Group, Question, Questionnaire, Text
from testimonio.forms.state import FormState
from testimonio.forms.state_paths import MAX_INSTANCES, infer_counts, stored_count

YES_NO = (Choice("yes", Text({"en": "Yes"})), Choice("no", Text({"en": "No"})))


def _form(hand_made: bool) -> Questionnaire:
    kids = (
        Question("name", "r/name", "text", label=Text({"en": "Name ${n}"})),
        Question("age", "r/age", "integer", constraint=". < ${limit}", default="30"),
        Question("adult", "r/adult", "calculate", calculation="if(${age} >= 18, 'yes', 'no')"),
        Question("why", "r/why", "text", relevant="${age} < 18", required="true()"),
        Question("of", "r/of", "calculate", calculation="concat(position(..), '/', count(${r}))"),
        Question("ok", "r/ok", "select_one", choices=YES_NO, relevant="${consent} = 'yes'"),
    )
    root = Group("", "", children=(
        Question("consent", "consent", "select_one", choices=YES_NO),
        Question("limit", "limit", "integer", default="150"),
        Question("n", "n", "integer"),
        Group("r", "r", children=kids, repeat=True, repeat_count=None if hand_made else "${n}"),
        Question("total", "total", "calculate", calculation="sum(${age})"),
        Question("minors", "minors", "calculate", calculation="count-non-empty(${why})"),
        Question("summary", "summary", "note", label=Text({"en": "${total} years"}),
                 relevant="count(${r}) > 2"),
    ))
    return Questionnaire("rep", "1", Text({"en": "R"}), root, ("en",), "en")


def _same(state: FormState, q: Questionnaire) -> None:
    fresh = FormState(q, state.answers(), "en")
    for node in q.walk():
        for path in state._inst.expand(node.path):
            got = (state.value(path), state.is_relevant(path), state.is_required(path), state.error(path))
            want = (fresh.value(path), fresh.is_relevant(path), fresh.is_required(path), fresh.error(path))
            assert got == want, path
    assert state.problems() == fresh.problems()


def test_repeat_count_changes_match_a_rebuilt_state() -> None:
    q = _form(hand_made=False)
    state = FormState(q, {}, "en")
    rng = random.Random(5)
    old = 0
    for n in (3, 5, 2, 0, 4, 7, 6):
        changed = state.set("n", n)
        assert state.instances("r") == n
        assert f"r[{max(n, old)}]" in changed  # the instance made or removed
        old = n
        for _ in range(3):
            if n:
                state.set(f"r[{rng.randint(1, n)}]/age", rng.choice([5, 20, 40, 200]))
            state.set("consent", rng.choice(["yes", "no"]))
            state.set("limit", rng.choice([100, 150]))
        _same(state, q)
    assert state.value("r[3]/of") == "3/6"


def test_hand_made_repeat_add_and_set_count_match_a_rebuilt_state() -> None:
    q = _form(hand_made=True)
    state = FormState(q, {"consent": "yes"}, "en")
    for _ in range(3):
        state.add_instance("r")
    state.set("r[2]/age", 10)
    assert state.value("r[1]/age") == 30  # the default of a new instance
    assert state.value("total") == "70"
    _same(state, q)
    assert state.value("minors") == "0"  # r[2]'s "why" is required but empty
    state.set("r[2]/why", "school")
    assert state.value("minors") == "1"
    state.remove_instance("r", 2)
    assert state.value("total") == "60" and state.value("minors") == "0"
    _same(state, q)


def test_large_repeat_count_is_consistent() -> None:
    q = _form(hand_made=False)
    state = FormState(q, {}, "en")
    state.set("n", 999)
    state.set("r[500]/age", 12)
    state.set("r[500]/why", "school")
    state.set("n", 998)
    assert state.value("minors") == "1" and state.value("r[998]/of") == "998/998"
    _same(state, q)


def test_infer_counts_raises_hand_made_counts_only() -> None:
    # The one rule the form state and the export's relevance sweep share:
    # an answer in instance k of a repeat without a repeat_count means k instances.
    hand_made, counted = _form(hand_made=True), _form(hand_made=False)
    answers: dict[str, AnswerValue] = {"r[3]/age": 10, "r[1]/name": "Ana", "r": 2}
    infer_counts(hand_made, answers)
    assert answers["r"] == 3
    answers = {"r[2]/age": 10, "r": 4}
    infer_counts(hand_made, answers)
    assert answers["r"] == 4  # never lowered
    answers = {"r[3]/age": 10, "n": 1}
    infer_counts(counted, answers)
    assert "r" not in answers  # a counted repeat's instances follow its count
    answers = {f"r[{MAX_INSTANCES + 1}]/age": 10}
    infer_counts(hand_made, answers)
    assert "r" not in answers  # beyond the bound: not an interview
    assert stored_count({"r": True}, "r") == 0 and stored_count({"r": -2}, "r") == 0
    assert FormState(hand_made, {"r[2]/name": "Ana"}, "en").instances("r") == 2
