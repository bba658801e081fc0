"""The questionnaire lists of the lead's data view and summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from testimonio.services.questionnaires import InstalledForm


def add_questionnaires(box: QComboBox, forms: list[InstalledForm]) -> None:
    """Questionnaires into a list, named by their title as the interview list names
    them; the id and the version (whose columns a table shows) on hover."""
    for form in forms:
        box.addItem(form.title or form.form_id, form.form_id)
        box.setItemData(box.count() - 1, f"{form.form_id} ({form.version})", Qt.ItemDataRole.ToolTipRole)
