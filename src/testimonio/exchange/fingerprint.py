"""Key ids and fingerprints a person can read aloud.

* ``key_id(public_bytes)`` is the SHA-256 of the raw public key bytes, as 64
  lowercase hex characters. It is what files and rosters store: it binds the
  whole key.
* ``fingerprint(public_bytes)`` is the same digest shown for people: the
  first 128 bits as 8 groups of 4 uppercase hex characters separated by
  spaces (``"3F2A 9C01 77D0 …"``). 128 bits keep a second-preimage attack
  out of reach while staying short enough to read over a phone line; the
  letters are uppercase because they are easier to read aloud.

``fingerprint_words(fingerprint)`` says the same 128 bits as twelve words
of 11 bits each (the last word's low four bits are zero), from one fixed
word list (:mod:`testimonio.exchange.wordlist`): words are easier to read
over a phone than hex, and they encode the whole fingerprint, so comparing
the words is as strong as comparing the hex.

For a vault, "the public key" is the 64 bytes ``signing || encryption`` (see
``keys.PublicKeys.raw``), so one fingerprint confirms both keys.
"""

from __future__ import annotations

import hashlib
import re

FINGERPRINT_GROUPS = 8
_GROUP = 4

_DISPLAY_RE = re.compile(r"[0-9A-F]{4}( [0-9A-F]{4}){7}")  # fullmatch: no trailing newline


def key_id_bytes(public_bytes: bytes) -> bytes:
    """The 32-byte SHA-256 of a raw public key."""
    return hashlib.sha256(public_bytes).digest()


def key_id(public_bytes: bytes) -> str:
    """The SHA-256 of a raw public key, as 64 lowercase hex characters."""
    return key_id_bytes(public_bytes).hex()


def format_fingerprint(digest: bytes) -> str:
    """Show the first 128 bits of a key id as 8 groups of 4 uppercase hex."""
    text = digest[: FINGERPRINT_GROUPS * _GROUP // 2].hex().upper()
    return " ".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))


def fingerprint(public_bytes: bytes) -> str:
    """The fingerprint a person reads aloud to confirm a public key."""
    return format_fingerprint(key_id_bytes(public_bytes))


def fingerprint_of_key_id(kid: str) -> str:
    """The display fingerprint for a stored hex key id."""
    return format_fingerprint(bytes.fromhex(kid))


def normalise_fingerprint(text: str) -> str:
    """Accept a fingerprint typed by a person (any case, spaces, dashes)."""
    compact = re.sub(r"[\s:\-]", "", text).upper()
    return " ".join(compact[i : i + _GROUP] for i in range(0, len(compact), _GROUP))


def is_fingerprint(text: str) -> bool:
    """True when ``text`` is in the display form produced by :func:`fingerprint`."""
    return bool(_DISPLAY_RE.fullmatch(text))


WORD_COUNT = 12
_WORD_BITS = 11


def fingerprint_words(text: str) -> tuple[str, ...]:
    """The twelve words of a display fingerprint (all of its 128 bits).

    ``BadInput`` if ``text`` is not a fingerprint.
    """
    from testimonio.errors import BadInput
    from testimonio.exchange.wordlist import WORDS

    shown = normalise_fingerprint(text)
    if not is_fingerprint(shown):
        raise BadInput("This is not a fingerprint (8 groups of 4 hex digits).")
    bits = int(shown.replace(" ", ""), 16) << (WORD_COUNT * _WORD_BITS - 128)
    mask = (1 << _WORD_BITS) - 1
    return tuple(WORDS[(bits >> (_WORD_BITS * (WORD_COUNT - 1 - n))) & mask] for n in range(WORD_COUNT))
