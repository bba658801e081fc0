"""Argon2id tuning leaves room for a busy laptop and never goes below the floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from testimonio.vault import Vault
from testimonio.vault.kdf import (
    DEFAULT_LANES,
    DEFAULT_MEMORY_KIB,
    MAX_TIME_COST,
    MIN_MEMORY_KIB,
    MIN_TIME_COST,
    TARGET_SECONDS,
    KdfParams,
)


def test_memory_is_halved_to_the_floor_when_the_fewest_passes_do_not_fit() -> None:
    # A target no machine meets: memory goes down to the floor, passes stay at the fewest.
    params = KdfParams.tuned(target_seconds=1e-6, memory_kib=8 * 1024, lanes=1,
                             min_memory_kib=1024)
    assert params.memory_kib == 1024 and params.time_cost == MIN_TIME_COST


def test_a_generous_target_keeps_the_memory_and_bounds_the_passes() -> None:
    params = KdfParams.tuned(target_seconds=5.0, memory_kib=1024, lanes=1, min_memory_kib=512)
    assert params.memory_kib == 1024 and MIN_TIME_COST < params.time_cost <= MAX_TIME_COST


def test_the_target_leaves_a_margin_for_a_busy_machine() -> None:
    # Processor time, not wall-clock: a busy 2-core laptop gives the unlock
    # a share of a core; 5x the target (a quarter of a core and clock
    # effects) still fits in 2 s. Never below 64 MiB x 2 passes (OWASP's
    # Argon2id floor is 19 MiB x 2 or 46 MiB x 1).
    assert TARGET_SECONDS * 5 <= 2.0
    assert MIN_MEMORY_KIB == DEFAULT_MEMORY_KIB == 64 * 1024
    assert MIN_TIME_COST >= 2 and DEFAULT_LANES == 1


def test_vaults_made_with_earlier_parameters_still_open(tmp_path: Path) -> None:
    # An older tuning (RFC 9106's second option shape: 3 passes, 4 lanes),
    # scaled down in memory for speed: the slot's own parameters are used.
    older = KdfParams(time_cost=3, memory_kib=1024, lanes=4)
    vault, recovery = Vault.create(tmp_path / "v", "pass phrase", kdf=older)
    vault.lock()
    Vault.unlock(tmp_path / "v", "pass phrase").lock()
    Vault.unlock_with_recovery(tmp_path / "v", recovery).lock()


@pytest.mark.slow
def test_real_tuning_never_goes_below_64_mib() -> None:
    params = KdfParams.tuned()
    assert params.memory_kib >= 64 * 1024 and MIN_TIME_COST <= params.time_cost <= MAX_TIME_COST
    assert params.lanes == DEFAULT_LANES
