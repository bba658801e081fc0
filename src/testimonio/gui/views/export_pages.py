"""The pages of the export dialog: built once, driven by :class:`ExportDialog`.

What to export, free text to review (identifiers highlighted), attachments,
the privacy check, the preview of everything that will leave, and the run.
Tables here never copy a cell to the clipboard, and the review text cannot
be selected: answers never reach the clipboard.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from testimonio.exchange.textnet import Needles, findings
from testimonio.gui.models.preview_model import AttachmentsModel, PreviewModel, ReviewModel
from testimonio.gui.widgets.headers import steady_header

HIGHLIGHT = "background-color:#FFE08A; color:#000; font-weight:bold"


def highlight_identifiers(text: str, identifiers: list[str]) -> str:
    """``text`` as HTML with everything the safety net finds marked.

    The net (``exchange.textnet``) decides: the identifiers written any way
    (case, accents, punctuation, digits only), each word of four letters or
    more of them, and patterns of phones, cédulas, passports, e-mails and
    birth dates. What is marked here is what keeps the text back.
    """
    return highlight_spans(text, [(f.start, f.end) for f in findings(text, Needles.of(identifiers))])


def highlight_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` as escaped HTML with the given spans marked (overlaps merged)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(html.escape(text[last:start]))
        out.append(f'<span style="{HIGHLIGHT}">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


class _NoCopy(QObject):
    """Eats Ctrl+C: a table view would otherwise copy the current cell (an answer)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and \
                isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            return True
        return False


