"""Kyiv time: reports give local clock times and day-month dates without a year; the year
comes from the publication time (a 1 January post about the night of 31 December)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from skyledger.models import KYIV


def local_date(moment: datetime | None) -> date | None:
    """The Kyiv calendar date of an aware moment."""
    return moment.astimezone(KYIV).date() if moment is not None else None


def resolve_date(day: int, month: int, year: int | None, published: datetime | None) -> date | None:
    """A day and month, in the year stated, else the latest such date no more than two days
    after the publication date (reports tell of the past: a 1 January post about the night of
    31 December, a December post quoting 10 February)."""
    if year is not None:
        return _safe_date(year, month, day)
    ref = local_date(published)
    if ref is None:
        return None
    latest = ref + timedelta(days=2)
    years = (ref.year + 1, ref.year, ref.year - 1)
    candidates = [d for y in years if (d := _safe_date(y, month, day)) and d <= latest]
    return max(candidates, default=None)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def kyiv_at(day: date, hour: int, minute: int) -> datetime | None:
    """Local clock time on a date as an aware datetime with the Kyiv offset of that moment."""
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    if hour == 24:
        day, hour = day + timedelta(days=1), 0
    return datetime.combine(day, time(hour, minute), tzinfo=KYIV)
