"""The team's retention policy applied by the researcher's program, on time.

Real vaults, a real receipt and team update; the day is moved through the
runner's clock (nobody sleeps) and the hourly check is its timer's own
signal. No modal dialog may appear when the policy is applied: the notice
is non-modal and the work runs in the background.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from exchange_setup import PASSPHRASE, REAL_NAME, add_testimony, team
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_answers_menu import answering, click

from testimonio.errors import NotFound
from testimonio.exchange.teamupdate import Retention
from testimonio.gui.main_window import MainWindow
from testimonio.gui.retention_runner import CHECK_EVERY_MS
from testimonio.gui.views.retention_dialog import RetentionDialog


def received_on(context: Any) -> dt.date:
    """The day the receipt recorded (UTC), not the day the module was imported:
    a run that crosses midnight must not move the policy's day under the test."""
    days = {item.received_at for item in context.retention.received("interview")}
    assert len(days) == 1
    return dt.date.fromisoformat(days.pop())


def received_world(tmp_path: Path, count: int = 1) -> tuple[Any, list[str]]:
    """A researcher whose interviews the lead received; policy: identifiers after 10 days."""
    world = team(tmp_path)
    world.lead.team_admin.set_retention(Retention("identifiers", 10))
    world.lead.team_admin.publish(tmp_path / "u.tmu")
    admin = world.researcher.team_admin
    admin.apply_update(admin.read_update(tmp_path / "u.tmu"))
    ids = [add_testimony(world.researcher, n + 1) for n in range(count)]
    world.lead.import_.import_file(world.researcher.export.write(
        tmp_path / "1.tbundle", accept_risk=True).path)  # groups this small: a test
    world.lead.receipts.write(world.researcher.keys.public().fingerprint, tmp_path / "r.tmr")
    world.researcher.receipts.import_file(tmp_path / "r.tmr")
    return world, ids


def open_window(qtbot: Any, context: Any) -> MainWindow:
    w = MainWindow(context)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def names(context: Any, iid: str) -> list[str]:
    return [v for k, v in context.interviews.answers(iid).items() if k.endswith("real_name")]


def test_the_hourly_check_applies_what_became_due_without_a_modal(
        qtbot: Any, tmp_path: Path, app: Any) -> None:
    world, (iid,) = received_world(tmp_path)
    window = open_window(qtbot, world.researcher)
    runner = window.team_menu.answers.runner
    qtbot.wait(50)  # the check at unlock has run: nothing is due today
    assert not runner.busy and runner.notice is None
    assert runner.timer.isActive() and runner.timer.interval() == CHECK_EVERY_MS == 3_600_000
    assert names(world.researcher, iid) == [f"{REAL_NAME} 1"]

    states: list[tuple[bool, bool, bool]] = []
    runner.busy_changed.connect(lambda busy: states.append(
        (busy, window.menuBar().isEnabled(), runner.bar.isVisibleTo(window))))
    today = received_on(world.researcher)
    runner.clock = lambda: today + dt.timedelta(days=9)
    runner.timer.timeout.emit()  # an hour later: still a day early
    assert not runner.busy and states == []
    runner.clock = lambda: today + dt.timedelta(days=10)
    runner.timer.timeout.emit()  # the day has come
    assert runner.busy
    qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)
    # While it ran the menus were off and the progress showed; then back.
    assert states == [(True, False, True), (False, True, False)]
    assert QApplication.activeModalWidget() is None
    assert runner.notice is not None and runner.notice.isVisible()
    assert runner.notice.textFormat() == Qt.TextFormat.PlainText
    text = runner.notice.text()
    assert "retention policy was applied" in text and iid in text
    assert "identifiers and attachments" in text and REAL_NAME not in text
    assert names(world.researcher, iid) == []
    assert world.researcher.interviews.answers(iid)  # the rest stays
    runner.timer.timeout.emit()  # done once: nothing more is due
    assert not runner.busy
    world.lead.lock()
    window.close()


