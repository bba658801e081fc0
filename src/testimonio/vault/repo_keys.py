"""This vault's own key rows (``device_keys``, ``device_kem_keys``).

The service (``services/keys.py``) makes the keys; this module only stores
and finds the bytes. Each table holds at most one row (id 1).
"""

from __future__ import annotations

from typing import NamedTuple

from testimonio.vault.db import Db


class DeviceKeyRow(NamedTuple):
    """The Ed25519/X25519 device key pair as stored."""

    private: bytes
    public: bytes
    key_id: str


class KemKeyRow(NamedTuple):
    """The hybrid MLKEM768-X25519 key as stored (vault migration 4)."""

    private: bytes
    public: bytes


def device_private(db: Db) -> tuple[bytes, bytes] | None:
    """(device private bytes, hybrid KEM private bytes), or None if either is missing."""
    row = db.execute("SELECT private FROM device_keys WHERE id = 1").fetchone()
    kem = db.execute("SELECT private FROM device_kem_keys WHERE id = 1").fetchone()
    if row is None or kem is None:
        return None
    return bytes(row[0]), bytes(kem[0])


def store_device_keys(db: Db, device: DeviceKeyRow, kem: KemKeyRow, at: str) -> None:
    """Store both key pairs unless there are some already (another caller's stay)."""
    db.execute("INSERT INTO device_keys (id, private, public, key_id, created_at) "
               "VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
               (device.private, device.public, device.key_id, at))
    db.execute("INSERT INTO device_kem_keys (id, private, public, created_at) "
               "VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
               (kem.private, kem.public, at))
