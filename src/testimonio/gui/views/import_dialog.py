"""The lead imports researchers' bundles: choose files, import, see each result.

Each file is imported on its own, all or nothing, off the GUI thread with
progress and cancel; a refused file shows its refusal sentence and changes
nothing, and the other files go on. Afterwards the dialog lists the bundles
missing from each researcher's sequence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.exchange.file_kinds import BUNDLE
from testimonio.gui.context import AppContext
from testimonio.gui.file_dialogs import choose_folder, open_kinds
from testimonio.gui.jobs import Job
from testimonio.gui.models.researchers_model import format_gaps
from testimonio.gui.plain import plain_label, plain_tooltip
from testimonio.gui.views.exchange_flow import ImportOutcome, gaps, import_files, import_folder

_REFUSED = QColor("#B00020")
_OK = QColor("#1B5E20")
_SKIPPED = QColor("#5F6368")


class ImportDialog(QDialog):
    """Choose bundle files and import them into the lead's vault."""

    FILE, RESULT = range(2)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.files: list[Path] = []
        self.folder: Path | None = None
        self.outcomes: list[ImportOutcome] = []
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Import bundles"))
        self.resize(760, 440)
        self.setAcceptDrops(True)
        intro = QLabel(self.tr(
            "Choose the bundle files the researchers gave you. Each one is checked (who signed "
            "it, that it is addressed to you, that nothing in it was changed) before anything "
            "is read, and is imported whole or not at all. You can also drop the files here."),
            self)
        intro.setWordWrap(True)
        # A short file list: a QTableWidget is enough here (never thousands of rows).
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Bundle file"), self.tr("Result")])
        self.table.setAccessibleName(self.tr("Bundle files and results"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(self.FILE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(self.RESULT, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add bundles…"), self)
        self.folder_button = QPushButton(self.tr("Import a &folder…"), self)
        self.folder_button.setToolTip(self.tr(
            "Import every bundle in a folder that was not imported yet, for example a folder "
            "kept in sync with the researchers or a USB stick."))
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setDefault(True)

        # The window locks (idle, Ctrl+L, panic): close at once, forgetting what was shown.
        locked = getattr(parent, "locked", None)
        if locked is not None:
            locked.connect(self.reject)
        self.cancel_button = QPushButton(self.tr("Close"), self)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.hide()
        self.status = plain_label(self)
        self.status.setWordWrap(True)
        self.gaps_label = plain_label(self)  # names come from key files
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setAccessibleName(self.tr("Missing bundles"))
        self.add_button.clicked.connect(self._browse)
        self.folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self._remove)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.gaps_label)
        layout.addLayout(buttons)
        self._update_buttons()

        # Enter in a field must not press some other button (a browse button would
        # open a file dialog): only the button named default takes Enter.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.import_button.setDefault(True)

    # --- files -----------------------------------------------------------------
    def add_files(self, paths: list[Path]) -> None:
        """Add bundle files to the list (each once)."""
        new = []
        for path in paths:
            path = Path(path)
            if path in self.files or path in new:
                continue
            new.append(path)
        self.files.extend(new)
        self.add_files_rows(new)

    def add_files_rows(self, paths: list[Path]) -> None:
        """One row per file, waiting for its result."""
        for path in paths:
            row = self.table.rowCount()
            self.table.insertRow(row)
            item = QTableWidgetItem(path.name)
            item.setToolTip(plain_tooltip(str(path)))
            self.table.setItem(row, self.FILE, item)
            self.table.setItem(row, self.RESULT, QTableWidgetItem(self.tr("waiting")))
        self._update_buttons()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        # Bundles can be dropped from the file manager (the USB stick's window).
        if event.mimeData().hasUrls() and not self._busy():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        folders = [p for p in paths if p.is_dir()]
        if folders and not self.files:
            self.import_folder(folders[0])  # a dropped folder is imported as a folder
        else:
            self.add_files([p for p in paths if p.is_file()])
        event.acceptProposedAction()

    def _browse(self) -> None:
        paths = open_kinds(self, self.tr("Choose bundles"), BUNDLE, self.tr("Testimonio bundles"))
        self.add_files([Path(p) for p in paths])

    def choose_folder(self) -> None:
        """Ask for a folder and import every bundle in it not imported yet."""
        folder = choose_folder(self, self.tr("Choose the folder with the bundles"), BUNDLE.name)
        if folder:
            self.import_folder(Path(folder))

    def import_folder(self, folder: Path) -> None:
        """Import the folder's new bundles in the background and list every file."""
        if self._busy():
            return
        self.files = []
        self.table.setRowCount(0)
        self.folder = folder
        self.status.setText(self.tr("Importing the new bundles of %1…").replace("%1", str(folder)))
        self._run(Job(import_folder, self.context, folder, parent=self), 0)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.files) and not self._busy():
            self.table.removeRow(row)
            del self.files[row]
        self._update_buttons()

    def result_text(self, row: int) -> str:
        return self._result(row).text()

    def _result(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, self.RESULT)
        if item is None:  # every row gets its item when the file is added
            item = QTableWidgetItem()
            self.table.setItem(row, self.RESULT, item)
        return item

    # --- the import --------------------------------------------------------------
    def _busy(self) -> bool:
        return self.job is not None and not self.job.is_done()

    def _update_buttons(self) -> None:
        busy = self._busy()
        self.add_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and bool(self.files))
        self.import_button.setEnabled(not busy and bool(self.files))
        self.cancel_button.setText(self.tr("Cancel") if busy else self.tr("Close"))

    def start_import(self) -> None:
        """Import every listed file in the background."""
        if not self.files or self._busy():
            return
        files = list(self.files)
        for row in range(len(files)):
            self._result(row).setText(self.tr("waiting"))
        self.status.setText(self.tr("Importing…"))
        self.folder = None
        self._run(Job(import_files, self.context, files, parent=self), len(files))

    def _run(self, job: Job, total: int) -> None:
        self.job = job
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.was_cancelled.connect(self._cancelled)
        self.job.finished.connect(self._finished)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        self.job.start()
        self._update_buttons()

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if done < self.table.rowCount():
            self._result(done).setText(self.tr("importing…"))

    def _done(self, found: Any) -> None:
        known = 0
        if isinstance(found, tuple):  # a folder: every file is listed as it was met
            outcomes, known = found
            self.files = [o.path for o in outcomes]
            self.table.setRowCount(0)
            self.add_files_rows(self.files)
        else:
            outcomes = found
        self.outcomes = list(outcomes)
        for row, outcome in enumerate(outcomes):
            item = self._result(row)
            if outcome.ok:
                item.setText(self.tr("Imported: %1").replace("%1", outcome.message))
            elif outcome.skipped:
                item.setText(self.tr("Skipped: %1").replace("%1", outcome.message))
            else:
                item.setText(self.tr("Refused: %1").replace("%1", outcome.message))
            item.setForeground(_OK if outcome.ok else _SKIPPED if outcome.skipped else _REFUSED)
            item.setToolTip(plain_tooltip(item.text()))
        for row in range(len(outcomes), self.table.rowCount()):
            self._result(row).setText(self.tr("not imported (cancelled)"))
        refused = sum(1 for o in outcomes if not o.ok and not o.skipped)
        if isinstance(found, tuple) and not (self.job is not None and self.job.is_cancelled()):
            self.status.setText(self.tr("{0}, {1}, {2}; {3}.").format(
                self.tr("%n bundle(s) imported", "", sum(o.ok for o in outcomes)),
                self.tr("%n refused", "", refused),
                self.tr("%n file(s) skipped", "", sum(o.skipped for o in outcomes)),
                self.tr("%n bundle(s) of this folder imported before", "", known)))
        elif self.job is not None and self.job.is_cancelled():
            self.status.setText(self.tr("Cancelled. The files already imported stay imported; "
                                        "the others were not touched."))
        elif refused:
            self.status.setText(self.tr("%n of %1 file(s) refused; they changed nothing.", "", refused)
                                .replace("%1", str(len(outcomes))))
        else:
            self.status.setText(self.tr("Every file was imported."))
        self.table.resizeRowsToContents()
        self._show_gaps()

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _cancelled(self) -> None:
        # The files finished before the cancel are reported like any other result.
        result = self.job.result if self.job is not None else None
        self._done(result if isinstance(result, list | tuple) else [])

    def _finished(self) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    def _show_gaps(self) -> None:
        try:
            missing = gaps(self.context)
        except TestimonioError as error:
            self.gaps_label.setText(str(error))
            return
        if not missing:
            self.gaps_label.setText(self.tr("No bundle is missing from any researcher."))
            return
        lines = [self.tr("Missing bundles — ask these researchers for them:")]
        lines += [f"• {name}: {format_gaps(numbers)}" for name, numbers in sorted(missing.items())]
        self.gaps_label.setText("\n".join(lines))

    def cancel(self) -> None:
        """Stop the import (the file in progress is not imported) or close."""
        if self._busy() and self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            return
        self.accept() if self.outcomes else self.reject()

    def reject(self) -> None:
        if self._busy() and self.job is not None:
            self.job.cancel()
            self.job.wait(10)
        super().reject()
