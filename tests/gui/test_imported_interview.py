"""The lead opens an imported interview: a read-only, pseudonymised copy that
shows its bands and months as they arrived, without problems or Reopen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_setup import add_testimony, team
from test_interview_view_support import open_view

from testimonio.vault.records import InterviewQuery


def test_an_imported_interview_opens_as_a_copy_without_problems_or_reopen(qtbot: Any, tmp_path: Path) -> None:
    t = team(tmp_path)
    add_testimony(t.researcher, 3)
    bundle = tmp_path / "ana.tbundle"
    t.researcher.export.write(bundle, accept_risk=True)
    t.lead.import_.import_file(bundle)
    (copy,) = t.lead.interviews.page(InterviewQuery())
    assert t.lead.interviews.answers(copy.id)["person/age"] == "40-49"  # a band, as exported
    view = open_view(qtbot, t.lead, copy.id)
    assert view.banner.isVisible() and "Imported from Ana Torres" in view.banner.text()
    assert not view.reopen_button.isVisible() and not view.complete_button.isVisible()
    view.focus_path("person/age")
    row = view.page.rows["person/age"]
    assert row.input.focus_widgets()[0].text() == "40-49"
    assert row.error_text() in ("", None)
    model = view.page_model
    assert all(model.summary(i).problems == 0 for i in range(model.rowCount()))
    # The researcher's own interview keeps its problems and Reopen.
    own = t.researcher.interviews.page(InterviewQuery())[0]
    mine = open_view(qtbot, t.researcher, own.id)
    assert mine.reopen_button.isVisible() and "Reopen" in mine.banner.text()


def test_the_list_shows_the_month_a_bundle_sent_not_its_first_day(qtbot: Any, tmp_path: Path) -> None:
    from testimonio.gui.models.interview_table_model import InterviewTableModel

    t = team(tmp_path)
    add_testimony(t.researcher, 1)
    own = t.researcher.interviews.page(InterviewQuery())[0]
    taken, completed = own.created_at, own.updated_at  # months apart if made at the turn of one
    bundle = tmp_path / "ana.tbundle"
    t.researcher.export.write(bundle, accept_risk=True)
    t.lead.import_.import_file(bundle)
    model = InterviewTableModel(t.lead.interviews)
    shown = model.data(model.index(0, 3))  # the interview's date: sent as its month
    assert shown == taken[:7]
    assert model.data(model.index(0, 5)) == completed[:7]  # its last change: the month it was completed
