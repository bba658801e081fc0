"""gui.jobs: callables run off the GUI thread, callbacks become signals."""

from __future__ import annotations

import threading
import time
from typing import Any

from testimonio.errors import BadInput
from testimonio.gui.jobs import Job, run_job


def test_job_runs_off_the_gui_thread_and_reports_progress(qtbot: Any, app: Any) -> None:
    seen: list[tuple[int, int, str]] = []
    threads: list[threading.Thread] = []

    def work(n: int, progress: Any, cancelled: Any) -> int:
        threads.append(threading.current_thread())
        for i in range(n):
            progress(i + 1, n, f"step {i + 1}")
        return n * 2

    job = Job(work, 3)
    job.progressed.connect(lambda d, t, s: seen.append((d, t, s)))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as blocker:
        job.start()
    assert blocker.args == [6]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen[-1] == (3, 3, "step 3")
    assert threads and threads[0] is not threading.main_thread()


def test_cancel_stops_the_job_at_its_next_progress_call(qtbot: Any, app: Any) -> None:
    started = threading.Event()

    def work(progress: Any, cancelled: Any) -> str:
        started.set()
        for i in range(1000):
            progress(i, 1000, "")
            time.sleep(0.005)
        return "finished"

    job = Job(work)
    with qtbot.waitSignal(job.was_cancelled, timeout=5000):
        job.start()
        assert started.wait(5)
        job.cancel()
    assert job.result is None and job.is_done()


def test_errors_come_back_as_sentences_never_traces(qtbot: Any, app: Any) -> None:
    def refuse() -> None:
        raise BadInput("That file is not a questionnaire.")

    def crash() -> None:
        raise ZeroDivisionError("secret detail")

    failures: list[str] = []
    job = run_job(refuse, with_callbacks=False, on_error=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert failures == ["That file is not a questionnaire."]
    assert isinstance(job.exception, BadInput)
    run_job(crash, with_callbacks=False, on_error=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 2, timeout=5000)
    assert "secret detail" not in failures[1] and "Traceback" not in failures[1]
