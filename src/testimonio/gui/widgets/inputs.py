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
    elif kind == "integer":
        widget = IntegerInput(question, parent=parent)
    elif kind == "decimal":
        widget = DecimalInput(question, parent=parent)
    elif kind in ("date", "today"):
        widget = DateInput(question, parent=parent)
    elif kind == "time":
        widget = TimeInput(question, parent=parent)
    elif kind in ("dateTime", "start", "end"):
        widget = DateTimeInput(question, parent=parent)
    elif kind == "select_one":
        long_list = len(choices) > LONG_LIST or "search" in appearance or "autocomplete" in appearance
        cls = SelectOneList if long_list else SelectOneRadio
        widget = cls(question, parent=parent)
    elif kind == "select_multiple":
        long_list = len(choices) > LONG_LIST or "search" in appearance or "autocomplete" in appearance
        cls2 = SelectMultipleList if long_list else SelectMultipleChecks
        widget = cls2(question, parent=parent)
    elif kind == "rank":
        widget = RankInput(question, parent=parent)
    elif kind == "acknowledge":
        widget = AcknowledgeInput(question, parent=parent)
    elif kind == "geopoint":
        widget = GeopointInput(question, parent=parent)
    else:
        # Metadata, calculations and anything we only show.
        widget = ReadOnlyInput(question, parent=parent)
    if choices:
        widget.set_choices(choices)
    return widget
