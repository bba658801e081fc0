"""Each question input, driven with the keyboard and mouse through qtbot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from testimonio.forms.expr.values import with_local_offset
from testimonio.forms.model import Question, Text
from testimonio.gui.widgets.attachment_widget import AttachmentInput, sniff_mime, thumbnail
from testimonio.gui.widgets.choice_inputs import (
    RankInput,
    SelectMultipleChecks,
    SelectMultipleList,
    SelectOneList,
    SelectOneRadio,
)
from testimonio.gui.widgets.date_inputs import DateInput, DateTimeInput, TimeInput, parse_date
from testimonio.gui.widgets.inputs import create_input
from testimonio.gui.widgets.misc_inputs import AcknowledgeInput, GeopointInput
from testimonio.gui.widgets.question_widgets import QuestionInput
from testimonio.gui.widgets.text_inputs import DecimalInput, IntegerInput, TextInput

SHORT = [("yes", "Yes"), ("no", "No")]
LONG = [(f"c{i}", f"Country {i}") for i in range(12)]


def question(kind: str, appearance: str = "") -> Question:
    return Question(name="q", path="q", type=kind, label=Text({"en": "Q"}), appearance=appearance)


def made(qtbot, kind: str, choices=(), appearance: str = "") -> QuestionInput:  # noqa: ANN001
    widget = create_input(question(kind, appearance), choices)
    qtbot.addWidget(widget)
    widget.set_accessible_name("The question")
    widget.show()
    return widget


def first_edit(widget: QuestionInput) -> QLineEdit:
    edit = widget.focus_widgets()[0]
    assert isinstance(edit, QLineEdit)
    return edit


def test_factory_picks_the_fitting_widget(qtbot) -> None:  # noqa: ANN001
    expected = {
        ("text", ()): TextInput, ("integer", ()): IntegerInput, ("decimal", ()): DecimalInput,
        ("date", ()): DateInput, ("time", ()): TimeInput, ("dateTime", ()): DateTimeInput,
        ("select_one", tuple(SHORT)): SelectOneRadio, ("select_one", tuple(LONG)): SelectOneList,
        ("select_multiple", tuple(SHORT)): SelectMultipleChecks,
        ("select_multiple", tuple(LONG)): SelectMultipleList,
        ("rank", tuple(SHORT)): RankInput, ("acknowledge", ()): AcknowledgeInput,
        ("geopoint", ()): GeopointInput,
    }
    for (kind, choices), cls in expected.items():
        widget = made(qtbot, kind, choices)
        assert type(widget) is cls, kind
        # Every focusable part is named after the question, for screen readers.
        for part in widget.focus_widgets():
            assert part.accessibleName().startswith("The question"), (kind, part)


def test_text_edits_commit_on_enter_and_advance(qtbot) -> None:  # noqa: ANN001
    widget = made(qtbot, "text")
    edited, committed, advanced = [], [], []
    widget.edited.connect(edited.append)
    widget.committed.connect(committed.append)
    widget.advance.connect(lambda: advanced.append(True))
    qtbot.keyClicks(first_edit(widget), "Ana")
    assert edited[-1] == "Ana" and len(edited) == 3
    qtbot.keyClick(first_edit(widget), Qt.Key.Key_Return)
    assert committed == ["Ana"] and advanced == [True]
    widget.set_value(None)
    assert widget.value() is None


def test_numbers_refuse_letters_and_read_commas(qtbot) -> None:  # noqa: ANN001
    integer = made(qtbot, "integer")
    qtbot.keyClicks(first_edit(integer), "4x2")
    assert integer.value() == 42
    decimal = made(qtbot, "decimal")
    qtbot.keyClicks(first_edit(decimal), "61,5")
    assert decimal.value() == pytest.approx(61.5)
    decimal.set_value(70.0)
    assert first_edit(decimal).text() == "70"


def test_dates_typed_or_picked_on_the_calendar(qtbot) -> None:  # noqa: ANN001
    widget = made(qtbot, "date")
    assert isinstance(widget, DateInput)
    qtbot.keyClicks(first_edit(widget), "2019-11-3")
    assert widget.value() is None  # not a full date yet
    qtbot.keyClicks(first_edit(widget), "0")
    assert widget.value() == "2019-11-30"
    committed: list[object] = []
    widget.committed.connect(committed.append)
    widget._field.calendar.clicked.emit(QDate(2019, 12, 1))
    assert committed == ["2019-12-01"]
    clock = made(qtbot, "time")
    qtbot.keyClicks(first_edit(clock), "7:45")
    assert clock.value() == "07:45"
    both = made(qtbot, "dateTime")
    both.set_value("2019-11-30T08:15")
    assert both.value() == with_local_offset("2019-11-30T08:15")  # kept with the local offset
    assert str(both.value()).startswith("2019-11-30T08:15")


def test_select_one_radio_click_and_clear(qtbot) -> None:  # noqa: ANN001
    widget = made(qtbot, "select_one", SHORT)
    assert isinstance(widget, SelectOneRadio)
    committed: list[object] = []
    widget.committed.connect(committed.append)
    qtbot.mouseClick(widget.buttons()["no"], Qt.MouseButton.LeftButton)
    assert widget.value() == "no" and committed == ["no"]
    qtbot.mouseClick(widget._clear, Qt.MouseButton.LeftButton)
    assert widget.value() is None and committed[-1] is None
    # New labels (a language switch) keep the answer.
    widget.set_value("yes")
    widget.set_choices([("yes", "Sí"), ("no", "No")])
    assert widget.value() == "yes" and widget.buttons()["yes"].text() == "Sí"


def test_long_select_one_is_searchable(qtbot) -> None:  # noqa: ANN001
    widget = made(qtbot, "select_one", LONG)
    assert isinstance(widget, SelectOneList)
    qtbot.keyClicks(widget.search, "try 11")
    assert widget.proxy.rowCount() == 1
    index = widget.proxy.index(0, 0)
    rect = widget.view.visualRect(index)
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert widget.value() == "c11"
    # Keyboard only: search until one is left, Enter picks it and moves on.
    committed: list[object] = []
    widget.committed.connect(committed.append)
    widget.search.clear()
    qtbot.keyClicks(widget.search, "country 4")
    qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    assert widget.value() == "c4" and committed == ["c4"]


DOCUMENTS = [("id", "Solo cédula de identidad"), ("passport", "Pasaporte"),
             ("peru", "Visa humanitaria peruana"), ("ptp", "PTP de una estancia anterior"),
             ("andean", "Tarjeta Andina de Migración"), ("stamps", "Sellos de entrada y salida"),
             ("births", "Partidas de nacimiento"), ("none", "Ninguno"), ("niño", "NIÑO Ñandú"),
             ("tr", "İstanbul")]


@pytest.mark.parametrize(("typed", "found"), [
    ("cedula", ["id"]), ("CÉDULA", ["id"]), ("ced ", ["id"]), ("  migracion", ["andean"]),
    ("nino", ["niño"]), ("ñandu", ["niño"]), ("de", ["id", "ptp", "andean", "stamps", "births"]),
    ("istanbul", ["tr"]), ("xyz", []),
])
def test_the_choice_search_ignores_accents_case_and_spaces_at_the_ends(
        qtbot, typed: str, found: list[str]) -> None:  # noqa: ANN001
    for kind in ("select_one", "select_multiple"):
        widget = made(qtbot, kind, DOCUMENTS)
        if typed.isascii():
            qtbot.keyClicks(widget.search, typed)
        else:  # QTest types ASCII only
            widget.search.setText(typed)
        shown = [widget.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(widget.proxy.rowCount())]
        assert shown == found, (kind, typed)


def test_down_from_the_search_reaches_the_choices_it_left(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QApplication

    checklist = made(qtbot, "select_multiple", DOCUMENTS)
    checklist.window().activateWindow()
    qtbot.waitUntil(checklist.window().isActiveWindow)
    checklist.search.setFocus()
    qtbot.keyClicks(checklist.search, "cedula")
    qtbot.keyClick(checklist.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is checklist.view and checklist.view.currentIndex().row() == 0
    assert checklist.value() is None  # the cursor is on it, nothing chosen yet
    qtbot.keyClick(checklist.view, Qt.Key.Key_Space)
    assert checklist.value() == ["id"]
    qtbot.keyClick(checklist.view, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is checklist.search
    one = made(qtbot, "select_one", LONG)
    committed: list[object] = []
    one.committed.connect(committed.append)
    one.search.setFocus()
    qtbot.keyClicks(one.search, "country 1")  # Country 1, 10, 11
    qtbot.keyClick(one.search, Qt.Key.Key_Down)
    qtbot.keyClick(one.view, Qt.Key.Key_Down)
    assert one.value() is None
    qtbot.keyClick(one.view, Qt.Key.Key_Return)
    assert one.value() == "c10" and committed == ["c10"]


def test_select_multiple_checks_and_checklist(qtbot) -> None:  # noqa: ANN001
    checks = made(qtbot, "select_multiple", SHORT)
    assert isinstance(checks, SelectMultipleChecks)
    qtbot.mouseClick(checks.boxes()["yes"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(checks.boxes()["no"], Qt.MouseButton.LeftButton)
    assert checks.value() == ["yes", "no"]
    checklist = made(qtbot, "select_multiple", LONG)
    assert isinstance(checklist, SelectMultipleList)
    committed: list[object] = []
    checklist.committed.connect(committed.append)
    checklist.model.item(3).setCheckState(Qt.CheckState.Checked)
    assert committed[-1] == ["c3"]
    checklist.set_value(["c1", "c2"])
    assert checklist.value() == ["c1", "c2"]


def test_rank_moves_and_stays_empty_until_ranked(qtbot) -> None:  # noqa: ANN001
    widget = made(qtbot, "rank", [("a", "A"), ("b", "B"), ("c", "C")])
    assert isinstance(widget, RankInput)
    assert widget.value() is None
    widget.view.setCurrentIndex(widget.model.index(2, 0))
    qtbot.mouseClick(widget.up, Qt.MouseButton.LeftButton)
    assert widget.value() == ["a", "c", "b"]
    widget.set_value(["c", "b", "a"])
    assert widget.value() == ["c", "b", "a"]


def test_acknowledge_and_geopoint(qtbot) -> None:  # noqa: ANN001
    ack = made(qtbot, "acknowledge")
    assert isinstance(ack, AcknowledgeInput)
    qtbot.mouseClick(ack.box, Qt.MouseButton.LeftButton)
    assert ack.value() == "OK"
    geo = made(qtbot, "geopoint")
    assert isinstance(geo, GeopointInput)
    qtbot.keyClicks(geo.fields[0], "-3,55")
    assert geo.value() is None  # longitude missing
    qtbot.keyClicks(geo.fields[1], "-80.45")
    assert geo.value() == "-3.55 -80.45 0 0"


def test_read_only_inputs_cannot_change(qtbot) -> None:  # noqa: ANN001
    text = made(qtbot, "text")
    text.set_value("kept")
    text.set_read_only(True)
    qtbot.keyClicks(first_edit(text), "xyz")
    assert text.value() == "kept"
    radio = made(qtbot, "select_one", SHORT)
    radio.set_read_only(True)
    assert not radio.buttons()["yes"].isEnabled()


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    """A real PNG made in memory."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def test_attachment_input_stores_bytes_through_its_callables(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    store: dict[str, tuple[bytes, str]] = {}
    PNG = png_bytes()  # noqa: N806

    def put(data: bytes, mime: str) -> str:
        store[str(len(store) + 1)] = (data, mime)
        return str(len(store))

    widget = AttachmentInput(question("image"), put, store.get, lambda i: store.pop(i), None)
    qtbot.addWidget(widget)
    photo = tmp_path / "doc.png"
    photo.write_bytes(PNG)
    assert widget.add_file(photo)
    assert widget.value() == "1" and store["1"] == (PNG, "image/png")
    assert widget.preview.pixmap() is not None and not widget.preview.pixmap().isNull()
    widget.remove(confirm=False)
    assert widget.value() is None and store == {}
    assert sniff_mime(b"%PDF-1.7 ...") == "application/pdf"
    assert sniff_mime(b"MZ\x90\x00") is None
    assert thumbnail(PNG, "image/png") is not None


