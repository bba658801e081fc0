"""Pages of a PDF attachment drawn in memory with PDFium (pypdfium2).

The document is handed to PDFium as bytes and every page is drawn into a
buffer that becomes a ``QImage``: the PDF never leaves the vault for a temp
file or another program. PDFium is not thread-safe, so every call holds one
lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtGui import QImage

#: A page is drawn at most this many pixels wide or high (a scan of a
#: passport at a readable size; bounds the memory a strange page can take).
MAX_SIDE = 2400

_LOCK = threading.Lock()


class PdfUnreadable(Exception):
    """PDFium could not open the document or draw a page (damaged, encrypted)."""


@contextmanager
def _document(data: bytes) -> Iterator[Any]:
    """The PDF in ``data`` opened by PDFium (under the lock), closed afterwards;
    every PDFium failure becomes :class:`PdfUnreadable`."""
    import pypdfium2 as pdfium

    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as error:
            raise PdfUnreadable(str(error)) from None
        try:
            yield document
        except pdfium.PdfiumError as error:
            raise PdfUnreadable(str(error)) from None
        finally:
            document.close()


def page_count(data: bytes) -> int:
    """How many pages the PDF in ``data`` has."""
    with _document(data) as document:
        return len(document)


def render_page(data: bytes, index: int, width: int = 0, height: int = 0) -> QImage:
    """Page ``index`` (from 0) scaled to ``width`` or ``height`` pixels (one of them)."""
    with _document(data) as document:
        if not 0 <= index < len(document):
            raise PdfUnreadable(f"no page {index + 1}")
        page = document[index]
        try:
            page_width, page_height = page.get_size()
            if page_width <= 0 or page_height <= 0:
                raise PdfUnreadable("the page has no size")
            scale = width / page_width if width else height / page_height
            scale = min(scale, MAX_SIDE / page_width, MAX_SIDE / page_height)
            bitmap = page.render(scale=max(scale, 0.01), prefer_bgrx=True)
            try:
                # BGRx in memory is Qt's RGB32 on a little-endian machine.
                image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height,
                               bitmap.stride, QImage.Format.Format_RGB32)
                return image.copy()  # own the pixels before the buffer goes
            finally:
                bitmap.close()
        finally:
            page.close()


def sample_document(pages: int = 1) -> bytes:
    """A small real PDF for the self-test and the tests: every page 400x600
    points, white, with a blue square in the middle (exact xref)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    stream = b"0 0 1 rg 100 200 200 200 re f"
    for i in range(pages):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 600] "
                       f"/Contents {4 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
