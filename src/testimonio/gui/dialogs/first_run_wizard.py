"""The first-run wizard: language, passphrase, recovery key, name and sites.

Nothing touches the disk until the passphrase page is committed: only then
is the vault created (off the GUI thread, as key derivation takes a second
or two). From that page on there is no going back; the recovery key is shown
once and one group of it must be typed back before the last page.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.dialogs.recovery_key_dialog import RecoveryKeyPanel
from testimonio.gui.i18n import Languages, remember_language
from testimonio.gui.jobs import Job
from testimonio.gui.plain import warn
from testimonio.gui.widgets.password_strength import MIN_LENGTH, PasswordStrengthMeter
from testimonio.services.preferences import LANGUAGES, split_sites

log = logging.getLogger(__name__)



class _Page(QWizardPage):
    """A page whose texts follow the interface language."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every visible text in the current language."""


class LanguagePage(_Page):
    """Welcome, and the interface language (applied at once)."""

    def __init__(self, languages: Languages | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._languages = languages
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.language = QComboBox(self)
        for value, label in LANGUAGES:
            self.language.addItem(label, value)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)
        self.language.currentIndexChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to Testimonio"))
        self.intro.setText(self.tr(
            "Testimonio keeps your interviews in an encrypted vault on this computer. "
            "These few steps create the vault and set up the program."))
        self.language_label.setText(self.tr("Interface &language:"))
        self.language.setAccessibleName(self.tr("Interface language"))
        self.language.setItemText(0, self.tr("System language"))

    def value(self) -> str:
        return str(self.language.currentData() or "")

    def _changed(self) -> None:
        if self._languages is not None:
            self._languages.install(self.value())


class PassphrasePage(_Page):
    """The passphrase twice, its strength, and the warning about losing it."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.created = False
        self._job: Job | None = None
        self.setCommitPage(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = PasswordStrengthMeter(self)
        self.first_label = QLabel(self)
        self.first_label.setBuddy(self.passphrase)
        self.repeat_label = QLabel(self)
        self.repeat_label.setBuddy(self.repeat)
        self.strength_label = QLabel(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setObjectName("warning")
        self.understood = QCheckBox(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.first_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow(self.strength_label, self.meter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addSpacing(6)
        layout.addWidget(self.warning)
        layout.addWidget(self.understood)
        layout.addWidget(self.status)
        layout.addStretch(1)
        for signal in (self.passphrase.textChanged, self.repeat.textChanged):
            signal.connect(self._changed)
        self.understood.toggled.connect(self.completeChanged)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Choose a passphrase"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create the &vault"))
        self.intro.setText(self.tr(
            "The passphrase opens the vault. Several unusual words are easy to remember "
            "and hard to guess."))
        self.first_label.setText(self.tr("&Passphrase:"))
        self.repeat_label.setText(self.tr("&Repeat it:"))
        self.strength_label.setText(self.tr("Strength:"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat.setAccessibleName(self.tr("Passphrase, repeated"))
        self.warning.setText(self.tr(
            "If you lose both the passphrase and the recovery key, nobody can open the "
            "vault: the interviews are lost for good. There is no back door."))
        self.understood.setText(self.tr("I &understand that a lost passphrase and recovery "
                                        "key mean lost data"))
        self.understood.setAccessibleName(self.understood.text().replace("&", ""))
        self._changed()

    def _changed(self) -> None:
        first, second = self.passphrase.text(), self.repeat.text()
        self.meter.set_passphrase(first)
        if first and len(first) < MIN_LENGTH:
            hint = self.tr("Use at least {n} characters.").format(n=MIN_LENGTH)
        elif first and not self.meter.is_acceptable():
            hint = self.tr("Too easy to guess: add words or characters.")
        elif second and first != second:
            hint = self.tr("The two passphrases are not the same.")
        else:
            hint = ""
        self.hint.setText(hint)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        first = self.passphrase.text()
        return (self.created or (
            len(first) >= MIN_LENGTH and self.meter.is_acceptable()
            and first == self.repeat.text() and self.understood.isChecked()
        )) and self._job is None

    def validatePage(self) -> bool:  # noqa: N802
        if self.created:
            return True
        if self._job is None:
            # The first write to disk: the vault, off the GUI thread.
            self.status.setText(self.tr("Creating the encrypted vault…"))
            self._set_inputs(False)
            self._job = Job(self._wizard.context.create_staged, self.passphrase.text(),
                            with_callbacks=False, parent=self)
            self._job.succeeded.connect(self._created)
            self._job.failed.connect(self._failed)
            self._job.start()
            self.completeChanged.emit()
        return False

    def _set_inputs(self, enabled: bool) -> None:
        for widget in (self.passphrase, self.repeat, self.understood):
            widget.setEnabled(enabled)

    def _created(self, recovery_key: str) -> None:
        self._job = None
        self.created = True
        self.passphrase.clear()
        self.repeat.clear()
        self.status.setText("")
        self._wizard.vault_created(recovery_key)
        self.completeChanged.emit()
        self._wizard.next()

    def _failed(self, sentence: str) -> None:
        self._job = None
        self._set_inputs(True)
        self.status.setText(sentence)
        self.completeChanged.emit()


class RecoveryPage(_Page):
    """The recovery key, shown once, checked by typing a group back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = RecoveryKeyPanel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        self.panel.confirmed_changed.connect(self.completeChanged)
        self.setCommitPage(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Write down the recovery key"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Continue"))
        self.panel.retranslate()

    def isComplete(self) -> bool:  # noqa: N802
        return self.panel.is_confirmed()

    def validatePage(self) -> bool:  # noqa: N802
        if not self.panel.is_confirmed():
            return False
        wizard = self.wizard()
        context = wizard.context if isinstance(wizard, FirstRunWizard) else None
        if context is not None:
            # Only now, with the recovery key shown and checked, does the vault
            # take its place: an interrupted set-up leaves no vault behind.
            try:
                context.install_new_vault()
            except TestimonioError as error:
                warn(self, "Testimonio", error.message)
                return False
        self.panel.clear()  # shown once: gone from memory and screen
        return True


