"""The Team menu's issue 12 entries, driven with real key presses and clicks.

Only the file choosers are replaced (they are Qt's own dialogs, tested in
test_file_dialogs.py); the researcher picker, confirmations and messages are
answered as a person would, through the keyboard and mouse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exchange_setup import add_testimony, team
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from smallk import lower_k
from testimonio.gui import file_dialogs
from testimonio.gui.main_window import MainWindow
from testimonio.gui.models.interview_table_model import COLUMNS
from testimonio.gui.views.interview_view import InterviewView

Answer = Callable[[QWidget], None]
seen: list[str] = []


def enter(widget: QWidget) -> None:
    if isinstance(widget, QMessageBox):
        seen.append(widget.text())
    QTest.keyClick(widget, Qt.Key.Key_Return)


def down_enter(widget: QWidget) -> None:
    QTest.keyClick(widget.focusWidget() or widget, Qt.Key.Key_Down)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def click(text: str) -> Answer:
    def press(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        seen.append(widget.text())
        (button,) = [b for b in widget.buttons() if b.text() == text]
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    return press


def answering(*answers: Answer) -> list[Answer]:
    """Answer the next modal dialogs in order, as they appear."""
    todo = list(answers)
    handled: list[QWidget] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget not in handled and widget.isVisible():
            handled.append(widget)
            QTest.qWaitForWindowExposed(widget)  # a click before that is lost
            todo.pop(0)(widget)
        if todo:
            QTimer.singleShot(30, poll)
    QTimer.singleShot(30, poll)
    return todo


def window(qtbot: Any, context: Any) -> MainWindow:
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.team_menu.menu.aboutToShow.emit()
    return w


def test_receipt_revocation_policy_update_and_purge_from_the_menu(
        qtbot: Any, tmp_path: Path, app: Any, monkeypatch: Any) -> None:
    world = team(tmp_path)
    lower_k(world.researcher.settings_store, 1)
    iid = add_testimony(world.researcher, 1)
    world.researcher.export.write(tmp_path / "1.tbundle")
    world.lead.import_.import_file(tmp_path / "1.tbundle")
    lead, researcher = window(qtbot, world.lead), window(qtbot, world.researcher)
    answers = lead.team_menu.answers
    assert answers.receipt_write_action.isEnabled() and not answers.purge_action.isEnabled()
    assert researcher.team_menu.answers.purge_action.isEnabled()
    monkeypatch.setattr(file_dialogs, "save_kind",
                        lambda _p, _t, kind, _d, name: str(tmp_path / f"{name}{kind.extension}"))
    monkeypatch.setattr(file_dialogs, "open_kind",
                        lambda _p, _t, kind, _d: str(next(tmp_path.glob(f"*{kind.extension}"))))

    left = answering(enter, enter)  # the only researcher, then the message
    answers.receipt_write_action.trigger()
    assert left == [] and (tmp_path / "receipt.treceipt").exists()
    assert "1 interview received from Ana Torres" in seen[-1]

    left = answering(enter)
    researcher.team_menu.answers.receipt_import_action.trigger()
    assert left == [] and "received 1 more interview on" in seen[-1]
    assert list(world.researcher.receipts.received_dates([iid])) == [iid]
    model = researcher.list_view.model
    status = [c for c, _ in COLUMNS].index("status")
    assert model.data(model.index(0, status)).startswith("Received by the lead on 20")
    view = InterviewView(world.researcher, iid)
    qtbot.addWidget(view)
    assert view.banner.text().startswith("Received by the lead on 20")

    left = answering(down_enter, enter, enter)  # identifiers, 30 days, message
    answers.retention_action.trigger()
    assert left == [] and world.lead.team_admin.retention().action == "identifiers"

    left = answering(enter, click("Cancel"))  # a revocation can be called off
    answers.revoke_action.trigger()
    assert left == [] and "Ana Torres" in seen[-1] and "Fingerprint:" in seen[-1]
    left = answering(enter, click("Revoke"), enter)
    answers.revoke_action.trigger()
    assert left == [] and "up to number 1" in seen[-1]

    left = answering(enter)
    answers.publish_action.trigger()
    assert left == [] and "1 revoked key," in seen[-1]
    left = answering(enter)  # imported; its policy's day has not come
    researcher.team_menu.answers.update_action.trigger()
    assert left == [] and "Team update 1 imported" in seen[-1]
    assert "(k) is now the team lead's 5" in seen[-1]
    planned = world.researcher.retention.plan()[0]  # counted from the receipt's day
    due = (dt.date.fromisoformat(planned.received_at) + dt.timedelta(days=30)).isoformat()
    assert f"The team's policy deletes identifiers and attachments from {due} on." in seen[-1]
    assert planned.scope == "identifiers"

    left = answering(click("Delete now"))
    researcher.team_menu.answers.purge_action.trigger()
    assert left == [] and "identifiers and attachments" in seen[-1]  # shown beforehand
    runner = researcher.team_menu.answers.runner
    qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)  # deleted in the background
    assert runner.notice is not None and not runner.notice.isModal()
    assert "Deleted for good: 1 interview." in runner.notice.text() and iid in runner.notice.text()
    assert world.researcher.retention.received("interview") == []
    world.lead.lock()
    world.researcher.lock()


def test_a_refusal_is_a_sentence(qtbot: Any, tmp_path: Path, app: Any, monkeypatch: Any) -> None:
    world = team(tmp_path)
    researcher = window(qtbot, world.researcher)
    (tmp_path / "not.treceipt").write_bytes(b"\x89TMR\r\n\x1a\n\x01\x01" + bytes(90))
    monkeypatch.setattr(file_dialogs, "open_kind", lambda *_: str(tmp_path / "not.treceipt"))
    left = answering(enter)
    researcher.team_menu.answers.receipt_import_action.trigger()
    assert left == [] and "another researcher's vault" in seen[-1]
    world.lead.lock()
    world.researcher.lock()

