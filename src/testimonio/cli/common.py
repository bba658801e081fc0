"""What every command shares: finding the vault, asking for passphrases, printing.

Everything a command prints goes through :func:`out` / :func:`err`, which
escape control and invisible characters: text from other people's files
(names, sites, study names, aliases) never reaches the terminal raw.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import os
import sys
import unicodedata
from pathlib import Path

from testimonio.errors import EXIT_BAD_INPUT, EXIT_FAILED, BadInput
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


# --- what reaches the terminal ---------------------------------------------------

# Control characters steer a terminal (ESC[8m hides what follows); format
# characters (bidirectional overrides, zero-width joiners) reorder or hide
# text; line and paragraph separators fake new lines. All are shown escaped.
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape(c: str) -> str:
    # \uXXXX (a surrogate pair above U+FFFF) reads the same in text and in JSON.
    code = ord(c)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def terminal_safe(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control, format and separator character escaped.

    Newlines are kept unless ``keep_newlines`` is False (for a single value
    from outside, where a newline could fake a line of ours).
    """
    return "".join(
        c if (c == "\n" and keep_newlines) or unicodedata.category(c) not in _UNSAFE
        else _escape(c) for c in text)


def shown(text: object, limit: int = 200) -> str:
    """One value from outside (a name, a site, a file name) for a line of ours.

    Bounded to ``limit`` characters and escaped, newlines included.
    """
    value = str(text)
    clipped = value[:limit] + ("…" if len(value) > limit else "")
    return terminal_safe(clipped, keep_newlines=False)


def out(line: str = "", *, flush: bool = False) -> None:
    """Write one line to standard output, escaped (every command prints through here)."""
    sys.stdout.write(terminal_safe(line) + "\n")
    if flush:
        sys.stdout.flush()


def err(line: str) -> None:
    """Write one line to standard error, escaped."""
    sys.stderr.write(terminal_safe(line) + "\n")


# --- files named on the command line -------------------------------------------

_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}


def os_error_sentence(error: OSError) -> tuple[int, str] | None:
    """(exit code, sentence) for a file error a person can act on, or None.

    A full disk is a failure (1) that loses nothing; a missing, forbidden or
    misnamed file is bad input (2). Anything else is unexpected.
    """
    name = error.filename2 if error.filename2 is not None else error.filename
    where = f" ({shown(os.fsdecode(name))})" if isinstance(name, str | bytes) else ""
    if error.errno in _FULL:
        return EXIT_FAILED, (f"The disk is full{where}: nothing more could be written. Nothing "
                             "was lost; free some space or choose another drive, then try again.")
    if error.errno in _DENIED:
        return EXIT_BAD_INPUT, (f"No permission to use that file or folder{where}. Choose one "
                                "you may read or write, or change its permissions.")
    if error.errno == errno.ENOENT:
        return EXIT_BAD_INPUT, f"There is no such file or folder{where}."
    if error.errno == errno.EISDIR:
        return EXIT_BAD_INPUT, f"That is a folder, not a file{where}: give a file name."
    if error.errno == errno.ENOTDIR:
        return EXIT_BAD_INPUT, f"A part of that path is not a folder{where}."
    if error.errno == errno.ENAMETOOLONG:
        return EXIT_BAD_INPUT, "That file name is too long."
    return None


def out_file(path: Path, what: str = "file") -> Path:
    """``path`` checked as a file to write: not a folder, in a folder that exists."""
    path = Path(path)
    if path.is_dir():
        raise BadInput(f"{shown(path)} is a folder: give the name of the {what} to write, "
                       f"for example {shown(path / ('new-' + what.replace(' ', '-')))}.")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise BadInput(f"There is no folder {shown(parent)}: create it first, or write the "
                       f"{what} somewhere else.")
    return path
