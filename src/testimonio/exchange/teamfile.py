"""The team file (lead → researchers) and the researcher key file (→ lead).

Both are one signed container (docs/bundle-format.md, "Signed files")::

    magic (8) | version u8 = 1 | Ed25519 public (32) | X25519 public (32)
    | body length u32 BE | body (canonical JSON, UTF-8) | Ed25519 signature (64)

The signature is by the embedded signing key over ``domain || every byte
before the signature``; the domain differs per kind, so one file can never
be taken for the other. A valid signature proves only that the file was not
altered since the holder of that key made it: the person must still confirm
the fingerprint (:attr:`TeamFile.fingerprint`) by voice or in person.

API::

    write_team_file(path, lead_keys, "Study", [TeamQuestionnaire(id, version, xlsx_bytes, "f.xlsx")], ["Tumbes"])
    team = read_team_file(path)            # TeamFile: study, lead (PublicKeys), fingerprint, questionnaires, sites
    write_public_key_file(path, keys, "Ana")
    rk = read_public_key_file(path)         # ResearcherKeyFile: name, keys, fingerprint

Since bundle format v2 both bodies may carry ``kem``: the base64 of the
signer's hybrid public key (exchange/kem.py), signed with the rest; readers
of older files get ``kem`` None (the team then writes v1 bundles).

Errors: BundleDamaged (not such a file, damaged), BadSignature (exit 3);
BadInput for what the writer is given.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from testimonio.atomic import write_atomic
from testimonio.errors import BadInput, BadSignature, BundleDamaged
from testimonio.exchange import kem as hybrid
from testimonio.exchange.kanon import DEFAULT_K, MAX_K, MIN_K
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.manifest import bounded_json

TEAM_MAGIC = b"\x89TMT\r\n\x1a\n"
KEY_MAGIC = b"\x89TMK\r\n\x1a\n"
TEAM_DOMAIN = b"testimonio team file v1\x00"
KEY_DOMAIN = b"testimonio researcher key v1\x00"
VERSION = 1
MAX_TEAM_FILE = 64 * 1024 * 1024
MAX_KEY_FILE = 64 * 1024
_HEAD = struct.Struct(">8sB32s32sI")
_SIG = 64
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


@dataclass(frozen=True)
class TeamQuestionnaire:
    """A questionnaire carried by the team file, as the XLSForm file's bytes."""

    form_id: str
    version: str
    xlsform: bytes
    filename: str = "form.xlsx"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.xlsform).hexdigest()


@dataclass(frozen=True)
class TeamFile:
    """A verified team file. Show :attr:`fingerprint` before trusting it."""

    study: str
    lead: PublicKeys
    questionnaires: tuple[TeamQuestionnaire, ...]
    sites: tuple[str, ...]
    created: str
    #: The smallest group size the lead set for exports (every team file
    #: carries it; None only in files older than that): a researcher may
    #: raise it, never lower it.
    k: int | None = None

    @property
    def fingerprint(self) -> str:
        """The lead's fingerprint, to confirm by voice before joining."""
        return self.lead.fingerprint


@dataclass(frozen=True)
class ResearcherKeyFile:
    """A verified researcher key file. Show :attr:`fingerprint` before adding it."""

    name: str
    keys: PublicKeys
    created: str

    @property
    def fingerprint(self) -> str:
        return self.keys.fingerprint


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: object, what: str, limit: int) -> str:
    """``value`` if it is plain text of 1 to ``limit`` characters, else BadInput.

    The one rule for every name a signed file carries (study, sites, people,
    questionnaires), applied by the writer and again by the reader: these
    are shown beside a fingerprint, so nothing in them may steer a terminal
    (ESC, other control characters) or reorder or hide what is shown
    (bidirectional overrides, zero-width and other format characters).
    """
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise BadInput(f"The {what} must be text of 1 to {limit} characters.")
    if not is_plain_text(value):
        raise BadInput(f"The {what} contains control or invisible characters, which could "
                       "change what a terminal or window shows; only plain text is accepted.")
    return value


def checked_text(value: object, what: str, limit: int) -> str:
    """The same rule for names typed here that end up beside fingerprints (roster names)."""
    return _text(value, what, limit)


