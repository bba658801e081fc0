"""Argon2id tuning leaves room for a busy laptop and never goes below the floor."""

from __future__ import annotations

import pytest

from testimonio.vault.kdf import MIN_MEMORY_KIB, MIN_TIME_COST, TARGET_SECONDS, KdfParams


def test_memory_is_halved_to_the_floor_when_three_passes_do_not_fit() -> None:
    # A target no machine meets: memory goes down to the floor, passes stay at three.
    params = KdfParams.tuned(target_seconds=1e-6, memory_kib=8 * 1024, lanes=1,
                             min_memory_kib=1024)
    assert params.memory_kib == 1024 and params.time_cost == MIN_TIME_COST


def test_a_generous_target_keeps_the_memory() -> None:
    params = KdfParams.tuned(target_seconds=5.0, memory_kib=1024, lanes=1, min_memory_kib=512)
    assert params.memory_kib == 1024 and params.time_cost >= MIN_TIME_COST


def test_the_target_leaves_a_margin_for_a_busy_machine() -> None:
    # Busy 2-core laptops derive 3-4x slower than when tuned: 4 x target <= 2 s.
    assert TARGET_SECONDS * 4 <= 2.0
    assert MIN_MEMORY_KIB == 64 * 1024


@pytest.mark.slow
def test_real_tuning_never_goes_below_64_mib() -> None:
    params = KdfParams.tuned()
    assert params.memory_kib >= 64 * 1024 and params.time_cost >= MIN_TIME_COST
