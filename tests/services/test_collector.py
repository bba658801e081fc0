"""The collector's pause around exports and imports (services/_collector.py)."""

from __future__ import annotations

import gc

import pytest

from testimonio.services._collector import FULL_EVERY, long_run


def test_a_long_run_freezes_then_restores_the_collector() -> None:
    before = gc.get_threshold()
    with long_run():
        assert gc.get_threshold()[2] >= FULL_EVERY
        assert gc.get_freeze_count() > 0
        with long_run():  # an export's write plans inside it
            pass
        assert gc.get_freeze_count() > 0, "the inner run ended the outer run's pause"
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_collector_comes_back_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(ValueError), long_run():
        raise ValueError("refused")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_made_during_a_run_are_still_freed() -> None:
    class Node:
        other: object = None

    with long_run():
        gc.collect(0)
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        assert gc.collect(0) >= 2