class ProfilePage(_Page):
    """The interviewer's name, the sites and the default site."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.name = QLineEdit(self)
        self.sites = QPlainTextEdit(self)
        self.sites.setTabChangesFocus(True)
        self.sites.setMaximumHeight(110)
        self.default_site = QComboBox(self)
        self.name_label, self.sites_label, self.default_label = QLabel(self), QLabel(self), QLabel(self)
        self.name_label.setBuddy(self.name)
        self.sites_label.setBuddy(self.sites)
        self.default_label.setBuddy(self.default_site)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.sites_label, self.sites)
        form.addRow(self.default_label, self.default_site)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addStretch(1)
        self.sites.textChanged.connect(self._sites_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("About you and where you work"))
        self.intro.setText(self.tr(
            "Your name is recorded with each interview you take. The sites are the places "
            "where you interview; you can change both later in Settings."))
        self.name_label.setText(self.tr("Interviewer &name:"))
        self.sites_label.setText(self.tr("&Sites (one a line):"))
        self.default_label.setText(self.tr("&Default site:"))
        self.name.setAccessibleName(self.tr("Interviewer name"))
        self.sites.setAccessibleName(self.tr("Sites, one a line"))
        self.default_site.setAccessibleName(self.tr("Default site"))
        self._sites_changed()

    def site_list(self) -> list[str]:
        return split_sites(self.sites.toPlainText())

    def _sites_changed(self) -> None:
        current = self.default_site.currentData()
        self.default_site.clear()
        self.default_site.addItem(self.tr("(none)"), "")
        for site in self.site_list():
            self.default_site.addItem(site, site)
        index = self.default_site.findData(current)
        self.default_site.setCurrentIndex(max(index, 1 if self.site_list() else 0))


class FirstRunWizard(QWizard):
    """Creates the vault of ``context`` and sets the first settings."""

    def __init__(self, context: AppContext, languages: Languages | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Testimonio")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 480)
        self.language_page = LanguagePage(languages, self)
        self.passphrase_page = PassphrasePage(self)
        self.recovery_page = RecoveryPage(self)
        self.profile_page = ProfilePage(self)
        for page in (self.language_page, self.passphrase_page, self.recovery_page,
                     self.profile_page):
            self.addPage(page)
        self._retranslate_buttons()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_buttons()
        super().changeEvent(event)

    def _retranslate_buttons(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

    def vault_created(self, recovery_key: str) -> None:
        """The vault exists now: show the key, store the language."""
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.recovery_page.panel.set_key(recovery_key)
        language = self.language_page.value()
        remember_language(language)  # the wizard's, for vaults not yet opened
        remember_language(language, self.context.vault_dir)
        self.context.preferences.set("language", language)

    def accept(self) -> None:
        if self.context.is_open:
            values: dict[str, Any] = {
                "interviewer": self.profile_page.name.text().strip(),
                "sites": self.profile_page.site_list(),
                "default_site": str(self.profile_page.default_site.currentData() or ""),
                "language": self.language_page.value(),
            }
            try:
                self.context.preferences.update(values)
            except Exception as error:  # noqa: BLE001 - a sentence on screen, trace in the log
                log.exception("could not save the first settings")
                warn(self, "Testimonio", str(error))
                return
        super().accept()

    def reject(self) -> None:
        if self.context.new_vault_pending:
            answer = QMessageBox.question(
                self, "Testimonio",
                self.tr("Leave the set-up now? The vault is not kept until the recovery key "
                        "has been written down; you can start again."))
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.context.discard_new_vault()
            super().reject()
            return
        if self.passphrase_page.created:
            answer = QMessageBox.question(
                self, "Testimonio",
                self.tr("The vault is already created. Leave the set-up now? "
                        "You can set your name and sites later in Settings."))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()
