"""PDF attachments: a thumbnail of the first page and a viewer a page at a time,
drawn from memory by PDFium; damaged PDFs are kept and said to be unreadable."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from testimonio.forms.model import Question, Text
from testimonio.gui.widgets.attachment_widget import (
    AttachmentInput,
    AttachmentViewer,
    sniff_mime,
    thumbnail,
)
from testimonio.gui.widgets.pdf_pages import PdfUnreadable, page_count, render_page
from testimonio.gui.widgets.pdf_pages import sample_document as make_pdf

BLUE = 0xFF0000FF
WHITE = 0xFFFFFFFF


DAMAGED = b"%PDF-1.4\n" + os.urandom(2000)


def _question() -> Question:
    return Question(name="document", path="document", type="image", label=Text({"en": "Document"}))


def _input(qtbot: Any) -> tuple[AttachmentInput, dict[str, tuple[bytes, str]]]:
    store: dict[str, tuple[bytes, str]] = {}

    def put(data: bytes, mime: str) -> str:
        key = str(len(store) + 1)
        store[key] = (data, mime)
        return key

    widget = AttachmentInput(_question(), put, store.get, store.pop, None)
    qtbot.addWidget(widget)
    return widget, store


def test_pages_are_counted_and_drawn_with_their_content(app: Any) -> None:
    pdf = make_pdf(3)
    assert page_count(pdf) == 3
    image = render_page(pdf, 2, width=200)
    assert (image.width(), image.height()) == (200, 300)
    assert image.pixel(100, 150) == BLUE  # the square in the middle
    assert image.pixel(5, 5) == WHITE
    assert render_page(pdf, 0, height=96).height() == 96


def test_damaged_pdfs_and_missing_pages_are_refused_with_our_error(app: Any) -> None:
    for data in (DAMAGED, b"%PDF-1.7", b"", make_pdf(2)[:300]):
        with pytest.raises(PdfUnreadable):
            page_count(data)
    with pytest.raises(PdfUnreadable):
        render_page(make_pdf(2), 5, width=100)


def test_drawing_a_pdf_writes_nothing_to_disk(app: Any, tmp_path: Path, monkeypatch: Any) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    pdf = make_pdf(2)
    page_count(pdf)
    render_page(pdf, 1, width=300)
    thumbnail(pdf, "application/pdf")
    assert list(scratch.iterdir()) == []


def test_a_pdf_shows_its_first_page_as_thumbnail_and_pages_in_the_viewer(qtbot: Any) -> None:
    widget, store = _input(qtbot)
    pdf = make_pdf(3)
    assert widget.add_bytes(pdf)
    assert store["1"] == (pdf, "application/pdf")
    pixmap = widget.preview.pixmap()
    assert not pixmap.isNull() and pixmap.height() == 96
    viewer = AttachmentViewer(pdf, "application/pdf", widget)
    qtbot.addWidget(viewer)
    assert viewer.page() == 0 and viewer.page_label.text() == "Page 1 of 3"
    assert not viewer.previous_button.isEnabled() and viewer.next_button.isEnabled()
    shown = viewer.label.pixmap().toImage()
    assert shown.pixel(shown.width() // 2, shown.height() // 2) == BLUE
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.page() == 2 and viewer.page_label.text() == "Page 3 of 3"
    assert not viewer.next_button.isEnabled()
    viewer.show_page(7)  # past the end: nothing happens
    assert viewer.page() == 2
    qtbot.mouseClick(viewer.previous_button, Qt.MouseButton.LeftButton)
    assert viewer.page() == 1


def test_a_one_page_pdf_has_no_page_buttons(qtbot: Any) -> None:
    viewer = AttachmentViewer(make_pdf(1), "application/pdf")
    qtbot.addWidget(viewer)
    viewer.show()
    assert not viewer.next_button.isVisible() and not viewer.page_label.isVisible()
    assert not viewer.label.pixmap().isNull()


def test_a_damaged_pdf_is_kept_and_said_to_be_unreadable(qtbot: Any) -> None:
    widget, store = _input(qtbot)
    assert sniff_mime(DAMAGED) == "application/pdf"
    assert widget.add_bytes(DAMAGED)  # the researcher's file is kept as it is
    assert store["1"] == (DAMAGED, "application/pdf")
    assert widget.preview.text() == "PDF"
    viewer = AttachmentViewer(DAMAGED, "application/pdf", widget)
    qtbot.addWidget(viewer)
    assert "cannot be shown" in viewer.label.text()


def test_files_that_are_neither_photo_nor_pdf_are_refused_with_a_sentence(
        qtbot: Any, monkeypatch: Any) -> None:
    widget, store = _input(qtbot)
    said: list[str] = []
    formats: list[Qt.TextFormat] = []

    def shown(box: QMessageBox) -> int:  # the warning box, recorded instead of waited on
        said.append(box.text())
        formats.append(box.textFormat())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    webp = b"RIFF\x00\x00\x00\x00WEBPVP8 " + bytes(40)
    assert not widget.add_bytes(webp)
    assert not widget.add_bytes(b"MZ\x90\x00" + bytes(100))
    assert store == {} and widget.value() is None
    assert said and all("Only photos" in s and s.endswith(".") for s in said)
    assert set(formats) == {Qt.TextFormat.PlainText}
