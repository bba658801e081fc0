"""The program's log: a rotating file in the data folder, never any answers.

Log lines carry event names and ids (interview, attachment, vault) only;
answers, names, sites and passphrases never go to the log. Stack traces of
errors shown to a person go here, not to the screen. The file is 0600 in a
0700 folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from testimonio.paths import data_dir

LOG_NAME = "testimonio.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MARK = "_testimonio_handler"


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Rotating file handler whose files are created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8", errors=self.errors)


def log_dir() -> Path:
    """Where the log files are: ``logs`` in the data folder."""
    return data_dir() / "logs"


def setup(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the ``testimonio`` loggers to a rotating file; returns its path.

    Calling it again replaces the handler (e.g. with another folder).
    """
    folder = Path(folder) if folder is not None else log_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)
    path = folder / LOG_NAME
    root = logging.getLogger("testimonio")
    for handler in list(root.handlers):
        if getattr(handler, _MARK, False):
            root.removeHandler(handler)
            handler.close()
    handler = _PrivateRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                      encoding="utf-8", delay=True)
    setattr(handler, _MARK, True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return path
