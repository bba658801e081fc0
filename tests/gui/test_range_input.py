"""``range`` questions: a slider and a spin box on the form's start, end and step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from testimonio.forms.model import Question, Text
from testimonio.gui.widgets.inputs import create_input
from testimonio.gui.widgets.misc_inputs import RangeInput


def _range(qtbot, bounds: tuple[float, float, float], kind: str = "integer",  # noqa: ANN001
           appearance: str = "") -> RangeInput:
    q = Question(name="r", path="r", type=kind, label=Text({"en": "R"}), range=bounds, appearance=appearance)
    widget = create_input(q)
    assert isinstance(widget, RangeInput)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_spin_box_steps_from_empty_to_the_start_and_stops_at_the_end(qtbot) -> None:  # noqa: ANN001
    widget = _range(qtbot, (1, 5, 2))
    assert widget.value() is None and widget.spin.text() == "—"
    edited: list[object] = []
    widget.edited.connect(edited.append)
    widget.spin.setFocus()
    qtbot.keyClick(widget.spin, Qt.Key.Key_Up)
    assert widget.value() == 1 and edited[-1] == 1
    for _ in range(5):
        qtbot.keyClick(widget.spin, Qt.Key.Key_Up)
    assert widget.value() == 5
    assert widget.slider is not None and widget.slider.value() == 2  # 1, 3, 5: the third mark


def test_slider_keys_move_by_the_step_for_decimals(qtbot) -> None:  # noqa: ANN001
    widget = _range(qtbot, (0, 1, 0.25), kind="decimal")
    assert widget.slider is not None
    widget.slider.setFocus()
    qtbot.keyClick(widget.slider, Qt.Key.Key_Right)
    qtbot.keyClick(widget.slider, Qt.Key.Key_Right)
    assert widget.value() == 0.5
    widget.set_value(0.75)
    assert widget.slider.value() == 3 and widget.spin.value() == 0.75
    widget.set_value(None)
    assert widget.value() is None


def test_picker_appearance_shows_only_the_spin_box(qtbot) -> None:  # noqa: ANN001
    widget = _range(qtbot, (10, 100, 10), appearance="picker")
    assert widget.slider is None and widget.focus_widgets() == [widget.spin]
