"""The interview list as a Qt table model that reads the vault a page at a time.

The model knows the number of rows matching the current filter (one
``count`` query) and fetches the rows of a page only when the view asks for
one of them, keeping a few pages cached. Sorting and filtering are done by
the vault's query, not by a proxy, so 100 000 interviews never sit in memory.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from testimonio.services.day_stamps import sent_date

log = logging.getLogger(__name__)

PAGE_SIZE = 200
CACHED_PAGES = 16

# column -> (attribute of a row, sort key of the query)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("alias", "alias"),
    ("site", "site"),
    ("form_id", "form"),
    ("created", "created"),
    ("status", "status"),
    ("updated", "updated"),
    ("interviewer", "interviewer"),  # last: the lead's column, narrow screens lose nothing
)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
# Built once: the view asks for the flags and seven roles of every visible cell
# at each paint, and combining Qt's enums in Python costs more than the lookup.
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE, STATUS_ROLE,
    Qt.ItemDataRole.AccessibleTextRole))


@dataclasses.dataclass
class ListFilter:
    """What the list shows: filters, search text and sort order."""

    site: str | None = None
    status: str | None = None
    form_id: str | None = None
    interviewer: str | None = None
    search: str = ""
    sort: str = "updated"
    descending: bool = True


def _get(row: Any, name: str) -> Any:
    if isinstance(row, dict):
        return row.get(name)
    return getattr(row, name, None)


def _when(value: Any) -> str:
    if value is None or value == "":
        return ""
    sent = sent_date(value)
    if sent is not None:
        # An imported interview carries its day, or only its month (the bundle
        # leaves no times): shown as sent, with no made-up "00:00", no first of
        # the month and no shift by time zone (vault/day_stamps.py).
        return sent
    if isinstance(value, (int, float)):
        value = datetime.fromtimestamp(value)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone()
        return str(value.strftime("%Y-%m-%d %H:%M"))
    return str(value)


class InterviewTableModel(QAbstractTableModel):
    """Interviews matching a :class:`ListFilter`, read lazily from the vault."""

    def __init__(self, service: Any = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._service = service
        self.filter = ListFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self.queries = 0  # how many page queries ran (for tests and the bench)
        self._headers = (
            self.tr("Alias"), self.tr("Site"), self.tr("Questionnaire"), self.tr("Date"),
            self.tr("Status"), self.tr("Last change"), self.tr("Researcher"),
        )
        self.titles: dict[str, str] = {}  # form id -> questionnaire title
        self._status_words = {"draft": self.tr("Draft"), "complete": self.tr("Complete")}
        #: interview ids -> the day the lead received them (issue 12); set by the view.
        self.received_source: Any = None
        self._received: dict[str, str] = {}
        if service is not None:
            self.refresh()

    # --- data source ---------------------------------------------------------
    def set_service(self, service: Any) -> None:
        """Read from ``service`` (an InterviewService), or nothing when None."""
        self.beginResetModel()
        self._service = service
        self._pages.clear()
        self._count = self._fetch_count()
        self.endResetModel()

    def clear(self) -> None:
        """Forget the service and every cached row (on lock)."""
        self.set_service(None)

    def set_filter(self, **changes: Any) -> None:
        """Change filters/search/sort and show the first rows again."""
        self.filter = dataclasses.replace(self.filter, **changes)
        self.refresh()

    def refresh(self) -> None:
        """Count again and drop cached pages (after a change in the vault)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = self._fetch_count()
        self.endResetModel()

    def _fetch_count(self) -> int:
        if self._service is None:
            return 0
        # The first page is needed at once anyway: it comes with the count, in
        # one read that shares the work of a search with a filter.
        first, total = self._service.page_and_count(self._query(0, PAGE_SIZE))
        self._keep(0, list(first))
        return int(total)

    def _query(self, offset: int = 0, limit: int = PAGE_SIZE) -> Any:
        from testimonio.services.interviews import InterviewQuery

        f = self.filter
        return InterviewQuery(
            site=f.site or None, status=f.status or None, form_id=f.form_id or None,
            interviewer=f.interviewer or None, search=f.search.strip() or None, sort=f.sort, descending=f.descending,
            offset=offset, limit=limit,
        )

    def _page(self, number: int) -> list[Any]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        # The count kept with the first page: a page nearer the end is read from there.
        page = list(self._service.page(self._query(number * PAGE_SIZE, PAGE_SIZE), total=self._count))
        self._keep(number, page)
        return page

    def _keep(self, number: int, page: list[Any]) -> None:
        """Cache a page just read (the oldest go beyond :data:`CACHED_PAGES`)."""
        self.queries += 1
        if self.received_source is not None:
            self._received.update(self.received_source([str(_get(i, "id")) for i in page]))
        self._pages[number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)

    def row_at(self, row: int) -> Any:
        """The service's row object at ``row``, or None."""
        if self._service is None or not 0 <= row < self._count:
            return None
        page = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def interview_id(self, row: int) -> str | None:
        """The id of the interview at ``row``."""
        item = self.row_at(row)
        return None if item is None else str(_get(item, "id"))

    def row_of(self, interview_id: str) -> int:
        """The row of an interview among the cached pages, or -1."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if str(_get(item, "id")) == interview_id:
                    return number * PAGE_SIZE + offset
        return -1

    # --- Qt model ------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        if int(role) not in _ROLES:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[index.column()][0] != "form_id":
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        if role == ID_ROLE:
            return str(_get(item, "id"))
        status = str(_get(item, "status") or "")
        if role == STATUS_ROLE:
            return status
        attribute = COLUMNS[index.column()][0]
        value = _get(item, attribute)
        if attribute == "form_id":
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("{form} version {version}").format(
                    form=value, version=_get(item, "form_version") or "")
            value = self.titles.get(str(value), value)
        elif attribute == "created":
            return _when(value)[:10]  # the interview's date
        elif attribute == "updated":
            return _when(value)
        elif attribute == "status":
            day = self._received.get(str(_get(item, "id")))
            if day:
                return self.tr("Received by the lead on %1").replace("%1", day)
            return self._status_words.get(status, status)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.set_filter(sort=COLUMNS[column][1],
                        descending=order == Qt.SortOrder.DescendingOrder)
