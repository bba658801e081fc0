"""Remove metadata (EXIF, GPS, comments) from attachments before they leave.

Only formats we can parse with certainty leave the vault:

- JPEG: the marker segments are walked; APP1..APP15 (EXIF, XMP, GPS,
  Photoshop IPTC, ICC is APP2) and COM segments are dropped; APP0 (JFIF) and
  everything needed to decode the picture are kept; the entropy-coded data
  after SOS is copied as is.
- PNG: chunks are walked (CRC checked); ``tEXt``, ``zTXt``, ``iTXt``,
  ``eXIf`` and ``tIME`` are dropped.

Any other type (PDF, audio, HEIC, ...) cannot be cleaned reliably and is
refused: :func:`scrub` raises :class:`Unscrubbable` and the exporter leaves
that attachment out, saying so in the preview.
"""

from __future__ import annotations

import struct
import zlib

from testimonio.errors import BadInput

JPEG_MAGIC = b"\xff\xd8"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_PNG_DROP = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})
# Markers without a length field.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


class Unscrubbable(BadInput):
    """An attachment whose metadata we cannot remove with certainty."""


def scrub(data: bytes, media_type: str = "") -> tuple[bytes, str]:
    """``(clean bytes, media type)`` of an image without its metadata."""
    if data.startswith(JPEG_MAGIC):
        return scrub_jpeg(data), "image/jpeg"
    if data.startswith(PNG_MAGIC):
        return scrub_png(data), "image/png"
    raise Unscrubbable(
        f"Attachments of type {media_type or 'unknown'} cannot be cleaned of metadata; "
        "only JPEG and PNG pictures leave the vault."
    )


def scrub_jpeg(data: bytes) -> bytes:
    """The JPEG without APP1..APP15 and COM segments."""
    out = bytearray(JPEG_MAGIC)
    pos = 2
    n = len(data)
    while pos < n:
        if data[pos] != 0xFF:
            raise Unscrubbable("The JPEG picture is damaged (a marker was expected).")
        while pos < n and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= n:
            break
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            out += b"\xff\xd9"
            return bytes(out)
        if marker in _STANDALONE:
            out += bytes((0xFF, marker))
            continue
        if pos + 2 > n:
            raise Unscrubbable("The JPEG picture is truncated.")
        (length,) = struct.unpack(">H", data[pos:pos + 2])
        if length < 2 or pos + length > n:
            raise Unscrubbable("The JPEG picture is damaged (a segment runs past its end).")
        segment = data[pos:pos + length]
        pos += length
        if 0xE1 <= marker <= 0xEF or marker == 0xFE:
            continue
        out += bytes((0xFF, marker)) + segment
        if marker == 0xDA:  # SOS: image data follows, up to EOI
            end = data.rfind(b"\xff\xd9")
            if end < pos:
                raise Unscrubbable("The JPEG picture is truncated.")
            out += data[pos:end + 2]
            return bytes(out)
    raise Unscrubbable("The JPEG picture is truncated.")


def scrub_png(data: bytes) -> bytes:
    """The PNG without text, EXIF and time chunks."""
    out = bytearray(PNG_MAGIC)
    pos = len(PNG_MAGIC)
    n = len(data)
    while pos + 12 <= n:
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if end > n:
            raise Unscrubbable("The PNG picture is truncated.")
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:end])
        if zlib.crc32(kind + body) != crc:
            raise Unscrubbable("The PNG picture is damaged (a checksum does not match).")
        if kind not in _PNG_DROP:
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            return bytes(out)
    raise Unscrubbable("The PNG picture is truncated.")
