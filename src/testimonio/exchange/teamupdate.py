"""The team update (lead → researchers): a signed, numbered file.

Same signed container as the team file (teamfile.py, docs/bundle-format.md
"Signed files") with its own magic ``\\x89TMU\\r\\n\\x1a\\n`` and domain
``"testimonio team update v1" || 00``. The body (canonical JSON)::

    {"format": 1, "number": N, "study": ..., "created": ..., "kem": <lead hybrid key, base64>,
     "sites": [...], "questionnaires": [{form_id, version, filename, sha256, xlsform}],
     "roster": [{"public": b64 (64 bytes), "kem": b64 | null, "name": ...}],
     "revocations": [{"key_id", "fingerprint", "last_sequence", "revoked_at"}],
     "retention": {"action": "keep" | "identifiers" | "interview", "days": N},
     "recipients": [{"public": b64, "kem": b64, "name": ...}],
     "k": 2..100}

``k`` is the lead's smallest group size for exports (absent in updates
older than it: the researcher's vault then keeps the k it has). A k out of
bounds is refused (exit 3) with its own sentence.

Reading checks the signature and the shape only; the caller checks the
signer is its team's lead and that the number is newer than the last one.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from testimonio.atomic import write_atomic
from testimonio.errors import BadInput, BundleDamaged
from testimonio.exchange import kem as hybrid
from testimonio.exchange.keys import DeviceKeys, PublicKeys
from testimonio.exchange.teamfile import (
    MAX_TEAM_FILE,
    TeamQuestionnaire,
    _now,
    _open,
    _read,
    _seal,
    _text,
    kem_field,
    read_k,
    with_kem,
    written_k,
)

MAGIC = b"\x89TMU\r\n\x1a\n"
DOMAIN = b"testimonio team update v1\x00"
ACTIONS = ("keep", "identifiers", "interview")
MAX_DAYS = 3650
MAX_ITEMS = 10_000
_HEX64 = re.compile(r"[0-9a-f]{64}")
_FPR = re.compile(r"[0-9A-F]{4}( [0-9A-F]{4}){7}")


@dataclass(frozen=True)
class Retention:
    """The team's retention policy for interviews the lead has received."""

    action: str = "keep"  # keep | identifiers | interview
    days: int = 0  # after the receipt's date

    def __post_init__(self) -> None:
        if self.action not in ACTIONS or not isinstance(self.days, int) \
                or isinstance(self.days, bool) or not 0 <= self.days <= MAX_DAYS:
            raise BadInput("A retention policy is keep, identifiers or interview, "
                           f"after 0 to {MAX_DAYS} days.")

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "days": self.days}


@dataclass(frozen=True)
class Member:
    """A researcher on the roster, or a backup recipient."""

    name: str
    keys: PublicKeys


@dataclass(frozen=True)
class Revocation:
    """A revoked key: its bundles numbered above ``last_sequence`` are refused."""

    key_id: str
    fingerprint: str
    last_sequence: int
    revoked_at: str


@dataclass(frozen=True)
class TeamUpdate:
    """A verified team update (signature and shape checked)."""

    signer: PublicKeys
    number: int
    study: str
    created: str
    sites: tuple[str, ...]
    questionnaires: tuple[TeamQuestionnaire, ...]
    roster: tuple[Member, ...]
    revocations: tuple[Revocation, ...]
    retention: Retention
    recipients: tuple[Member, ...]
    #: The lead's smallest group size for exports (None in older updates).
    k: int | None = None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _member_json(m: Member) -> dict[str, Any]:
    return {"name": m.name, "public": _b64(m.keys.raw),
            "kem": None if m.keys.kem is None else _b64(m.keys.kem)}


def write_update(path: Path, lead: DeviceKeys, update: TeamUpdate) -> None:
    """Write ``update`` signed by ``lead`` (its ``signer`` is ignored)."""
    body: dict[str, Any] = {
        "format": 1, "number": update.number, "study": _text(update.study, "study name", 200),
        "created": _now(), **kem_field(lead.public),
        "sites": [_text(s, "site name", 200) for s in update.sites],
        "questionnaires": [
            {"form_id": q.form_id, "version": q.version, "filename": q.filename,
             "sha256": q.sha256, "xlsform": _b64(q.xlsform)} for q in update.questionnaires],
        "roster": [_member_json(m) for m in update.roster],
        "revocations": [{"key_id": r.key_id, "fingerprint": r.fingerprint,
                         "last_sequence": r.last_sequence, "revoked_at": r.revoked_at}
                        for r in update.revocations],
        "retention": update.retention.to_json(),
        "recipients": [_member_json(m) for m in update.recipients],
    }
    if update.k is not None:
        body["k"] = written_k(update.k)
    data = _seal(MAGIC, DOMAIN, lead, body)
    if len(data) > MAX_TEAM_FILE:
        raise BadInput("The questionnaires are too large for one team update.")
    write_atomic(path, data)


def read_update(path: Path) -> TeamUpdate:
    """Read and verify a team update; BundleDamaged / BadSignature (exit 3) if not."""
    signer, body = _open(_read(path, MAX_TEAM_FILE, "team update"), MAGIC, DOMAIN,
                         "team update")
    try:
        return _parse(with_kem(signer, body), body)
    except (KeyError, TypeError, ValueError, BadInput):
        raise BundleDamaged("The team update is damaged: its contents are malformed.") from None


def _count(value: object, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
        raise ValueError("count")
    return value


def _items(value: object) -> Sequence[Any]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ValueError("list")
    return value


def _member(item: Any) -> Member:
    public = base64.b64decode(item["public"], validate=True)
    raw_kem = item["kem"]
    kem = None if raw_kem is None else hybrid.check_public(base64.b64decode(raw_kem,
                                                                            validate=True))
    return Member(_text(item["name"], "name", 200), PublicKeys.from_raw(public, kem))


def _revocation(item: Any) -> Revocation:
    key_id, fpr, at = item["key_id"], item["fingerprint"], item["revoked_at"]
    if not (isinstance(key_id, str) and _HEX64.fullmatch(key_id) and isinstance(fpr, str)
            and _FPR.fullmatch(fpr) and isinstance(at, str) and len(at) <= 40):
        raise ValueError("revocation")
    return Revocation(key_id, fpr, _count(item["last_sequence"], 1_000_000), at)


def _parse(signer: PublicKeys, body: dict[str, Any]) -> TeamUpdate:
    forms = []
    for q in _items(body["questionnaires"]):
        xls = base64.b64decode(q["xlsform"], validate=True)
        form = TeamQuestionnaire(_text(q["form_id"], "form id", 200),
                                 _text(q["version"], "version", 200), xls,
                                 _text(q["filename"], "file name", 200))
        if form.sha256 != q["sha256"]:
            raise ValueError("questionnaire hash")
        forms.append(form)
    retention = body["retention"]
    return TeamUpdate(
        signer=signer, number=_count(body["number"], 2**31), study=_text(body["study"], "study", 200),
        created=_text(body["created"], "date", 40),
        sites=tuple(_text(s, "site name", 200) for s in _items(body["sites"])),
        questionnaires=tuple(forms),
        roster=tuple(_member(m) for m in _items(body["roster"])),
        revocations=tuple(_revocation(r) for r in _items(body["revocations"])),
        retention=Retention(str(retention["action"]), _count(retention["days"], MAX_DAYS)),
        recipients=tuple(_member(m) for m in _items(body["recipients"])),
        k=read_k(body, "team update"),
    )
