"""Entry point of the frozen program (PyInstaller)."""

import multiprocessing
import sys

from testimonio.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
