"""Column titles measured in the font they are drawn in.

A table that selects whole rows draws every column title in bold (Qt bolds
the titles of selected sections) but cuts a long title to fit by the
header's own, regular font: a title a little too wide was clipped at both
ends ("erson/alias") instead of shortened with "…". The header's font is
made bold outright, so the title is measured as it is drawn, and it looks the
same with or without a selected row. A header cuts nothing by default (Qt's
``ElideNone``): each table says where its titles are cut.

Titles that are answer paths (the data view's, as the report names its
columns) are cut by :class:`PathHeader` to their last step ("…/gender").
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeaderV2, QTableView, QWidget

View = TypeVar("View", bound=QTableView)


def steady_header(view: View, cut: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> View:
    """``view`` with its column titles in bold, cut to fit in bold at ``cut``
    ("Questionna…"; titles that are answer paths: :func:`path_header`)."""
    header = view.horizontalHeader()
    header.setTextElideMode(cut)
    font = header.font()
    font.setBold(True)
    header.setFont(font)
    return view


def path_title(text: str, metrics: QFontMetrics, room: int) -> str:
    """A column title that is an answer path, as it fits in ``room`` pixels: the
    whole path, else "…/" and its last step ("…/gender"), else that cut at its
    end ("…/relatio…"); a name in no group is cut at its end ("interview_d…")."""
    if metrics.horizontalAdvance(text) <= room:
        return text
    if "/" in text:
        text = "…/" + text.rpartition("/")[2]
        if metrics.horizontalAdvance(text) <= room:
            return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))


class PathHeader(QHeaderView):
    """Column titles that are answer paths, cut to what says most (:func:`path_title`).

    Qt cuts a title at one end, character by character: "…son/alias" kept a
    piece of the group's name and too little of the question's.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:  # noqa: N802 - Qt's name
        if not rect.isValid():
            return
        option = self._option(logical)
        option.rect = rect
        style = self.style()
        room = style.subElementRect(QStyle.SubElement.SE_HeaderLabel, option, self).width()
        option.text = path_title(option.text, QFontMetrics(self.font()), room)
        # Cut here, once: the style would cut it again, to the label's rect less
        # its margins a second time ("person/a…" where "person/age" fits).
        option.textElideMode = Qt.TextElideMode.ElideNone
        style.drawControl(QStyle.ControlElement.CE_Header, option, painter, self)

    def _option(self, section: int) -> QStyleOptionHeaderV2:
        """How the style draws ``section``'s title (its text the model's), as Qt's own paintSection."""
        option = QStyleOptionHeaderV2()
        self.initStyleOption(option)
        self.initStyleOptionForIndex(option, section)
        return option

    def fit_sections(self, widest: float) -> None:
        """See :func:`fit_path_columns`."""
        default = self.defaultSectionSize()
        most = int(default * widest)
        style = self.style()
        for section in range(self.count()):
            option = self._option(section)
            text = option.text
            for shown in (text, "…/" + text.rpartition("/")[2]) if "/" in text else (text,):
                option.text = shown
                wide = style.sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), self).width()
                if wide <= most:
                    break
            self.resizeSection(section, max(default, min(most, wide)))


def path_header(view: View) -> View:
    """``view`` with :class:`PathHeader` column titles, bold as :func:`steady_header`'s."""
    old = view.horizontalHeader()
    header = PathHeader(view)
    header.setSectionsClickable(old.sectionsClickable())
    header.setHighlightSections(old.highlightSections())
    header.setStretchLastSection(old.stretchLastSection())
    header.setDefaultAlignment(old.defaultAlignment())
    view.setHorizontalHeader(header)
    return steady_header(view)


def fit_path_columns(view: QTableView, widest: float = 1.8) -> None:
    """Columns titled by answer paths made wide enough for the whole path, or else
    for "…/" and its last step, between the header's default width and ``widest``
    times it (two columns "…/occup…" told nothing apart)."""
    header = view.horizontalHeader()
    if isinstance(header, PathHeader):
        header.fit_sections(widest)
