"""Records are checked against the questionnaire version they name."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from formkit import write_rows
from testimonio.forms.loader import load_questionnaire
from testimonio.paths import shipped_forms_dir
from testimonio.services.export_plan import InterviewToExport, StoredAttachment, plan_record
from testimonio.services.import_validate import record_problems

Q = load_questionnaire(shipped_forms_dir() / "border_testimony.xlsx")
P = {n.name: n.path for n in Q.walk()}


def good_record() -> dict:
    answers = {P["alias"]: "Rosa", P["gender"]: "female", P["age"]: 34, P["documents_held"]: ["visa_peru"],
               P["arrival_border_date"]: "2019-11-02", P["interview_minutes"]: 5, "companions": 1,
               "companions[1]/companion_age": 7, "companions[1]/relationship": "child"}
    interview = InterviewToExport("v", "ab" * 16, Q.form_id, Q.version, 1, "Tumbes", "es",
                                  "2019-11-20T10:00:00Z", "2019-11-20T11:00:00Z", answers,
                                  attachments=(StoredAttachment("a", "x", "image/png", 3, True),))
    return plan_record(interview, Q).record


def test_exported_record_is_valid() -> None:
    assert record_problems(good_record(), Q) == []


@pytest.mark.parametrize("change", [
    lambda r: r["answers"].__setitem__(P["real_name"], "Ana"),
    lambda r: r["answers"].__setitem__("nowhere", "x"),
    lambda r: r["answers"].__setitem__(P["gender"], "martian"),
    lambda r: r["answers"].__setitem__(P["interview_minutes"], "five"),
    lambda r: r["answers"].__setitem__("../../x", "y"),
    lambda r: r["answers"].__setitem__("companions", "many"),
    lambda r: r.__setitem__("export_id", "../../etc"),
    lambda r: r.__setitem__("attachments", [{"name": "../../x", "path": "p", "mime": "image/png",
                                             "size": 1, "sha256": ""}]),
    lambda r: r.__setitem__("extra", 1),
    lambda r: r.__setitem__("revision", True),
])
def test_bad_records_are_refused(change) -> None:  # type: ignore[no-untyped-def]
    record = copy.deepcopy(good_record())
    change(record)
    assert record_problems(record, Q)
    assert record_problems([], Q)


def _rules_form(tmp_path) -> object:  # noqa: ANN001
    """select_multiple, or_other, time, geopoint and a quasi integer and date."""
    path = write_rows(tmp_path / "rules.xlsx", {
        "survey": [["type", "name", "label", "privacy"],
                   ["select_multiple yn", "many", "Many", ""],
                   ["select_one yn or_other", "one", "One", ""],
                   ["time", "at", "At", ""],
                   ["geopoint", "where", "Where", "safe"],
                   ["integer", "age", "Age", "quasi"],
                   ["date", "day", "Day", "quasi"]],
        "choices": [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
        "settings": [["form_id", "version"], ["rules", "1"]],
    })
    return load_questionnaire(path)


@pytest.mark.parametrize(("name", "value", "ok"), [
    ("many", ["yes", "no"], True),
    ("many", ["yes", "yes"], False),  # duplicate choices: the form state refuses them too
    ("one", "other", True),
    ("one", "anything at all", False),  # or_other allows "other", not any value
    ("at", "10:30", True),
    ("at", "25:99", False),
    ("where", "-3.5 -80.2", True),
    ("where", "here", False),
    ("age", "30-39", True),  # a band: what the exporter makes of a quasi number
    ("age", 34, True),
    ("day", "2019-11", True),  # a month: what the exporter makes of a quasi date
    ("day", "2019-11-02\n", False),
])
def test_import_uses_the_forms_rules(tmp_path, name: str, value: object, ok: bool) -> None:  # noqa: ANN001
    q = _rules_form(tmp_path)
    record = {"export_id": "ab" * 16, "form_id": "rules", "form_version": "1", "revision": 1,
              "site": "Tumbes", "language": "es", "started": "2019-11-20", "completed": None,
              "answers": {name: value}, "attachments": []}
    assert (record_problems(record, q) == []) is ok  # type: ignore[arg-type]


@pytest.mark.parametrize(("path", "value", "says"), [
    ("../../x", "y", "malformed answer path '../../x'"),
    ("nowhere", "x", "nowhere is not a question of border_testimony"),
    ("companions", "many", "companions is not a repeat count"),
    ("companions", -1, "companions is not a repeat count"),
    ("person", 1, "person is not a repeat count"),  # a group, not a repeat
    (P["real_name"], "Ana", "carries the identifier person/real_name, which must never leave"),
    ("intro", "x", "intro has a value of the wrong kind for a note question"),
    (P["interview_minutes"], "five", "has a value of the wrong kind for a integer question"),
    # More repeat instances than a lead's form state holds (forms.state_paths.MAX_INSTANCES):
    ("companions", 10_001, "companions is not a repeat count"),
    ("companions[10001]/companion_age", 5, "malformed answer path 'companions[10001]/companion_age'"),
])
def test_each_bad_answer_is_named(path: str, value: object, says: str) -> None:
    record = copy.deepcopy(good_record())
    record["answers"][path] = value
    problems = record_problems(record, Q)
    assert len(problems) == 1 and says in problems[0], problems


def test_a_remembered_answer_is_only_accepted_again_for_the_same_question_and_type() -> None:
    """One checker remembers accepted answers across records (import speed): the
    memory must not let a value through for another question or as another type."""
    from testimonio.services.import_validate import RecordChecker

    checker = RecordChecker(Q)
    first = good_record()
    first["answers"][P["interview_minutes"]] = 1
    assert checker.problems(first) == []
    for path, value in ((P["interview_minutes"], True), (P["interview_minutes"], "1"),
                        (P["gender"], 1), (P["alias"], ["Rosa"])):
        record = copy.deepcopy(first)
        record["answers"][path] = value
        assert checker.problems(record), (path, value)
    assert checker.problems(copy.deepcopy(first)) == []


_TYPES = ("text", "integer", "decimal", "select_one", "select_multiple", "rank", "date", "today", "time",
          "dateTime", "start", "end", "geopoint", "acknowledge", "barcode", "calculate", "hidden",
          "image", "audio", "note")


@settings(max_examples=200, deadline=None)
@given(kind=st.sampled_from(_TYPES), value=st.one_of(st.text(max_size=80), st.integers(), st.booleans(),
                                                     st.lists(st.text(max_size=5), max_size=3)))
def test_the_any_text_shortcut_accepts_exactly_what_the_full_check_accepts(kind: str, value: object) -> None:
    """A question that takes any text skips value_ok for a string: value_ok must
    accept every such string, and the checker's verdict on any value must not change."""
    from testimonio.forms.model import Question
    from testimonio.forms.state_values import takes_any_text
    from testimonio.services.import_validate import RecordChecker

    q = Question(name="q", path="q", type=kind)
    checker = RecordChecker(Q)
    if takes_any_text(q) and not q.is_attachment and isinstance(value, str):
        assert checker.value_ok(q, value, set())


def test_a_text_answer_longer_than_the_limit_is_refused() -> None:
    from testimonio.services.import_validate import MAX_TEXT

    record = copy.deepcopy(good_record())
    record["answers"][P["alias"]] = "x" * (MAX_TEXT + 1)
    problems = record_problems(record, Q)
    assert len(problems) == 1 and "wrong kind" in problems[0], problems


def test_as_many_repeat_instances_as_the_form_state_holds_are_accepted() -> None:
    from testimonio.forms.state_paths import MAX_INSTANCES

    record = copy.deepcopy(good_record())
    record["answers"]["companions"] = MAX_INSTANCES
    record["answers"][f"companions[{MAX_INSTANCES}]/companion_age"] = 5
    assert record_problems(record, Q) == []
