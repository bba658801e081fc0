"""Column titles measured in the font they are drawn in.

A table that selects whole rows draws every column title in bold (Qt bolds
the titles of selected sections) but cuts a long title to fit by the
header's own, regular font: a title a little too wide was clipped at both
ends ("erson/alias") instead of shortened with "…". The header's font is
made bold outright, so the title is measured as it is drawn, and it looks the
same with or without a selected row. A header cuts nothing by default (Qt's
``ElideNone``): each table says where its titles are cut.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

View = TypeVar("View", bound=QTableView)


def steady_header(view: View, cut: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> View:
    """``view`` with its column titles in bold, cut to fit in bold at ``cut``
    ("Questionna…"; a path says more by its end: ElideLeft, "…/gender")."""
    header = view.horizontalHeader()
    header.setTextElideMode(cut)
    font = header.font()
    font.setBold(True)
    header.setFont(font)
    return view