def is_plain_text(value: str) -> bool:
    """True when ``value`` holds no control, format, surrogate or separator character."""
    return not any(unicodedata.category(c) in _UNSAFE for c in value)


_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: Most questionnaires and sites a team file may carry.
MAX_FORMS = 200
MAX_SITES = 2000
#: Most JSON objects and arrays in a signed file's body (parsed with a budget).
MAX_CONTAINERS = 200_000


def kem_field(keys: PublicKeys) -> dict[str, str]:
    """``{"kem": base64}`` of a hybrid public key, or nothing when there is none."""
    return {} if keys.kem is None else {"kem": base64.b64encode(keys.kem).decode("ascii")}


def with_kem(keys: PublicKeys, body: dict[str, Any]) -> PublicKeys:
    """``keys`` with the hybrid public key a verified body carries (if any)."""
    raw = body.get("kem")
    if raw is None:
        return keys
    try:
        kem = hybrid.check_public(base64.b64decode(str(raw), validate=True))
    except (ValueError, BadInput):
        raise BundleDamaged("The file's hybrid key is malformed.") from None
    return PublicKeys(keys.signing, keys.encryption, kem)


def _seal(magic: bytes, domain: bytes, keys: DeviceKeys, body: dict[str, Any]) -> bytes:
    raw = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    pub = keys.public
    head = _HEAD.pack(magic, VERSION, pub.signing, pub.encryption, len(raw)) + raw
    return head + keys.sign(domain + head)


def _open(data: bytes, magic: bytes, domain: bytes, kind: str) -> tuple[PublicKeys, Any]:
    if len(data) < _HEAD.size + _SIG or not data.startswith(magic):
        raise BundleDamaged(f"This file is not a Testimonio {kind}.")
    _, version, signing, encryption, length = _HEAD.unpack_from(data)
    if version != VERSION:
        raise BundleDamaged(
            f"This {kind} was made by another version of Testimonio; update and try again."
        )
    if _HEAD.size + length + _SIG != len(data):
        raise BundleDamaged(f"The {kind} is damaged, truncated or has bytes added.")
    keys = PublicKeys(signing=signing, encryption=encryption)
    signed, sig = data[:-_SIG], data[-_SIG:]
    if not keys.verify(sig, domain + signed):
        raise BadSignature(f"The {kind}'s signature does not verify: it was altered.")
    try:
        body = bounded_json(signed[_HEAD.size :].decode("utf-8"), MAX_CONTAINERS)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleDamaged(f"The {kind} is damaged.") from None
    if not isinstance(body, dict) or body.get("format") != VERSION:
        raise BundleDamaged(f"The {kind} is damaged or from another version.")
    return keys, body


