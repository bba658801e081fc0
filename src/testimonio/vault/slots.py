"""The key-slot file: the vault's database key wrapped under derived keys.

As in LUKS and KeePass, a random 256-bit database key is stored wrapped
(ChaCha20-Poly1305) once per way of opening the vault: a ``passphrase`` slot
and a ``recovery`` slot. docs/vault.md specifies the format byte by byte.

Each slot carries a SHA-256 ``check`` over its own fields, so a damaged slot
is told apart from a wrong passphrase: damage breaks the check, a wrong
passphrase only breaks the AEAD tag.

The file is only ever replaced whole: write a temp file, fsync it, rename it
over the old one, fsync the folder. A crash at any point leaves either the
old file or the new one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from testimonio.atomic import fsync_dir
from testimonio.errors import VaultBusy, VaultDamaged, WrongPassphrase
from testimonio.vault.kdf import KEY_BYTES, SALT_BYTES, KdfParams

FORMAT = "testimonio-keyslots"
VERSION = 1
AEAD_NAME = "chacha20-poly1305"
NONCE_BYTES = 12
PASSPHRASE = "passphrase"
RECOVERY = "recovery"

DAMAGED_SLOTS = (
    "The vault's key file is damaged, so the vault cannot be opened. "
    "Restore the folder from a backup, or see docs/vault.md."
)


def _step(name: str) -> None:
    """A named point in the atomic write; tests make the process die here."""


@dataclass(frozen=True)
class KeySlot:
    """One wrapped copy of the database key."""

    kind: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    def fields(self) -> dict[str, Any]:
        """The slot as JSON fields, without its check."""
        return {
            "kind": self.kind,
            "kdf": "argon2id",
            **self.kdf.as_dict(),
            "salt": base64.b64encode(self.salt).decode("ascii"),
            "aead": AEAD_NAME,
            "nonce": base64.b64encode(self.nonce).decode("ascii"),
            "wrapped_key": base64.b64encode(self.wrapped_key).decode("ascii"),
        }


def slot_check(vault_id: str, fields: dict[str, Any]) -> str:
    """SHA-256 hex of the vault id and the slot's canonical JSON."""
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256((vault_id + canonical).encode("ascii")).hexdigest()


def _aad(vault_id: str, kind: str) -> bytes:
    return f"testimonio-keyslot/1/{vault_id}/{kind}".encode("ascii")


def wrap(vault_id: str, kind: str, db_key: bytes | bytearray, secret: str,
         kdf: KdfParams) -> KeySlot:
    """Wrap ``db_key`` under a key derived from ``secret`` with fresh salt and nonce."""
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    kek = kdf.derive(secret, salt)
    wrapped = ChaCha20Poly1305(kek).encrypt(nonce, db_key, _aad(vault_id, kind))
    return KeySlot(kind, kdf, salt, nonce, wrapped)


def unwrap(vault_id: str, slot: KeySlot, secret: str) -> bytes:
    """The database key; WrongPassphrase when the AEAD tag does not verify."""
    kek = slot.kdf.derive(secret, slot.salt)
    try:
        key = ChaCha20Poly1305(kek).decrypt(slot.nonce, slot.wrapped_key, _aad(vault_id, slot.kind))
    except InvalidTag:
        what = "recovery key" if slot.kind == RECOVERY else "passphrase"
        raise WrongPassphrase(f"Wrong {what}: the vault stays locked. Try again.") from None
    if len(key) != KEY_BYTES:
        raise VaultDamaged(DAMAGED_SLOTS)
    return key


