"""Argon2id key derivation for the key slots (RFC 9106).

The parameters are stored in each slot, so a vault made with cheap test
parameters (or with an older version's tuning) opens with them, and
``init`` / ``passwd`` always tune real ones on the machine at hand.

How the tuning keeps the unlock under 2 s on a busy 2-core laptop: memory
is fixed at 64 MiB, one lane, and the passes are chosen by the *processor
time* a derivation costs, about 0.4 s, not by the wall-clock time. The
Argon2id of ``cryptography`` runs on one thread, so processor time is what
the derivation costs whatever else runs: a tuning done on an idle machine
and one done while the machine is busy choose the same passes, and with two
other processes spinning on both cores the scheduler still gives the unlock
a fair share (two thirds of a core, less with cache and clock effects):
about three times 0.4 s at worst. Wall-clock tuning chose more passes when
idle, and the unlock then took 2.8 s busy. See docs/vault.md.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_BYTES = 32
SALT_BYTES = 16

#: Memory of every new slot: RFC 9106's second recommended option (64 MiB),
#: more than OWASP's Argon2id options (19 MiB x 2 passes, 46 MiB x 1). More
#: memory would cost the unlock more time than the passes it replaces, and
#: the program's own peak memory (Argon2id's 64 MiB is counted in it).
DEFAULT_MEMORY_KIB = 64 * 1024
#: Never less.
MIN_MEMORY_KIB = 64 * 1024
#: One lane: the derivation runs on one thread, so more lanes buy no speed
#: here (an attacker runs many guesses side by side either way); OWASP's
#: options are all p = 1.
DEFAULT_LANES = 1
#: Never fewer passes: at 64 MiB, twice OWASP's single-pass option.
MIN_TIME_COST = 2
#: A bound for very fast machines (the unlock need not be slower there).
MAX_TIME_COST = 16
#: Processor seconds one derivation should cost (see the module docstring).
TARGET_SECONDS = 0.3


def _cpu() -> float:
    # The whole process: counts the derivation's work wherever it runs.
    return time.process_time()


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: passes, memory in KiB, lanes (parallelism)."""

    time_cost: int
    memory_kib: int
    lanes: int

    FAST: ClassVar[KdfParams]

    def __post_init__(self) -> None:
        if self.time_cost < 1 or self.lanes < 1 or self.memory_kib < 8 * self.lanes:
            raise ValueError(f"invalid Argon2id parameters: {self}")

    def derive(self, secret: str, salt: bytes) -> bytes:
        """The 32-byte key for ``secret`` (NFC-normalised, UTF-8) and ``salt``."""
        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.time_cost,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(normalise_secret(secret))

    @classmethod
    def tuned(cls, target_seconds: float = TARGET_SECONDS,
              memory_kib: int = DEFAULT_MEMORY_KIB, lanes: int = DEFAULT_LANES,
              min_memory_kib: int = MIN_MEMORY_KIB) -> KdfParams:
        """Parameters whose derivation costs about ``target_seconds`` of processor time.

        Memory is ``memory_kib`` (64 MiB), halved towards ``min_memory_kib``
        only when a caller asks for more and :data:`MIN_TIME_COST` passes of
        it would not fit; then the passes are measured, never fewer than
        :data:`MIN_TIME_COST` nor more than :data:`MAX_TIME_COST`.
        """
        def cost(passes: int) -> float:
            probe = cls(time_cost=passes, memory_kib=memory_kib, lanes=lanes)
            start = _cpu()
            probe.derive("tuning", b"\0" * SALT_BYTES)
            return max(_cpu() - start, 1e-4)

        # The first derivation in a process also loads the KDF: not a cost of passes.
        cls(time_cost=1, memory_kib=8 * lanes, lanes=lanes).derive("warm-up", b"\0" * SALT_BYTES)
        floor = min(min_memory_kib, memory_kib)
        # Per pass, including the allocation: an upper bound of a pass's cost.
        per_pass = cost(MIN_TIME_COST) / MIN_TIME_COST
        while memory_kib > floor and MIN_TIME_COST * per_pass > target_seconds:
            # A pass costs in proportion to its memory: no need to probe again.
            memory_kib, per_pass = max(floor, memory_kib // 2), per_pass / 2
        passes = max(MIN_TIME_COST, min(MAX_TIME_COST, int(target_seconds / per_pass)))
        if passes > MIN_TIME_COST:
            # Timed at the real scale, rounded down: the target is a ceiling.
            passes = int(passes * target_seconds / cost(passes))
        return cls(time_cost=max(MIN_TIME_COST, min(MAX_TIME_COST, passes)),
                   memory_kib=memory_kib, lanes=lanes)

    def as_dict(self) -> dict[str, int]:
        return {"time_cost": self.time_cost, "memory_kib": self.memory_kib, "lanes": self.lanes}


# Cheap parameters for tests only: they are stored in the slot like any others.
KdfParams.FAST = KdfParams(time_cost=1, memory_kib=64, lanes=1)


def normalise_secret(secret: str) -> bytes:
    """Passphrases are NFC-normalised so the same typed text always matches.

    BadInput for text that is not Unicode (bytes that were not UTF-8, read
    from the environment as lone surrogates): it could never be typed again.
    """
    try:
        return unicodedata.normalize("NFC", secret).encode("utf-8")
    except UnicodeEncodeError:
        from testimonio.errors import BadInput

        raise BadInput("The passphrase is not valid text (its bytes are not UTF-8). "
                       "Type it again, or set it as UTF-8 text.") from None