def test_due_retention_at_unlock_and_the_retention_view(
        qtbot: Any, tmp_path: Path, app: Any) -> None:
    world, (first, second) = received_world(tmp_path, 2)
    window = open_window(qtbot, world.researcher)
    answers = window.team_menu.answers
    runner = answers.runner
    window.team_menu.menu.aboutToShow.emit()
    assert answers.schedule_action.isEnabled()
    answers.schedule_action.trigger()
    dialog = answers.schedule_dialog
    assert isinstance(dialog, RetentionDialog) and not dialog.isModal()
    assert dialog.table.rowCount() == 2
    today = received_on(world.researcher)
    due = (today + dt.timedelta(days=10)).isoformat()
    row = [dialog.table.item(0, c).text() for c in range(5)]
    assert row[0] in (first[:8], second[:8]) and row[3:] == ["delete identifiers and attachments", due]
    assert dialog.table.item(0, 0).toolTip() in (first, second)  # the whole id
    assert "10 days after" in dialog.policy_label.text()

    window.lock()  # ten days later the researcher unlocks again
    assert not dialog.isVisible()
    runner.clock = lambda: today + dt.timedelta(days=10)
    unlock = window.locked_page.unlock
    with qtbot.waitSignal(window.unlocked, timeout=20_000):
        qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
        qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    # The notice comes with the job's success, and the job ends in the next event.
    qtbot.waitUntil(lambda: runner.notice is not None and not runner.busy, timeout=60_000)
    assert QApplication.activeModalWidget() is None
    assert first in runner.notice.text() and second in runner.notice.text()
    assert names(world.researcher, first) == names(world.researcher, second) == []

    answers.schedule_action.trigger()
    dialog = answers.schedule_dialog
    actions = {dialog.table.item(r, 3).text() for r in range(2)}
    assert actions == {"identifiers and attachments already deleted"}
    left = answering(click("Delete now"))
    dialog.purge_button.click()
    assert left == []
    qtbot.waitUntil(lambda: not runner.busy and dialog.table.rowCount() == 0, timeout=60_000)
    assert "Deleted for good: 2 interviews." in runner.notice.text()
    assert world.researcher.retention.received("interview") == []
    assert window.list_view.model.rowCount() == 0
    world.lead.lock()
    window.close()


def test_locking_while_a_purge_runs_leaves_a_usable_lock_screen_and_nothing_half_done(
        qtbot: Any, tmp_path: Path, app: Any) -> None:
    world, (iid,) = received_world(tmp_path)
    window = open_window(qtbot, world.researcher)
    runner = window.team_menu.answers.runner
    service = world.researcher.retention
    assert runner.start(lambda progress, cancelled: service.purge_received(
        progress=progress, cancelled=cancelled))
    window.lock()  # waits for the step in progress; the purge ends or stops there
    assert runner.wait(60)
    qtbot.waitUntil(lambda: not runner.busy, timeout=60_000)
    assert window.is_locked and window.stack.isEnabled() and not window.menuBar().isEnabled()
    assert window.locked_page is not None and window.locked_page.unlock.isEnabled()
    assert QApplication.activeModalWidget() is None  # no message over the lock screen
    unlock = window.locked_page.unlock
    with qtbot.waitSignal(window.unlocked, timeout=20_000):
        qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
        qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    # Whether the purge finished before the lock or was cut short before its
    # scrub, the check at unlock leaves it done.
    qtbot.waitUntil(lambda: not runner.busy and not world.researcher.retention.scrub_pending(),
                    timeout=60_000)
    if world.researcher.retention.received("interview"):  # locked before it began: all there
        assert names(world.researcher, iid) == [f"{REAL_NAME} 1"]
    else:  # or all gone, never half
        with pytest.raises(NotFound):
            world.researcher.interviews.get(iid)
    assert window.menuBar().isEnabled() and window.stack.isEnabled()
    world.lead.lock()
    window.close()
