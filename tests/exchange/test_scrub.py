"""Image metadata is removed; pictures still decode; other types are refused."""

from __future__ import annotations

import struct
import zlib

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from testimonio.exchange.scrub import Unscrubbable, scrub

GPS = b"GPS-CANARY-3.5S-80.4W"


def _encode(fmt: str) -> bytes:
    image = QImage(16, 12, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 30))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buf, fmt)
    return bytes(data.data())


def _decodes(data: bytes) -> bool:
    return not QImage.fromData(data).isNull()


def test_jpeg_loses_exif_and_comments() -> None:
    jpeg = _encode("JPEG")
    exif = b"Exif\x00\x00" + GPS
    com = b"made by " + GPS
    dirty = (jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
             + b"\xff\xfe" + struct.pack(">H", len(com) + 2) + com + jpeg[2:])
    assert _decodes(dirty)
    clean, kind = scrub(dirty, "image/jpeg")
    assert kind == "image/jpeg" and GPS not in clean and _decodes(clean)
    assert scrub(clean)[0] == clean


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_png_loses_text_and_exif_chunks() -> None:
    png = _encode("PNG")
    ihdr_end = 8 + 25
    dirty = png[:ihdr_end] + _chunk(b"tEXt", b"Comment\x00" + GPS) + _chunk(b"eXIf", GPS) + png[ihdr_end:]
    assert _decodes(dirty)
    clean, kind = scrub(dirty)
    assert kind == "image/png" and GPS not in clean and _decodes(clean)


@pytest.mark.parametrize("data", [b"%PDF-1.7 ...", b"", b"\xff\xd8\xff\xe1\x00", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_other_or_broken_files_are_refused(data: bytes) -> None:
    with pytest.raises(Unscrubbable):
        scrub(data, "application/pdf")
