"""The signed manifest inside a bundle, and the limits a reader enforces.

The manifest is canonical JSON (sorted keys, no spaces, ASCII). Its fields
are listed in docs/bundle-format.md; :meth:`Manifest.from_json` checks every
one (type and range) and refuses unknown versions.
"""

from __future__ import annotations

import json
import json.scanner
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from testimonio.errors import BundleDamaged
from testimonio.limits import MAX_ATTACHMENT_BYTES

FORMAT_VERSION = 1
FORMAT_V2 = 2
_V2_ONLY = ("recipients", "header_sha256")
MAX_MANIFEST_BYTES = 60 * 1024
#: Highest sequence number a reader accepts. A researcher numbers bundles
#: 1, 2, 3...; a million is a bundle a day for 2 700 years. Bounding it keeps
#: anything that walks or prints sequence numbers small (issue 15, item 1).
MAX_SEQUENCE = 1_000_000
# Matched with fullmatch: "$" alone would accept a trailing newline.
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")

# The pure-Python scanner calls parse_object/parse_array (the C one does not).
_PY_SCANNER: Any = getattr(json.scanner, "py_make_scanner")  # noqa: B009 - not in typeshed


@dataclass(frozen=True)
class Limits:
    """What a reader accepts before refusing a bundle as too large.

    Checked against the signed manifest before anything is decompressed, and
    again while decompressing (a hard stop, whatever the manifest says).
    """

    max_records_bytes: int = 512 * 1024 * 1024
    # One record is parsed at a time; 4 MiB of the worst JSON ("[[],[],...]")
    # is about 90 MB of Python objects, which keeps an import under 300 MB.
    # An interview's record is a few kB; writers refuse longer ones.
    max_record_line: int = 4 * 1024 * 1024
    max_records: int = 2_000_000
    max_attachments: int = 100_000
    max_attachment_bytes: int = MAX_ATTACHMENT_BYTES
    max_total_attachment_bytes: int = 64 * 1024 * 1024 * 1024


@dataclass(frozen=True)
class Manifest:
    """What a researcher signs: who, to whom, which sequence, what payload."""

    bundle_id: str
    researcher: str  # key id (hex SHA-256 of signing||encryption public keys)
    sequence: int
    recipient: str  # key id of the lead
    created: str  # UTC, "YYYY-MM-DDTHH:MM:SSZ"
    payload_sha256: str
    records_sha256: str  # of the compressed records section body
    records: int
    records_bytes: int  # uncompressed JSON-lines size
    attachments: int
    attachment_bytes: int
    extra: dict[str, Any] = field(default_factory=dict)
    format: int = FORMAT_VERSION
    # Format 2 only: every recipient's key id (header order) and the SHA-256
    # of all bytes before the body.
    recipients: tuple[str, ...] = ()
    header_sha256: str = ""

    def to_json(self) -> bytes:
        """Canonical JSON bytes (what is signed)."""
        data = asdict(self)
        if self.format == FORMAT_VERSION:
            for name in _V2_ONLY:
                del data[name]
        else:
            data["recipients"] = list(self.recipients)
        return json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=False).encode(
            "ascii")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """Parse and check a manifest; :class:`BundleDamaged` if anything is off."""
        data = _manifest_object(raw)
        version = _format_version(data)
        expected = set(cls.__dataclass_fields__)
        if version == FORMAT_VERSION:
            expected -= set(_V2_ONLY)
        if set(data) != expected:
            raise _bad("its manifest has missing or unknown fields")
        if version == FORMAT_V2:
            data["recipients"] = _recipients(data["recipients"])
            _check_pattern(data, "header_sha256", _HEX64)
        _check_fields(data)
        return cls(**data)


# The text fields every manifest has, each with the form it must match (fullmatch).
_TEXT_FIELDS: dict[str, re.Pattern[str]] = {
    "bundle_id": _HEX32, "researcher": _HEX64, "recipient": _HEX64,
    "payload_sha256": _HEX64, "records_sha256": _HEX64, "created": _TIME,
}
_COUNT_FIELDS = ("sequence", "records", "records_bytes", "attachments", "attachment_bytes")


