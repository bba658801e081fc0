"""The data view's cell words and marks, per role, for each reason a cell looks as it does."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from testimonio.exchange import derived
from testimonio.forms.model import Choice, Question, Text
from testimonio.gui.models.data_table_model import _GENERALISED, _WITHHELD, _Cells
from testimonio.services.data_view import DataColumn

R = Qt.ItemDataRole
GENDER = Question(name="gender", path="gender", type="select_one",
                  choices=(Choice("female", Text({"en": "Woman"})), Choice("male", Text({"en": "Man"}))))
AGE = Question(name="age", path="age", type="integer")


def _all(cells: _Cells, column: DataColumn, value: Any, imported: bool = True) -> dict[str, Any]:
    roles = {"text": R.DisplayRole, "tip": R.ToolTipRole, "colour": R.ForegroundRole, "font": R.FontRole,
             "spoken": R.AccessibleDescriptionRole, "other": R.DecorationRole}
    return {name: cells.cell(column, value, imported, role) for name, role in roles.items()}


def test_cells_per_reason(app: object) -> None:
    cells = _Cells()
    cells.lang, cells.default_language = "en", "en"
    plain = _all(cells, DataColumn("gender", "Gender", GENDER), ["female", "male"])
    assert plain == {"text": "Woman; Man", "tip": "Woman; Man", "colour": None, "font": None, "spoken": None,
                     "other": None}
    assert _all(cells, DataColumn("gender", "Gender", GENDER), None)["tip"] is None  # unanswered: no tooltip
    withheld = _all(cells, DataColumn("account", "Account", leaves=derived.REVIEW), "")
    assert withheld["text"] == "not sent" and "released it for export" in withheld["tip"]
    assert withheld["colour"] == _WITHHELD and withheld["font"].italic()
    assert withheld["spoken"] == withheld["tip"]
    never = _all(cells, DataColumn("age_band", "Age band", leaves=derived.STAYS), None)
    assert "never sent" in never["tip"].lower() and never["colour"] == _WITHHELD
    # The same empty cell in an interview taken in this vault was simply not answered.
    own = _all(cells, DataColumn("account", "Account", leaves=derived.REVIEW), "", imported=False)
    assert own == {"text": "", "tip": None, "colour": None, "font": None, "spoken": None, "other": None}
    generalised = _all(cells, DataColumn("age", "Age", AGE, leaves=derived.QUASI), 30)
    assert generalised["text"] == "30" and "band" in generalised["tip"]
    assert generalised["colour"] == _GENERALISED and generalised["font"] is None
    assert generalised["spoken"] == generalised["tip"]
    own_age = _all(cells, DataColumn("age", "Age", AGE, leaves=derived.QUASI), 30, imported=False)
    assert own_age["tip"] == "30" and own_age["colour"] is None
    assert own_age["spoken"] == generalised["tip"]  # the column's reason, read aloud either way


def test_cells_when_the_bundle_said_what_it_withheld(app: object) -> None:
    cells = _Cells()
    cells.lang, cells.default_language = "en", "en"
    gender = DataColumn("gender", "Gender", GENDER, leaves=derived.QUASI)
    account = DataColumn("account", "Account", leaves=derived.REVIEW)
    said = {"gender": "suppressed", "account": "not-reviewed", "age": "generalised"}

    def look(column: DataColumn, value: Any, withheld: dict[str, str] | None) -> dict[str, Any]:
        roles = {"text": R.DisplayRole, "tip": R.ToolTipRole, "colour": R.ForegroundRole,
                 "font": R.FontRole, "spoken": R.AccessibleDescriptionRole}
        return {name: cells.cell(column, value, True, role, withheld) for name, role in roles.items()}

    suppressed = look(gender, None, said)
    assert suppressed["text"] == "withheld" and "k-anonymity" in suppressed["tip"]
    assert suppressed["colour"] == _WITHHELD and suppressed["font"].italic()
    assert suppressed["spoken"] == suppressed["tip"]
    assert "did not release" in look(account, "", said)["tip"]
    # Not listed, and the bundle said what it withheld: never answered, a plain empty cell.
    assert look(gender, None, {}) == {"text": "", "tip": None, "colour": None, "font": None,
                                      "spoken": None}
    further = look(DataColumn("age", "Age", AGE, leaves=derived.QUASI), "20-39", said)
    assert further["text"] == "20-39" and "step further" in further["tip"]
    assert further["colour"] == _GENERALISED
