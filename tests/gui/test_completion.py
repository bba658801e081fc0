"""The completion check's dialog and the reopen dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt

from testimonio.gui.views.completion_dialog import CompletionDialog, ProblemsModel
from testimonio.gui.views.reopen_dialog import ReopenDialog

PROBLEMS = [("person/alias", "This question needs an answer."),
            ("companions[2]/age", "Age must be between 0 and 110 years.")]


def describe(path: str) -> tuple[str, str]:
    return ("The person" if path.startswith("person") else "Companion", path.rsplit("/", 1)[-1])


def test_problems_model_passes_the_model_tester(qtmodeltester) -> None:  # noqa: ANN001
    model = ProblemsModel(PROBLEMS, describe)
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert model.index(1, 2).data() == "Age must be between 0 and 110 years."
    assert model.index(1, 0).data(ProblemsModel.PathRole) == "companions[2]/age"


def test_each_problem_links_to_its_question(qtbot) -> None:  # noqa: ANN001
    dialog = CompletionDialog(PROBLEMS, describe)
    qtbot.addWidget(dialog)
    dialog.show()
    went: list[str] = []
    dialog.go_to.connect(went.append)
    index = dialog.model.index(1, 1)
    rect = dialog.table.visualRect(index)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert went == ["companions[2]/age"] and not dialog.isVisible()
    # By keyboard: the first problem is selected; Enter follows it.
    again = CompletionDialog(PROBLEMS, describe)
    qtbot.addWidget(again)
    again.show()
    again.go_to.connect(went.append)
    qtbot.mouseClick(again.go_button, Qt.MouseButton.LeftButton)
    assert went[-1] == "person/alias"


def test_reopen_needs_a_reason(qtbot) -> None:  # noqa: ANN001
    dialog = ReopenDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "Age was misheard")
    assert dialog.ok_button.isEnabled() and dialog.reason() == "Age was misheard"