@dataclass(frozen=True)
class SlotFile:
    """The parsed key-slot file.

    ``damaged`` keeps slots whose check failed, as they were read, so that
    rewriting the file (a passphrase change) does not lose them: one damaged
    slot must not stop the other from opening the vault.
    """

    vault_id: str
    slots: tuple[KeySlot, ...]
    damaged: tuple[dict[str, Any], ...] = ()

    def slot(self, kind: str) -> KeySlot:
        for slot in self.slots:
            if slot.kind == kind:
                return slot
        raise VaultDamaged(DAMAGED_SLOTS)

    def replace(self, new: KeySlot) -> SlotFile:
        kept = tuple(s for s in self.slots if s.kind != new.kind)
        slots = (new, *kept) if new.kind == PASSPHRASE else (*kept, new)
        damaged = tuple(d for d in self.damaged if d.get("kind") != new.kind)
        return SlotFile(self.vault_id, slots, damaged)

    def to_bytes(self) -> bytes:
        slots: list[dict[str, Any]] = []
        for slot in self.slots:
            fields = slot.fields()
            slots.append({**fields, "check": slot_check(self.vault_id, fields)})
        slots.extend(self.damaged)
        doc = {"format": FORMAT, "version": VERSION, "vault_id": self.vault_id, "slots": slots}
        return (json.dumps(doc, indent=1, ensure_ascii=True) + "\n").encode("ascii")

    @classmethod
    def from_bytes(cls, raw: bytes) -> SlotFile:
        """Parse and check every field; VaultDamaged on anything unexpected."""
        try:
            doc = json.loads(raw.decode("ascii"))
            if doc["format"] != FORMAT or doc["version"] != VERSION:
                raise ValueError("unknown format")
            vault_id = str(doc["vault_id"])
            if not isinstance(doc["slots"], list):
                raise ValueError("slots is not a list")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise VaultDamaged(DAMAGED_SLOTS) from None
        slots: list[KeySlot] = []
        damaged: list[dict[str, Any]] = []
        for raw_slot in doc["slots"]:
            try:
                slots.append(_parse_slot(vault_id, raw_slot))
            except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
                damaged.append(raw_slot if isinstance(raw_slot, dict) else {})
        return cls(vault_id, tuple(slots), tuple(damaged))


def _parse_slot(vault_id: str, raw: dict[str, Any]) -> KeySlot:
    fields = {k: v for k, v in raw.items() if k != "check"}
    if raw.get("check") != slot_check(vault_id, fields):
        raise ValueError("slot check does not match")
    if fields["kdf"] != "argon2id" or fields["aead"] != AEAD_NAME:
        raise ValueError("unknown algorithm")
    kdf = KdfParams(int(fields["time_cost"]), int(fields["memory_kib"]), int(fields["lanes"]))
    salt = base64.b64decode(fields["salt"], validate=True)
    nonce = base64.b64decode(fields["nonce"], validate=True)
    wrapped = base64.b64decode(fields["wrapped_key"], validate=True)
    if len(salt) != SALT_BYTES or len(nonce) != NONCE_BYTES or len(wrapped) != KEY_BYTES + 16:
        raise ValueError("bad field length")
    return KeySlot(str(fields["kind"]), kdf, salt, nonce, wrapped)


def read_slot_file(path: Path) -> SlotFile:
    """Read and parse the slot file at ``path``."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise VaultDamaged(DAMAGED_SLOTS) from None
    return SlotFile.from_bytes(raw)


def write_slot_file(path: Path, slots: SlotFile) -> None:
    """Replace ``path`` atomically and durably with ``slots`` (mode 0600)."""
    data = slots.to_bytes()
    tmp = path.with_name(path.name + ".tmp")
    _step("start")
    tmp.unlink(missing_ok=True)  # a leftover from an interrupted change
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        _step("written")
        os.fsync(fd)
    finally:
        os.close(fd)
    _step("synced")
    os.replace(tmp, path)
    _step("renamed")
    fsync_dir(path.parent)
    _step("done")


CHANGED_MEANWHILE = (
    "The passphrase or recovery key was changed meanwhile by another program; this change "
    "was not made. Lock the vault and open it again with the key now in force."
)


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the vault folder while the slot file is rewritten.

    Two ``passwd`` at once take turns; the second then finds the file changed
    (:func:`refuse_if_changed`) and is refused instead of silently undoing the
    first. (A folder lock needs no extra file; on Windows, where folders
    cannot be locked, only the check applies.)
    """
    if sys.platform == "win32":
        yield
        return
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def refuse_if_changed(path: Path, known: SlotFile) -> None:
    """VaultBusy when the slot file on disk is no longer the one this vault read."""
    if read_slot_file(path) != known:
        raise VaultBusy(CHANGED_MEANWHILE)
