"""Interface language: Qt Linguist translators, and a pseudo-translation.

Source strings are English. :func:`install_language` installs our
``testimonio_<lang>.qm`` and Qt's own ``qtbase_<lang>.qm`` (standard buttons)
on the application; the language comes from the settings, by default the
system's. :class:`PseudoTranslator` lengthens every string by half, as
Vorta does, so layouts that break in a longer language show up in a test.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
)

from testimonio.paths import data_dir, resource_path

log = logging.getLogger(__name__)

SUPPORTED = ("es", "en")

# Qt's own file chooser shows these two with mnemonics that Qt's Spanish
# catalogue (qtbase_es) lacks, so they would stay English: ours has them.
QT_STRINGS_WE_TRANSLATE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
PSEUDO = "pseudo"
# Placeholders and markup that must survive the pseudo-translation intact.
_KEEP = re.compile(r"(\{[^}]*\}|%\d|%n|&&|&(?=\w)|<[^>]+>|&\w+;)")
_ACCENTS = str.maketrans("aeiouAEIOUcnCN", "àéîõüÀÉÎÕÜçñÇÑ")


def system_language() -> str:
    """``"es"`` when the system's interface language is Spanish, else ``"en"``."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return "en"


def resolve_language(setting: str | None) -> str:
    """The language to use for a setting value ('' means the system's)."""
    if setting in SUPPORTED or setting == PSEUDO:
        return str(setting)
    return system_language()


def pseudo(text: str) -> str:
    """``text`` accented and half again as long, placeholders untouched."""
    if not text:
        return text
    parts = _KEEP.split(text)
    out = "".join(p if _KEEP.fullmatch(p) else p.translate(_ACCENTS) for p in parts)
    pad = max(2, (len(text) + 1) // 2)  # the brackets count towards the half
    return f"[{out}{'~' * max(0, pad - 2)}]"


class PseudoTranslator(QTranslator):
    """Translates every string into its lengthened pseudo form."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:  # noqa: ARG002 - Qt's signature
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


class Languages:
    """Owns the installed translators of one application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.current = "en"

    def install(self, setting: str | None) -> str:
        """Switch to the language ``setting`` names; returns the language used."""
        lang = resolve_language(setting)
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if lang == PSEUDO:
            self._add(PseudoTranslator(self._app))
        else:
            # English too: its file holds the plural forms ("1 problem", not
            # "1 problem(s)"); every other English message is its source.
            ours = QTranslator(self._app)
            folder = str(resource_path("translations"))
            if ours.load(f"testimonio_{lang}", folder):
                self._add(ours)
            else:
                log.warning("no compiled translation for %s in %s (run make translations)",
                            lang, folder)
        if lang not in ("en", PSEUDO):
            qt = QTranslator(self._app)
            if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._add(qt)
        self.current = lang
        QLocale.setDefault(QLocale(QLocale.Language.Spanish if lang == "es" else QLocale.Language.English))
        return lang

    def _add(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)


def languages(app: QCoreApplication) -> Languages:
    """The :class:`Languages` of ``app``, created on first use."""
    found = app.findChild(_Holder, "testimonio-languages")
    if found is None:
        found = _Holder(app)
    return found.languages


class _Holder(QObject):
    # Parented to the application so the translators live exactly as long as it.
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("testimonio-languages")
        self.languages = Languages(app)


# The interface language must be known before the vault is open (the unlock
# dialog is translated), so a copy of that one setting lives in a small file
# in the data folder. One file per vault (named by a hash of the vault's
# folder, which it does not reveal): opening the lead's vault on a laptop
# does not change the language of the researcher's unlock screen. The file
# without a hash is the language of the first-run wizard and of a vault that
# has none yet. It reveals nothing about interviews.
def _language_file(vault_dir: Path | None = None) -> Path:
    if vault_dir is None:
        return data_dir() / "interface-language"
    digest = hashlib.sha256(str(Path(vault_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return data_dir() / f"interface-language-{digest}"


def _read(path: Path) -> str:
    try:
        value = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return value if value in SUPPORTED or value == PSEUDO else ""


def remembered_language(vault_dir: Path | None = None) -> str:
    """The language last chosen for the vault in ``vault_dir`` (else the
    one chosen in the first-run wizard), '' if none."""
    if vault_dir is not None:
        found = _read(_language_file(vault_dir))
        if found:
            return found
    return _read(_language_file())


def remember_language(setting: str, vault_dir: Path | None = None) -> None:
    """Keep the chosen language for the next start (before unlock)."""
    path = _language_file(vault_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(setting if setting in SUPPORTED else "", encoding="ascii")
    except OSError:
        log.warning("could not remember the interface language", exc_info=True)
