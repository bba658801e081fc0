"""The XLSForm loader on real forms from outside and on forms written here."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from formkit import BORDER, needs_shared, shared_form, shared_forms
from testimonio.forms.loader import load_bytes, load_file, load_questionnaire
from testimonio.forms.model import (
    DEFAULT_LANG,
    QUESTION_TYPES,
    Group,
    Privacy,
    Question,
    Questionnaire,
)
from testimonio.forms.xlsform_build import split_language


def write_xlsform(path: Path, survey: list[dict[str, Any]],
                  choices: list[dict[str, Any]] | None = None,
                  settings: dict[str, Any] | None = None) -> Path:
    """A real .xlsx XLSForm with the given rows (headers from the rows' keys)."""
    book = Workbook()
    sheets: list[tuple[str, list[dict[str, Any]]]] = [("survey", survey)]
    if choices is not None:
        sheets.append(("choices", choices))
    if settings is not None:
        sheets.append(("settings", [settings]))
    first = True
    for title, rows in sheets:
        ws = book.active if first else book.create_sheet(title)
        assert ws is not None
        ws.title = title
        first = False
        headers: list[str] = []
        for row in rows:
            headers.extend(k for k in row if k not in headers)
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
    book.save(path)
    return path


@needs_shared
def test_every_shared_valid_form_loads() -> None:
    valid_files = shared_forms("valid")
    assert len(valid_files) == 7
    for path in valid_files:
        q = load_questionnaire(path)
        assert isinstance(q, Questionnaire)
        assert q.form_id
        assert list(q.questions()), path.name
        for node in q.walk():
            assert node.row is not None and node.row >= 2, (path.name, node.path)
            if isinstance(node, Question):
                assert node.type in QUESTION_TYPES, (path.name, node.path, node.type)


def test_spec_test_form_in_detail() -> None:
    result = load_file(shared_form("valid", "xlsform_spec_test.xlsx"))
    q = result.questionnaire
    assert q.languages == ("english", "chinese")
    assert q.default_language == "english"
    assert q.title.get(None) == "Spec test"
    everything = q.node("everything")
    assert isinstance(everything, Group) and everything.row == 3
    assert everything.relevant == "not(selected(${skip_to_end}, 'yes'))"
    decimal = q.node("everything/a_decimal")
    assert isinstance(decimal, Question)
    assert (decimal.type, decimal.row, decimal.constraint) == ("decimal", 14, ". <= ${a_integer}")
    repeat = q.node("everything/repeat_test")
    assert isinstance(repeat, Group) and repeat.repeat and repeat.repeat_count
    required = q.node("everything/repeat_test/group_test/required_text")
    assert isinstance(required, Question) and required.required == "true()"
    assert required.row == 17
    address = q.node("everything/address")
    assert isinstance(address, Question)
    assert address.label.get("chinese") == "您好"
    assert address.label.get("english") == "Enter an address"
    skip = q.node("skip_to_end")
    assert isinstance(skip, Question) and skip.type == "select_one"
    assert [c.name for c in skip.choices] == ["yes", "no"]
    assert skip.choices[0].label.get("chinese") == "是"
    assert skip.choices[0].label.get("english") == "Yes"  # falls back to the default column
    # Widgets we cannot record are notes, and the summary says so.
    phone = q.node("everything/phonenumber")
    assert isinstance(phone, Question) and phone.type == "note"
    assert any("phonenumber" in w for w in result.warnings)
    assert q.node("everything/video_test").type == "file"  # type: ignore[union-attr]
    assert q.node("everything/barcode_test").type == "text"  # type: ignore[union-attr]


def test_translated_form_keeps_language_codes_and_names() -> None:
    q = load_questionnaire(shared_form("valid", "ucl_biomass_plot.xlsx"))
    assert set(q.languages) == {"sw", "en"}
    assert dict(q.language_names) == {"sw": "Swahili", "en": "English"}
    stems = q.node("trees/stems")
    assert isinstance(stems, Group) and stems.repeat_count == "${stem_count}"
    radius = q.node("location/slope_radius")
    assert isinstance(radius, Question) and radius.type == "calculate"
    assert radius.calculation and "sqrt(cos(atan(" in radius.calculation
    msg = q.node("trees/tree_distance")
    assert isinstance(msg, Question)
    assert msg.constraint_message.get("en") == "Check distance. Tree is outside the plot."
    assert msg.constraint_message.get("sw") == "Hakikisha Kipimo. Mti iko nje."
    image = q.node("location/center_image")
    assert isinstance(image, Question) and image.parameters == {"max-pixels": "3840"}


def test_choices_from_a_separate_file_become_free_text_with_a_warning() -> None:
    result = load_file(shared_form("valid", "ucl_biomass_plot.xlsx"))
    region = result.questionnaire.node("location/region_id")
    assert isinstance(region, Question)
    assert region.type == "text" and region.choices == () and region.row == 16
    assert any("UCL_regions.csv" in w for w in result.warnings)


def test_loop_expands_per_choice_and_or_other() -> None:
    q = load_questionnaire(shared_form("valid", "loop.xlsx"))
    loop = q.node("loop_toilet_types")
    assert isinstance(loop, Group)
    assert [g.name for g in loop.children] == [
        "pit_latrine_with_slab", "open_pit_latrine", "bucket_system", "other"]
    number = q.node("loop_toilet_types/bucket_system/number")
    assert isinstance(number, Question) and number.type == "integer"
    assert number.label.get("english") == "How many Bucket system are on the premises?"
    toilets = q.node("available_toilet_types")
    assert isinstance(toilets, Question) and toilets.or_other
    assert toilets.choices[-1].name == "other"
    assert q.has_path("available_toilet_types_other")


def test_choice_filter_and_extra_choice_columns() -> None:
    q = load_questionnaire(shared_form("valid", "choice_filter.xlsx"))
    filtered = [n for n in q.questions() if n.choice_filter]
    assert filtered
    assert any(c.extra for n in filtered for c in n.choices)


def test_every_column_of_our_own_form(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "mine.xlsx", [
        {"type": "text", "name": "alias", "label::Español (es)": "Alias",
         "label::English (en)": "Alias", "privacy": "safe"},
        {"type": "integer", "name": "age", "label::Español (es)": "Edad",
         "label::English (en)": "Age", "hint::Español (es)": "En años",
         "hint::English (en)": "In years", "required": "yes",
         "required_message::Español (es)": "Falta", "required_message::English (en)": "Missing",
         "constraint": ". <= 110", "constraint_message::Español (es)": "Demasiado",
         "constraint_message::English (en)": "Too old", "privacy": "Quasi",
         "privacy_band": 5, "appearance": "numbers", "default": "30"},
        {"type": "begin_repeat", "name": "kids", "label::Español (es)": "Hijos",
         "label::English (en)": "Children", "repeat_count": "${age} div 10",
         "relevant": "${age} > 18"},
        {"type": "select_one yn", "name": "school", "label::Español (es)": "Escuela",
         "label::English (en)": "School", "read_only": "yes"},
        {"type": "end_repeat"},
        {"type": "calculate", "name": "twice", "calculation": "${age} * 2",
         "privacy": "identifier"},
    ], choices=[
        {"list_name": "yn", "name": "y", "label::Español (es)": "Sí", "label::English (en)": "Yes"},
        {"list_name": "yn", "name": "n", "label::Español (es)": "No", "label::English (en)": "No"},
    ], settings={"form_id": "mine", "version": "7", "form_title": "Mía",
                 "default_language": "English (en)"})
    q = load_questionnaire(path)
    assert (q.form_id, q.version, q.title.get("es")) == ("mine", "7", "Mía")
    assert q.languages == ("es", "en") and q.default_language == "en"
    assert dict(q.language_names) == {"es": "Español", "en": "English"}
    alias = q.node("alias")
    assert isinstance(alias, Question) and alias.privacy is Privacy.SAFE and alias.row == 2
    age = q.node("age")
    assert isinstance(age, Question)
    assert (age.privacy, age.privacy_band, age.row) == (Privacy.QUASI, 5, 3)
    assert age.hint.get("en") == "In years" and age.hint.get("es") == "En años"
    assert age.required == "true()" and age.required_message.get("es") == "Falta"
    assert age.constraint_message.get("en") == "Too old"
    assert (age.appearance, age.default) == ("numbers", "30")
    kids = q.node("kids")
    assert isinstance(kids, Group) and kids.repeat and kids.row == 4
    assert (kids.repeat_count, kids.relevant) == ("${age} div 10", "${age} > 18")
    school = q.node("kids/school")
    assert isinstance(school, Question) and school.read_only == "true()" and school.row == 5
    assert school.list_name == "yn" and school.choices[0].label.get("es") == "Sí"
    assert school.privacy is Privacy.DEFAULT and school.privacy_band == 10
    twice = q.node("twice")
    assert isinstance(twice, Question) and twice.privacy is Privacy.IDENTIFIER
    assert twice.calculation == "${age} * 2" and not twice.takes_input


def test_untranslated_form_uses_the_default_language(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "plain.xlsx", [
        {"type": "text", "name": "a", "label": "A", "required": "no"},
        {"type": "note", "label": "just a note"},
    ])
    q = load_questionnaire(path)
    assert q.languages == (DEFAULT_LANG,) and q.default_language == DEFAULT_LANG
    assert q.form_id == "plain"  # the file name when settings give no id
    a = q.node("a")
    assert isinstance(a, Question) and a.required is None and a.label.get("es") == "A"
    notes = [n for n in q.questions() if n.type == "note"]
    assert len(notes) == 1 and notes[0].row == 3


@pytest.mark.parametrize("path", [BORDER, "tutorial.xls"], ids=["xlsx", "xls"])
def test_bytes_and_file_give_the_same_questionnaire(path: Path | str) -> None:
    if isinstance(path, str):
        path = shared_form("valid", path)  # no .xls writer here: the conformance copy
    from_file = load_file(path)
    from_bytes = load_bytes(path.read_bytes(), path.name)
    assert from_file.questionnaire == from_bytes.questionnaire
    assert from_file.sha256 == from_bytes.sha256 and len(from_file.sha256) == 64


def test_questionnaire_is_immutable() -> None:
    q = load_questionnaire(BORDER)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.form_id = "other"  # type: ignore[misc]
    first = next(q.questions())
    with pytest.raises(TypeError):
        first.parameters["x"] = "y"  # type: ignore[index]
    with pytest.raises(TypeError):
        first.label.by_lang["xx"] = "y"  # type: ignore[index]


def test_nodes_made_without_init_are_what_init_makes() -> None:
    """The builder makes questions, choices and texts with model.made (no frozen
    __init__): each has every field, equals and prints as cls(**fields), stays frozen
    (the shipped border questionnaire, and ../shared's valid forms when present)."""
    seen: set[type] = set()
    for path in [BORDER, *shared_forms("valid")]:
        q = load_questionnaire(path)
        made = [*q.questions(), *(c for choices in q.choice_lists.values() for c in choices)]
        made += [t for n in q.questions() for t in (n.label, n.hint, n.required_message, n.constraint_message)]
        for obj in made:
            names = [f.name for f in dataclasses.fields(obj)]
            assert sorted(vars(obj)) == sorted(names), (path, obj)
            again = type(obj)(**{name: getattr(obj, name) for name in names})
            assert again == obj and repr(again) == repr(obj)
            seen.add(type(obj))
        with pytest.raises(dataclasses.FrozenInstanceError):
            next(q.questions()).name = "other"  # type: ignore[misc]
    assert len(seen) == 3  # Question, Choice, Text


@pytest.mark.parametrize(("key", "expected"), [
    ("Español (es)", ("es", "Español")),
    ("English (en)", ("en", "English")),
    ("Kiswahili (sw-KE)", ("sw-KE", "Kiswahili")),
    ("english", ("english", "english")),
    ("default", ("default", "default")),
])
def test_split_language(key: str, expected: tuple[str, str]) -> None:
    assert split_language(key) == expected
