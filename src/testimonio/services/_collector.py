"""Fewer full garbage collections while one export or import runs.

Python runs a full collection (every tracked object of the process) after
about 70 000 new container objects. An export of 10 000 interviews creates
millions, and keeps one small plan entry per interview: measured on the
border questionnaire, its ten or so full collections cost 0.6-0.7 s of a
5 s export (an import creates as many objects). :func:`long_run` freezes what
was alive when the run started (those objects are not scanned again until
it ends) and lets full collections run ten times less often; young
collections still run as usual, so short-lived cycles are freed as before
(raising their threshold was measured too: no gain).

Nested and concurrent runs share one pause: the last one to end restores
the collector as it was.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FULL_EVERY = 100  # young-to-middle collections between full ones (Python's default: 10)

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def long_run() -> Iterator[None]:
    """The collector paused as the module docstring says, for the duration of the block."""
    global _depth, _saved
    with _lock:
        _depth += 1
        if _depth == 1:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(_saved[0], _saved[1], max(_saved[2], FULL_EVERY))
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                gc.unfreeze()
                _saved = None
