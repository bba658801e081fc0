"""Where things live: the user's data folder and the program's resources.

One function resolves resource paths both from a source checkout and from
the PyInstaller build, so nothing else needs to know which one is running.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "Testimonio"


def data_dir() -> Path:
    """The platform's per-user data folder for Testimonio (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
        return base / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME.lower()


def default_vault_dir() -> Path:
    """``TESTIMONIO_VAULT`` if set, else ``vault`` in the data folder."""
    env = os.environ.get("TESTIMONIO_VAULT")
    return Path(env) if env else data_dir() / "vault"


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    # src/testimonio/paths.py -> project root
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (icons, style sheet, translations)."""
    return _root().joinpath("resources", *parts)


def shipped_forms_dir() -> Path:
    """The folder of questionnaires shipped with the program (``forms/``)."""
    return _root() / "forms"


def name_text(path: Path) -> str:
    """A file's name as text to store or show (a bundle in the import log, a
    questionnaire's source, an attached file's caption).

    A name the file system gives in bytes that are not UTF-8 (a stick or a
    synced folder written elsewhere, in Latin-1) reaches Python with lone
    surrogates, which no UTF-8 text holds: the vault cannot store them. Those
    bytes are shown as U+FFFD; any other lone surrogate (a Windows name) too.
    """
    name = path.name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")
