"""The unlock dialog: right and wrong passphrases, the growing wait."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from conftest import PASSPHRASE
from testimonio.errors import WrongPassphrase
from testimonio.gui.context import AppContext
from testimonio.gui.dialogs.unlock_dialog import UnlockDialog
from testimonio.vault import SLOTS_NAME


@pytest.fixture
def locked(context: AppContext) -> AppContext:
    context.lock()
    return context


def _type_and_enter(qtbot: Any, dialog: UnlockDialog, text: str) -> None:
    qtbot.keyClicks(dialog.passphrase, text)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def test_the_right_passphrase_opens_the_vault(qtbot: Any, locked: AppContext) -> None:
    dialog = UnlockDialog(locked)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _type_and_enter(qtbot, dialog, PASSPHRASE)
    assert locked.is_open
    assert dialog.passphrase.text() == ""
    assert dialog.windowTitle() == "Testimonio"


def test_a_wrong_passphrase_says_so_and_the_wait_doubles(qtbot: Any, locked: AppContext) -> None:
    dialog = UnlockDialog(locked)
    dialog.base_delay_s = 0.2
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_enter(qtbot, dialog, "not the passphrase")
    qtbot.waitUntil(lambda: dialog.failures == 1, timeout=10_000)
    assert "does not open" in dialog.message.text()
    assert not locked.is_open and not dialog.waiting
    _type_and_enter(qtbot, dialog, "still wrong")
    qtbot.waitUntil(lambda: dialog.failures == 2, timeout=10_000)
    assert dialog.waiting and not dialog.unlock_button.isEnabled()
    assert [dialog.delay_after(n) for n in (1, 2, 3, 4)] == [0.0, 0.2, 0.4, 0.8]
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=3000)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        _type_and_enter(qtbot, dialog, PASSPHRASE)
    assert locked.is_open


def test_a_damaged_slot_file_is_told_apart_from_a_wrong_passphrase(
        qtbot: Any, locked: AppContext, vault_dir: Path) -> None:
    slot = vault_dir / SLOTS_NAME
    raw = bytearray(slot.read_bytes())
    middle = len(raw) // 2
    raw[middle] = ord("A") if raw[middle] != ord("A") else ord("B")
    slot.write_bytes(bytes(raw))
    dialog = UnlockDialog(locked)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_enter(qtbot, dialog, PASSPHRASE)
    qtbot.waitUntil(lambda: "Opening" not in dialog.message.text(), timeout=10_000)
    assert not locked.is_open
    assert "damaged" in dialog.message.text() and dialog.failures == 0


def test_a_missing_vault_is_never_created_by_unlocking(qtbot: Any, app: Any, tmp_path: Path) -> None:
    nowhere = tmp_path / "none"
    context = AppContext(nowhere)
    dialog = UnlockDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_and_enter(qtbot, dialog, PASSPHRASE)
    qtbot.waitUntil(lambda: bool(dialog.message.text()) and "Opening" not in dialog.message.text(), timeout=10_000)
    assert "no vault" in dialog.message.text()
    assert not nowhere.exists()


def test_the_recovery_key_opens_the_vault_and_sets_a_new_passphrase(
        qtbot: Any, locked: AppContext) -> None:
    dialog = UnlockDialog(locked)
    dialog.base_delay_s = 0.05
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.recovering and not dialog.passphrase.isVisible()
    new = "orange tractor whistle canyon"
    wrong_key = "AAAA-" * 8 + "AAAA"
    dialog.recovery_key.setText(wrong_key)
    dialog.new_passphrase.setText(new)
    dialog.new_repeat.setText(new)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.failures == 1, timeout=10_000)
    assert not locked.is_open
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=3000)
    dialog.recovery_key.setText(locked.recovery_key.lower())
    dialog.new_passphrase.setText(new)
    dialog.new_repeat.setText(new)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    # A confirmation says what happened before the program goes on.
    qtbot.waitUntil(lambda: dialog.recovered, timeout=10_000)
    assert "new passphrase is set" in dialog._prompt.text()
    assert dialog.unlock_button.text() == "&Continue" and not dialog.recovery_key.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=3000):
        qtbot.keyClick(dialog.unlock_button, Qt.Key.Key_Return)
    locked.lock()
    with pytest.raises(WrongPassphrase):
        locked.unlock(PASSPHRASE)
    locked.unlock(new)
    assert locked.is_open


def test_back_from_the_recovery_key_to_the_passphrase(qtbot: Any, locked: AppContext) -> None:
    dialog = UnlockDialog(locked)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.recovering and dialog.back_button.isVisible()
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert not dialog.recovering and dialog.passphrase.isVisible()
    assert dialog.focusWidget() is dialog.passphrase
    assert dialog.unlock_button.text() == "&Unlock"


def test_show_passphrase_and_the_caps_lock_warning(qtbot: Any, locked: AppContext) -> None:
    from PySide6.QtWidgets import QLineEdit

    dialog = UnlockDialog(locked)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "abc")
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.caps_warning.isVisible()
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    # A capital letter without Shift: Caps Lock is on.
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_D, Qt.KeyboardModifier.NoModifier)
    qtbot.keyClicks(dialog.passphrase, "D")
    assert dialog.caps_warning.isVisible() and "Caps Lock" in dialog.caps_warning.text()
    qtbot.keyClicks(dialog.passphrase, "e")
    assert not dialog.caps_warning.isVisible()


def test_the_damaged_vault_sentence_is_shown_whole(qtbot: Any, locked: AppContext) -> None:
    from testimonio.gui.main_pages import LockedPage

    page = LockedPage(locked)
    qtbot.addWidget(page)
    page.resize(1000, 480)
    page.show()
    dialog = page.unlock
    dialog._show("The vault's files are damaged or were changed. Nothing was opened. "
                 "Restore the vault from a backup.")
    qtbot.wait(20)
    label = dialog.message
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog._logo.height() >= 48  # the padlock whole


@pytest.mark.parametrize("height", [540, 700])
def test_the_lock_screen_stays_put_when_a_message_appears(qtbot: Any, locked: AppContext, height: int) -> None:
    """A wrong passphrase's message and the Caps Lock warning grow the lock screen
    downwards: the field being typed in does not jump."""
    from testimonio.gui.main_pages import LockedPage

    page = LockedPage(locked)
    qtbot.addWidget(page)
    page.resize(1000, height)
    page.show()
    qtbot.waitExposed(page)
    dialog = page.unlock

    def field_top() -> int:
        qtbot.wait(20)
        return dialog.passphrase.mapTo(page, dialog.passphrase.rect().topLeft()).y()

    resting = field_top()
    assert height // 10 < resting < height // 2  # well placed, not at an edge
    dialog._show("That passphrase does not open this vault.")
    assert field_top() == resting
    dialog._show("The vault's files are damaged or were changed. Nothing was opened. "
                 "Restore the vault from a backup.")
    assert field_top() == resting
    dialog.caps_warning.setText("Caps Lock is on.")
    dialog.caps_warning.show()
    assert field_top() == resting
    dialog.caps_warning.hide()
    dialog._show("")
    assert field_top() == resting


def test_while_opening_and_waiting_a_key_press_reveals_nothing(qtbot: Any, locked: AppContext) -> None:
    """The field is disabled while the key is derived and during the wait after
    wrong tries: the keyboard rests on the message, not on Show (a Space there
    revealed the next passphrase typed), and comes back to the field after."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    dialog = UnlockDialog(locked)
    dialog.base_delay_s = 0.5
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _type_and_enter(qtbot, dialog, "not the passphrase")
    assert dialog._job is not None  # still deriving the key
    assert QApplication.focusWidget() is dialog.message and not dialog.show_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.failures == 1, timeout=10_000)
    assert QApplication.focusWidget() is dialog.passphrase and dialog.show_button.isEnabled()
    _type_and_enter(qtbot, dialog, "still wrong")
    qtbot.waitUntil(lambda: dialog.waiting, timeout=10_000)
    assert QApplication.focusWidget() is dialog.message
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not dialog.waiting, timeout=3000)
    assert QApplication.focusWidget() is dialog.passphrase
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
