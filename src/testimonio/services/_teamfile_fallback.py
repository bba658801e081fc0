"""Signed team and public-key files, used only while exchange.teamfile is absent.

Same API the team service expects of :mod:`testimonio.exchange.teamfile`:
``TeamQuestionnaire``, ``write_team_file``, ``read_team_file``,
``write_public_key_file``, ``read_public_key_file``. Signatures are the
device keys' Ed25519 (``exchange.keys``) over canonical JSON with a domain
prefix; nothing else cryptographic happens here.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from testimonio.errors import BadInput, BadSignature
from testimonio.exchange.keys import DeviceKeys, PublicKeys

_TEAM = b"testimonio team file v1\x00"
_PUB = b"testimonio public key file v1\x00"


@dataclass(frozen=True)
class TeamQuestionnaire:
    """One questionnaire version carried by a team file."""

    form_id: str
    version: str
    file_name: str
    data: bytes


@dataclass(frozen=True)
class TeamFile:
    """A team file whose signature verified (the fingerprint still needs a person)."""

    study: str
    lead: PublicKeys
    questionnaires: tuple[TeamQuestionnaire, ...]
    sites: tuple[str, ...]

    @property
    def lead_fingerprint(self) -> str:
        return self.lead.fingerprint


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _seal(domain: bytes, keys: DeviceKeys, body: dict[str, Any]) -> bytes:
    sig = keys.sign(domain + _canonical(body))
    return json.dumps({"body": body, "signature": sig.hex()}, sort_keys=True).encode() + b"\n"


def _open(domain: bytes, data: bytes, what: str) -> tuple[dict[str, Any], PublicKeys]:
    try:
        outer = json.loads(data)
        body = outer["body"]
        signer = PublicKeys.from_raw(bytes.fromhex(body["public"]))
        sig = bytes.fromhex(outer["signature"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BadInput(f"This is not a Testimonio {what}.") from None
    if not isinstance(body, dict) or not signer.verify(sig, domain + _canonical(body)):
        raise BadSignature(f"The {what}'s signature does not verify: it was altered. Nothing was changed.")
    return body, signer


def write_team_file(keys: DeviceKeys, study: str, forms: list[TeamQuestionnaire], sites: list[str]) -> bytes:
    body = {"kind": "team", "study": study, "public": keys.public.raw.hex(), "sites": list(sites),
            "questionnaires": [{"form_id": f.form_id, "version": f.version, "file_name": f.file_name,
                                "data": base64.b64encode(f.data).decode()} for f in forms]}
    return _seal(_TEAM, keys, body)


def read_team_file(data: bytes) -> TeamFile:
    body, lead = _open(_TEAM, data, "team file")
    try:
        forms = tuple(TeamQuestionnaire(str(f["form_id"]), str(f["version"]), str(f["file_name"]),
                                        base64.b64decode(f["data"], validate=True))
                      for f in body["questionnaires"])
        return TeamFile(str(body["study"]), lead, forms, tuple(str(s) for s in body["sites"]))
    except (KeyError, TypeError, ValueError):
        raise BadInput("This is not a Testimonio team file.") from None


def write_public_key_file(keys: DeviceKeys, name: str) -> bytes:
    return _seal(_PUB, keys, {"kind": "public-key", "name": name, "public": keys.public.raw.hex()})


def read_public_key_file(data: bytes) -> tuple[PublicKeys, str]:
    body, signer = _open(_PUB, data, "public-key file")
    return signer, str(body.get("name", ""))
