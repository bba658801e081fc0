"""Filling a form with select_one_from_file, pulldata, instance() and a range
question in the interview view, with real clicks and keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from test_interview_view_support import open_context, open_view, write_xlsform

from testimonio.gui.widgets.misc_inputs import RangeInput


def cities_form(folder: Path) -> Path:
    form = write_xlsform(folder / "cities.xlsx", [
        {"type": "select_one country", "name": "country", "label": "Country"},
        {"type": "select_one_from_file cities.csv", "name": "city", "label": "City",
         "choice_filter": "country = ${country}"},
        {"type": "calculate", "name": "pop", "calculation": "pulldata('cities', 'pop', 'name', ${city})"},
        {"type": "note", "name": "shown", "label": "${city} has ${pop} thousand people"},
        {"type": "range", "name": "safety", "label": "How safe", "parameters": "start=1 end=5 step=1"},
    ], [{"list_name": "country", "name": "pe", "label": "Perú"},
        {"list_name": "country", "name": "ec", "label": "Ecuador"}],
        {"form_id": "cities", "version": "1"})
    (folder / "cities.csv").write_text("name,label,country,pop\ntum,Tumbes,pe,111\npi,Piura,pe,484\n"
                                       "hua,Huaquillas,ec,57\n", encoding="utf-8")
    return form


def test_choices_from_a_csv_and_pulldata_in_the_interview_view(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    context, interview_id = open_context(tmp_path, cities_form(tmp_path))
    try:
        view = open_view(qtbot, context, interview_id)
        qtbot.mouseClick(view.page.rows["country"].input.buttons()["pe"], Qt.MouseButton.LeftButton)
        city = view.page.rows["city"].input
        qtbot.waitUntil(lambda: "pi" in city.buttons() and city.buttons()["pi"].isVisible(), timeout=2000)
        assert not ("hua" in city.buttons() and city.buttons()["hua"].isVisible())  # filtered by the CSV
        assert city.buttons()["pi"].text() == "Piura"
        qtbot.mouseClick(city.buttons()["pi"], Qt.MouseButton.LeftButton)
        safety = view.page.rows["safety"].input
        assert isinstance(safety, RangeInput)
        safety.spin.setFocus()
        for _ in range(3):
            qtbot.keyClick(safety.spin, Qt.Key.Key_Up)
        qtbot.keyClick(safety.spin, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: view.is_saved(), timeout=2000)
        answers = context.interviews.answers(interview_id)
        assert (answers["city"], answers["pop"], answers["safety"]) == ("pi", "484", 3)
    finally:
        context.lock()
