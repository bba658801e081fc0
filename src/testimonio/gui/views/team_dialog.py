"""Team set-up: the lead creates the team file; a researcher joins it.

Trust comes from the fingerprint: the researcher compares the lead's
fingerprint, group by group, with what the lead reads out (in person or on a
call) and only then joins. The researcher's own fingerprint and public-key
file are on the third tab, for the lead's roster.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.exchange.file_kinds import KEY, TEAM, FileKind, with_extension
from testimonio.gui.context import AppContext
from testimonio.gui.file_dialogs import last_folder, open_kind, save_kind
from testimonio.gui.views import team_flow as flow
from testimonio.gui.widgets.fingerprint_view import FingerprintView


def fingerprint_label(parent: QWidget) -> FingerprintView:
    """A fingerprint box (twelve words and the hex), not selectable: read it aloud."""
    return FingerprintView(parent)


class FingerprintCheck(QWidget):
    """A fingerprint to compare and a box to tick when it matches; ``confirmed(bool)``."""

    confirmed = Signal(bool)

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self.tr(
            "Compare these words (or the groups of letters and digits under them), one by "
            "one, with the ones %1 reads out to you in person or on the phone. If a single "
            "word or character differs, stop: the file is not theirs.").replace("%1", who), self)
        self.intro.setWordWrap(True)
        self.fingerprint = fingerprint_label(self)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint"))
        self.same = QCheckBox(self.tr("The fingerprints are the &same"), self)
        self.same.setAccessibleName(self.tr("The fingerprints are the same"))
        self.same.toggled.connect(self.confirmed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.same)

    def show_fingerprint(self, fingerprint: str) -> None:
        self.fingerprint.setText(fingerprint)
        self.same.setChecked(False)
        self.same.setEnabled(bool(fingerprint))

    def is_confirmed(self) -> bool:
        return self.same.isChecked() and bool(self.fingerprint.text())


def _buddy(parent: QWidget, text: str, widget: QWidget) -> QLabel:
    # A form row whose field is a layout gets no buddy: its "&" would show as is.
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


def _file_row(parent: QWidget, edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


class TeamDialog(QDialog):
    """Create a team (lead), join one (researcher), or hand out this vault's key."""

    CREATE, JOIN, MY_KEY = range(3)
    joined = Signal()  # the vault joined the team shown

    def __init__(self, context: AppContext, parent: QWidget | None = None, tab: int = 0,
                 single: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Team"))
        self.resize(640, 520)
        self.tabs = QTabWidget(self)
        titles = (self.tr("Create a team (lead)"), self.tr("Join a team (researcher)"),
                  self.tr("My key"))
        self.tabs.addTab(self._create_tab(), titles[self.CREATE])
        self.tabs.addTab(self._join_tab(), titles[self.JOIN])
        self.tabs.addTab(self._key_tab(), titles[self.MY_KEY])
        if single:
            # Opened from one entry of the Team menu: that page alone, titled by it.
            self.tabs.tabBar().hide()
            self.tabs.setDocumentMode(True)
            self.setWindowTitle(titles[tab])
        self.tabs.currentChanged.connect(self._tab_changed)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.tabs.setCurrentIndex(tab)
        self._tab_changed(tab)

        # Enter in a field must not press some other button (a browse button would
        # open a file dialog): only the button named default takes Enter.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)

        # The window locks (idle, Ctrl+L, panic): close at once, forgetting what was shown.
        locked = getattr(parent, "locked", None)
        if locked is not None:
            locked.connect(self.reject)

    # --- create (lead) -----------------------------------------------------------
    def _create_tab(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr(
            "The team file carries the study name, your public key, every questionnaire "
            "installed in this vault and the site list. Give it to each researcher and read "
            "your fingerprint out to them."), page)
        intro.setWordWrap(True)
        self.study_edit = QLineEdit(page)
        self.study_edit.setAccessibleName(self.tr("Study name"))
        self.team_out_edit = QLineEdit(page)
        self.team_out_edit.setAccessibleName(self.tr("Save the team file as"))
        self.team_out_edit.setText(str(Path(last_folder(TEAM.name)) / f"team{TEAM.extension}"))
        browse = QPushButton(self.tr("B&rowse…"), page)
        browse.clicked.connect(lambda: self._save_as(self.team_out_edit, TEAM, self.tr("Team files")))
        form = QFormLayout()
        form.addRow(self.tr("&Study name:"), self.study_edit)
        form.addRow(_buddy(page, self.tr("Save &as:"), self.team_out_edit),
                    _file_row(page, self.team_out_edit, browse))
        self.create_button = QPushButton(self.tr("&Create the team file"), page)
        self.create_button.clicked.connect(self.create_team)
        self.create_status = QLabel(page)
        self.create_status.setTextFormat(Qt.TextFormat.PlainText)
        self.create_status.setWordWrap(True)
        self.lead_fingerprint = fingerprint_label(page)
        self.lead_fingerprint.setAccessibleName(self.tr("Your fingerprint"))
        self.lead_fingerprint.hide()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.create_status)
        layout.addWidget(self.lead_fingerprint)
        layout.addStretch(1)
        return page

    def create_team(self) -> None:
        name = self.study_edit.text().strip()
        out = with_extension(Path(self.team_out_edit.text().strip()).expanduser(), TEAM)
        if not name:
            self.create_status.setText(self.tr("Give the study a name."))
            self.study_edit.setFocus()
            return
        try:
            written = flow.create_team(self.context, name, out)
            fingerprint = flow.my_fingerprint(self.context)
        except TestimonioError as error:
            self.create_status.setText(str(error))
            return
        self.create_status.setText(self.tr(
            "The team file is saved as %1. Read this fingerprint out to each researcher "
            "when you give it to them:").replace("%1", str(written)))
        self.lead_fingerprint.setText(fingerprint)
        self.lead_fingerprint.show()

    # --- join (researcher) ---------------------------------------------------------
    def _join_tab(self) -> QWidget:
        page = QWidget(self)
        self.team_file_edit = QLineEdit(page)
        self.team_file_edit.setAccessibleName(self.tr("Team file"))
        self.team_file_edit.returnPressed.connect(self.open_team_file)
        browse = QPushButton(self.tr("&Open…"), page)
        browse.clicked.connect(self._browse_team_file)
        label = QLabel(self.tr("&Team file:"), page)
        label.setBuddy(self.team_file_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addLayout(_file_row(page, self.team_file_edit, browse), 1)
        self.team_summary = QLabel(page)
        self.team_summary.setTextFormat(Qt.TextFormat.PlainText)  # the file's text, never markup
        self.team_summary.setWordWrap(True)
        self.team_info: flow.TeamFileInfo | None = None
        self.join_check = FingerprintCheck(self.tr("the team lead"), page)
        self.join_check.show_fingerprint("")
        # A changed path must be opened (and its fingerprint checked) again.
        self.team_file_edit.textEdited.connect(lambda _t: self.join_check.show_fingerprint(""))
        self.join_button = QPushButton(self.tr("&Join the team"), page)
        self.join_button.setEnabled(False)
        self.join_check.confirmed.connect(self.join_button.setEnabled)
        self.join_button.clicked.connect(self.join_team)
        self.join_status = QLabel(page)
        self.join_status.setTextFormat(Qt.TextFormat.PlainText)
        self.join_status.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.team_summary)
        layout.addWidget(self.join_check)
        layout.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.join_status)
        layout.addStretch(1)
        return page

    def _browse_team_file(self) -> None:
        path = open_kind(self, self.tr("Open the team file"), TEAM, self.tr("Team files"))
        if path:
            self.team_file_edit.setText(path)
            self.open_team_file()

    def open_team_file(self) -> None:
        """Read the team file and show what it holds and the lead's fingerprint."""
        path = Path(self.team_file_edit.text().strip()).expanduser()
        self.join_status.setText("")
        self.team_info = None
        try:
            info = flow.read_team_file(self.context, path)
        except TestimonioError as error:
            self.team_summary.setText(str(error))
            self.join_check.show_fingerprint("")
            return
        self.team_info = info
        self.team_summary.setText(
            self.tr("Study: %1\nQuestionnaires: %2\nSites: %3")
            .replace("%1", info.study).replace("%2", ", ".join(info.questionnaires) or "—")
            .replace("%3", ", ".join(info.sites) or "—"))
        k = getattr(info.team, "k", None)
        if isinstance(k, int):  # the lead's k, which this vault will keep as its minimum
            self.team_summary.setText(self.team_summary.text() + "\n" + self.tr(
                "Smallest group size for exports (k): %1, set by the team lead").replace(
                    "%1", str(k)))
        self.join_check.show_fingerprint(info.lead_fingerprint)
        self.join_check.same.setFocus()

    def join_team(self) -> None:
        if not self.join_check.is_confirmed() or self.team_info is None:
            return
        try:
            flow.join_team(self.context, self.team_info)
        except TestimonioError as error:
            self.join_status.setText(str(error))
            return
        self.join_status.setText(self.tr(
            "You joined the team: its questionnaires and sites are installed, and your "
            "bundles will be addressed to this lead."))
        self.join_button.setEnabled(False)
        self.joined.emit()

    # --- my key ---------------------------------------------------------------------
    def _key_tab(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(self.tr(
            "Give your public-key file to the team lead and read this fingerprint out to "
            "them, so they know your bundles come from you."), page)
        intro.setWordWrap(True)
        self.my_fingerprint = fingerprint_label(page)
        self.my_fingerprint.setAccessibleName(self.tr("Your fingerprint"))
        self.key_name_edit = QLineEdit(page)
        self.key_name_edit.setAccessibleName(self.tr("Your name, as the lead knows you"))
        self.key_out_edit = QLineEdit(page)
        self.key_out_edit.setAccessibleName(self.tr("Save the key file as"))
        self.key_out_edit.setText(str(Path(last_folder(KEY.name)) / f"my-key{KEY.extension}"))
        browse = QPushButton(self.tr("Bro&wse…"), page)
        browse.clicked.connect(lambda: self._save_as(self.key_out_edit, KEY, self.tr("Key files")))
        form = QFormLayout()
        form.addRow(self.tr("Your &name:"), self.key_name_edit)
        form.addRow(_buddy(page, self.tr("Save a&s:"), self.key_out_edit),
                    _file_row(page, self.key_out_edit, browse))
        self.key_button = QPushButton(self.tr("Save my &public key"), page)
        self.key_button.clicked.connect(self.export_key)
        self.key_status = QLabel(page)
        self.key_status.setTextFormat(Qt.TextFormat.PlainText)
        self.key_status.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.my_fingerprint)
        layout.addLayout(form)
        layout.addWidget(self.key_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.key_status)
        layout.addStretch(1)
        return page

    def export_key(self) -> None:
        try:
            out = with_extension(Path(self.key_out_edit.text().strip()).expanduser(), KEY)
            written = flow.export_my_key(self.context, out, self.key_name_edit.text().strip())
        except TestimonioError as error:
            self.key_status.setText(str(error))
            return
        self.key_status.setText(self.tr("Saved as %1.").replace("%1", str(written)))

    def _tab_changed(self, index: int) -> None:
        # The keyboard starts in the page's first field (a dialog opened with
        # none had nothing that took typing or Tab).
        first = {self.CREATE: self.study_edit, self.JOIN: self.team_file_edit,
                 self.MY_KEY: self.key_name_edit}.get(index)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        if index == self.MY_KEY and not self.my_fingerprint.text():
            try:
                self.my_fingerprint.setText(flow.my_fingerprint(self.context))
            except TestimonioError as error:
                self.key_status.setText(str(error))

    def _save_as(self, edit: QLineEdit, kind: FileKind, description: str) -> None:
        path = save_kind(self, self.tr("Save as"), kind, description, Path(edit.text()).name)
        if path:
            edit.setText(path)