def test_every_input_keeps_enter_for_next_question(qtbot) -> None:  # noqa: ANN001
    for kind, choices in [("integer", ()), ("date", ()), ("select_one", SHORT),
                          ("acknowledge", ()), ("geopoint", ())]:
        widget = made(qtbot, kind, choices)
        advanced: list[bool] = []
        widget.advance.connect(lambda a=advanced: a.append(True))
        part: QWidget = widget.focus_widgets()[0]
        qtbot.keyClick(part, Qt.Key.Key_Return)
        assert advanced == [True], kind


def test_choosing_a_file_leaves_no_folder_history(qtbot, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    photo = tmp_path / "Maria_Perez_passport.png"
    photo.write_bytes(png_bytes())
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.setValue("FileDialog/lastVisited", str(tmp_path))  # as Qt's dialog leaves it
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(photo), "")))
    stored: dict[str, tuple[bytes, str]] = {}
    widget = AttachmentInput(question("image"), lambda d, m: stored.setdefault("1", (d, m)) and "1",
                             stored.get, stored.pop, None)
    qtbot.addWidget(widget)
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    assert widget.value() == "1"
    settings.sync()
    assert settings.value("FileDialog/lastVisited") is None


@pytest.mark.parametrize(("typed", "stored"), [
    ("15032024", "2024-03-15"), ("20240315", "2024-03-15"), ("01011900", "1900-01-01"),
    ("31122099", "2099-12-31"), ("19102020", "2020-10-19"), ("20100512", "2010-05-12"),
    (" 15032024 ", "2024-03-15"),
    ("31022024", None),  # no 31 February
    ("12345678", None),  # neither reading has a year from 1900 to 2099
    ("00000000", None), ("1503202", None), ("150320245", None),
    ("١٥٠٣٢٠٢٤", None),  # other digits than ASCII's
])
def test_eight_digits_are_a_date_in_the_one_way_they_can_be(typed: str, stored: str | None) -> None:
    assert parse_date(typed) == stored


@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)))
def test_any_day_typed_as_digits_comes_back_either_way(day: date) -> None:
    assert parse_date(day.strftime("%d%m%Y")) == day.isoformat()
    assert parse_date(day.strftime("%Y%m%d")) == day.isoformat()
