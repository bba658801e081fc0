"""The kinds of file Testimonio writes for people to carry, and their extensions.

One documented extension per kind (docs/bundle-format.md lists them); the
extensions used before are still offered by the choosers and read. A file's
kind is told by its first bytes (every kind starts with its own magic), never
by its name, so a renamed file is still recognised and a file named like a
bundle that is not one is called what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from testimonio.exchange.bundle_io import MAGIC as BUNDLE_MAGIC
from testimonio.exchange.receipt import MAGIC as RECEIPT_MAGIC
from testimonio.exchange.teamfile import KEY_MAGIC, TEAM_MAGIC
from testimonio.exchange.teamupdate import MAGIC as UPDATE_MAGIC

MAGIC_BYTES = 8


@dataclass(frozen=True)
class FileKind:
    """One kind of file: its name, extension, older extensions and magic."""

    name: str
    extension: str  # with the dot
    older: tuple[str, ...]
    magic: bytes

    @property
    def patterns(self) -> tuple[str, ...]:
        """Glob patterns the choosers filter with (the current extension first)."""
        return tuple(f"*{e}" for e in (self.extension, *self.older))


BUNDLE = FileKind("bundle", ".tbundle", (".testimonio-bundle",), BUNDLE_MAGIC)
TEAM = FileKind("team", ".tteam", (".testimonio-team",), TEAM_MAGIC)
KEY = FileKind("key", ".tkey", (".testimonio-key",), KEY_MAGIC)
RECEIPT = FileKind("receipt", ".treceipt", (), RECEIPT_MAGIC)
UPDATE = FileKind("update", ".tupdate", (), UPDATE_MAGIC)
KINDS: tuple[FileKind, ...] = (BUNDLE, TEAM, KEY, RECEIPT, UPDATE)


def kind_of(path: Path) -> FileKind | None:
    """The kind of the file at ``path`` by its first bytes; None if none of ours.

    ``OSError`` if the file cannot be read.
    """
    with open(path, "rb") as fh:
        head = fh.read(MAGIC_BYTES)
    for kind in KINDS:
        if head == kind.magic[:MAGIC_BYTES]:
            return kind
    return None


def with_extension(path: Path, kind: FileKind) -> Path:
    """``path`` with the kind's extension added when it has none of the kind's."""
    if path.suffix.lower() in (kind.extension, *kind.older):
        return path
    return path.with_name(path.name + kind.extension)