def _manifest_object(raw: bytes) -> dict[str, Any]:
    """The manifest's JSON object (NaN and Infinity refused)."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=reject_json_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad("its manifest is not readable") from None
    if not isinstance(data, dict):
        raise _bad("its manifest is not an object")
    return data


def _format_version(data: dict[str, Any]) -> int:
    """The manifest's format, refused unless this program reads it."""
    version = data.get("format")
    if not _is_int(version) or version not in (FORMAT_VERSION, FORMAT_V2):
        raise BundleDamaged(
            "The bundle was made by another version of Testimonio (manifest format "
            f"{data.get('format')!r}); update the program and try again."
        )
    return int(version)


def _check_fields(data: dict[str, Any]) -> None:
    """Every field of both formats: texts, counts, the sequence's range, extra, then the texts' forms."""
    for name in _TEXT_FIELDS:
        if not isinstance(data[name], str):
            raise _bad(f"manifest field {name} is not text")
    for name in _COUNT_FIELDS:
        value = data[name]
        if not _is_int(value) or not 0 <= value < 2**63:
            raise _bad(f"manifest field {name} is not a count")
    if not 1 <= data["sequence"] <= MAX_SEQUENCE:
        raise _bad(f"its sequence number is not between 1 and {MAX_SEQUENCE}")
    if not isinstance(data["extra"], dict):
        raise _bad("manifest field extra is not an object")
    for name, pattern in _TEXT_FIELDS.items():
        _check_pattern(data, name, pattern)


def _check_pattern(data: dict[str, Any], name: str, pattern: re.Pattern[str]) -> None:
    value = data[name]
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _bad(f"manifest field {name} is malformed")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


#: A run of missing sequence numbers, first and last included.
Gap = tuple[int, int]


def missing_runs(seen: Iterable[int]) -> tuple[Gap, ...]:
    """The runs missing below the highest of ``seen`` (sorted, distinct, from 1)."""
    runs: list[Gap] = []
    expected = 1
    for number in seen:
        if number > expected:
            runs.append((expected, number - 1))
        expected = max(expected, number + 1)
    return tuple(runs)


def gap_text(gaps: Sequence[Gap]) -> str:
    """Runs as short text: ``[(3, 5), (9, 9)]`` → ``"3–5, 9"``."""
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in gaps)


def _recipients(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= 16:
        raise _bad("manifest field recipients is malformed")
    if not all(isinstance(v, str) and _HEX64.fullmatch(v) for v in value):
        raise _bad("manifest field recipients is malformed")
    return tuple(value)


def reject_json_constant(name: str) -> Any:
    """Refuse NaN and Infinity, which JSON does not allow but Python accepts."""
    raise ValueError(f"{name} is not JSON")


def bounded_json(text: str, max_containers: int) -> Any:
    """Parse JSON holding at most ``max_containers`` objects and arrays.

    ``json.loads`` builds whatever it is given: 32 MiB of ``[[],[],...]`` is
    11 million lists, over 600 MB. Here each object or array is counted as
    it opens and the parse stops (ValueError) past the bound, so memory
    follows what the caller expects (e.g. one object per declared
    attachment), not what the file holds. The pure-Python scanner is needed
    for the count (about 8 MB/s: for headers and indexes, not records).
    """
    # Any: parse_object/parse_array are undocumented attributes the typeshed omits.
    decoder: Any = json.JSONDecoder(parse_constant=reject_json_constant)
    left = max_containers
    parse_object, parse_array = decoder.parse_object, decoder.parse_array

    def spend() -> None:
        nonlocal left
        left -= 1
        if left < 0:
            raise ValueError("more objects or arrays than expected")

    def counted_object(*args: Any) -> Any:
        spend()
        return parse_object(*args)

    def counted_array(*args: Any) -> Any:
        spend()
        return parse_array(*args)

    decoder.parse_object = counted_object
    decoder.parse_array = counted_array
    decoder.scan_once = _PY_SCANNER(decoder)
    return decoder.decode(text)


def _bad(why: str) -> BundleDamaged:
    return BundleDamaged(f"The bundle is damaged: {why}. It was not imported.")
