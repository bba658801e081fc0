"""Loading modules in a background thread before the person needs them.

While the unlock dialog waits (and nothing else runs on the GUI thread), the
vault's and the main window's modules load (:data:`MAIN_WINDOW_MODULES`); the
views and dialogs the window opens later load when first opened. Only modules
are loaded off the GUI thread, never a widget; the GUI thread's own import of a module that
is still loading waits for it (Python's import lock), and one that failed
here raises there.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Sequence

log = logging.getLogger(__name__)

#: The vault first: Unlock pressed at once waits for it (its key derivation
#: starts only once the vault's modules are in); then the main window and what
#: it imports while it is built (its menus).
MAIN_WINDOW_MODULES = ("testimonio.vault", "testimonio.gui.main_window",
                       "testimonio.gui.team_menu", "testimonio.gui.answers_menu",
                       "testimonio.gui.retention_runner")


def preload(names: Sequence[str], what: str) -> threading.Thread:
    """Import ``names`` in order in a daemon thread; returns the started thread."""
    def load() -> None:
        try:
            for name in names:
                importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the GUI thread's own import will raise it
            log.debug("preloading %s failed", what, exc_info=True)

    thread = threading.Thread(target=load, name=f"preload-{what}", daemon=True)
    thread.start()
    return thread

