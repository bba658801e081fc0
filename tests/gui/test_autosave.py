"""The autosaver: debounce, immediate commits, failures kept pending."""

from __future__ import annotations

import time

from testimonio.errors import StorageFull
from testimonio.forms.model import AnswerValue
from testimonio.gui.autosave import DEBOUNCE_MS, Autosaver


class Recorder:
    """Stands in for the vault's write to time the saver (no storage here)."""

    def __init__(self) -> None:
        self.writes: list[tuple[str, AnswerValue, float]] = []
        self.fail = False

    def __call__(self, path: str, value: AnswerValue) -> None:
        if self.fail:
            raise StorageFull("The disk is full; nothing was saved.")
        self.writes.append((path, value, time.monotonic()))


def test_debounce_waits_for_the_pause_then_saves_once(qtbot) -> None:  # noqa: ANN001
    assert DEBOUNCE_MS <= 1000
    write = Recorder()
    saver = Autosaver(write)
    states: list[bool] = []
    saver.state_changed.connect(states.append)
    for text in ("R", "Ro", "Ros"):
        saver.schedule("alias", text)
        qtbot.wait(50)
    saver.schedule("alias", "Rosa")
    last_key = time.monotonic()
    assert write.writes == [] and not saver.is_saved
    qtbot.waitUntil(lambda: saver.is_saved, timeout=2000)
    assert [(p, v) for p, v, _ in write.writes] == [("alias", "Rosa")]
    waited = write.writes[0][2] - last_key
    # Qt coarse timers may fire up to 5 % early.
    assert DEBOUNCE_MS / 1000 * 0.9 <= waited <= 1.0
    assert states == [False, True]


def test_commit_and_flush_save_at_once_in_typing_order(qtbot) -> None:  # noqa: ANN001
    write = Recorder()
    saver = Autosaver(write)
    saver.schedule("a", "1")
    saver.schedule("b", "2")
    assert saver.commit("c", 3)
    assert [(p, v) for p, v, _ in write.writes] == [("a", "1"), ("b", "2"), ("c", 3)]
    saver.schedule("a", "again")
    assert saver.flush() and write.writes[-1][:2] == ("a", "again")
    assert saver.flush()  # nothing pending: nothing written
    assert len(write.writes) == 4


def test_a_failed_write_stays_pending_and_is_retried(qtbot) -> None:  # noqa: ANN001
    write = Recorder()
    saver = Autosaver(write)
    failures: list[str] = []
    saver.failed.connect(failures.append)
    write.fail = True
    assert not saver.commit("alias", "Rosa")
    assert failures == ["The disk is full; nothing was saved."]
    assert not saver.is_saved and saver.pending_paths() == ["alias"]
    write.fail = False
    assert saver.flush() and saver.is_saved
    assert [(p, v) for p, v, _ in write.writes] == [("alias", "Rosa")]


def test_discard_forgets_a_removed_repeat_instance(qtbot) -> None:  # noqa: ANN001
    write = Recorder()
    saver = Autosaver(write)
    saver.schedule("companions[2]/name", "Teo")
    saver.schedule("companions[20]/name", "Ana")
    saver.discard("companions[2]")
    assert saver.pending_paths() == ["companions[20]/name"]
