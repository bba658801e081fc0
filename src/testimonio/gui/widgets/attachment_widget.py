"""The input of image/file/audio questions: a photo or PDF kept in the vault.

A chosen file is read straight into memory and handed to the vault through
the ``store`` callable; it is never copied anywhere on disk, and the
thumbnail is drawn from the bytes in memory. The file dialog is Qt's own
(not the desktop's), so no "recent files" list remembers the document.
The answer is the attachment's id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import BadInput, TestimonioError
from testimonio.forms.model import AnswerValue, Question
from testimonio.gui.file_dialogs import open_file
from testimonio.gui.plain import warn
from testimonio.gui.widgets.pdf_pages import PdfUnreadable, page_count, render_page
from testimonio.gui.widgets.question_widgets import QuestionInput

#: Larger files are refused: a phone photo is a few MB, a scan a few more.
MAX_BYTES = 25 * 1024 * 1024
THUMB_HEIGHT = 96

Store = Callable[[bytes, str], str]  # (data, mime) -> attachment id
Load = Callable[[str], "tuple[bytes, str] | None"]  # id -> (data, mime)
Discard = Callable[[str], None]  # id -> None


def sniff_mime(data: bytes) -> str | None:
    """The type of a photo or PDF from its first bytes; None if neither."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:2] == b"BM":
        return "image/bmp"
    return None


def thumbnail(data: bytes, mime: str, height: int = THUMB_HEIGHT) -> QPixmap | None:
    """A small picture of a photo, or of a PDF's first page, made in memory."""
    if mime == "application/pdf":
        try:
            return QPixmap.fromImage(render_page(data, 0, height=height))
        except PdfUnreadable:
            return None
    if not mime.startswith("image/"):
        return None
    image = QImage.fromData(data)
    if image.isNull():
        return None
    return QPixmap.fromImage(image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))


class AttachmentInput(QuestionInput):
    """Add, view and remove the photo or PDF that answers a question."""

    def __init__(self, question: Question, store: Store, load: Load, discard: Discard,
                 parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self._store, self._load, self._discard = store, load, discard
        self._id: str | None = None
        self._data: tuple[bytes, str] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel(self)
        self.preview.setFixedHeight(THUMB_HEIGHT)
        self.preview.setMinimumWidth(THUMB_HEIGHT)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Add photo or PDF…"), self)
        self.view_button = QPushButton(self.tr("View"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self.choose_file)
        self.view_button.clicked.connect(self.show_attachment)
        self.remove_button.clicked.connect(self.remove)
        for button in (self.add_button, self.view_button, self.remove_button):
            buttons.addWidget(button)
            self._watch(button, button.text(), enter_advances=False)
        buttons.addStretch(1)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._refresh()

    # --- protocol ---------------------------------------------------------
    def value(self) -> AnswerValue:
        return self._id

    def set_value(self, value: AnswerValue) -> None:
        new_id = None if value in (None, "") else str(value)
        if new_id != self._id:
            self._id = new_id
            self._data = None
            self._refresh()

    def set_read_only(self, read_only: bool) -> None:
        # Called at every refresh of the page: the buttons only, the
        # thumbnail (a decoded photo or a drawn PDF page) stays as it is.
        super().set_read_only(read_only)
        self._refresh_buttons()

    # --- actions ----------------------------------------------------------
    def choose_file(self) -> None:
        """Ask for a file (Qt's own dialog) and store it."""
        name = open_file(self, self.tr("Add a photo or PDF"), "",
                         self.tr("Photos and PDF (*.jpg *.jpeg *.png *.gif *.bmp *.pdf)"))
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> bool:
        """Read ``path`` into memory and store it in the vault."""
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise BadInput(self.tr("The file is larger than 25 MB; choose a smaller photo or scan."))
            data = path.read_bytes()
        except OSError:
            self._warn(self.tr("The file could not be read."))
            return False
        except TestimonioError as error:
            self._warn(error.message)
            return False
        return self.add_bytes(data)

    def add_bytes(self, data: bytes) -> bool:
        """Store bytes already in memory as this question's attachment."""
        mime = sniff_mime(data)
        if mime is None:
            self._warn(self.tr("Only photos (JPEG, PNG, GIF, BMP) and PDF files can be added."))
            return False
        old = self._id
        try:
            self._id = self._store(data, mime)
            if old is not None:
                self._discard(old)
        except TestimonioError as error:
            self._id = old
            self._warn(error.message)
            return False
        self._data = (data, mime)
        self._refresh()
        self._emit_committed()
        return True

    def remove(self, confirm: bool = True) -> None:
        """Remove the attachment from the vault (asks first)."""
        if self._id is None or self.is_read_only():
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Remove attachment"),
                self.tr("Remove this attachment from the interview? This cannot be undone."))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self._discard(self._id)
        except TestimonioError as error:
            self._warn(error.message)
            return
        self._id, self._data = None, None
        self._refresh()
        self._emit_committed()

    def show_attachment(self) -> None:
        """Show the attachment in a window, from memory."""
        loaded = self._loaded()
        if loaded is None:
            return
        AttachmentViewer(loaded[0], loaded[1], self).exec()

    # --- internals --------------------------------------------------------
    def _loaded(self) -> tuple[bytes, str] | None:
        if self._id is not None and self._data is None:
            try:
                self._data = self._load(self._id)
            except TestimonioError as error:
                self._warn(error.message)
        return self._data

    def _refresh(self) -> None:
        self._refresh_buttons()
        self._refresh_preview()

    def _refresh_buttons(self) -> None:
        has = self._id is not None
        self.view_button.setEnabled(has)
        self.remove_button.setEnabled(has and not self.is_read_only())
        self.add_button.setEnabled(not self.is_read_only())
        self.add_button.setText(self.tr("Replace…") if has else self.tr("Add photo or PDF…"))

    def _refresh_preview(self) -> None:
        if self._id is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("None"))
            return
        loaded = self._loaded()
        pixmap = thumbnail(*loaded) if loaded else None
        if pixmap is not None:
            self.preview.setPixmap(pixmap)
        else:
            self.preview.setText(self.tr("PDF") if loaded and loaded[1] == "application/pdf"
                                 else self.tr("Attached"))

    def _warn(self, message: str) -> None:
        warn(self, self.tr("Attachment"), message)


