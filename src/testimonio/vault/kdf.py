"""Argon2id key derivation for the key slots (RFC 9106).

The parameters are stored in each slot, so a vault made with cheap test
parameters opens with them, and ``init`` always tunes real ones on the
machine at hand (about half a second idle, so under two seconds busy).
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_BYTES = 32
SALT_BYTES = 16

# RFC 9106 section 4, second recommended option: t=3, p=4, m=64 MiB. We use
# more memory (256 MiB) because a laptop that runs Qt has it to spare and it
# costs an attacker's GPU far more than it costs us.
DEFAULT_MEMORY_KIB = 256 * 1024
#: Never less (RFC 9106's second option and OWASP's floor for Argon2id).
MIN_MEMORY_KIB = 64 * 1024
DEFAULT_LANES = 4
MIN_TIME_COST = 3
#: Measured on the machine at hand when a vault is made, often while it is
#: idle; a 2-core laptop busy with other programs derives 3-4x slower, and
#: the unlock must stay under 2 s there, so the target leaves that margin.
TARGET_SECONDS = 0.5


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
        """Parameters that take about ``target_seconds`` on this machine.

        Memory starts at ``memory_kib`` and is halved (never below
        ``min_memory_kib``, 64 MiB)
        while RFC 9106's three passes would not fit the target; then the
        number of passes is found by timing, never below three.
        """
        def timed(passes: int) -> float:
            probe = cls(time_cost=passes, memory_kib=memory_kib, lanes=lanes)
            start = time.perf_counter()
            probe.derive("tuning", b"\0" * SALT_BYTES)
            return time.perf_counter() - start

        floor = min(min_memory_kib, memory_kib)
        one_pass = timed(1)
        while memory_kib > floor and MIN_TIME_COST * one_pass > target_seconds:
            # A pass costs in proportion to its memory: no need to probe again.
            memory_kib, one_pass = max(floor, memory_kib // 2), one_pass / 2
        # One pass gives an upper bound of a pass's cost (it also pays for
        # allocating the memory); timing the passes that bound suggests then
        # corrects the estimate at the real scale, so one noisy probe cannot
        # swing the result far.
        first = max(MIN_TIME_COST, round(target_seconds / max(one_pass, 1e-3)))
        measured = max(timed(first), 1e-3)
        passes = round(first * target_seconds / measured)
        passes = min(max(MIN_TIME_COST, passes), 4 * first)
        return cls(time_cost=passes, memory_kib=memory_kib, lanes=lanes)

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
