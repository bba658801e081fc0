"""The printable recovery key: 160 random bits in Base32 plus a check group.

Shown once at ``init`` as nine groups of four characters, e.g.
``ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-CHEK``. The first eight groups
(32 characters, no hyphens) are the secret fed to Argon2id; the ninth is the
first four Base32 characters of SHA-256 of that secret, so a typo is caught
before a slow key derivation and reported as a typo.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from testimonio.errors import BadInput

SECRET_BYTES = 20
_GROUP = 4


def _check(secret: str) -> str:
    digest = hashlib.sha256(secret.encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii")[:_GROUP]


def new_recovery_key() -> tuple[str, str]:
    """A fresh recovery key: (text to show, secret to derive from)."""
    secret = base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")
    full = secret + _check(secret)
    shown = "-".join(full[i : i + _GROUP] for i in range(0, len(full), _GROUP))
    return shown, secret


def recovery_secret(text: str) -> str:
    """The secret inside a typed recovery key; BadInput if it has a typo.

    Case, spaces and hyphens do not matter; 0 and 1 are read as O and I.
    """
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\n")
    cleaned = cleaned.replace("0", "O").replace("1", "I")
    secret, check = cleaned[:-_GROUP], cleaned[-_GROUP:]
    if len(secret) != 32 or _check(secret) != check:
        raise BadInput(
            "That is not a valid recovery key: check each group of four characters "
            "against the printed copy."
        )
    return secret