class AttachmentViewer(QDialog):
    """A photo at a readable size, or a PDF a page at a time, drawn from memory."""

    def __init__(self, data: bytes, mime: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Attachment"))
        self._data = data
        self._page, self._pages = 0, 0
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_area = QScrollArea(self)
        self.page_area.setWidget(self.label)
        self.page_area.setWidgetResizable(True)
        layout.addWidget(self.page_area)
        pager = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("&Previous page"), self)
        self.next_button = QPushButton(self.tr("&Next page"), self)
        self.page_label = QLabel(self)
        self.previous_button.clicked.connect(lambda: self.show_page(self._page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self._page + 1))
        pager.addWidget(self.previous_button)
        pager.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        pager.addWidget(self.next_button)
        layout.addLayout(pager)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if mime == "application/pdf":
            try:
                self._pages = page_count(data)
            except PdfUnreadable:
                self._pages = 0
        for widget in (self.previous_button, self.next_button, self.page_label):
            widget.setVisible(self._pages > 1)
        if self._pages:
            self.show_page(0)
            self.resize(940, 780)
        elif mime == "application/pdf":
            self.label.setText(self.tr("This PDF cannot be shown: it is damaged or protected "
                                       "by a password. It stays in the vault as it is."))
            self.resize(420, 200)
        else:
            self._show_image()

    def page(self) -> int:
        """The page shown, from 0."""
        return self._page

    def show_page(self, index: int) -> None:
        """Draw page ``index`` of the PDF (nothing happens past either end)."""
        if not 0 <= index < self._pages:
            return
        try:
            image = render_page(self._data, index, width=860)
        except PdfUnreadable:
            self.label.setText(self.tr("This page cannot be shown."))
        else:
            self.label.setPixmap(QPixmap.fromImage(image))
        self.page_area.verticalScrollBar().setValue(0)  # a new page starts at its top
        self._page = index
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(index + 1))
                                .replace("%2", str(self._pages)))
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < self._pages)

    def _show_image(self) -> None:
        image = QImage.fromData(self._data)
        if image.isNull():
            self.label.setText(self.tr("This photo cannot be shown: the file is damaged."))
            self.resize(420, 200)
            return
        if image.width() > 1000 or image.height() > 700:
            image = image.scaled(1000, 700, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        self.label.setPixmap(QPixmap.fromImage(image))
        self.resize(min(1040, image.width() + 60), min(780, image.height() + 90))
