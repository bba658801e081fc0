"""The unlock dialog: the passphrase, and a growing wait after failures.

Key derivation (about a second by design) runs off the GUI thread. A wrong
passphrase says so; from the second failure on, the next try waits, and the
wait doubles with each failure (capped), which slows guessing at the
keyboard. The window title never shows anything from the vault.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import BadInput, VaultDamaged, VaultMissing, WrongPassphrase
from testimonio.gui.context import AppContext
from testimonio.gui.jobs import Job
from testimonio.gui.widgets.password_strength import MIN_LENGTH, PasswordStrengthMeter
from testimonio.gui.widgets.secret_field import CapsLockWatch, with_reveal
from testimonio.paths import resource_path

MAX_DELAY_S = 300


class UnlockDialog(QDialog):
    """Asks for the passphrase and opens the vault of ``context``."""

    #: Seconds to wait after the second failure; doubles after each further one.
    base_delay_s: float = 1.0

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.failures = 0
        self._resting: dict[bool, int] = {}  # see resting_height
        self._wait_left = 0
        self._job: Job | None = None
        self.setWindowTitle("Testimonio")
        self.setWindowIcon(QIcon(str(resource_path("icons", "testimonio.svg"))))
        self.setObjectName("unlockDialog")

        self._logo = QLabel(self)
        self._logo.setPixmap(QIcon(str(resource_path("icons", "lock.svg"))).pixmap(48, 48))
        self._logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._logo.setMinimumHeight(52)  # never squeezed (the padlock was cut in half)
        title = QLabel(self.tr("Testimonio is locked"), self)
        title.setObjectName("heading")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._prompt = QLabel(self.tr("Type your passphrase to open the vault."), self)
        self._prompt.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setMinimumWidth(320)
        self._prompt.setBuddy(self.passphrase)
        self._passphrase_row, self.show_button = with_reveal(self.passphrase, self)
        self.caps_warning = QLabel(self)
        self.caps = CapsLockWatch(self.caps_warning, self)
        self.message = QLabel(self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        # Recovery: the printed key opens the vault and a new passphrase is set.
        self.recovery_box = QWidget(self)
        self.recovery_key = QLineEdit(self.recovery_box)
        self.recovery_key.setAccessibleName(self.tr("Recovery key"))
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.recovery_key.setMinimumWidth(self.recovery_key.fontMetrics().horizontalAdvance("X" * 48))
        self.new_passphrase = QLineEdit(self.recovery_box)
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase.setAccessibleName(self.tr("New passphrase"))
        self.new_repeat = QLineEdit(self.recovery_box)
        self.new_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_repeat.setAccessibleName(self.tr("New passphrase, repeated"))
        new_row, self.show_new_button = with_reveal(self.new_passphrase, self.recovery_box)
        for field in (self.passphrase, self.new_passphrase, self.new_repeat):
            self.caps.watch(field)
        self.show_new_button.toggled.connect(
            lambda shown: self.new_repeat.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password))
        self.meter = PasswordStrengthMeter(self.recovery_box)
        self.new_passphrase.textChanged.connect(self.meter.set_passphrase)
        form = QFormLayout(self.recovery_box)
        form.setContentsMargins(0, 0, 0, 0)
        for text, field, shown in ((self.tr("&Recovery key:"), self.recovery_key, self.recovery_key),
                                   (self.tr("&New passphrase:"), self.new_passphrase, new_row),
                                   (self.tr("Re&peat it:"), self.new_repeat, self.new_repeat)):
            label = QLabel(text, self.recovery_box)
            label.setBuddy(field)
            form.addRow(label, shown)
        form.addRow("", self.meter)
        self.recovery_box.hide()
        self.forgot_button = QPushButton(self.tr("I &forgot the passphrase…"), self)
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.use_recovery_key)
        self.back_button = QPushButton(self.tr("◀ &Back to the passphrase"), self)
        self.back_button.setAutoDefault(False)
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.use_passphrase)
        self.back_button.hide()
        #: True once the recovery key opened the vault (a confirmation is shown).
        self.recovered = False

        self._buttons = QDialogButtonBox(self)
        self.unlock_button = QPushButton(self.tr("&Unlock"), self)
        self.unlock_button.setDefault(True)
        self._buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = self._buttons.addButton(self.tr("&Quit"),
                                              QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setAutoDefault(False)
        self._buttons.accepted.connect(self.try_unlock)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._logo)
        layout.addWidget(title)
        layout.addWidget(self._prompt)
        layout.addWidget(self._passphrase_row)
        layout.addWidget(self.recovery_box)
        layout.addWidget(self.caps_warning)
        layout.addWidget(self.message)
        layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self._buttons)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self.passphrase.setFocus()

    # --- unlocking -----------------------------------------------------------
    @property
    def recovering(self) -> bool:
        """Whether the dialog asks for the recovery key instead."""
        return not self.recovery_box.isHidden()

    def use_recovery_key(self) -> None:
        """Switch to opening with the recovery key and choosing a new passphrase."""
        self._passphrase_row.hide()
        self.forgot_button.hide()
        self.back_button.show()
        self._prompt.setText(self.tr(
            "Type the recovery key you wrote down when the vault was created, "
            "then choose a new passphrase."))
        self.recovery_box.show()
        self.unlock_button.setText(self.tr("&Unlock and set the passphrase"))
        self._show("")
        self.recovery_key.setFocus()

    def use_passphrase(self) -> None:
        """Back from the recovery key to the passphrase."""
        if self._job is not None:
            return
        self.recovery_box.hide()
        self.back_button.hide()
        self._passphrase_row.show()
        self.forgot_button.show()
        self._prompt.setText(self.tr("Type your passphrase to open the vault."))
        self.unlock_button.setText(self.tr("&Unlock"))
        self._show("")
        self.passphrase.setFocus()

    def try_unlock(self) -> None:
        """Start opening the vault with the typed passphrase (or recovery key)."""
        if self.recovered:
            self.accept()  # the confirmation was read: "Continue"
            return
        if self._job is not None or self._wait_left > 0:
            return
        if self.recovering:
            self._try_recovery()
            return
        secret = self.passphrase.text()
        if not secret:
            self._show(self.tr("Type your passphrase first."))
            return
        self._show(self.tr("Opening the vault…"), error=False)
        self._busy(True)
        self._job = Job(self._context.unlock, secret, with_callbacks=False, parent=self)
        self._job.succeeded.connect(self._unlocked)
        self._job.failed.connect(self._refused)
        self._job.start()

    def _try_recovery(self) -> None:
        new = self.new_passphrase.text()
        if not self.recovery_key.text().strip():
            self._show(self.tr("Type the recovery key first."))
        elif len(new) < MIN_LENGTH or not self.meter.is_acceptable():
            self._show(self.tr("Choose a stronger new passphrase (at least {n} characters, "
                               "several words).").format(n=MIN_LENGTH))
        elif new != self.new_repeat.text():
            self._show(self.tr("The two new passphrases are not the same."))
        else:
            self._show(self.tr("Opening the vault…"), error=False)
            self._busy(True)
            self._job = Job(self._context.unlock_with_recovery_key,
                            self.recovery_key.text(), new, with_callbacks=False, parent=self)
            self._job.succeeded.connect(self._unlocked)
            self._job.failed.connect(self._refused)
            self._job.start()

    def _unlocked(self, _result: object) -> None:
        self._job = None
        for field in (self.recovery_key, self.new_passphrase, self.new_repeat):
            field.clear()
        self.passphrase.clear()
        self.failures = 0
        if not self.recovering:
            self.accept()
            return
        # Opened with the recovery key: say what happened before going on.
        self.recovered = True
        self.recovery_box.hide()
        self.back_button.hide()
        self._busy(False)
        self._prompt.setText(self.tr(
            "The vault is open and your new passphrase is set: use it from now on. "
            "The recovery key still opens the vault; keep the paper safe."))
        self._show("")
        self.unlock_button.setText(self.tr("&Continue"))
        self.unlock_button.setFocus()

    def _refused(self, sentence: str) -> None:
        error = self._job.exception if self._job is not None else None
        self._job = None
        self.passphrase.clear()
        self._busy(False)
        self.unsetCursor()
        if isinstance(error, WrongPassphrase | BadInput) and self.recovering:
            self.failures += 1
            self._show(self.tr("That recovery key does not open this vault. Check it and "
                               "try again.") if isinstance(error, WrongPassphrase) else sentence)
            delay = self.delay_after(self.failures)
            if delay > 0:
                self._wait_left = int(round(delay)) or 1
                self._wait_ms = int(delay * 1000)
                self._start_wait()
        elif isinstance(error, WrongPassphrase):
            self.failures += 1
            self._show(self.tr("That passphrase does not open this vault. Try again."))
            delay = self.delay_after(self.failures)
            if delay > 0:
                self._wait_left = int(round(delay)) or 1
                self._wait_ms = int(delay * 1000)
                self._start_wait()
        elif isinstance(error, VaultDamaged):
            self._show(self.tr("The vault's files are damaged or were changed. "
                               "Nothing was opened. Restore the vault from a backup."))
        elif isinstance(error, VaultMissing):
            self._show(self.tr("There is no vault in this place."))
        else:
            self._show(sentence)
        self.passphrase.setFocus()

    def delay_after(self, failures: int) -> float:
        """Seconds to wait after ``failures`` wrong passphrases in a row."""
        if failures < 2:
            return 0.0
        return float(min(self.base_delay_s * 2 ** (failures - 2), MAX_DELAY_S))

    def _start_wait(self) -> None:
        self._busy(True)
        if self._wait_ms < 1000:
            # Short waits (tests) end exactly on time; long ones count down.
            QTimer.singleShot(self._wait_ms, self._end_wait)
            return
        self._count_down_text()
        self._tick.start()

    def _count_down(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._end_wait()
        else:
            self._count_down_text()

    def _count_down_text(self) -> None:
        self._show(self.tr("That passphrase does not open this vault. "
                           "Wait %n second(s) before trying again.", "", self._wait_left))

    def _end_wait(self) -> None:
        self._tick.stop()
        self._wait_left = 0
        self._busy(False)
        if not self.recovering:
            self._show(self.tr("That passphrase does not open this vault. Try again."))
        (self.recovery_key if self.recovering else self.passphrase).setFocus()

    @property
    def waiting(self) -> bool:
        """Whether the dialog makes the person wait before the next try."""
        return self._wait_left > 0

    def _busy(self, busy: bool) -> None:
        # While busy the keyboard rests on the message ("Opening the vault…",
        # the wait): a disabled field would hand it to the next control, the
        # Show button, and a Space meant for nothing would reveal the next
        # passphrase typed.
        self.message.setFocusPolicy(Qt.FocusPolicy.StrongFocus if busy else Qt.FocusPolicy.NoFocus)
        if busy and self.message.isVisibleTo(self):
            self.message.setFocus(Qt.FocusReason.OtherFocusReason)
        self.unlock_button.setEnabled(not busy)
        for widget in (self.passphrase, self.recovery_key, self.new_passphrase, self.new_repeat,
                       self.show_button, self.show_new_button):
            widget.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def resting_height(self) -> int:
        """The dialog's height without the lines that come and go (the message, the
        Caps Lock warning): what the lock screen places it by. Taken while they are
        hidden and kept for the passphrase and the recovery key each."""
        mode = self.recovery_box.isHidden()
        height = self.sizeHint().height()
        lines = [line for line in (self.message, self.caps_warning) if not line.isHidden()]
        if not lines:
            self._resting[mode] = height
            return height
        if mode in self._resting:
            return self._resting[mode]
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        return height - sum(max(line.sizeHint().height(), line.minimumHeight()) + spacing for line in lines)

    def _show(self, text: str, error: bool = True) -> None:
        self.message.setProperty("error", error)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        # A long sentence wraps onto more lines: make room for all of them
        # (the damaged-vault message was cut after "…Restore").
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.message.setMinimumHeight(
            self.message.heightForWidth(max(self.message.width(), 200)) if text else 0)
        self.updateGeometry()
        if layout is not None:
            layout.activate()
        if self.isWindow() and self.height() < self.sizeHint().height():
            self.resize(self.width(), self.sizeHint().height())

    def reject(self) -> None:
        if self._job is not None:
            self._job.wait(30)
        super().reject()
