"""Issue 11: the lead's data view and summary show withheld answers apart from unanswered ones.

Real vaults and bundles: the researcher first exports two testimonies with
k = 1 (no occupation given, no account), then three more with k = 5 and
suppression (their quasi-identifiers blanked; their accounts typed but not
released). The lead imports both bundles.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from exchange_setup import add_testimony, team
from PySide6.QtCore import Qt

from smallk import lower_k
from testimonio.gui.views.data_view import DataView
from testimonio.gui.views.summary_view import SummaryView
from testimonio.services.data_view import SUPPRESSED
from testimonio.services.summary import Count


@pytest.fixture
def lead(app: Any, tmp_path: Path) -> Any:
    world = team(tmp_path)
    researcher = world.researcher
    lower_k(researcher.settings_store, 1)
    for n in (0, 2):
        add_testimony(researcher, n)
    researcher.export.write(tmp_path / "open.tmb")
    researcher.settings_store.set("pref.k_anonymity", "5")
    for n in (1, 3, 5):
        add_testimony(researcher, n, account="Dormimos en la terminal")
    researcher.export.write(tmp_path / "small.tmb", suppress_small_groups=True)
    for name in ("open.tmb", "small.tmb"):
        world.lead.import_.import_file(tmp_path / name)
    researcher.lock()
    world.lead.settings_store.set("pref.small_counts", "exact")
    yield world.lead
    world.lead.lock()


def test_withheld_cells_say_so_with_the_reason_and_unanswered_ones_stay_empty(
        qtbot: Any, qtmodeltester: Any, lead: Any) -> None:
    view = DataView(lead)
    qtbot.addWidget(view)
    view.show()
    qtmodeltester.check(view.model)
    model = view.model
    assert model.rowCount() == 5
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    gender, occupation, account = (names.index(p) for p in
                                   ("person/gender", "person/occupation", "leaving/account"))
    rows = [[model.index(r, c) for c in (gender, occupation, account)] for r in range(5)]
    withheld = [r for r in rows if r[0].data() == "withheld"]
    given = [r for r in rows if r[0].data() != "withheld"]
    assert len(withheld) == 3 and len(given) == 2
    for g, o, a in withheld:
        assert "k-anonymity" in g.data(Qt.ItemDataRole.ToolTipRole)
        assert g.data(Qt.ItemDataRole.FontRole).italic()
        assert o.data() == "withheld" and "k-anonymity" in o.data(Qt.ItemDataRole.ToolTipRole)
        assert a.data() == "withheld" and "did not release" in a.data(Qt.ItemDataRole.ToolTipRole)
        assert "k-anonymity" in g.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    for g, o, a in given:
        assert g.data() in ("Woman", "Man", "Mujer", "Hombre")
        # Never given: empty, nothing on hover, not the withheld colour.
        for cell in (o, a):
            assert cell.data() == "" and cell.data(Qt.ItemDataRole.ToolTipRole) is None
            assert cell.data(Qt.ItemDataRole.ForegroundRole) is None


def test_the_summary_counts_withheld_apart_from_not_given(qtbot: Any, lead: Any) -> None:
    view = SummaryView(lead)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    text = view.blanks.text()
    assert view.blanks.isVisibleTo(view)
    assert f"{view._withheld_words(SUPPRESSED)} (n=3)" in text
    assert "not given" not in text  # gender is required: every other one was given
    assert view.summary.testimonies == 5
    # In the days charts a gender the export withheld is its own group, not "not given".
    withheld_group = view._group_label("Tumbes · ⊘suppressed")
    assert withheld_group.endswith(view._withheld_words(SUPPRESSED))
    assert withheld_group != view._group_label("Tumbes · —")
    # Interviews of older bundles did not say what they withheld: the line says so.
    older = replace(view.summary, not_given=(Count("gender", "Gender", 2),), unsure=True)
    view.set_summary(older)
    assert "older programs" in view.blanks.text() or "versiones anteriores" in view.blanks.text()


def test_the_leads_copy_of_an_interview_says_why_an_answer_is_missing(qtbot: Any, lead: Any) -> None:
    from testimonio.gui.views.interview_view import InterviewView

    said = {iid: lead.interviews.withheld(iid) for iid in _imported_ids(lead)}
    suppressed = next(iid for iid, w in said.items() if w and w.get("person/gender") == SUPPRESSED)
    whole = next(iid for iid, w in said.items() if not (w or {}).get("person/gender"))
    notes = {}
    for iid in (suppressed, whole):
        view = InterviewView(lead, iid)
        qtbot.addWidget(view)
        page = view.session.page_of("person/gender")
        assert page is not None
        view.show_page(page)
        notes[iid] = view.page.rows["person/gender"]
        if iid == suppressed:
            row = notes[iid]
            assert "k-anonymity" in row.error_text()
            assert "italic" in row.error.styleSheet()  # a note, not an error
            assert "Never sent" in view.page.rows["person/real_name"].error_text()
            assert view.page.rows["person/alias"].error_text() == ""  # as sent
            account = view.session.page_of("leaving/account")
            assert account is not None
            view.show_page(account)
            assert "did not release" in view.page.rows["leaving/account"].error_text()
        else:
            assert notes[iid].error_text() == ""  # given: no note
            assert "Never sent" in view.page.rows["person/document_number"].error_text()


def _imported_ids(lead: Any) -> list[str]:
    from testimonio.services.data_view import DataFilter

    form_id = lead.data_view.questionnaires()[0][0]
    return [row.interview_id for row in lead.data_view.page(DataFilter(form_id), 0, 50)]
