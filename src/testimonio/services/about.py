"""What the About dialog and ``--version`` callers show: versions and licences."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

from testimonio import __version__


@dataclass(frozen=True)
class Component:
    """One bundled component, its version and licence."""

    name: str
    version: str
    licence: str


def sqlcipher_version() -> str:
    """The SQLCipher library's own version, from an in-memory database."""
    from testimonio.vault.connection import cipher_version

    return cipher_version()


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "bundled"


def components() -> list[Component]:
    """Testimonio and what it ships with, with their licences."""
    return [
        Component("Testimonio", __version__, "GPL-3.0-or-later"),
        Component("Python", platform.python_version(), "PSF-2.0"),
        Component("Qt for Python (PySide6)", _dist_version("PySide6-Essentials"), "LGPL-3.0"),
        Component("SQLCipher", sqlcipher_version(), "BSD-3-Clause"),
        Component("sqlcipher3", _dist_version("sqlcipher3"), "Zlib"),
        Component("cryptography", _dist_version("cryptography"), "Apache-2.0 OR BSD-3-Clause"),
        Component("pyxform", _dist_version("pyxform"), "BSD-2-Clause"),
        Component("openpyxl", _dist_version("openpyxl"), "MIT"),
        Component("PDFium (pypdfium2)", _dist_version("pypdfium2"), "BSD-3-Clause AND Apache-2.0"),
    ]
