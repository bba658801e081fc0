"""Starting an interview: questionnaire, site and language, then
:meth:`InterviewService.start`. The new interview's id is :attr:`interview_id`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.plain import warn


class NewInterviewDialog(QDialog):
    """Choose what to ask, where, and in which language."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.interview_id: str | None = None
        self.setWindowTitle(self.tr("New interview"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.form_combo = QComboBox(self)
        self.form_combo.setAccessibleName(self.tr("Questionnaire"))
        self.site_combo = QComboBox(self)
        self.site_combo.setEditable(True)  # the next trip has other sites
        self.site_combo.setAccessibleName(self.tr("Site"))
        self.language_combo = QComboBox(self)
        self.language_combo.setAccessibleName(self.tr("Questionnaire language"))
        form.addRow(self.tr("&Questionnaire:"), self.form_combo)
        form.addRow(self.tr("&Site:"), self.site_combo)
        form.addRow(self.tr("&Language:"), self.language_combo)
        self.empty_label = QLabel(self.tr("No questionnaire is installed yet. Add one with "
                                          "“testimonio forms add FILE.xlsx” or join a team."), self)
        self.empty_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(self.tr("Start interview"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout.addLayout(form)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.buttons)
        self._fill()
        self.form_combo.currentIndexChanged.connect(self._form_chosen)
        self._form_chosen()

    def _fill(self) -> None:
        seen: set[str] = set()
        for form in self.context.questionnaires.list():
            if form.form_id in seen:
                continue  # newest version only; older ones stay for old interviews
            seen.add(form.form_id)
            self.form_combo.addItem(f"{form.title or form.form_id} ({form.version})",
                                    (form.form_id, form.version))
        preferences = self._preferences()
        sites = list(getattr(preferences, "sites", []) or [])
        try:
            sites += [s for s in self.context.interviews.sites() if s not in sites]
        except (TestimonioError, AttributeError):
            pass  # the settings' list is enough
        self.site_combo.addItems(sites)
        default = str(getattr(preferences, "default_site", "") or "")
        if default and default in sites:
            self.site_combo.setCurrentIndex(sites.index(default))
        has_forms = self.form_combo.count() > 0
        self.empty_label.setVisible(not has_forms)
        self.start_button.setEnabled(has_forms)

    def _preferences(self) -> Any:
        try:
            return self.context.preferences
        except TestimonioError:
            return None

    def _form_chosen(self, _index: int = 0) -> None:
        self.language_combo.clear()
        data = self.form_combo.currentData()
        if not data:
            return
        questionnaire = self.context.questionnaires.get(*data)
        names = getattr(questionnaire, "language_names", None) or {}
        for code in questionnaire.languages:
            self.language_combo.addItem(names.get(code, code) if code != "default" else "—", code)
        interface = str(getattr(self._preferences(), "language", "") or "")
        preferred = [code for code in questionnaire.languages if interface and code.startswith(interface[:2])]
        wanted = preferred[0] if preferred else questionnaire.default_language
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(wanted)))

    def start(self) -> None:
        """Create the interview in the vault and close."""
        data = self.form_combo.currentData()
        site = self.site_combo.currentText().strip()
        if not data:
            return
        if not site:
            warn(self, self.tr("New interview"), self.tr("Choose or type the site."))
            return
        form_id, version = data
        language = self.language_combo.currentData()
        interviewer = str(getattr(self._preferences(), "interviewer", "") or "")
        try:
            self.interview_id = str(self.context.interviews.start(
                form_id, version, site, interviewer or "interviewer", language))
        except TestimonioError as error:
            warn(self, self.tr("New interview"), error.message)
            return
        self.accept()
