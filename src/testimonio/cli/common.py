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
    """``--vault``, else ``TESTIMONIO_VAULT``, else the data folder."""
    return Path(args.vault) if args.vault else default_vault_dir()


def ask_secret(prompt: str, env: str) -> str:
    """A secret from ``env`` if set, else a prompt that does not echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise BadInput(f"No passphrase: set {env} or run the command in a terminal.")
    return getpass.getpass(prompt)


def confirm(question: str) -> bool:
    """Ask a yes/no question on the terminal; no terminal means no."""
    if not sys.stdin or not sys.stdin.isatty():
        return False
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in {"y", "yes", "s", "si", "sí"}
