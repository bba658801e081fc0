"""What every command shares: finding the vault, asking for passphrases."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from testimonio.errors import BadInput
from testimonio.paths import default_vault_dir


def vault_dir(args: argparse.Namespace) -> Path:
    """``--vault``, else ``TESTIMONIO_VAULT``, else the data folder.

    BadInput for a name that is not text (bytes that are not UTF-8): SQLite
    opens files by UTF-8 name, so such a folder could never hold the vault.
    """
    path = Path(args.vault) if args.vault else default_vault_dir()
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(path).encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
        raise BadInput(f"The vault folder's name is not valid text (UTF-8): {shown}. "
                       "Choose a folder whose name is.") from None
    return path


def ask_secret(prompt: str, env: str) -> str:
    """A secret from ``env`` if set, else a prompt that does not echo."""
    value = os.environ.get(env)
    if value is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise BadInput(f"No passphrase: set {env} or run the command in a terminal.")
        value = getpass.getpass(prompt)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput("The passphrase is not valid text (its bytes are not UTF-8); "
                       f"type it, or set {env}, as UTF-8 text.") from None
    return value


def confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal; no terminal means no."""
    if not sys.stdin or not sys.stdin.isatty():
        return False
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in {"y", "yes", "s", "si", "sí"}
