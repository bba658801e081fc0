"""Process settings that keep what is in memory out of crash files.

A crash of Qt or of a C library would otherwise leave a core dump: the whole
memory of the process, with the vault's raw key and every answer on screen,
written to the working folder or collected by the system's crash reporter
(systemd-coredump, apport, abrt). Before anything is unlocked the program
therefore:

- sets the core-file size limit to zero, soft and hard (POSIX), which the
  kernel and the crash collectors honour;
- on Linux, marks the process not dumpable (``prctl(PR_SET_DUMPABLE, 0)``):
  no core dump even where the limit is ignored (a piped ``core_pattern``),
  and other programs of the same user cannot attach a debugger or read
  ``/proc/<pid>/mem``.

Windows and macOS crash reports (WER, ReportCrash) hold no memory image by
default; docs/privacy.md says what remains.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def no_core_dumps() -> None:
    """Forbid core dumps of this process (and of what it starts); idempotent."""
    try:
        import resource
    except ImportError:  # Windows
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        log.warning("the core-file limit could not be set to zero")
    if sys.platform.startswith("linux") and _prctl(PR_SET_DUMPABLE, 0) != 0:
        log.warning("the process could not be marked not dumpable")


def is_dumpable() -> bool:
    """Whether the kernel would write a core dump of this process (Linux; else by the limit)."""
    if sys.platform.startswith("linux"):
        return _prctl(PR_GET_DUMPABLE, 0) != 0
    try:
        import resource
    except ImportError:
        return True
    return resource.getrlimit(resource.RLIMIT_CORE)[0] != 0


def _prctl(option: int, value: int) -> int:
    # The process's own symbols include libc's (no ldconfig lookup at start-up).
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return -1
    return int(prctl(option, value, 0, 0, 0))
