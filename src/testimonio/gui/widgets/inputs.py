"""The input for each question: picks the widget class by type and appearance.

Apart from question_widgets.py (the base class every input module imports),
so that the imports form no circle.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from testimonio.forms.model import Question
from testimonio.gui.widgets.choice_inputs import (
    RankInput,
    SelectMultipleChecks,
    SelectMultipleList,
    SelectOneList,
    SelectOneRadio,
)
from testimonio.gui.widgets.date_inputs import DateInput, DateTimeInput, TimeInput
from testimonio.gui.widgets.misc_inputs import (
    AcknowledgeInput,
    GeopointInput,
    RangeInput,
    ReadOnlyInput,
)
from testimonio.gui.widgets.question_widgets import LONG_LIST, ChoiceItem, QuestionInput
from testimonio.gui.widgets.text_inputs import DecimalInput, IntegerInput, TextInput

#: Inputs chosen by the question's type alone.
_BY_TYPE: dict[str, type[QuestionInput]] = {
    "integer": IntegerInput, "decimal": DecimalInput,
    "date": DateInput, "today": DateInput, "time": TimeInput,
    "dateTime": DateTimeInput, "start": DateTimeInput, "end": DateTimeInput,
    "rank": RankInput, "acknowledge": AcknowledgeInput, "geopoint": GeopointInput,
}
#: Selects: (short list, long or searchable list).
_SELECTS: dict[str, tuple[type[QuestionInput], type[QuestionInput]]] = {
    "select_one": (SelectOneRadio, SelectOneList),
    "select_multiple": (SelectMultipleChecks, SelectMultipleList),
}


def create_input(question: Question, choices: Sequence[ChoiceItem] = (),
                 parent: QWidget | None = None) -> QuestionInput:
    """The fitting input for a question's type and appearance."""
    kind = question.type
    appearance = question.appearance or ""
    widget: QuestionInput
    if question.range is not None and kind in ("integer", "decimal"):
        widget = RangeInput(question, parent=parent)
    elif kind == "text":
        widget = TextInput(question, multiline="multiline" in appearance, parent=parent)
    elif kind in _SELECTS:
        long_list = (len(choices) > LONG_LIST or "search" in appearance
                     or "autocomplete" in appearance)
        widget = _SELECTS[kind][long_list](question, parent=parent)
    else:
        # Metadata, calculations and anything we only show: read only.
        widget = _BY_TYPE.get(kind, ReadOnlyInput)(question, parent=parent)
    if choices:
        widget.set_choices(choices)
    return widget
