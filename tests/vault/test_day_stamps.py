"""Imported interviews carry a day or a month: stored so that the lead is shown what was sent."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from testimonio.vault.day_stamps import NO_DATE, imported_stamp, sent_date, shown_day
from testimonio.vault.records import now

_days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@given(_days)
def test_a_day_and_a_month_come_back_as_sent(day: dt.date) -> None:
    text = day.isoformat()
    assert sent_date(imported_stamp(text)) == text
    assert sent_date(imported_stamp(text[:7])) == text[:7]
    assert shown_day(imported_stamp(text[:7])) == text[:7]
    # Both sort where their day does, so lists and filters by date still order them.
    assert imported_stamp(text[:7] + "-01") < imported_stamp(text[:7]) < text[:7] + "-02"


def test_a_first_of_the_month_sent_as_a_day_is_not_taken_for_a_month() -> None:
    assert shown_day(imported_stamp("2026-12-01")) == "2026-12-01"
    assert shown_day(imported_stamp("2026-12")) == "2026-12"


def test_own_interviews_and_missing_dates_are_not_taken_for_imported_ones() -> None:
    own = now()
    assert sent_date(own) is None and shown_day(own) == own[:10]
    assert imported_stamp(None) == NO_DATE and imported_stamp("17/12/2026") == NO_DATE
    assert sent_date("2026-12-01T00:00:00") is None and sent_date("2026-12-17T00:00:00Z") is None
    assert shown_day(None) == "" and sent_date(12) is None
