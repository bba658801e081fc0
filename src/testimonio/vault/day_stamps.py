"""The dates an imported interview carries, as stored and as shown.

A bundle gives an interview's start and completion as a day, or, by default,
as the month only (``exchange/pseudonymise.metadata_date``). The lead's vault
keeps them in the same timestamp columns as its own interviews, so that lists
sort and filter alike, with a fixed time that says how much was sent:

- a day: ``2026-12-17T00:00:00.000Z``;
- a month: its first day, ``2026-12-01T00:00:00Z`` (no milliseconds).

What the lead sees (the list, the data view, CSV and XLSX) is what was sent:
``2026-12-17`` or ``2026-12``, never a first of the month that nobody said.
Interviews imported before this convention carry ``…-01T00:00:00.000Z`` for a
month too; those show as the first day, as before.

A filter by day (``repo_dataview.where``) keeps a month that overlaps it: one
"from the 5th" keeps the interviews sent as "that month", which may have been
taken on any of its days.
"""

from __future__ import annotations

import re

DAY_TIME = "T00:00:00.000Z"  # an imported day
MONTH_TIME = "T00:00:00Z"  # an imported month, stamped on its first day
NO_DATE = "1970-01-01" + DAY_TIME  # a record that carried no date

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")


def month_stamp(month: str) -> str:
    """The stored timestamp of a month sent without its day ("2026-12")."""
    return f"{month}-01{MONTH_TIME}"


def imported_stamp(sent: object) -> str:
    """The stored timestamp of a date as a bundle sent it (a day or a month)."""
    if isinstance(sent, str) and _MONTH.fullmatch(sent):
        return month_stamp(sent)
    if isinstance(sent, str) and _DAY.fullmatch(sent):
        return sent + DAY_TIME
    return NO_DATE


def sent_date(stamp: object) -> str | None:
    """The date as the bundle sent it, for a stamp :func:`imported_stamp` wrote;
    None for anything else (an interview taken in this vault)."""
    if not isinstance(stamp, str) or len(stamp) < 10 or not _DAY.fullmatch(stamp[:10]):
        return None
    rest = stamp[10:]
    if rest == MONTH_TIME and stamp[8:10] == "01":
        return stamp[:7]
    if rest == DAY_TIME:
        return stamp[:10]
    return None


def shown_day(stamp: object) -> str:
    """The day (or the month, where only the month was sent) of a stored timestamp."""
    sent = sent_date(stamp)
    if sent is not None:
        return sent
    return str(stamp)[:10] if stamp is not None else ""
