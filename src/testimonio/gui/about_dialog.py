"""Help › About: the version, SQLCipher's version and the bundled licences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from testimonio import __version__
from testimonio.paths import resource_path
from testimonio.services.about import components


class AboutDialog(QDialog):
    """Version information and the licences of what the program bundles."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Testimonio"))
        self.setWindowIcon(QIcon(str(resource_path("icons", "testimonio.svg"))))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>Testimonio %1</h2>").replace("%1", __version__))
        layout.addWidget(title)
        blurb = QLabel(self.tr(
            "Structured interviews recorded offline in an encrypted vault. "
            "Data leaves only as a pseudonymised bundle encrypted to the team lead."))
        blurb.setWordWrap(True)
        layout.addWidget(blurb)
        rows = components()
        # A small fixed table of a few rows: an item model would add nothing here.
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        for row, component in enumerate(rows):
            for column, text in enumerate((component.name, component.version, component.licence)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                table.setItem(row, column, item)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setAccessibleName(self.tr("Bundled components and their licences"))
        self.table = table
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Every component in view without scrolling (a dozen rows at most).
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setMinimumHeight(rows_height + table.horizontalHeader().sizeHint().height()
                               + 2 * table.frameWidth())
        self.resize(620, self.sizeHint().height())
