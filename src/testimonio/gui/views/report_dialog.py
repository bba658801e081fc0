"""The lead writes the analysis report from the program: CSV folder or XLSX file.

The same service as ``testimonio report`` (``ReportService.write_csv`` and
``write_xlsx``), run off the GUI thread with progress and cancel. Values are
the choices' codes, or their labels in a language the questionnaires have.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from testimonio.errors import TestimonioError
from testimonio.gui.context import AppContext
from testimonio.gui.file_dialogs import choose_folder, last_folder, remember_folder, save_file
from testimonio.gui.jobs import Job

_KIND = "report"  # the chooser's remembered folder


def write_report(context: AppContext, target: Path, as_xlsx: bool, lang: str | None,
                 progress: Any = None, cancelled: Any = None) -> int:
    """(Background) write the report; returns how many tables were written."""
    service = context.report
    if as_xlsx:
        service.write_xlsx(target, lang, progress=progress, cancelled=cancelled)
        return 1  # one workbook
    return len(service.write_csv(target, lang, progress=progress, cancelled=cancelled))


class ReportDialog(QDialog):
    """Choose the format, the place and the language; write; see the result."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Write a report"))
        self.resize(620, 360)
        intro = QLabel(self.tr(
            "The report holds every complete interview of this vault, one table per "
            "questionnaire and one per repeat, as KoboToolbox exports them. Identifiers never "
            "reach it. Keep the files as carefully as the vault: they are not encrypted."), self)
        intro.setWordWrap(True)
        self.csv_radio = QRadioButton(self.tr("&CSV files, one per table, in a folder"), self)
        self.xlsx_radio = QRadioButton(self.tr("One &XLSX workbook, one sheet per table"), self)
        self.xlsx_radio.setChecked(True)
        formats = QButtonGroup(self)
        formats.addButton(self.csv_radio)
        formats.addButton(self.xlsx_radio)
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("Where to write the report"))
        browse = QPushButton(self.tr("B&rowse…"), self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.values = QComboBox(self)
        self.values.setAccessibleName(self.tr("Answers as"))
        self.values.addItem(self.tr("Codes (the choices' names)"), None)
        for lang in self._languages():
            self.values.addItem(self.tr("Labels in %1").replace("%1", lang), lang)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.csv_radio)
        form.addRow("", self.xlsx_radio)
        save_label = QLabel(self.tr("&Save in:"), self)
        save_label.setBuddy(self.path_edit)  # a row of a layout gets no buddy by itself
        form.addRow(save_label, path_row)
        form.addRow(self.tr("&Answers as:"), self.values)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Report progress"))
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.write_button = QPushButton(self.tr("&Write the report"), self)
        self.write_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status, 1)
        layout.addLayout(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.write_button.setDefault(True)
        self.csv_radio.toggled.connect(lambda _on: self._propose())
        self._propose()

    def _languages(self) -> list[str]:
        found: list[str] = []
        try:
            for q in self.context.questionnaires.installed():
                found += [lang for lang in q.languages if lang not in found and lang != "default"]
        except TestimonioError:
            pass
        return found

    def _propose(self) -> None:
        folder = Path(last_folder(_KIND))
        name = "testimonio-report" if self.csv_radio.isChecked() else "testimonio-report.xlsx"
        self.path_edit.setText(str(folder / name))

    def _browse(self) -> None:
        if self.csv_radio.isChecked():
            path = choose_folder(self, self.tr("Choose the folder for the CSV files"), _KIND)
        else:
            path = save_file(self, self.tr("Save the report as"), self.path_edit.text(),
                             self.tr("Excel workbooks (*.xlsx)"))
            remember_folder(_KIND, path)
        if path:
            self.path_edit.setText(path)

    def target(self) -> Path:
        """Where the report goes (an .xlsx file gets its extension)."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if self.xlsx_radio.isChecked() and path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        return path

    def _busy(self) -> bool:
        return self.job is not None and not self.job.is_done()

    def start(self) -> None:
        """Write the report in the background."""
        if self._busy() or not self.path_edit.text().strip():
            return
        target = self.target()
        as_xlsx = self.xlsx_radio.isChecked()
        self.status.setText(self.tr("Writing the report…"))
        self.job = Job(write_report, self.context, target, as_xlsx, self.values.currentData(),
                       parent=self)
        self.job.progressed.connect(self._progressed)
        self.job.succeeded.connect(lambda count: self._done(target, as_xlsx, int(count)))
        self.job.failed.connect(self._failed)
        self.job.was_cancelled.connect(lambda: self.status.setText(self.tr(
            "Cancelled. No report was written.")))
        self.job.finished.connect(self._finished)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.write_button.setEnabled(False)
        self.close_button.setText(self.tr("Cancel"))
        self.job.start()

    def _progressed(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, target: Path, as_xlsx: bool, count: int) -> None:
        if as_xlsx:
            self.status.setText(self.tr("The report is saved as %1.").replace("%1", str(target)))
        else:
            self.status.setText(self.tr("%n table(s) written to %1.", "", count)
                                .replace("%1", str(target)))

    def _failed(self, message: str) -> None:
        # The services report a cancel as an error of their own: say it as a cancel.
        if self.job is not None and self.job.is_cancelled():
            message = self.tr("Cancelled. No report was written.")
        self.status.setText(message)

    def _finished(self) -> None:
        self.progress.hide()
        self.write_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setEnabled(True)

    def cancel(self) -> None:
        """Stop the writing (nothing is left behind) or close."""
        if self._busy() and self.job is not None:
            self.job.cancel()
            self.close_button.setEnabled(False)
            return
        self.accept()

    def reject(self) -> None:
        if self._busy() and self.job is not None:
            self.job.cancel()
            self.job.wait(10)
        super().reject()
