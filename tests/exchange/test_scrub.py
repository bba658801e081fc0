"""Pictures are re-encoded from their pixels: no metadata, no second image, no trailing bytes.

Every hostile picture is made here with Pillow or by hand (struct/zlib), so
the tests run from a clone. Each one is checked twice: the canary is in the
input (the control) and nowhere in the output, and the output is a plain
picture (only the segments or chunks a fresh encoder writes).
"""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from testimonio.exchange.scrub import DEFAULT_MAX_SIDE, Unscrubbable, reencode, scrub

CANARY = b"GPS-CANARY-3.5S-80.4W-SERIAL-77"


def _jpeg(size: tuple[int, int] = (32, 24), mode: str = "RGB", **save: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None).save(out, "JPEG", **save)
    return out.getvalue()


def _png(size: tuple[int, int] = (32, 24), mode: str = "RGB", **save: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG", **save)
    return out.getvalue()


def _segment(marker: int, body: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(body) + 2) + body


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG up to its scan (what a fresh encoder writes)."""
    found, pos = [], 2
    while pos < len(data):
        marker = data[pos + 1]
        found.append(marker)
        if marker == 0xDA:
            break
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    return found


def _png_chunks(data: bytes) -> list[bytes]:
    found, pos = [], 8
    while pos + 8 <= len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        found.append(data[pos + 4:pos + 8])
        pos += 12 + length
    return found


def _exif_with(canary: bytes, orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = canary.decode()  # Make
    exif[0xA431] = canary.decode()  # BodySerialNumber (Exif IFD tag, stored in IFD0 here)
    gps = exif.get_ifd(0x8825)
    gps[0x12] = canary.decode()  # GPSMapDatum (ASCII): whatever the bytes, they must go
    if orientation:
        exif[0x0112] = orientation
    return exif.tobytes()


def _assert_clean_jpeg(clean: bytes, dirty: bytes) -> None:
    assert CANARY in dirty  # control: the canary was there
    assert CANARY not in clean
    assert clean.endswith(b"\xff\xd9") and clean.count(b"\xff\xd8") == 1
    # Only what a fresh encoder writes: APP0 (JFIF), tables, frame, scan.
    assert set(_jpeg_markers(clean)) <= {0xE0, 0xDB, 0xC0, 0xC4, 0xDA}
    Image.open(io.BytesIO(clean)).load()


def _assert_clean_png(clean: bytes, dirty: bytes) -> None:
    assert CANARY in dirty
    assert CANARY not in clean
    assert set(_png_chunks(clean)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    assert _png_chunks(clean)[-1] == b"IEND" and clean.endswith(_chunk(b"IEND", b""))
    Image.open(io.BytesIO(clean)).load()


def test_jpeg_loses_exif_gps_xmp_iptc_icc_and_comments() -> None:
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + CANARY + b"</x:xmpmeta>"
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x20" + CANARY
    icc = b"ICC_PROFILE\x00\x01\x01" + CANARY
    base = _jpeg(exif=_exif_with(CANARY))
    dirty = (base[:2] + _segment(0xE1, xmp) + _segment(0xED, iptc) + _segment(0xE2, icc)
             + _segment(0xFE, b"made by " + CANARY) + base[2:])
    Image.open(io.BytesIO(dirty)).load()  # control: a picture others would show
    clean, kind = scrub(dirty, "image/jpeg")
    assert kind == "image/jpeg"
    _assert_clean_jpeg(clean, dirty)


def test_orientation_is_applied_to_the_pixels() -> None:
    dirty = _jpeg((40, 20), exif=_exif_with(CANARY, orientation=6))
    clean = reencode(dirty)
    assert (clean.width, clean.height) == (20, 40)
    assert Image.open(io.BytesIO(clean.data)).size == (20, 40)
    assert Image.open(io.BytesIO(clean.data)).getexif().get(0x0112) is None


def test_second_image_of_an_mpo_and_appended_jpeg_goes() -> None:
    first = Image.new("RGB", (32, 24), (10, 200, 10))
    second = Image.new("RGB", (32, 24), (10, 10, 200))
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=[second], exif=_exif_with(b"first"))
    mpo = out.getvalue()
    # The second frame carries GPS and a serial number, as depth maps do.
    second_jpeg = _jpeg(exif=_exif_with(CANARY))
    for dirty in (mpo + second_jpeg, _jpeg() + second_jpeg):
        clean = reencode(dirty)
        _assert_clean_jpeg(clean.data, dirty)
    # The first picture is the one kept (green), not the appended (blue) one.
    red, green, blue = Image.open(io.BytesIO(reencode(mpo).data)).getpixel((5, 5))  # type: ignore[misc]
    assert green > 150 and blue < 80


def test_trailing_bytes_after_the_jpeg_go() -> None:
    dirty = _jpeg() + b"trailer " + CANARY
    _assert_clean_jpeg(scrub(dirty)[0], dirty)


def test_png_loses_text_private_chunks_and_data_after_iend() -> None:
    png = _png(mode="RGB")
    head = png[:8 + 25]  # signature + IHDR
    extra = (_chunk(b"tEXt", b"Comment\x00" + CANARY) + _chunk(b"zTXt", b"c\x00\x00" + zlib.compress(CANARY))
             + _chunk(b"iTXt", b"c\x00\x00\x00\x00\x00" + CANARY) + _chunk(b"eXIf", CANARY)
             + _chunk(b"gpSa", CANARY) + _chunk(b"tIME", b"\x07\xea\x0b\x1d\x0c\x00\x00"))
    dirty = head + extra + png[8 + 25:] + b"after IEND " + CANARY
    Image.open(io.BytesIO(dirty)).load()
    clean, kind = scrub(dirty, "image/png")
    assert kind == "image/png"
    _assert_clean_png(clean, dirty)
    assert CANARY not in zlib.decompress(b"".join(_idat(clean)))


def _idat(data: bytes) -> list[bytes]:
    found, pos = [], 8
    while pos + 8 <= len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        if data[pos + 4:pos + 8] == b"IDAT":
            found.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    return found


def test_png_icc_profile_is_not_carried_over() -> None:
    dirty = _png(icc_profile=b"\x00" * 16 + CANARY)
    assert b"iCCP" in _png_chunks(dirty)  # control (the profile is compressed inside)
    clean = scrub(dirty)[0]
    assert _png_chunks(clean) == [b"IHDR", b"IDAT", b"IEND"]


def test_cmyk_jpeg_becomes_rgb() -> None:
    out = io.BytesIO()
    Image.new("CMYK", (30, 20), (0, 255, 255, 0)).save(out, "JPEG", comment=CANARY)
    dirty = out.getvalue()
    clean = reencode(dirty)
    _assert_clean_jpeg(clean.data, dirty)
    decoded = Image.open(io.BytesIO(clean.data))
    assert decoded.mode == "RGB"
    red, green, blue = decoded.getpixel((10, 10))  # type: ignore[misc]
    assert red > 200 and green < 60 and blue < 60


def _png_16bit(width: int, height: int, color_type: int, sample: int) -> bytes:
    channels = {0: 1, 2: 3}[color_type]
    row = b"\x00" + struct.pack(">H", sample) * channels * width
    ihdr = struct.pack(">IIBBBBB", width, height, 16, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"tEXt", b"c\x00" + CANARY)
            + _chunk(b"IDAT", zlib.compress(row * height)) + _chunk(b"IEND", b""))


@pytest.mark.parametrize("color_type", [0, 2])
def test_16_bit_png_is_scaled_to_8_bits(color_type: int) -> None:
    dirty = _png_16bit(12, 8, color_type, 40000)
    clean = reencode(dirty)
    _assert_clean_png(clean.data, dirty)
    pixel = Image.open(io.BytesIO(clean.data)).getpixel((3, 3))
    value = pixel[0] if isinstance(pixel, tuple) else pixel
    assert 150 <= int(value) <= 160  # 40000 / 256, not clipped to white


def test_long_side_is_capped() -> None:
    clean = reencode(_jpeg((3000, 1000)))
    assert (clean.width, clean.height) == (DEFAULT_MAX_SIDE, 800)
    assert reencode(_png((500, 1000)), max_side=300).height == 300
    assert reencode(_png((200, 100))).width == 200  # never enlarged


def test_wrong_extension_follows_the_content() -> None:
    assert scrub(_jpeg(), "image/png")[1] == "image/jpeg"
    assert scrub(_png(), "image/jpeg")[1] == "image/png"


def test_transparency_stays_a_png() -> None:
    clean = reencode(_png(mode="RGBA"))
    assert clean.mime == "image/png" and Image.open(io.BytesIO(clean.data)).mode == "RGBA"


def test_same_picture_same_bytes() -> None:
    # The exporter cleans once for the preview's hash and again while writing.
    dirty = _jpeg((300, 200), exif=_exif_with(CANARY))
    assert scrub(dirty)[0] == scrub(dirty)[0]


@pytest.mark.parametrize("data", [
    b"", b"%PDF-1.7 ...", b"GIF89a....", b"\xff\xd8\xff\xe1\x00", b"\x89PNG\r\n\x1a\n\x00\x00",
    b"just text renamed to .jpg"])
def test_other_empty_or_broken_files_are_refused(data: bytes) -> None:
    with pytest.raises(Unscrubbable) as caught:
        scrub(data, "application/pdf")
    assert str(caught.value).endswith(".")


@pytest.mark.parametrize("make", [_jpeg, _png])
def test_truncated_picture_is_refused_with_a_sentence(make: object) -> None:
    data = make((200, 150))  # type: ignore[operator]
    with pytest.raises(Unscrubbable, match="cannot be read"):
        scrub(data[: len(data) // 2])


def test_declared_50000_by_50000_bomb_is_refused_quickly() -> None:
    ihdr = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
           + _chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + _chunk(b"IEND", b""))
    jpeg = _jpeg((16, 16))
    sof = jpeg.index(b"\xff\xc0")
    jpeg = jpeg[:sof + 5] + struct.pack(">HH", 50_000, 50_000) + jpeg[sof + 9:]
    for bomb in (png, jpeg):
        started = time.perf_counter()
        with pytest.raises(Unscrubbable, match="decompression bomb"):
            scrub(bomb)
        assert time.perf_counter() - started < 1.0


def test_100_mb_file_is_cleaned_in_memory_to_a_small_picture() -> None:
    dirty = _png((64, 48)) + CANARY + bytes(100 * 1024 * 1024)
    clean = reencode(dirty)
    _assert_clean_png(clean.data, dirty)
    assert len(clean.data) < 10_000
