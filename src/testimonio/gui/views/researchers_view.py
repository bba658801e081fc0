"""The lead's researchers: the roster with fingerprints, their bundles and gaps.

A researcher is added from their public-key file after the lead compares the
fingerprint with the one the researcher reads out. Selecting a researcher
shows their bundles from the import log; missing sequence numbers are marked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.exchange.file_kinds import KEY
from testimonio.gui.context import AppContext
from testimonio.gui.file_dialogs import open_kind
from testimonio.gui.models.researchers_model import (
    BundleRow,
    BundlesModel,
    ResearchersModel,
    format_gaps,
)
from testimonio.gui.plain import plain_label
from testimonio.gui.views import exchange_flow as flow
from testimonio.gui.views import team_flow
from testimonio.gui.views.team_dialog import FingerprintCheck
from testimonio.gui.widgets.headers import steady_header


def _table(model: Any, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return steady_header(view)


class AddResearcherDialog(QDialog):
    """Choose a researcher's key file, compare the fingerprint, add to the roster."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Add a researcher"))
        self.setMinimumSize(560, 420)  # the words and the sentence above them need the room
        self.file_edit = QLineEdit(self)
        self.file_edit.setAccessibleName(self.tr("Researcher's key file"))
        self.file_edit.returnPressed.connect(self.open_file)
        self.info: team_flow.KeyFileInfo | None = None
        label = QLabel(self.tr("&Key file:"), self)
        label.setBuddy(self.file_edit)
        browse = QPushButton(self.tr("&Open…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        self.who = QLabel(self)
        self.who.setTextFormat(Qt.TextFormat.PlainText)  # the name comes from the file
        self.who.setWordWrap(True)
        self.name_label = QLabel(self.tr("&Name on the team:"), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Name on the team"))
        self.name_label.setBuddy(self.name_edit)
        self.name_edit.textEdited.connect(lambda _t: self._check_name())
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label)
        name_row.addWidget(self.name_edit, 1)
        self.check = FingerprintCheck(self.tr("the researcher"), self)
        self.check.show_fingerprint("")
        self.file_edit.textEdited.connect(lambda _t: self.check.show_fingerprint(""))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add to the team"), self)
        self.add_button.setEnabled(False)
        self.check.confirmed.connect(lambda _ok: self._check_name())
        self.add_button.clicked.connect(self.add)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.who)
        layout.addLayout(name_row)
        layout.addWidget(self.check)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        # Enter in a field must not press some other button (a browse button would
        # open a file dialog): only the button named default takes Enter.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)

    def _browse(self) -> None:
        path = open_kind(self, self.tr("Open a researcher's key file"), KEY, self.tr("Key files"))
        if path:
            self.file_edit.setText(path)
            self.open_file()

    def open_file(self) -> None:
        """Read the key file and show its name and fingerprint to compare."""
        self.info = None
        try:
            info = team_flow.read_key_file(self.context, Path(self.file_edit.text().strip()).expanduser())
        except TestimonioError as error:
            self.who.setText(str(error))
            self.check.show_fingerprint("")
            return
        self.info = info
        self.who.setText(self.tr("Researcher: %1").replace("%1", info.name or self.tr("(no name given)")))
        self.name_edit.setText(info.name)
        self.check.show_fingerprint(info.fingerprint)
        self._check_name()
        self.check.same.setFocus()

    def _check_name(self) -> bool:
        """Whether the name is free; says so and enables adding only then."""
        name = self.name_edit.text().strip()
        taken = bool(name) and self.info is not None and self.context.team.name_taken(
            name, self.info.researcher.key_id)
        if taken:
            self.status.setText(self.tr(
                "The team already has a researcher named %1. Give this one a different name "
                "(a surname, or the place they work), so the two are never confused.")
                .replace("%1", name))
        elif not name and self.info is not None:
            self.status.setText(self.tr("Give the researcher a name."))
        else:
            self.status.setText("")
        ok = bool(name) and not taken and self.check.is_confirmed() and self.info is not None
        self.add_button.setEnabled(ok)
        return ok

    def add(self) -> None:
        if not self._check_name() or self.info is None:
            return
        try:
            team_flow.add_researcher(self.context, self.info, self.name_edit.text().strip())
        except TestimonioError as error:
            self.status.setText(str(error))
            return
        self.accept()


class ResearchersView(QWidget):
    """The roster, each researcher's bundles, and the bundles still missing."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ResearchersModel(self)
        self.bundles_model = BundlesModel(self)
        self.title = QLabel(self)  # ours; the rest may quote names from key files
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.table = _table(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_bundles())
        self.bundles_label = plain_label(self)
        self.bundles_table = _table(self.bundles_model, self)
        self.gaps_label = plain_label(self)
        self.gaps_label.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_researcher)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.status = plain_label(self)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.refresh_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.bundles_label)
        lower_layout.addWidget(self.bundles_table, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.gaps_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.title.setText(self.tr("Researchers"))
        self.table.setAccessibleName(self.tr("Researchers on the team"))
        self.bundles_table.setAccessibleName(self.tr("Bundles of the selected researcher"))
        self.add_button.setText(self.tr("&Add a researcher…"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self._show_bundles()
        self._show_gaps()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Shown again after an import or an unlock: the figures must be current.
        if self.context is not None and not event.spontaneous():
            self.refresh()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Reload the roster and the import log."""
        try:
            rows = flow.researcher_rows(self.context)
        except TestimonioError as error:
            self.status.setText(str(error))
            return
        current = self.table.currentIndex().row()
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        if rows:
            self.table.setCurrentIndex(self.model.index(max(0, min(current, len(rows) - 1)), 0))
        self._show_bundles()
        self._show_gaps()

    def clear(self) -> None:
        """Forget everything shown (on lock)."""
        self.model.set_rows([])
        self.bundles_model.set_rows([])
        self._show_gaps()

    def _show_gaps(self) -> None:
        missing = [(self.model.row_at(i).name, self.model.row_at(i).gaps)
                   for i in range(self.model.rowCount()) if self.model.row_at(i).gaps]
        if not missing:
            self.gaps_label.setText(self.tr("No bundle is missing.") if self.model.rowCount() else
                                    self.tr("No researcher on the team yet. Add one from their key file."))
            self.gaps_label.setStyleSheet("")
            return
        self.gaps_label.setText(self.tr("Missing bundles: %1. Ask these researchers for them.")
                                .replace("%1", "; ".join(f"{n} ({format_gaps(g)})" for n, g in missing)))
        self.gaps_label.setStyleSheet("QLabel { color: #B00020; }")

    def _show_bundles(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.bundles_model.set_rows([])
            self.bundles_label.setText(self.tr("Select a researcher to see their bundles."))
            return
        row = self.model.row_at(index.row())
        try:
            bundles = flow.bundle_rows(self.context, row.key_id)
        except TestimonioError as error:
            self.status.setText(str(error))
            return
        # Missing numbers sit in the list where they belong, so the hole is seen.
        # One row per run, however long: the numbers come from the researchers' bundles.
        missing = [BundleRow(first, "", "", "", 0,
                             self.tr("missing: not imported yet") if first == last else
                             self.tr("missing up to no. %1: not imported yet").replace("%1", str(last)))
                   for first, last in row.gaps]
        self.bundles_model.set_rows(sorted(bundles + missing, key=lambda b: b.sequence))
        self.bundles_table.resizeColumnsToContents()
        self.bundles_label.setText(self.tr("Bundles from %1").replace("%1", row.name))

    def add_researcher(self) -> None:
        dialog = AddResearcherDialog(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
