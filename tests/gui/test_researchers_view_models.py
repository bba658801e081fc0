"""The roster and bundle tables the lead's researchers view shows (qtmodeltester)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from testimonio.gui.models.researchers_model import (
    BundleRow,
    BundlesModel,
    ResearcherRow,
    ResearchersModel,
    format_gaps,
)


def test_format_gaps() -> None:
    assert format_gaps([(3, 5), (9, 9)]) == "3–5, 9"
    assert format_gaps([(2, 2**62)]) == f"2–{2**62}"
    assert format_gaps([]) == ""


def test_researchers_model(qtmodeltester) -> None:
    model = ResearchersModel()
    model.set_rows([
        ResearcherRow("Ana", "k1", "ABCD EF01", bundles=3, last_sequence=5,
                      last_import="2026-11-20 10:00", gaps=((2, 2), (4, 4))),
        ResearcherRow("Luis", "k2", "1234 5678"),
    ])
    qtmodeltester.check(model)
    assert model.index(0, ResearchersModel.MISSING).data() == "2, 4"
    assert model.index(1, ResearchersModel.LAST).data() == "none yet"
    assert model.index(0, ResearchersModel.MISSING).data(Qt.ItemDataRole.ForegroundRole) is not None
    model.set_rows([])
    qtmodeltester.check(model)


def test_bundles_model(qtmodeltester) -> None:
    bundles = BundlesModel()
    bundles.set_rows([BundleRow(1, "b-1", "2026-11-01", "2026-11-02", 12, "imported")])
    qtmodeltester.check(bundles)
    assert bundles.index(0, BundlesModel.OUTCOME).data() == "Imported"  # the log's word, translated
