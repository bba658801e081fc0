"""The lead's data view and the filtered summary, over bundles really imported."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from exchange_setup import add_testimony, team
from PySide6.QtCore import Qt

from smallk import lower_k
from testimonio.gui.views.data_view import DataView
from testimonio.gui.views.summary_view import SummaryView


@pytest.fixture
def lead(app: Any, tmp_path: Path) -> Any:
    world = team(tmp_path)
    lower_k(world.researcher.settings_store, 1)
    for n in range(4):
        add_testimony(world.researcher, n, site=("CEBAF Peru", "Tumbes")[n % 2])
    world.researcher.export.write(tmp_path / "one.tbundle")
    world.lead.import_.import_file(tmp_path / "one.tbundle")
    world.researcher.lock()
    yield world.lead
    world.lead.lock()


def test_the_table_filters_hides_columns_and_marks_what_never_left(qtbot: Any, qtmodeltester: Any,
                                                                    lead: Any) -> None:
    view = DataView(lead)
    qtbot.addWidget(view)
    view.show()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 4
    # The questionnaire by its title, as the interview list names it; id and version on hover.
    assert view.form.itemText(0) == "Testimonio en frontera / Border testimony"
    assert re.fullmatch(r"border_testimony \(\d+\)", view.form.itemData(0, Qt.ItemDataRole.ToolTipRole))
    names = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert "person/gender" in names and "_submitted_by" in names and "person/real_name" not in names
    gender = names.index("person/gender")
    assert {view.model.index(r, gender).data() for r in range(4)} == {"Woman", "Man"} or \
        {view.model.index(r, gender).data() for r in range(4)} == {"Mujer", "Hombre"}
    by = names.index("_submitted_by")
    assert view.model.index(0, by).data() == "Ana Torres"
    # No account was given, and the bundle says nothing was withheld there: a plain empty
    # cell (test_data_view_withheld.py shows the withheld ones).
    cell = view.model.index(0, names.index("leaving/account"))
    assert cell.data() == "" and cell.data(Qt.ItemDataRole.ToolTipRole) is None
    # Filter by a select question's answer, then by site.
    view.question.setCurrentIndex(view.question.findData("person/gender"))
    view.choice.setCurrentIndex(view.choice.findData("female"))
    assert view.model.rowCount() == 2 and "2 interview" in view.count_label.text()
    view.site.setCurrentIndex(view.site.findData("Tumbes"))
    assert view.model.rowCount() == 2  # the odd numbers are women at Tumbes
    view.site.setCurrentIndex(view.site.findData("CEBAF Peru"))
    assert view.model.rowCount() == 0
    view.site.setCurrentIndex(0)
    view.choice.setCurrentIndex(0)
    qtbot.keyClicks(view.search, "Persona 01")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.model.rowCount() == 1
    # A hidden column stays hidden the next time the view opens (remembered in the vault).
    view.set_column_shown("person/age", False)
    again = DataView(lead)
    qtbot.addWidget(again)
    age = [c.name for c in again.columns].index("person/age")
    assert again.table.isColumnHidden(age)
    opened: list[str] = []
    again.open_requested.connect(opened.append)
    again.table.setFocus()
    again.table.selectRow(0)
    qtbot.keyClick(again.table, Qt.Key.Key_Return)
    assert opened == [again.model.interview_id(0)]


def test_the_summary_follows_its_filters_and_saves_each_chart(qtbot: Any, lead: Any,
                                                              tmp_path: Path) -> None:
    lead.settings_store.set("pref.small_counts", "exact")  # the figures compared are exact
    view = SummaryView(lead)
    qtbot.addWidget(view)
    view.resize(1100, 900)
    view.show()
    view.refresh()
    assert view.summary.testimonies == 4  # shown as "fewer than k": small counts are masked
    view.site.setCurrentIndex(view.site.findData("Tumbes"))
    assert view.summary.testimonies == 2
    assert [c.key for c in view.summary.sites] == ["Tumbes"]
    view.site.setCurrentIndex(0)
    assert view.summary.testimonies == 4
    png, svg = tmp_path / "visa.png", tmp_path / "visa.svg"
    assert view.save_chart(view.visa_chart, "png", str(png))
    assert view.save_chart(view.visa_chart, "svg", str(svg))
    from PySide6.QtGui import QImage

    picture = QImage(str(png))
    assert picture.width() >= view.visa_chart.width() * 3  # 300 dpi, not the screen's 96
    assert round(picture.dotsPerMeterX() * 0.0254) == 300
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    written = view.save_all(str(tmp_path / "charts"))
    assert len(written) == 2 * len(view.charts()) and all(Path(p).stat().st_size > 0 for p in written)


def test_the_interview_list_names_the_researcher_and_no_made_up_time(qtbot: Any, lead: Any) -> None:
    from testimonio.gui.models.interview_table_model import COLUMNS
    from testimonio.gui.views.interview_list_view import InterviewListView

    view = InterviewListView(lead)
    qtbot.addWidget(view)
    view.load()
    model = view.model
    names = [c[0] for c in COLUMNS]
    assert model.headerData(names.index("interviewer"), Qt.Orientation.Horizontal) == "Researcher"
    assert {model.index(r, names.index("interviewer")).data() for r in range(4)} == {"Ana Torres"}
    last = model.index(0, names.index("updated")).data()
    # The day or the month as sent, not a made-up "… 00:00" or first of the month.
    assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", last), last
    # One person only: no researcher filter to clutter a researcher's small screen.
    assert view.researcher.isHidden()
    lead.interviews.start("border_testimony", lead.questionnaires.get("border_testimony").version,
                          "Tumbes", "Lead Person", "es")
    view.load()
    assert not view.researcher.isHidden()
    view.researcher.setCurrentIndex(view.researcher.findData("Ana Torres"))
    view.apply_filters()
    assert model.rowCount() == 4


def test_column_titles_are_cut_in_the_font_they_are_drawn_in(qtbot: Any, lead: Any) -> None:
    """A selected row draws every title in bold; the titles are measured in bold
    too (not a clipped "erson/alias"), selected row or not."""
    from PySide6.QtGui import QFontMetrics

    view = DataView(lead)
    qtbot.addWidget(view)
    view.show()
    for table in (view.table, view.repeat_table):
        assert table.horizontalHeader().font().bold()
    header = view.table.horizontalHeader()
    title = "person/alias"
    bold, regular = QFontMetrics(header.font()), QFontMetrics(view.font())
    assert bold.horizontalAdvance(title) > regular.horizontalAdvance(title)


def test_path_titles_keep_their_last_step(qtbot: Any, lead: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path too long for its column shows "…/" and its last step, not Qt's cut
    at a character ("…son/alias"); columns widen (up to a bound) to show it."""
    from PySide6.QtGui import QFontMetrics

    from testimonio.gui.widgets import headers
    from testimonio.gui.widgets.headers import PathHeader, path_title

    view = DataView(lead)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    header = view.table.horizontalHeader()
    assert isinstance(header, PathHeader) and isinstance(view.repeat_table.horizontalHeader(), PathHeader)
    metrics = QFontMetrics(header.font())
    wide = metrics.horizontalAdvance
    assert path_title("person/alias", metrics, wide("person/alias")) == "person/alias"
    assert path_title("person/alias", metrics, wide("person/alias") - 1) == "…/alias"
    cut = path_title("companions/relationship", metrics, wide("…/relation"))
    assert cut.startswith("…/rel") and cut.endswith("…") and wide(cut) <= wide("…/relation")
    cut = path_title("interview_date", metrics, wide("interview"))
    assert cut.startswith("interv") and cut.endswith("…") and wide(cut) <= wide("interview")
    # Columns: as wide as their whole path needs, between the default and 1.8 times it.
    names = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    default = header.defaultSectionSize()
    sizes = {name: header.sectionSize(n) for n, name in enumerate(names)}
    assert all(default <= size <= int(default * 1.8) for size in sizes.values())
    assert sizes["person/occupation"] > default and sizes["person/occupation"] >= wide("person/occupation")
    # Each title is drawn as path_title cut it, to its section's label.
    drawn: list[tuple[str, str]] = []

    def spy(text: str, metrics: QFontMetrics, room: int) -> str:
        drawn.append((text, path_title(text, metrics, room)))
        return drawn[-1][1]

    monkeypatch.setattr(headers, "path_title", spy)
    header.resizeSection(names.index("person/alias"), wide("…/alias") + 30)
    assert not header.grab().isNull()
    assert ("person/alias", "…/alias") in drawn
