"""Entry point of the frozen program (PyInstaller).

A windowed testimonio.exe has no console: ``main`` points its missing
stdout/stderr at the null device first (testimonio.__main__).
"""

import multiprocessing
import sys

from testimonio.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
