"""Print launch-to-unlock time of an installed program beside the source's.

``python packaging/startup_figures.py /usr/bin/testimonio`` (run by
packaging/ci_installer.sh once the .deb is installed).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import STARTUP_RUNS, startup_seconds  # noqa: E402


def main() -> int:
    installed = startup_seconds([sys.argv[1]])
    source = startup_seconds([sys.executable, "-m", "testimonio"])

    def fmt(value: float | None) -> str:
        return "failed" if value is None else f"{value:.2f} s"

    print(f"launch to unlock dialog: installed {fmt(installed)} ({sys.argv[1]}), "
          f"from source {fmt(source)} (median of {STARTUP_RUNS}, offscreen)")
    return 0 if installed is not None else 1


if __name__ == "__main__":
    sys.exit(main())
