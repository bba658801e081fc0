"""Changing the passphrase from the program."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import PASSPHRASE
from testimonio.errors import WrongPassphrase
from testimonio.gui.dialogs.change_passphrase_dialog import ChangePassphraseDialog

NEW = "velvet harbour lantern ninety"


def test_the_current_passphrase_is_checked_then_the_new_one_opens(qtbot: Any, context: Any) -> None:
    dialog = ChangePassphraseDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText("not it at all, sorry")
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW)
    dialog.change()
    qtbot.waitUntil(lambda: "not right" in dialog.message.text(), timeout=10_000)
    dialog.new.setText("short")
    dialog.repeat.setText("short")
    dialog.current.setText(PASSPHRASE)
    dialog.change()
    assert "stronger" in dialog.message.text()
    dialog.new.setText(NEW)
    dialog.repeat.setText(NEW)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.change()
    context.lock()
    with pytest.raises(WrongPassphrase):
        context.unlock(PASSPHRASE)
    context.unlock(NEW)
    assert context.is_open
