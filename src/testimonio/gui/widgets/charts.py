"""Small charts drawn with QPainter (QtCharts is not part of PySide6-Essentials).

Three kinds, enough for the lead's summary page:

- :class:`WaffleChart` — one square per person, coloured by category: "4 of 35
  held a humanitarian visa, 3 of them were still refused" is seen at a glance.
- :class:`BarChart` — horizontal bars with counts and shares, optionally with
  a darker part inside each bar (e.g. refused among those who held a visa).
- :class:`DistributionChart` — one row per group (site, gender): every value
  as a dot, the middle half as a box, the median as a line.

Each chart takes plain Python data, repaints itself, and describes its data in
its accessible description so a screen reader user gets the figures too.
Their axes' round steps and quantiles are :mod:`testimonio.gui.widgets.chart_scale`;
saving one to a file, :mod:`testimonio.gui.widgets.chart_files`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from testimonio.gui.widgets.chart_scale import nice_max, nice_step, quantile

# Okabe–Ito: colours told apart by people with colour-blindness too.
PALETTE = (
    QColor("#0072B2"),  # blue
    QColor("#D55E00"),  # vermilion
    QColor("#009E73"),  # green
    QColor("#E69F00"),  # orange
    QColor("#CC79A7"),  # purple
    QColor("#56B4E9"),  # sky
    QColor("#F0E442"),  # yellow
)
EMPTY_COLOUR = QColor("#D9D9D9")
_MARGIN = 10


def _colour(index: int) -> QColor:
    return PALETTE[index % len(PALETTE)]


def _share(part: float, whole: float) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


class _Chart(QWidget):
    """Shared frame: a title, an empty-state sentence, an accessible summary."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._empty_text = self.tr("No data yet.")
        # Never taller than needed: the summary page stacks charts in a scroll area.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so screen readers read it
        self.setAccessibleName(title)

    def title(self) -> str:
        return self._title

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # Never squeezed below the height the data needs: the page scrolls instead.
        return QSize(200, self.sizeHint().height())

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.update()

    def set_empty_text(self, text: str) -> None:
        """The sentence shown when there is nothing to draw."""
        self._empty_text = text
        self.update()

    def is_empty(self) -> bool:
        raise NotImplementedError

    def summary_text(self) -> str:
        """The chart's figures as sentences (accessible description, tooltip)."""
        raise NotImplementedError

    def _refresh(self) -> None:
        text = self.summary_text()
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.updateGeometry()
        self.update()

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        return font

    def _begin(self, painter: QPainter) -> float:
        """Paint background and title; return the y where content starts."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        y = float(_MARGIN)
        if self._title:
            painter.setFont(self._title_font())
            painter.setPen(self.palette().text().color())
            fm = painter.fontMetrics()
            painter.drawText(QRectF(_MARGIN, y, self.width() - 2 * _MARGIN, fm.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
            y += fm.height() + 6
        painter.setFont(self.font())
        if self.hasFocus():
            pen = QPen(self.palette().highlight().color(), 2)
            painter.setPen(pen)
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        return y

    def _paint_empty(self, painter: QPainter, top: float) -> None:
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(QRectF(0, top, self.width(), self.height() - top),
                         Qt.AlignmentFlag.AlignCenter, self._empty_text)

    def _title_height(self) -> int:
        return QFontMetrics(self._title_font()).height() + 6 if self._title else 0


@dataclass(frozen=True)
class Segment:
    """One category of a waffle chart: a label, a count and its colour index.

    ``shown``: the words said instead of a count that is not shown ("fewer
    than 5"); such a segment has no squares of its own.
    """

    label: str
    count: int
    colour: int = 0
    shown: str = ""


class WaffleChart(_Chart):
    """One square per person out of ``total``; segments coloured in order."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._total = 0
        self._segments: list[Segment] = []
        self._rest_label = ""
        self._rest: int | str | None = None
        self._refresh()

    def set_data(self, total: int, segments: Sequence[Segment], rest_label: str = "",
                 rest: int | str | None = None) -> None:
        """``segments`` are drawn first, in order; then the rest, grey: ``rest``
        of them (by default all the others), or words instead of a count that is
        not shown. Squares of no segment shown (not shown, or a rest not shown)
        are drawn as outlines."""
        self._total = max(total, sum(s.count for s in segments if not s.shown))
        self._segments = list(segments)
        self._rest_label = rest_label
        self._rest = rest
        self._refresh()

    def _rest_count(self) -> int:
        """Grey squares: the rest given, or every square no segment took."""
        if isinstance(self._rest, int):
            return self._rest
        if isinstance(self._rest, str):
            return 0
        return self._total - sum(s.count for s in self._segments if not s.shown)

    def _entries(self) -> list[tuple[str, str, QColor | None]]:
        """The legend: (label, count or words, colour; None: drawn as an outline)."""
        entries: list[tuple[str, str, QColor | None]] = [
            (s.label, s.shown or f"{s.count} ({_share(s.count, self._total)})",
             None if s.shown else _colour(s.colour)) for s in self._segments]
        if self._rest_label:
            rest = self._rest_count()
            entries.append((self._rest_label, self._rest if isinstance(self._rest, str)
                            else f"{rest} ({_share(rest, self._total)})",
                            None if isinstance(self._rest, str) else EMPTY_COLOUR))
        return entries

    def is_empty(self) -> bool:
        return self._total == 0

    def summary_text(self) -> str:
        if self.is_empty():
            return self._empty_text
        parts = [self.tr("%1 of %2: %3").replace("%1", s.shown or str(s.count)).replace(
            "%2", str(self._total)).replace("%3", s.label) for s in self._segments]
        return "; ".join(parts) + "."

    def _columns(self) -> int:
        return 20 if self._total > 60 else 10 if self._total > 10 else max(self._total, 1)

    def sizeHint(self) -> QSize:
        rows = math.ceil(self._total / self._columns()) if self._total else 2
        legend = QFontMetrics(self.font()).height() * (len(self._segments) + 1) + 8
        return QSize(360, self._title_height() + 2 * _MARGIN + rows * 22 + legend)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        top = self._begin(painter)
        if self.is_empty():
            self._paint_empty(painter, top)
            return
        cols = self._columns()
        rows = math.ceil(self._total / cols)
        fm = painter.fontMetrics()
        legend_h = fm.height() * (len(self._segments) + (1 if self._rest_label else 0)) + 8
        avail_h = self.height() - top - legend_h - _MARGIN
        cell = max(6.0, min(24.0, (self.width() - 2 * _MARGIN) / cols, avail_h / max(rows, 1)))
        colours: list[QColor | None] = [_colour(s.colour) for s in self._segments if not s.shown
                                        for _ in range(s.count)]
        colours += [EMPTY_COLOUR] * self._rest_count()
        outline = QPen(EMPTY_COLOUR.darker(130))  # a square of a count not shown
        for i in range(self._total):
            r, c = divmod(i, cols)
            colour = colours[i] if i < len(colours) else None
            painter.setPen(Qt.PenStyle.NoPen if colour is not None else outline)
            painter.setBrush(colour if colour is not None else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(_MARGIN + c * cell, top + r * cell, cell - 3, cell - 3), 2, 2)
        y = top + rows * cell + 6
        for label, count, key in self._entries():
            painter.setPen(Qt.PenStyle.NoPen if key is not None else outline)
            painter.setBrush(key if key is not None else Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(_MARGIN, y + fm.height() / 2 - 5, 10, 10))
            painter.setPen(self.palette().text().color())
            painter.drawText(QPointF(_MARGIN + 16, y + fm.ascent()), f"{count}  {label}")
            y += fm.height()


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value, and optionally a darker part of it.

    ``shown``: the words said instead of a value that is not shown ("fewer
    than 5"); such a bar is not drawn.
    """

    label: str
    value: float
    part: float | None = None
    shown: str = ""


class BarChart(_Chart):
    """Horizontal bars with their counts; shares of ``total`` when given."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._bars: list[Bar] = []
        self._total: float | None = None
        self._part_label = ""
        self._value_label = ""
        self._colour = 0
        self._refresh()

    def set_data(self, bars: Sequence[Bar], total: float | None = None,
                 part_label: str = "", colour: int = 0, value_label: str = "") -> None:
        """Bars top to bottom; ``part_label`` names the darker part, if any,
        and ``value_label`` the whole bar in the legend."""
        self._bars = list(bars)
        self._total = total
        self._part_label = part_label
        self._value_label = value_label
        self._colour = colour
        self._refresh()

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def is_empty(self) -> bool:
        return not self._bars or all(b.value == 0 and not b.shown for b in self._bars)

    def summary_text(self) -> str:
        if self.is_empty():
            return self._empty_text
        out = []
        for b in self._bars:
            text = f"{b.label}: {b.shown or _fmt(b.value)}"
            if b.part is not None and self._part_label and not b.shown:
                text += f" ({_fmt(b.part)} {self._part_label})"
            out.append(text)
        return "; ".join(out) + "."

    def _row_height(self) -> int:
        return max(22, QFontMetrics(self.font()).height() + 8)

    def sizeHint(self) -> QSize:
        legend = QFontMetrics(self.font()).height() + 6 if self._part_label else 0
        rows = max(len(self._bars), 2)
        return QSize(420, self._title_height() + 2 * _MARGIN + rows * self._row_height() + legend)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        top = self._begin(painter)
        if self.is_empty():
            self._paint_empty(painter, top)
            return
        fm = painter.fontMetrics()
        label_w = min(max(fm.horizontalAdvance(b.label) for b in self._bars) + 16,
                      int(self.width() * 0.45))
        value_w = max(fm.horizontalAdvance(self._value_text(b)) for b in self._bars) + 8
        x0 = _MARGIN + label_w
        span = max(10.0, self.width() - x0 - value_w - _MARGIN)
        top_value = max(b.value for b in self._bars)
        row_h = self._row_height()
        base = _colour(self._colour)
        light = QColor(base)
        light.setAlpha(90)
        text_colour = self.palette().text().color()
        for i, b in enumerate(self._bars):
            y = top + i * row_h
            painter.setPen(text_colour)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.drawText(QRectF(_MARGIN, y, label_w - 8, row_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            width = span * b.value / top_value if top_value else 0
            bar = QRectF(x0, y + 4, max(width, 1.0 if b.value else 0.0), row_h - 8)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(light if b.part is not None else base)
            painter.drawRect(bar)
            if b.part is not None and top_value:
                painter.setBrush(base)
                painter.drawRect(QRectF(x0, y + 4, span * b.part / top_value, row_h - 8))
            painter.setPen(text_colour)
            painter.drawText(QRectF(x0 + width + 6, y, value_w, row_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self._value_text(b))
        if self._part_label:
            y = top + len(self._bars) * row_h + 4
            x = float(x0)
            for colour, text in ((light, self._value_label), (base, self._part_label)):
                if not text:
                    continue
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRect(QRectF(x, y + fm.height() / 2 - 5, 10, 10))
                painter.setPen(text_colour)
                painter.drawText(QPointF(x + 16, y + fm.ascent()), text)
                x += 16 + fm.horizontalAdvance(text) + 20

    def _value_text(self, bar: Bar) -> str:
        if bar.shown:
            return bar.shown
        text = _fmt(bar.value)
        if self._total:
            text += f" ({_share(bar.value, self._total)})"
        if bar.part is not None and bar.value:
            text += f", {_fmt(bar.part)} {self._part_label}"
        return text


@dataclass(frozen=True)
class Distribution:
    """The values of one group (e.g. days waited by the women at one site)."""

    label: str
    values: tuple[float, ...]


class DistributionChart(_Chart):
    """Per group: dots for every value, a box for the middle half, the median."""

    def __init__(self, title: str = "", unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._groups: list[Distribution] = []
        self._left_out: list[str] = []
        self._unit = unit
        self._refresh()

    def set_data(self, groups: Sequence[Distribution]) -> None:
        """Groups without values (not shown: their labels say why) are listed under the chart."""
        self._groups = [g for g in groups if g.values]
        self._left_out = [g.label for g in groups if not g.values]
        self._refresh()

    def left_out_text(self) -> str:
        """The line that lists the groups not shown ("" when every group is)."""
        return self.tr("Not shown: %1.").replace("%1", "; ".join(self._left_out)) if self._left_out else ""

    def set_unit(self, unit: str) -> None:
        """The name of the axis' unit, e.g. "days"."""
        self._unit = unit
        self.update()

    def groups(self) -> list[Distribution]:
        return list(self._groups)

    def is_empty(self) -> bool:
        return not self._groups

    def summary_text(self) -> str:
        if self.is_empty():
            return self.left_out_text() or self._empty_text
        out = []
        for g in self._groups:
            out.append(self.tr("%1: %2 people, median %3, from %4 to %5")
                       .replace("%1", g.label).replace("%2", str(len(g.values)))
                       .replace("%3", _fmt(quantile(g.values, 0.5)))
                       .replace("%4", _fmt(min(g.values))).replace("%5", _fmt(max(g.values))))
        return " ".join(("; ".join(out) + ".", self.left_out_text())).strip()

    def _row_height(self) -> int:
        return max(30, QFontMetrics(self.font()).height() + 14)

    def sizeHint(self) -> QSize:
        axis = QFontMetrics(self.font()).height() * (3 if self._left_out else 2) + 8
        rows = max(len(self._groups), 2)
        return QSize(480, self._title_height() + 2 * _MARGIN + rows * self._row_height() + axis)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        top = self._begin(painter)
        if self.is_empty():
            if self._left_out:  # every group hidden: said so, not "no data yet"
                painter.setPen(self.palette().placeholderText().color())
                painter.drawText(QRectF(_MARGIN, top, self.width() - 2 * _MARGIN, self.height() - top),
                                 Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.left_out_text())
                return
            self._paint_empty(painter, top)
            return
        fm = painter.fontMetrics()
        labels = [f"{g.label} (n={len(g.values)})" for g in self._groups]
        label_w = min(max(fm.horizontalAdvance(t) for t in labels) + 18, int(self.width() * 0.4))
        x0 = _MARGIN + label_w
        span = max(10.0, self.width() - x0 - 2 * _MARGIN)
        end = nice_max(max(max(g.values) for g in self._groups))
        row_h = self._row_height()
        text_colour = self.palette().text().color()
        grid = QColor(text_colour)
        grid.setAlpha(40)

        def x_of(v: float) -> float:
            return x0 + span * v / end

        bottom = top + len(self._groups) * row_h
        step = nice_step(max(max(g.values) for g in self._groups))
        for t in range(round(end / step) + 1):  # grid lines and ticks at round values
            v = step * t
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x_of(v), top), QPointF(x_of(v), bottom))
            painter.setPen(text_colour)
            tick = _fmt(v)
            painter.drawText(QPointF(x_of(v) - fm.horizontalAdvance(tick) / 2, bottom + fm.ascent() + 2), tick)
        if self._unit:
            painter.drawText(QRectF(x0, bottom + fm.height() + 2, span, fm.height()),
                             Qt.AlignmentFlag.AlignHCenter, self._unit)
        if self._left_out:
            painter.drawText(QRectF(_MARGIN, bottom + 2 * fm.height() + 4, self.width() - 2 * _MARGIN, fm.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             fm.elidedText(self.left_out_text(), Qt.TextElideMode.ElideRight,
                                           self.width() - 2 * _MARGIN))
        for i, g in enumerate(self._groups):
            y = top + i * row_h
            mid = y + row_h / 2
            colour = _colour(i)
            painter.setPen(text_colour)
            painter.drawText(QRectF(_MARGIN, y, label_w - 10, row_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(labels[i], Qt.TextElideMode.ElideRight, label_w - 8))
            q1, med, q3 = (quantile(g.values, q) for q in (0.25, 0.5, 0.75))
            painter.setPen(QPen(colour, 1))
            painter.drawLine(QPointF(x_of(min(g.values)), mid), QPointF(x_of(max(g.values)), mid))
            box = QColor(colour)
            box.setAlpha(60)
            painter.setBrush(box)
            painter.drawRect(QRectF(x_of(q1), mid - row_h * 0.3, max(x_of(q3) - x_of(q1), 1.0), row_h * 0.6))
            painter.setPen(QPen(colour.darker(130), 3))
            painter.drawLine(QPointF(x_of(med), mid - row_h * 0.35), QPointF(x_of(med), mid + row_h * 0.35))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for j, v in enumerate(g.values):
                # Deterministic jitter so equal values stay visible and repaints do not dance.
                dy = ((j * 7919) % 11 - 5) / 5 * row_h * 0.2
                painter.drawEllipse(QPointF(x_of(v), mid + dy), 3, 3)
