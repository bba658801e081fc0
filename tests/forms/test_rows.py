"""The first pass over the survey rows (forms.xlsform_rows): reading a row by
the form's headers gives what reading every cell gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from formkit import BORDER, shared_forms
from testimonio.errors import FormError
from testimonio.forms import xlsform_rows
from testimonio.forms.xlsform_read import read_definition
from testimonio.forms.xlsform_rows import RowInfo, SurveyRows


def _rows(survey: list[dict[str, str]]) -> dict[str, list[RowInfo]]:
    rows = SurveyRows(survey, "form.xlsx")
    out: dict[str, list[RowInfo]] = {}
    for name in {*rows._first, *rows._more}:
        while (info := rows.take(name)) is not None:
            out.setdefault(name, []).append(info)
    return out


@pytest.mark.parametrize("path", [BORDER, *shared_forms("valid")], ids=lambda p: Path(p).name)
def test_reading_by_headers_is_reading_every_cell(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    survey = read_definition(path.read_bytes(), path.name, path.stem).survey
    by_headers = _rows(survey)
    monkeypatch.setattr(xlsform_rows, "_readers", lambda _headers: None)  # every row read whole
    assert _rows(survey) == by_headers and by_headers


def test_two_headers_of_one_column_the_later_wins() -> None:
    survey = [{"type": "integer", "name": "a", "Privacy": "quasi", "privacy": "identifier"},
              {"type": "integer", "name": "b", "privacy": "safe", "Privacy": "quasi"}]
    found = _rows(survey)
    assert [found["a"][0].privacy.value, found["b"][0].privacy.value] == ["identifier", "quasi"]
    with pytest.raises(FormError) as refused:
        SurveyRows([{"type": "integer", "name": "a", "privacy": "no", "PRIVACY": "secret"}], "form.xlsx")
    assert refused.value.column == "privacy" and "'secret'" in str(refused.value)


def test_a_name_used_again_is_taken_in_form_order() -> None:
    survey = [{"type": "begin group", "name": "g"}, {"type": "text", "name": "a"}, {"type": "end group"},
              {"type": "begin group", "name": "h"}, {"type": "text", "name": "a"}, {"type": "end group"},
              {"type": "text", "name": "a", "disabled": "yes"}, {"type": "integer", "name": "a"}]
    rows = SurveyRows(survey, "form.xlsx")
    assert [info.row for info in iter(lambda: rows.take("a"), None)] == [3, 6, 9]
    assert rows.take("g") is not None and rows.take("g") is None
