"""Pictures leave re-encoded from their decoded pixels, never byte-edited.

Walking a file's segments and dropping the known metadata ones misses what
the walker does not know: a second picture appended after the first (MPF,
how phones store depth, HDR or motion frames, with their own EXIF GPS), a
private PNG chunk, bytes after the end marker. So nothing of the stored file
is copied: Pillow decodes the *first* picture only, its EXIF orientation is
applied to the pixels, the long side is capped (``max_side``, default
:data:`DEFAULT_MAX_SIDE`), and a brand-new image built from the raw pixels
is written as a fresh JPEG (or PNG for PNG sources and pictures with
transparency) carrying no metadata at all.

Everything happens in memory: no temporary file. A file that is not a JPEG
or PNG, cannot be decoded, or declares more pixels than the limits
(decompression bomb) raises :class:`Unscrubbable` with a sentence; the
exporter leaves that attachment in the vault and says so in the preview.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from testimonio.errors import BadInput

JPEG_MAGIC = b"\xff\xd8"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DEFAULT_MAX_SIDE = 2400
# Declared size above which a file is not even looked at (a 50 000 x 50 000
# "bomb" declares 2.5 G pixels in a few hundred bytes). Phones' largest
# sensors give 200 MP; JPEGs that large are decoded scaled down (draft).
MAX_DECLARED_PIXELS = 220_000_000
# Pixels actually decoded (after JPEG's scaled decoding): ~160 MB as RGBA.
MAX_DECODED_PIXELS = 40_000_000
JPEG_QUALITY = 90
_MODES_KEPT = {"L", "LA", "RGB", "RGBA"}


class Unscrubbable(BadInput):
    """An attachment whose metadata we cannot remove with certainty."""


@dataclass(frozen=True)
class CleanPicture:
    """A re-encoded picture: its bytes, media type and pixel size."""

    data: bytes
    mime: str
    width: int
    height: int


def scrub(data: bytes, media_type: str = "", max_side: int = DEFAULT_MAX_SIDE) -> tuple[bytes, str]:
    """``(clean bytes, media type)`` of a picture re-encoded without metadata."""
    clean = reencode(data, media_type, max_side)
    return clean.data, clean.mime


def _refuse(media_type: str) -> Unscrubbable:
    return Unscrubbable(
        f"Attachments of type {media_type or 'unknown'} cannot be cleaned of metadata; "
        "only JPEG and PNG pictures leave the vault.")


def reencode(data: bytes, media_type: str = "", max_side: int = DEFAULT_MAX_SIDE) -> CleanPicture:
    """Decode the first picture of ``data`` and write it afresh (see the module)."""
    if data.startswith(JPEG_MAGIC):
        fmt = "JPEG"
    elif data.startswith(PNG_MAGIC):
        fmt = "PNG"
    else:
        raise _refuse(media_type)
    max_side = max(64, int(max_side))
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit; ours is checked just below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[fmt])
            pixels = _decode_first(image, max_side)
    except Unscrubbable:
        raise
    except Image.DecompressionBombError:
        raise _bomb() from None
    except Exception:  # noqa: BLE001 - any decoder failure means: cannot be cleaned
        raise Unscrubbable(
            f"The {fmt} picture cannot be read (damaged, truncated or not really a {fmt}), "
            "so it cannot be cleaned of metadata and stays in the vault.") from None
    return _encode(pixels, fmt)


def _bomb() -> Unscrubbable:
    return Unscrubbable("The picture declares more pixels than a photo can have "
                        "(a decompression bomb?), so it stays in the vault.")


def _decode_first(image: Image.Image, max_side: int) -> Image.Image:
    """The first frame's pixels, upright, no larger than ``max_side``."""
    width, height = image.size
    if width <= 0 or height <= 0 or width * height > MAX_DECLARED_PIXELS:
        raise _bomb()
    image.seek(0)  # MPO / APNG: the first picture only
    if image.format in {"JPEG", "MPO"}:
        # Scaled DCT decoding: a 200 MP photo never occupies 600 MB.
        image.draft("RGB" if image.mode == "RGB" else None, (max_side, max_side))
    if image.size[0] * image.size[1] > MAX_DECODED_PIXELS:
        raise _bomb()
    image.load()
    try:
        upright = ImageOps.exif_transpose(image) or image
    except Exception:  # noqa: BLE001 - a broken orientation tag: keep the pixels as stored
        upright = image
    upright = _plain_mode(upright)
    if max(upright.size) > max_side:
        upright.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return upright


def _plain_mode(image: Image.Image) -> Image.Image:
    """8-bit L, LA, RGB or RGBA, whatever the source (CMYK, 16-bit, palette)."""
    mode = image.mode
    if mode in _MODES_KEPT:
        return image
    if mode in {"I;16", "I;16B", "I;16L", "I"}:
        # 16-bit grey: scale to 8 bits rather than clip (convert("L") clips).
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode == "P" or mode == "PA":
        return image.convert("RGBA" if "transparency" in image.info or mode == "PA" else "RGB")
    if mode in {"1", "F"}:
        return image.convert("L")
    return image.convert("RGB")  # CMYK, YCbCr, LAB, ...


def _encode(image: Image.Image, source_format: str) -> CleanPicture:
    """A fresh file from the raw pixels alone: no info, no EXIF, no ICC, no text."""
    fresh = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if source_format == "PNG" or fresh.mode in {"LA", "RGBA"}:
        fresh.save(out, "PNG", optimize=False)
        mime = "image/png"
    else:
        fresh.save(out, "JPEG", quality=JPEG_QUALITY)
        mime = "image/jpeg"
    return CleanPicture(out.getvalue(), mime, fresh.width, fresh.height)
