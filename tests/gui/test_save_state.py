"""One save state: with the disk full the header, the banner and the status
bar agree, the banner says its sentence once, and when space returns the
pending answer is saved by itself and the banner goes away.

The disk is made "full" for real: a file-size limit (RLIMIT_FSIZE) just
above the vault's files, as tests/vault/crash_child.py does.
"""

from __future__ import annotations

import resource
import signal
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def small_disk(vault_dir: Path) -> Any:
    """Call it to cap file sizes just above the vault's; undone afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not death

    def cap() -> None:
        largest = max(p.stat().st_size for p in vault_dir.iterdir())
        resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 8 * 1024, hard))

    def free() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))

    yield cap, free
    free()
    signal.signal(signal.SIGXFSZ, old_handler)


def test_a_full_disk_is_one_state_everywhere_and_clears_when_space_returns(
        qtbot: Any, context: Any, interviews: list[str], small_disk: Any) -> None:
    from testimonio.gui.main_window import MainWindow

    cap, free = small_disk
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    window.open_interview(interviews[0])
    view = window.views["interview"]
    view.save_state._retry.setInterval(100)  # the test need not wait 5 s
    view.flush()
    cap()
    for number in range(40):
        view.saver.commit(f"filler{number}", "x" * 4000)
        if view.save_state.problem:
            break
    problem = view.save_state.problem
    assert problem.startswith("The last change could not be saved")
    assert view.status_label.text() == "Not saved"
    assert window.save_label.text().startswith("Not saved")
    assert "All changes saved" not in window.save_label.text()
    assert view.save_banner.isVisible()
    assert view.save_banner.text() == problem  # said once, not twice
    assert view.save_banner.text().count("could not be saved") == 1
    # Typing more while full keeps one state (not "Saving…" in one place).
    view.saver.schedule("another", "y")
    assert view.status_label.text() == "Not saved" and window.save_label.text().startswith("Not saved")
    free()
    qtbot.waitUntil(lambda: view.saver.is_saved, timeout=3000)
    assert not view.save_banner.isVisible() and not view.save_state.problem
    assert view.status_label.text() == "✓ Saved"
    assert window.save_label.text() == "All changes saved"
    assert context.interviews.answers(interviews[0])["another"] == "y"
