"""The loader at pyxform's level (issue 14 defect 5) and secondary instances in
forms written here with openpyxl; the real forms of the design folder's xlsforms/to-support
when they are there."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_loader import write_xlsform

from formkit import SHARED_XLSFORMS
from testimonio.errors import FormError
from testimonio.forms.loader import load_file
from testimonio.forms.model import Question
from testimonio.forms.state import FormState

TO_SUPPORT = SHARED_XLSFORMS / "to-support"
#: Forms of to-support refused on purpose, and the feature the refusal names.
REFUSED = {"pyxform_case_insensitivity.xlsx": "external choices"}


def _question(path: Path, name: str) -> Question:
    node = load_file(path).questionnaire.by_name(name)
    assert isinstance(node, Question)
    return node


def test_pyxform_type_aliases_are_accepted(tmp_path: Path) -> None:
    form = write_xlsform(tmp_path / "alias.xlsx", [
        {"type": "add text prompt", "name": "t", "label": "T"},
        {"type": "add integer prompt", "name": "i", "label": "I"},
        {"type": "q date", "name": "d", "label": "D"},
        {"type": "add image prompt", "name": "p", "label": "P"},
        {"type": "add note prompt", "name": "n", "label": "N"},
    ])
    assert [_question(form, n).type for n in "tidpn"] == ["text", "integer", "date", "image", "note"]


def test_range_questions_keep_start_end_and_step(tmp_path: Path) -> None:
    form = write_xlsform(tmp_path / "range.xlsx", [
        {"type": "range", "name": "width", "label": "Width", "parameters": "start=1 end=5 step=1"},
        {"type": "range", "name": "share", "label": "Share", "parameters": "start=0 end=1 step=0.25"},
        {"type": "range", "name": "plain", "label": "Plain"},
    ])
    width, share, plain = (_question(form, n) for n in ("width", "share", "plain"))
    assert (width.type, width.range) == ("integer", (1.0, 5.0, 1.0))
    assert (share.type, share.range) == ("decimal", (0.0, 1.0, 0.25))
    assert plain.range == (1.0, 10.0, 1.0)  # ODK's defaults
    state = FormState(load_file(form).questionnaire, {}, "default")
    state.set("width", 3)
    state.set("share", 0.3)
    assert state.error("width") is None
    assert state.error("share") == "Choose a value on the scale shown."
    state.set("width", 9)
    assert state.error("width") == "Choose a value on the scale shown."


def test_range_with_a_zero_step_is_refused_naming_the_row(tmp_path: Path) -> None:
    form = write_xlsform(tmp_path / "bad_range.xlsx", [
        {"type": "text", "name": "a", "label": "A"},
        {"type": "range", "name": "r", "label": "R", "parameters": "start=1 end=5 step=0"},
    ])
    with pytest.raises(FormError) as caught:
        load_file(form)
    assert caught.value.row == 3 and "step" in str(caught.value)


def test_upper_case_sheet_and_column_names(tmp_path: Path) -> None:
    form = tmp_path / "upper.xlsx"
    write_xlsform(form, [{"TYPE": "select_one yn", "NAME": "q1", "LABEL": "Good?"},
                         {"TYPE": "integer", "NAME": "age", "LABEL": "Age", "RELEVANT": "${q1} = 'yes'"}],
                  [{"LIST_NAME": "yn", "NAME": "yes", "LABEL": "Yes"}, {"LIST_NAME": "yn", "NAME": "no", "LABEL": "No"}])
    from openpyxl import load_workbook

    book = load_workbook(form)
    titles = [ws.title for ws in book.worksheets]
    for i, ws in enumerate(book.worksheets):
        ws.title = f"sheet{i}"  # openpyxl refuses a title equal but for case
    for title, ws in zip(titles, book.worksheets, strict=True):
        ws.title = title.upper()
    book.save(form)
    q = load_file(form).questionnaire
    state = FormState(q, {"q1": "no"}, "default")
    assert not state.is_relevant("age")


def test_upper_case_form_with_an_out_of_scope_type_names_the_row(tmp_path: Path) -> None:
    form = write_xlsform(tmp_path / "upper_external.xlsx", [
        {"TYPE": "text", "NAME": "a", "LABEL": "A"},
        {"TYPE": "select_one_external c1", "NAME": "b", "LABEL": "B"},
    ], [{"LIST_NAME": "c1", "NAME": "x", "LABEL": "X"}])
    with pytest.raises(FormError) as caught:
        load_file(form)
    assert caught.value.row == 3 and "external choices" in str(caught.value)


def test_malformed_translation_header_is_refused(tmp_path: Path) -> None:
    form = write_xlsform(tmp_path / "header.xlsx", [{
        "type": "text", "name": "a", "label::French (fr)": "A", "label::English (en)": "A",
        "required": "yes", "required_message::French(fr)required_message::English(en)": "x"}])
    with pytest.raises(FormError) as caught:
        load_file(form)
    assert caught.value.row == 1 and "required_message::French(fr)" in str(caught.value.column)


def _cities_form(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "cities.xlsx", [
        {"type": "select_one country", "name": "country", "label": "Country"},
        {"type": "select_one city", "name": "city", "label": "City", "choice_filter": "country = ${country}"},
        {"type": "calculate", "name": "city_label",
         "calculation": "instance('city')/root/item[name = ${city}]/label"},
        {"type": "calculate", "name": "population",
         "calculation": "instance('city')/root/item[name = ${city}]/pop"},
        {"type": "calculate", "name": "n_cities",
         "calculation": "count(instance('city')/root/item[country = current()/../country])"},
        {"type": "note", "name": "shown", "label": "You chose ${city_label} (${population})"},
    ], [
        {"list_name": "country", "name": "pe", "label": "Perú"},
        {"list_name": "country", "name": "ec", "label": "Ecuador"},
        {"list_name": "city", "name": "tum", "label": "Tumbes", "country": "pe", "pop": "111"},
        {"list_name": "city", "name": "pi", "label": "Piura", "country": "pe", "pop": "484"},
        {"list_name": "city", "name": "hua", "label": "Huaquillas", "country": "ec", "pop": "57"},
    ], {"form_id": "cities", "version": "1"})


def test_choice_lists_are_secondary_instances(tmp_path: Path) -> None:
    q = load_file(_cities_form(tmp_path)).questionnaire
    state = FormState(q, {}, "default")
    state.set("country", "pe")
    assert state.value("n_cities") == "2"
    state.set("city", "pi")
    assert state.value("city_label") == "Piura" and state.value("population") == "484"
    assert state.label("shown") == "You chose Piura (484)"
    state.set("country", "ec")
    assert state.value("n_cities") == "1"
    assert state.error("city") is not None  # Piura is not offered for Ecuador


@pytest.mark.skipif(not TO_SUPPORT.is_dir(), reason="the design folder's xlsforms/to-support is not beside this checkout")
@pytest.mark.parametrize("name", sorted(p.name for p in TO_SUPPORT.iterdir()) if TO_SUPPORT.is_dir() else [])
def test_forms_to_support_load_or_are_refused_naming_the_feature(name: str) -> None:
    path = TO_SUPPORT / name
    if name in REFUSED:
        with pytest.raises(FormError) as caught:
            load_file(path)
        assert caught.value.row is not None and REFUSED[name] in str(caught.value)
        return
    q = load_file(path).questionnaire
    FormState(q, {}, q.default_language)


def test_randomized_choices_follow_the_seed(tmp_path: Path) -> None:
    form = write_xlsform(tmp_path / "shuffle.xlsx", [
        {"type": "integer", "name": "s", "label": "Seed"},
        {"type": "select_one letters", "name": "pick", "label": "Pick", "parameters": "randomize=true seed=${s}"},
        {"type": "select_one letters", "name": "plain", "label": "Plain"},
    ], [{"list_name": "letters", "name": c, "label": c.upper()} for c in "abcdefgh"])
    q = load_file(form).questionnaire
    state = FormState(q, {"s": 42}, "default")
    first = [c.name for c in state.choices("pick")]
    assert sorted(first) == list("abcdefgh") and first != list("abcdefgh")
    assert [c.name for c in FormState(q, {"s": 42}, "default").choices("pick")] == first  # same seed
    state.set("s", 7)
    assert [c.name for c in state.choices("pick")] != first
    assert [c.name for c in state.choices("plain")] == list("abcdefgh")
    unseeded = FormState(q, {}, "default")
    assert unseeded.choices("pick") == unseeded.choices("pick")  # stable within one interview