def _table(model: Any, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    no_copy = _NoCopy(view)
    view.installEventFilter(no_copy)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
    view.horizontalHeader().setStretchLastSection(True)
    steady_header(view)  # a title wider than its column is cut at its end ("Questionna…")
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    # Wrapped to the dialog's width: a long word (a path, a longer language) must not
    # widen the dialog past a 1366-pixel screen.
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class ExportPages(QDialog):
    """The widgets of each step; :class:`ExportDialog` adds the models and the logic."""

    review_model: ReviewModel
    attachments_model: AttachmentsModel
    preview_proxy: QSortFilterProxyModel
    _preview_fitted: bool  # the preview's columns fitted to its width (_fit_preview_columns)

    def _show_review(self) -> None:
        raise NotImplementedError

    def _decide(self, keep: bool) -> None:
        raise NotImplementedError

    def _keep_all(self) -> None:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        raise NotImplementedError

    def _browse(self) -> None:
        raise NotImplementedError

    # --- pages ---------------------------------------------------------------
    def _fit_preview_columns(self) -> None:
        """The value is what the researcher checks: it gets the room. The other
        columns take shares of the table's width (not their contents', which a
        long alias or a longer language would grow; at 1024×600 fixed widths
        left the value 100 pixels); a cut text has its tooltip whole. Done the
        first time the preview is shown, once it has its size; a column the
        researcher widens then stays so."""
        if self._preview_fitted:
            return
        self._preview_fitted = True
        width = max(self.preview_view.viewport().width(), 480)
        header = self.preview_view.horizontalHeader()
        shares: tuple[tuple[int, float], ...] = ((PreviewModel.INTERVIEW, 0.15), (PreviewModel.QUESTIONNAIRE, 0.13),
                                                 (PreviewModel.QUESTION, 0.25), (PreviewModel.HOW, 0.16))
        if header.isSectionHidden(PreviewModel.QUESTIONNAIRE):  # one questionnaire: its share to the rest
            shares = ((PreviewModel.INTERVIEW, 0.14), (PreviewModel.QUESTION, 0.28), (PreviewModel.HOW, 0.25))
        for column, share in shares:
            header.resizeSection(column, int(width * share))

    def _intro_page(self) -> QWidget:
        page = QWidget(self)
        self.intro_text = _label(self.tr(
            "A bundle holds your completed interviews, pseudonymised and encrypted so that "
            "only the team lead can open it. Names, document numbers and other identifiers "
            "never leave this laptop. Free text leaves only if you let it, answer by answer."),
            page)
        self.all_box = QCheckBox(self.tr("Export &every completed interview again, not only "
                                         "the new or changed ones"), page)
        self.all_box.setAccessibleName(self.tr("Export every completed interview"))
        self.intro_status = _label("", page)
        self.intro_progress = QProgressBar(page)
        self.intro_progress.setAccessibleName(self.tr("Preparing"))
        self.intro_progress.hide()
        layout = QVBoxLayout(page)
        for w in (self.intro_text, self.all_box, self.intro_progress, self.intro_status):
            layout.addWidget(w)
        layout.addStretch(1)
        return page

    def _review_page(self) -> QWidget:
        page = QWidget(self)
        self.review_intro = _label(self.tr(
            "These answers are free text. They leave only if you let them. Read each one: "
            "anything marked in yellow is an identifier of that interview (a name, a "
            "document number) and must not leave. Withhold an answer when in doubt."), page)
        self.review_view = _table(self.review_model, self.tr("Answers to review"), page)
        self.review_view.horizontalHeader().setSectionResizeMode(
            ReviewModel.ANSWER, QHeaderView.ResizeMode.Stretch)
        self.review_view.horizontalHeader().setStretchLastSection(False)
        self.review_view.selectionModel().currentRowChanged.connect(lambda *_: self._show_review())
        self.review_model.dataChanged.connect(lambda *_: self._show_review())
        self.review_text = QLabel(page)
        self.review_text.setWordWrap(True)
        self.review_text.setTextFormat(Qt.TextFormat.RichText)
        # Readable but not selectable: answers never reach the clipboard.
        self.review_text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.review_text.setAccessibleName(self.tr("Answer under review"))
        self.review_text.setMinimumHeight(120)
        self.review_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.review_text.setStyleSheet("QLabel { border: 1px solid palette(mid); padding: 6px; }")
        self.keep_button = QPushButton(self.tr("&Let it leave"), page)
        self.withhold_button = QPushButton(self.tr("&Withhold"), page)
        self.keep_button.clicked.connect(lambda: self._decide(True))
        self.withhold_button.clicked.connect(lambda: self._decide(False))
        # Once read, let them all leave at once; any one can still be withheld.
        self.keep_all_button = QPushButton(self.tr("Let &all unmarked answers leave"), page)
        self.keep_all_button.setToolTip(self.tr(
            "Every answer without a yellow mark leaves; withhold any one afterwards."))
        self.keep_all_button.clicked.connect(self._keep_all)
        row = QHBoxLayout()
        row.addWidget(self.keep_all_button)
        row.addStretch(1)
        row.addWidget(self.keep_button)
        row.addWidget(self.withhold_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.review_intro)
        layout.addWidget(self.review_view, 1)
        layout.addWidget(self.review_text)
        layout.addLayout(row)
        return page

    def _attachments_page(self) -> QWidget:
        page = QWidget(self)
        intro = _label(self.tr(
            "Attachments leave only when ticked. Photos leave without their hidden details "
            "(camera, date, GPS position)."), page)
        self.attachments_view = _table(self.attachments_model, self.tr("Attachments"), page)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.attachments_view, 1)
        return page

    def _privacy_page(self) -> QWidget:
        page = QWidget(self)
        self.privacy_text = _label("", page)
        self.groups_list = QListWidget(page)
        self.groups_list.setAccessibleName(self.tr("Small groups"))
        self.groups_list.setWordWrap(True)
        self.groups_list.setAlternatingRowColors(True)
        self.choice_blank = QRadioButton(self.tr("&Blank those fields in this bundle "
                                                 "(recommended)"), page)
        self.choice_anyway = QRadioButton(self.tr("Export &anyway"), page)
        self.choice_cancel = QRadioButton(self.tr("&Cancel the export"), page)
        self.choices = QButtonGroup(page)
        for i, button in enumerate((self.choice_blank, self.choice_anyway, self.choice_cancel)):
            self.choices.addButton(button, i)
        self.choice_blank.setChecked(True)
        self.choices.idClicked.connect(lambda _id: self._update_buttons())
        self.privacy_progress = QProgressBar(page)
        self.privacy_progress.setAccessibleName(self.tr("Checking the groups"))
        self.privacy_progress.hide()
        layout = QVBoxLayout(page)
        layout.addWidget(self.privacy_text)
        layout.addWidget(self.privacy_progress)
        layout.addWidget(self.groups_list, 1)
        for button in (self.choice_blank, self.choice_anyway, self.choice_cancel):
            layout.addWidget(button)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        self.preview_summary = _label("", page)
        self.preview_summary.setTextFormat(Qt.TextFormat.PlainText)  # notes name stored types
        self.preview_filter = QLineEdit(page)
        self.preview_filter.setPlaceholderText(self.tr("Filter the preview"))
        self.preview_filter.setAccessibleName(self.tr("Filter the preview"))
        self.preview_filter.textChanged.connect(self.preview_proxy.setFilterFixedString)
        self.preview_filter.installEventFilter(self)
        self.preview_view = _table(self.preview_proxy, self.tr("Everything that will leave"), page)
        self.preview_view.setSortingEnabled(True)
        header = self.preview_view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (PreviewModel.INTERVIEW, PreviewModel.QUESTIONNAIRE, PreviewModel.QUESTION,
                       PreviewModel.HOW):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PreviewModel.VALUE, QHeaderView.ResizeMode.Stretch)
        self._preview_fitted = False
        self.preview_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.path_edit = QLineEdit(page)
        self.path_edit.setAccessibleName(self.tr("Save the bundle as"))
        path_label = QLabel(self.tr("&Save as:"), page)
        path_label.setBuddy(self.path_edit)
        browse = QPushButton(self.tr("B&rowse…"), page)
        browse.clicked.connect(self._browse)
        self.path_edit.textChanged.connect(lambda _t: self._update_buttons())
        row = QHBoxLayout()
        row.addWidget(path_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(page)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview_filter)
        layout.addWidget(self.preview_view, 1)
        layout.addLayout(row)
        return page

    def _run_page(self) -> QWidget:
        page = QWidget(self)
        self.run_status = _label("", page)
        self.run_progress = QProgressBar(page)
        self.run_progress.setAccessibleName(self.tr("Export progress"))
        layout = QVBoxLayout(page)
        layout.addWidget(self.run_status)
        layout.addWidget(self.run_progress)
        layout.addStretch(1)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Enter in the filter moves to the table; it must not start the export.
        if (watched is self.preview_filter and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.preview_view.setFocus()
            return True
        return super().eventFilter(watched, event)

