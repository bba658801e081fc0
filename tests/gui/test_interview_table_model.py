"""The interview table model: Qt's model checks, paging, sorting, filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from conftest import add_interviews
from testimonio.gui.models import interview_table_model as itm
from testimonio.gui.models.interview_table_model import ID_ROLE, InterviewTableModel


def test_qt_model_tester_passes(qtmodeltester: Any, context: Any, interviews: list[str]) -> None:
    model = InterviewTableModel(context.interviews)
    assert model.rowCount() == 12 and model.columnCount() == 7
    qtmodeltester.check(model, force_py=True)
    model.set_filter(site="Tumbes")
    qtmodeltester.check(model, force_py=True)


def test_rows_show_alias_site_questionnaire_status(context: Any, interviews: list[str]) -> None:
    model = InterviewTableModel(context.interviews)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    row = [model.data(model.index(0, c)) for c in range(6)]
    assert row[0] == "Persona 0000"
    assert row[1] in ("Tumbes", "Huaquillas")
    assert row[2].startswith("border_testimony")
    assert row[4] == "Draft"
    assert row[3] and row[5]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Alias", "Site", "Questionnaire", "Date", "Status", "Last change"]
    assert model.data(model.index(0, 0), ID_ROLE) in interviews


def test_only_the_pages_looked_at_are_read(monkeypatch: Any, context: Any, border: Any) -> None:
    monkeypatch.setattr(itm, "PAGE_SIZE", 10)
    add_interviews(context, border, 45)
    model = InterviewTableModel(context.interviews)
    assert model.rowCount() == 45 and model.queries == 1  # the first page, shown at once
    model.data(model.index(44, 0))
    model.data(model.index(40, 1))
    assert model.queries == 2
    model.data(model.index(0, 0))
    assert model.queries == 2
    model.data(model.index(15, 0))
    assert model.queries == 3
    seen = {model.data(model.index(r, 0), ID_ROLE) for r in range(45)}
    assert len(seen) == 45


def test_sorting_and_filters_go_to_the_vault_query(context: Any, interviews: list[str]) -> None:
    model = InterviewTableModel(context.interviews)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "Persona 0011"
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "Persona 0000"
    model.set_filter(site="Huaquillas")
    assert model.rowCount() == 6
    assert {model.data(model.index(r, 1)) for r in range(6)} == {"Huaquillas"}
    model.set_filter(site=None, search="0007")
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "Persona 0007"
    model.set_filter(search="", status="complete")
    assert model.rowCount() == 0
    model.clear()
    assert model.rowCount() == 0


def test_the_keyboard_reaches_the_last_rows_read_from_the_end(
        monkeypatch: Any, qtbot: Any, context: Any, border: Any) -> None:
    """Ctrl+End in the list, then Page Up: the rows the model reads from the nearer end
    with the count it kept are those a walk from the start gives, in the same order."""
    from PySide6.QtWidgets import QTableView

    monkeypatch.setattr(itm, "PAGE_SIZE", 10)
    add_interviews(context, border, 45)
    model = InterviewTableModel(context.interviews)
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.setCurrentIndex(model.index(0, 0))
    view.setFocus()
    walked = [s.id for s in context.interviews.page(model._query(0, 45))]
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().row() == 44
    assert model.data(view.currentIndex(), ID_ROLE) == walked[44]
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    row = view.currentIndex().row()
    assert row < 44 and model.data(view.currentIndex(), ID_ROLE) == walked[row]
    assert [model.data(model.index(r, 0), ID_ROLE) for r in range(45)] == walked
