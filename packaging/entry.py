"""Entry point of the frozen program (PyInstaller)."""

import multiprocessing
import os
import sys

from testimonio.__main__ import main


def _streams_for_windowed_program() -> None:
    """Give a program started without a console somewhere to write.

    On Windows testimonio.exe is a windowed program (packaging/testimonio.spec):
    started from the Start menu it has no console, and Python sets sys.stdout
    and sys.stderr to None. Code that writes to them (the command line's
    messages, the error hook's sentence) would then fail with AttributeError;
    with the null device they write nowhere, as a windowed program should.
    The command line's output is for testimonio-cli.exe, which has a console.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the whole run


if __name__ == "__main__":
    multiprocessing.freeze_support()
    _streams_for_windowed_program()
    sys.exit(main())
