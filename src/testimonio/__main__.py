"""``python -m testimonio`` and the ``testimonio`` console script."""

from __future__ import annotations

import os
import sys


def _streams_for_windowed_program() -> None:
    """Give a program started without a console somewhere to write.

    Started without a console (``pythonw -m testimonio``, or the windowed
    testimonio.exe from the Start menu: packaging/testimonio.spec), Python sets
    sys.stdout and sys.stderr to None. Code that writes to them (the command
    line's messages, the error hook's sentence, a vault's warnings) would then
    fail with AttributeError; with the null device they write nowhere, as a
    windowed program should. The command line's output is for a console
    (testimonio-cli.exe on Windows).
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the whole run


def main(argv: list[str] | None = None) -> int:
    """Run the command line; with no command, start the desktop program."""
    from testimonio.hardening import no_core_dumps

    _streams_for_windowed_program()

    no_core_dumps()  # before any vault is unlocked
    from testimonio.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
