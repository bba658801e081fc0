"""``python -m testimonio`` and the ``testimonio`` console script."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; with no command, start the desktop program."""
    from testimonio.hardening import no_core_dumps

    no_core_dumps()  # before any vault is unlocked
    from testimonio.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
