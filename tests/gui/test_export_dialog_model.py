"""The export preview table: exactly what leaves, one value a row (qtmodeltester)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from testimonio.gui.models.preview_model import PreviewModel, PreviewRow


def test_preview_model(qtmodeltester) -> None:
    preview = PreviewModel()
    preview.set_rows([
        PreviewRow("x-1", "border_testimony", "age", "Age", "30-39", "generalised"),
        PreviewRow("x-1", "border_testimony", "alias", "Alias", "Rosa", "as entered"),
        PreviewRow("x-2", "border_testimony", "alias", "Alias", "Pedro", "as entered"),
    ])
    qtmodeltester.check(preview)
    assert preview.interviews() == ["x-1", "x-2"]
    assert preview.index(0, PreviewModel.VALUE).data() == "30-39"
    assert preview.index(0, PreviewModel.QUESTION).data(Qt.ItemDataRole.ToolTipRole) == "age"