def _read(path: Path, limit: int, kind: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise BadInput(f"There is no {kind} at {path}.") from None
    except OSError as exc:
        raise BadInput(f"The {kind} {path} cannot be read: {exc.strerror}.") from None
    if len(data) > limit:
        raise BundleDamaged(f"The file {path} is too large to be a {kind}.")
    return data


def write_team_file(
    path: Path,
    lead: DeviceKeys,
    study_name: str,
    questionnaires: Sequence[TeamQuestionnaire | tuple[str, str, bytes]],
    sites: Sequence[str],
    k: int = DEFAULT_K,
) -> TeamFile:
    """Write the lead-signed team file; return what a reader will see.

    ``k`` is the lead's smallest group size for exports, always carried.
    """
    forms = tuple(q if isinstance(q, TeamQuestionnaire) else TeamQuestionnaire(*q)
                  for q in questionnaires)
    body: dict[str, Any] = {
        "format": VERSION,
        "study": _text(study_name, "study name", 200),
        "sites": [_text(s, "site name", 200) for s in sites],
        "created": _now(),
        **kem_field(lead.public),
        "questionnaires": [
            {"form_id": _text(q.form_id, "form id", 200), "version": str(q.version),
             "filename": _text(q.filename, "file name", 200), "sha256": q.sha256,
             "xlsform": base64.b64encode(q.xlsform).decode("ascii")}
            for q in forms
        ],
    }
    body["k"] = written_k(k)
    data = _seal(TEAM_MAGIC, TEAM_DOMAIN, lead, body)
    if len(data) > MAX_TEAM_FILE:
        raise BadInput("The questionnaires are too large for one team file.")
    write_atomic(path, data)
    return TeamFile(body["study"], lead.public, forms, tuple(sites), body["created"], k)


def read_team_file(path: Path) -> TeamFile:
    """Read and verify a team file (signature, shape); the caller confirms the fingerprint."""
    keys, body = _open(_read(path, MAX_TEAM_FILE, "team file"), TEAM_MAGIC, TEAM_DOMAIN,
                       "team file")
    try:
        if len(body["questionnaires"]) > MAX_FORMS or len(body["sites"]) > MAX_SITES:
            raise ValueError("too many questionnaires or sites")
        forms = []
        for q in body["questionnaires"]:
            xls = base64.b64decode(q["xlsform"], validate=True)
            if hashlib.sha256(xls).hexdigest() != q["sha256"]:
                raise ValueError("questionnaire hash")
            forms.append(TeamQuestionnaire(_text(q["form_id"], "form id", 200),
                                           _text(q["version"], "questionnaire version", 200),
                                           xls, _text(q["filename"], "file name", 200)))
        sites = tuple(_text(s, "site name", 200) for s in body["sites"])
        k = read_k(body, "team file")
        return TeamFile(_text(body["study"], "study name", 200), with_kem(keys, body),
                        tuple(forms), sites, _created(body["created"]), k)
    except BadInput as error:
        raise _refused("team file", error) from None
    except (KeyError, TypeError, ValueError):
        raise BundleDamaged("The team file is damaged: its contents are malformed.") from None


class GroupSizeRefused(BundleDamaged):
    """A signed file whose smallest group size (k) is outside MIN_K..MAX_K (exit 3)."""


def _is_k(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and MIN_K <= value <= MAX_K


def written_k(k: int) -> int:
    """``k`` if a team file or update may carry it, else BadInput (for the writer)."""
    if not _is_k(k):
        raise BadInput(f"The smallest group size must be a whole number from {MIN_K} to {MAX_K}.")
    return k


def read_k(body: dict[str, Any], kind: str) -> int | None:
    """The k a verified body carries (None when older files carry none).

    Out of bounds is refused with its own sentence, not as "malformed": a
    lead's k of 1 would let one person's answers out alone. The value itself
    is not echoed (it came from outside and may be any size).
    """
    if "k" not in body:
        return None
    value = body["k"]
    if not _is_k(value):
        raise GroupSizeRefused(
            f"The {kind} sets the smallest group size for exports (k) outside {MIN_K} to "
            f"{MAX_K}, which this program does not accept. It was refused and nothing was "
            "changed; ask the team lead for a corrected file.")
    assert isinstance(value, int)
    return value


def _created(value: object) -> str:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise ValueError("creation time")
    return value


def _refused(kind: str, error: BadInput) -> BundleDamaged:
    return BundleDamaged(f"The {kind} was refused and nothing was changed. {error}")


def write_public_key_file(path: Path, keys: DeviceKeys, name: str) -> ResearcherKeyFile:
    """Write this device's self-signed public key file (``keys export``)."""
    body: dict[str, Any] = {"format": VERSION, "name": _text(name, "name", 200), "created": _now(),
                            **kem_field(keys.public)}
    write_atomic(path, _seal(KEY_MAGIC, KEY_DOMAIN, keys, body))
    return ResearcherKeyFile(name, keys.public, body["created"])


def read_public_key_file(path: Path) -> ResearcherKeyFile:
    """Read and verify a researcher key file; the caller confirms the fingerprint."""
    keys, body = _open(_read(path, MAX_KEY_FILE, "key file"), KEY_MAGIC, KEY_DOMAIN, "key file")
    try:
        return ResearcherKeyFile(_text(body["name"], "name", 200), with_kem(keys, body),
                                 _created(body["created"]))
    except BadInput as error:
        raise _refused("key file", error) from None
    except (KeyError, TypeError, ValueError):
        raise BundleDamaged("The key file is damaged: its contents are malformed.") from None
